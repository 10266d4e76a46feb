import { setTimeout as sleep } from 'node:timers/promises';
import { createRandom } from '@wattsup/contracts';
import { z } from 'zod';
import { CAR_MODELS } from '../charger/cars';
import type { ConnectorRates } from '../charger/connector.machine';
import { OcppCharger } from '../ocpp/ocpp-charger';
import { CITIES, cityBbox } from '../provisioning/areas';
import { HubApi } from '../provisioning/hub-api';
import { provisionChargers } from '../provisioning/provision';
import { newFleetStats } from '../stats';
import { eventually, type HubProcess, startHubProcess } from '../support/hub-process';
import { type ChargePoint, VehicleDriver } from './vehicle-driver';
import { newVehicle } from './vehicle.machine';

/**
 * A simulated car and a simulated OCPP charger against the real hub: the driver reserves through
 * the API, the hub holds the connector with ReserveNow, the car plugs in, charges and leaves, and
 * the hub's reservation goes ACTIVE → IN_USE → COMPLETED.
 */
jest.setTimeout(90_000);

const QUIET: ConnectorRates = {
  arrivalsPerHour: 0,
  reservedArrivalsPerHour: 0,
  faultsPerHour: 0,
  repairsPerHour: 0,
};
const chargerConnectors = z.object({
  identity: z.string(),
  connectors: z.array(z.object({ status: z.string() })),
});
const mine = z.array(z.object({ id: z.string(), status: z.string(), terminalId: z.string() }));

describe('a simulated car against the real hub', () => {
  let hub: HubProcess;
  let charger: OcppCharger;

  beforeAll(async () => {
    hub = await startHubProcess();
  });

  afterAll(async () => {
    await charger?.stop();
    await hub?.stop();
  });

  it('reserves, drives, charges and leaves: ACTIVE → IN_USE → COMPLETED', async () => {
    const area = cityBbox(CITIES.lyon);
    const admin = new HubApi(hub.url);
    await admin.login(hub.adminEmail, hub.adminPassword);
    const [spec] = await provisionChargers(admin, {
      area,
      chargers: 1,
      protocols: { 'ocpp1.6': 1 },
      seed: 5,
      secret: 'test-secret',
    });
    const stats = newFleetStats();
    charger = new OcppCharger(
      { ...spec, protocol: 'ocpp1.6' },
      { hubUrl: hub.url, random: createRandom(1), rates: () => QUIET, stats, log: () => undefined },
    );
    await charger.start();
    // The driver picks among terminals the hub shows free: wait until the hub shows them all.
    await eventually(async () => {
      const { connectors } = await admin.get(
        `/api/v1/admin/chargers?identity=${spec.identity}`,
        z
          .array(chargerConnectors)
          .transform((list) => list.find((c) => c.identity === spec.identity)!),
      );
      expect(connectors.map((connector) => connector.status)).toEqual(
        connectors.map(() => 'AVAILABLE'),
      );
    });
    const chargePoints = new Map<string, ChargePoint>(
      spec.connectors.map(({ connectorId, terminalId }) => [
        terminalId,
        {
          terminalId,
          position: { lon: spec.lon, lat: spec.lat },
          connector: charger.state.connectors.find((c) => c.id === connectorId)!,
          plugIn: (car) => charger.plugIn(connectorId, car),
        },
      ]),
    );

    const driverApi = new HubApi(hub.url);
    await driverApi.register('driver@wattsup.test', 'correct horse battery');
    const random = createRandom(9);
    const vehicle = newVehicle('car-1', CAR_MODELS[0][0], random, area);
    Object.assign(vehicle, {
      socPct: 12,
      position: { lon: spec.lon + 0.01, lat: spec.lat },
      phase: 'parked',
      parkedS: 0,
    });
    const driver = new VehicleDriver(vehicle, {
      api: driverApi,
      chargePoints,
      random,
      area,
      stats,
      log: () => undefined,
    });
    const reservations = () => driverApi.get('/api/v1/reservations/mine', mine);
    /**
     * Simulated minutes for the car and the charger, with real pauses for the API calls and the
     * sockets: a seeking car stands still until its driver hears back from the hub. The hub
     * measures each session's power over wall-clock time, so even at this acceleration a session
     * must last a few real seconds to look like a charger's and not a power station's.
     */
    const run = async (until: () => boolean, maxMinutes: number) => {
      for (let minute = 0; minute < maxMinutes && !until(); minute++) {
        driver.tick(60);
        charger.tick(60, Date.now());
        await sleep(50);
      }
    };

    await run(() => vehicle.phase === 'toCharger', 200);
    const [held] = await reservations();
    expect(held).toMatchObject({ status: 'ACTIVE', terminalId: chargePoints.keys().next().value });
    expect(charger.state.connectors[0].phase).toBe('Reserved');

    await run(() => vehicle.phase === 'plugged', 30);
    expect(driver.pluggedIn).toBe(true);
    await eventually(async () => expect((await reservations())[0].status).toBe('IN_USE'));

    const socAtPlugIn = vehicle.socPct;
    await run(() => vehicle.phase !== 'plugged', 8 * 60);
    expect(vehicle.phase).toBe('driving');
    expect(vehicle.socPct).toBeGreaterThan(socAtPlugIn + 5);
    await eventually(async () => expect((await reservations())[0].status).toBe('COMPLETED'));
    expect(stats.reservations).toBe(1);
  });
});

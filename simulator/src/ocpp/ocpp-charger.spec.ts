import { createRandom, type OcppProtocol } from '@wattsup/contracts';
import { z } from 'zod';
import { cityBbox, CITIES } from '../provisioning/areas';
import { HubApi } from '../provisioning/hub-api';
import { type ProvisionedCharger, provisionChargers } from '../provisioning/provision';
import { newFleetStats } from '../stats';
import { eventually, type HubProcess, startHubProcess } from '../support/hub-process';
import type { ConnectorRates } from '../charger/connector.machine';
import { OcppCharger } from './ocpp-charger';

/**
 * Simulated chargers of both OCPP versions against the real, compiled hub: provisioned through the
 * admin API, then driven by the hub's own admin command endpoint.
 */
jest.setTimeout(90_000);

const QUIET: ConnectorRates = {
  arrivalsPerHour: 0,
  reservedArrivalsPerHour: 0,
  faultsPerHour: 0,
  repairsPerHour: 0,
};

const chargerView = z.object({
  id: z.string(),
  identity: z.string(),
  online: z.boolean(),
  lastBootAt: z.string().nullable(),
  connectors: z.array(
    z.object({ connectorId: z.number(), terminalId: z.string(), status: z.string() }),
  ),
});
const commandResult = z.object({ action: z.string(), status: z.string().nullable() });
const frames = z.array(z.object({ direction: z.enum(['in', 'out']), frame: z.string() }));

describe('OCPP chargers against the real hub', () => {
  let hub: HubProcess;
  let api: HubApi;
  let provisioned: ProvisionedCharger[];
  const running: OcppCharger[] = [];
  let rates = QUIET;

  beforeAll(async () => {
    hub = await startHubProcess();
    api = new HubApi(hub.url);
    await api.login(hub.adminEmail, hub.adminPassword);
    provisioned = await provisionChargers(api, {
      area: cityBbox(CITIES.toulouse),
      chargers: 2,
      protocols: { 'ocpp1.6': 1, 'ocpp2.0.1': 1 },
      seed: 3,
      secret: 'test-secret',
    });
  });

  afterAll(async () => {
    await Promise.all(running.map((charger) => charger.stop()));
    await hub?.stop();
  });

  async function started(protocol: OcppProtocol) {
    const spec = provisioned.find((charger) => charger.protocol === protocol)!;
    const charger = new OcppCharger(
      { ...spec, protocol },
      {
        hubUrl: hub.url,
        random: createRandom(7),
        rates: () => rates,
        stats: newFleetStats(),
        log: () => undefined,
        backoff: { initialMs: 100, maxMs: 500 },
        rebootMs: { min: 200, max: 400 },
      },
    );
    running.push(charger);
    await charger.start();
    const [view] = (await api.get('/api/v1/admin/chargers', z.array(chargerView))).filter(
      (candidate) => candidate.identity === spec.identity,
    );
    return { charger, id: view.id, terminalId: view.connectors[0].terminalId };
  }

  const view = (id: string) => api.get(`/api/v1/admin/chargers/${id}`, chargerView);
  const command = (id: string, name: string, body: object) =>
    api.post(`/api/v1/admin/chargers/${id}/commands/${name}`, body, commandResult);
  const statusOf = async (id: string, connectorId = 1) =>
    (await view(id)).connectors.find((connector) => connector.connectorId === connectorId)!.status;
  const expectStatus = (id: string, status: string) =>
    eventually(async () => expect(await statusOf(id)).toBe(status));
  const sentFrames = async (id: string, action: string) =>
    (await api.get(`/api/v1/admin/chargers/${id}/frames?limit=1000`, frames))
      .filter((frame) => frame.direction === 'in')
      .map((frame) => JSON.parse(frame.frame) as unknown[])
      .filter((frame) => frame[0] === 2 && frame[2] === action)
      .map((frame) => frame[3] as Record<string, unknown>);
  /** The transaction's id, once the hub has answered its start. */
  const transactionIdOf = (charger: OcppCharger) =>
    eventually(() => {
      const transactionId = charger.state.connectors[0].transaction?.id;
      if (!transactionId) throw new Error('no transaction id yet');
      return transactionId;
    });
  /** Runs simulated time on: `minutes` in one-minute steps. */
  const advance = (charger: OcppCharger, minutes: number) => {
    for (let i = 0; i < minutes; i++) charger.tick(60, Date.now());
  };

  it('provisions one charger of each protocol on demo stations, bound to their terminals', () => {
    expect(provisioned.map((charger) => charger.protocol).sort()).toEqual(['ocpp1.6', 'ocpp2.0.1']);
    for (const charger of provisioned) {
      expect(charger.identity).toMatch(/^SIM-/);
      expect(charger.connectors.length).toBeGreaterThan(0);
    }
  });

  describe.each<OcppProtocol>(['ocpp1.6', 'ocpp2.0.1'])('%s', (protocol) => {
    let charger: OcppCharger;
    let id: string;

    beforeAll(async () => {
      rates = QUIET;
      ({ charger, id } = await started(protocol));
    });

    it('boots, goes online and reports its connectors Available', async () => {
      await eventually(async () => expect((await view(id)).online).toBe(true));
      await expectStatus(id, 'AVAILABLE');
    });

    it('shows the connector Reserved on ReserveNow and answers honestly when it is taken', async () => {
      const expiresAt = new Date(Date.now() + 30 * 60_000).toISOString();
      const reserve = (reservationId: number) =>
        command(id, 'reserve-now', { connectorId: 1, expiresAt, idTag: 'DRIVER42', reservationId });

      expect((await reserve(42)).status).toBe('Accepted');
      await expectStatus(id, 'RESERVED');
      expect((await reserve(43)).status).toBe('Occupied');
    });

    it('starts the transaction with the reservation id and idTag when the driver arrives', async () => {
      rates = { ...QUIET, reservedArrivalsPerHour: 1000 };
      advance(charger, 3);
      rates = QUIET;
      await expectStatus(id, 'OCCUPIED');

      if (protocol === 'ocpp1.6') {
        const [start] = await eventually(async () => {
          const found = await sentFrames(id, 'StartTransaction');
          expect(found).toHaveLength(1);
          return found;
        });
        expect(start).toMatchObject({ connectorId: 1, idTag: 'DRIVER42', reservationId: 42 });
      } else {
        const [start] = await eventually(async () => {
          const found = (await sentFrames(id, 'TransactionEvent')).filter(
            (event) => event.eventType === 'Started',
          );
          expect(found).toHaveLength(1);
          return found;
        });
        expect(start).toMatchObject({
          reservationId: 42,
          idToken: { idToken: 'DRIVER42' },
          evse: { id: 1 },
        });
      }
    });

    it('stops the transaction on remote stop and frees the connector', async () => {
      const transactionId = await transactionIdOf(charger);
      expect((await command(id, 'remote-stop', { transactionId })).status).toBe('Accepted');
      advance(charger, 5);
      await expectStatus(id, 'AVAILABLE');
    });

    it('starts a transaction on remote start', async () => {
      const result = await command(id, 'remote-start', { connectorId: 1, idTag: 'APPUSER1' });
      expect(result.status).toBe('Accepted');
      advance(charger, 2);
      await expectStatus(id, 'OCCUPIED');
      expect(charger.state.connectors[0].transaction?.idTag).toBe('APPUSER1');
    });

    it('refuses a reservation on a busy connector with Occupied', async () => {
      const expiresAt = new Date(Date.now() + 60_000).toISOString();
      const result = await command(id, 'reserve-now', {
        connectorId: 1,
        expiresAt,
        idTag: 'OTHER',
        reservationId: 50,
      });
      expect(result.status).toBe('Occupied');
    });

    it('takes the connector out of service after the session (Scheduled), and back', async () => {
      const off = await command(id, 'change-availability', { connectorId: 1, operative: false });
      expect(off.status).toBe('Scheduled');
      const transactionId = await transactionIdOf(charger);
      await command(id, 'remote-stop', { transactionId });
      advance(charger, 5);
      await expectStatus(id, 'UNAVAILABLE');
      const on = await command(id, 'change-availability', { connectorId: 1, operative: true });
      expect(on.status).toBe('Accepted');
      await expectStatus(id, 'AVAILABLE');
    });

    it('cancels a reservation back to Available, and rejects an unknown one', async () => {
      const expiresAt = new Date(Date.now() + 60_000).toISOString();
      await command(id, 'reserve-now', { connectorId: 1, expiresAt, idTag: 'X', reservationId: 7 });
      await expectStatus(id, 'RESERVED');
      expect((await command(id, 'cancel-reservation', { reservationId: 7 })).status).toBe(
        'Accepted',
      );
      await expectStatus(id, 'AVAILABLE');
      expect((await command(id, 'cancel-reservation', { reservationId: 7 })).status).toBe(
        'Rejected',
      );
    });

    it('answers Faulted to a reservation on a broken connector', async () => {
      charger.breakConnector(Date.now(), 1);
      await expectStatus(id, 'FAULTED');
      const expiresAt = new Date(Date.now() + 60_000).toISOString();
      const result = await command(id, 'reserve-now', {
        connectorId: 1,
        expiresAt,
        idTag: 'X',
        reservationId: 8,
      });
      expect(result.status).toBe('Faulted');
      charger.repairAll(Date.now());
      await expectStatus(id, 'AVAILABLE');
    });

    it('answers TriggerMessage and UnlockConnector', async () => {
      const trigger = await command(id, 'trigger-message', { message: 'StatusNotification' });
      expect(trigger.status).toBe('Accepted');
      const unlock = await command(id, 'unlock-connector', { connectorId: 1 });
      expect(unlock.status).toBe('Unlocked');
    });

    it('reboots on Reset: closes, reconnects and boots again', async () => {
      const bootedBefore = (await view(id)).lastBootAt;
      expect((await command(id, 'reset', { type: 'hard' })).status).toBe('Accepted');
      await eventually(async () => {
        const after = await view(id);
        expect(after.lastBootAt).not.toBe(bootedBefore);
        expect(after.online).toBe(true);
      });
      await expectStatus(id, 'AVAILABLE');
    });

    it('comes back after its connection drops', async () => {
      charger.loseConnection(false, 2_000);
      await eventually(async () => expect(await statusOf(id)).toBe('OFFLINE'));
      await eventually(async () => expect((await view(id)).online).toBe(true));
      await expectStatus(id, 'AVAILABLE');
    });
  });

  it('OCPP 1.6: reads and changes its configuration as a 1.6 charge point does', async () => {
    const { id } = await eventually(async () => {
      const found = (await api.get('/api/v1/admin/chargers', z.array(chargerView))).find(
        (candidate) =>
          candidate.identity === provisioned.find((c) => c.protocol === 'ocpp1.6')!.identity,
      );
      return found!;
    });
    const get = await api.post(
      `/api/v1/admin/chargers/${id}/commands/get-configuration`,
      { keys: ['HeartbeatInterval', 'NoSuchKey'] },
      z.object({
        response: z.object({
          configurationKey: z.array(z.object({ key: z.string(), value: z.string() })),
          unknownKey: z.array(z.string()),
        }),
      }),
    );
    expect(get.response.configurationKey.map((entry) => entry.key)).toEqual(['HeartbeatInterval']);
    expect(get.response.unknownKey).toEqual(['NoSuchKey']);
    const change = (key: string, value: string) =>
      command(id, 'change-configuration', { key, value }).then((result) => result.status);
    expect(await change('MeterValueSampleInterval', '30')).toBe('Accepted');
    expect(await change('MeterValueSampleInterval', 'soon')).toBe('Rejected');
    expect(await change('NumberOfConnectors', '9')).toBe('Rejected');
    expect(await change('NoSuchKey', '1')).toBe('NotSupported');
  });
});

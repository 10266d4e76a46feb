import type { Bbox, Random } from '@wattsup/contracts';
import { z } from 'zod';
import type { Connector, PluggedCar } from '../charger/connector.machine';
import { HubApiError, type HubApi } from '../provisioning/hub-api';
import type { FleetStats } from '../stats';
import {
  type Position,
  type Vehicle,
  advanceVehicle,
  headFor,
  park,
  randomPlace,
} from './vehicle.machine';

/** A terminal of the simulated fleet, as a driver meets it. */
export interface ChargePoint {
  readonly terminalId: string;
  readonly position: Position;
  readonly connector: Connector;
  /** Plugs the car in through the charger that owns the connector, so the hub hears of it. */
  plugIn(car: Omit<PluggedCar, 'pluggedS' | 'socPct'>): boolean;
}

export interface DriverEnvironment {
  /** Signed in as this vehicle's driver; null when there is no account (no reservations). */
  readonly api: HubApi | null;
  readonly chargePoints: ReadonlyMap<string, ChargePoint>;
  readonly random: Random;
  readonly area: Bbox;
  readonly stats: FleetStats;
  readonly log: (message: string) => void;
}

const reservation = z.object({
  id: z.string(),
  status: z.string(),
  terminalId: z.string(),
  expiresAt: z.string(),
});
const nearestStations = z.array(z.object({ id: z.string(), lon: z.number(), lat: z.number() }));
const stationTerminals = z.object({
  terminals: z.array(z.object({ id: z.string(), status: z.string(), plugs: z.array(z.string()) })),
});

/** Plugs every car here takes (the European standard AC and DC sockets). */
const CAR_PLUGS = new Set(['TYPE_2', 'CCS_COMBO']);
/** How long a driver who found nothing waits before looking again, simulated seconds. */
const RETRY_S = 10 * 60;

/**
 * The person behind a simulated vehicle: when the battery runs low, asks the hub for the nearest
 * available terminal of the simulated fleet, reserves it (`POST /api/v1/reservations`) as a driver
 * would, drives there, plugs in, and leaves when the charger ends the session. Without the
 * reservations API (404) the driver just drives to a free terminal and hopes it is still free.
 */
export class VehicleDriver {
  private target: { chargePoint: ChargePoint; reservationId: string | null } | null = null;
  private car: PluggedCar | null = null;
  private busy = false;
  private reservationsApi = true;

  constructor(
    readonly vehicle: Vehicle,
    private readonly environment: DriverEnvironment,
  ) {}

  get terminalId(): string | undefined {
    return this.car ? this.target?.chargePoint.terminalId : undefined;
  }

  get pluggedIn(): boolean {
    return this.vehicle.phase === 'plugged';
  }

  get charging(): boolean {
    return this.pluggedIn && this.target?.chargePoint.connector.phase === 'Charging';
  }

  tick(dtS: number): void {
    const { vehicle, environment } = this;
    if (vehicle.phase === 'plugged') return this.followCharge();
    const event = advanceVehicle(vehicle, dtS, environment.random, environment.area);
    if (event === 'needsCharger' && !this.busy) {
      this.busy = true;
      void this.findCharger().finally(() => (this.busy = false));
    }
    if (event === 'arrivedAtCharger') void this.arrive();
  }

  /** Leaves with the driver: a reservation still held is given back. */
  async stop(): Promise<void> {
    if (this.target?.reservationId && !this.car) await this.cancel(this.target.reservationId);
  }

  private async findCharger(): Promise<void> {
    const { vehicle, environment } = this;
    try {
      for (const chargePoint of await this.candidates()) {
        const reservationId = await this.reserve(chargePoint);
        if (reservationId === undefined) continue;
        this.target = { chargePoint, reservationId };
        headFor(vehicle, chargePoint.position, environment.random);
        return;
      }
    } catch (error) {
      environment.stats.errors++;
      environment.log(`${vehicle.id}: looking for a charger failed: ${(error as Error).message}`);
    }
    // Nothing free nearby: drive on a little and look again.
    park(vehicle, RETRY_S);
  }

  /** Available terminals of the simulated fleet near the car, nearest station first. */
  private async candidates(): Promise<ChargePoint[]> {
    const { api, chargePoints } = this.environment;
    if (!api) return [];
    const { lat, lon } = this.vehicle.position;
    const stations = await api.get(
      `/api/v1/stations/nearest?lat=${lat}&lon=${lon}&available=true&limit=10`,
      nearestStations,
    );
    const found: ChargePoint[] = [];
    for (const station of stations) {
      const { terminals } = await api.get(`/api/v1/stations/${station.id}`, stationTerminals);
      for (const terminal of terminals) {
        const chargePoint = chargePoints.get(terminal.id);
        if (!chargePoint || terminal.status !== 'AVAILABLE') continue;
        if (!terminal.plugs.some((plug) => CAR_PLUGS.has(plug))) continue;
        found.push(chargePoint);
      }
      if (found.length >= 3) break;
    }
    return found;
  }

  /** The reservation id; null when it goes without one (no API); undefined when taken (409). */
  private async reserve(chargePoint: ChargePoint): Promise<string | null | undefined> {
    const { api, stats } = this.environment;
    if (!api || !this.reservationsApi) return null;
    chargePoint.connector.expectingVehicle = true;
    try {
      const created = await api.post(
        '/api/v1/reservations',
        { terminalId: chargePoint.terminalId },
        reservation,
      );
      stats.reservations++;
      return created.id;
    } catch (error) {
      chargePoint.connector.expectingVehicle = false;
      if (!(error instanceof HubApiError)) throw error;
      if (error.status === 404) {
        this.reservationsApi = false;
        this.environment.log('no reservations API on this hub: drivers go without reserving');
        return null;
      }
      if (error.status === 409) return undefined;
      throw error;
    }
  }

  /** At the terminal: plug in with the reservation's idTag, or as anyone when it is still free. */
  private async arrive(): Promise<void> {
    const { vehicle, environment } = this;
    const target = this.target!;
    const { connector } = target.chargePoint;
    const idTag =
      connector.phase === 'Reserved' && connector.expectingVehicle
        ? connector.reservation!.idTag
        : `CAR${vehicle.id.replace(/[^A-Za-z0-9]/g, '').slice(-17)}`;
    const visit = {
      car: vehicle.model,
      arrivalSocPct: vehicle.socPct,
      targetSocPct: environment.random.between(80, 100),
      stayLimitS: environment.random.between(30, 240) * 60,
    };
    if (target.chargePoint.plugIn({ visit, idTag })) {
      this.car = connector.car;
      vehicle.phase = 'plugged';
      vehicle.speedKmh = 0;
      return;
    }
    // Taken or broken meanwhile: give the reservation back and look elsewhere.
    connector.expectingVehicle = false;
    this.target = null;
    if (target.reservationId) await this.cancel(target.reservationId);
    vehicle.phase = 'seeking';
    this.busy = true;
    await this.findCharger().finally(() => (this.busy = false));
  }

  /** While plugged the charger's curve fills the battery; when it ends the session, drive off. */
  private followCharge(): void {
    const { vehicle, environment } = this;
    const { connector } = this.target!.chargePoint;
    if (connector.car === this.car && this.car) {
      vehicle.socPct = this.car.socPct;
      return;
    }
    this.car = null;
    this.target = null;
    vehicle.phase = 'driving';
    vehicle.destination = randomPlace(environment.random, environment.area);
    vehicle.speedKmh = environment.random.between(25, 50);
  }

  private async cancel(reservationId: string): Promise<void> {
    await this.environment.api
      ?.post(`/api/v1/reservations/${reservationId}/cancel`, {}, reservation)
      .catch((error: Error) => this.environment.log(`${this.vehicle.id}: ${error.message}`));
  }
}

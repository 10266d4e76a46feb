import { randomUUID } from 'node:crypto';
import { type Bbox, topics, type VehicleTelemetryMessage } from '@wattsup/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import { z } from 'zod';
import { CAR_MODELS } from '../charger/cars';
import { type MqttConnection, endMqtt } from '../mqtt/mqtt-chargers';
import { HubApi, HubApiError } from '../provisioning/hub-api';
import { derivedPassword } from '../provisioning/provision';
import { randomFor } from '../seeds';
import type { FleetStats } from '../stats';
import { type ChargePoint, VehicleDriver } from './vehicle-driver';
import { newVehicle } from './vehicle.machine';

export interface VehiclesEnvironment {
  readonly hubUrl: string;
  readonly area: Bbox;
  readonly seed: number;
  /** Key of the drivers' passwords; null when there are no accounts (the cars only drive). */
  readonly secret: string | null;
  /** Vehicles 0 … drivers - 1 have a driver account and reserve; the others only drive. */
  readonly drivers: number;
  readonly chargePoints: ReadonlyMap<string, ChargePoint>;
  /** The broker; with a gateway account every car publishes through it, else with its own. */
  readonly mqtt: MqttConnection;
  readonly stats: FleetStats;
  readonly log: (message: string) => void;
  readonly telemetryEverySeconds?: number;
}

const vehicleWithCredentials = z.object({
  id: z.string(),
  mqtt: z.object({ username: z.string(), clientId: z.string() }),
  mqttPassword: z.string(),
});
const myVehicles = z.array(z.object({ id: z.string(), name: z.string() }));

interface TelemetryChannel {
  client: MqttClient;
  topic: string;
}

interface SimulatedVehicle {
  readonly driver: VehicleDriver;
  channel: TelemetryChannel | null;
  lastTelemetryMs: number;
}

/** How many drivers sign in at once when the run starts. */
const SIGN_IN_CONCURRENCY = 4;
/**
 * Telemetry publishes waiting on one connection beyond which a sample is skipped: a car with a bad
 * link sends its latest position later rather than a backlog.
 */
const MAX_IN_FLIGHT = 200;

/**
 * Connected cars: each has a driver account in the hub and a vehicle registered to it (both
 * reused on the next run), drives around the area, and publishes its telemetry over MQTT.
 */
export class SimulatedVehicles {
  private readonly vehicles: SimulatedVehicle[] = [];
  private gateway: MqttClient | null = null;
  /** Publishes in flight per connection (the gateway's is shared by every car). */
  private readonly inFlight = new Map<MqttClient, number>();

  constructor(private readonly environment: VehiclesEnvironment) {}

  get size(): number {
    return this.vehicles.length;
  }

  /** Starts vehicles `first` … `first + count - 1` of the fleet. */
  async start(first: number, count: number): Promise<void> {
    const { environment } = this;
    if (environment.mqtt.username) {
      this.gateway = await mqtt.connectAsync(environment.mqtt.url, {
        clientId: `wattsup-simulator-vehicles-${randomUUID()}`,
        username: environment.mqtt.username,
        password: environment.mqtt.password,
        reconnectPeriod: 2_000,
      });
      this.gateway.on('error', (error) => environment.log(`MQTT (vehicles): ${error.message}`));
    }
    const indexes = Array.from({ length: count }, (_, index) => first + index);
    for (let start = 0; start < count; start += SIGN_IN_CONCURRENCY) {
      const batch = indexes.slice(start, start + SIGN_IN_CONCURRENCY);
      this.vehicles.push(...(await Promise.all(batch.map((index) => this.create(index)))));
    }
  }

  tick(dtS: number, nowMs: number): void {
    const everyMs = (this.environment.telemetryEverySeconds ?? 5) * 1000;
    for (const vehicle of this.vehicles) {
      vehicle.driver.tick(dtS);
      if (vehicle.channel && nowMs - vehicle.lastTelemetryMs >= everyMs) {
        vehicle.lastTelemetryMs = nowMs;
        void this.publish(vehicle.driver, vehicle.channel, nowMs);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.vehicles.map((vehicle) => vehicle.driver.stop()));
    const clients = new Set(this.vehicles.flatMap((vehicle) => vehicle.channel?.client ?? []));
    if (this.gateway) clients.add(this.gateway);
    await Promise.all([...clients].map(endMqtt));
  }

  private async create(index: number): Promise<SimulatedVehicle> {
    const { environment } = this;
    const name = `SIM car ${index + 1}`;
    // Everything random about the car comes from its own stream, whatever the network does.
    const random = randomFor(environment.seed, `vehicle-${index}`);
    const model = random.weighted(CAR_MODELS);
    const api = await this.signIn(index);
    const registered = api ? await this.register(api, name, model.batteryKwh) : null;
    const id = registered?.id ?? `SIM-CAR-${String(index + 1).padStart(5, '0')}`;
    const vehicle = newVehicle(id, model, random, environment.area);
    const driver = new VehicleDriver(vehicle, {
      api,
      chargePoints: environment.chargePoints,
      random,
      area: environment.area,
      stats: environment.stats,
      log: environment.log,
    });
    return {
      driver,
      channel: await this.channel(id, registered),
      // Spread the first messages over the period rather than all at once.
      lastTelemetryMs: Date.now() - random.between(0, 5000),
    };
  }

  /** The vehicle's driver account: registered on the first run, signed in on the next ones. */
  private async signIn(index: number): Promise<HubApi | null> {
    const { environment } = this;
    if (!environment.secret || index >= environment.drivers) return null;
    const email = `sim-driver-${index + 1}@wattsup.test`;
    const password = derivedPassword(environment.secret, email);
    const api = new HubApi(environment.hubUrl);
    try {
      if (!(await api.register(email, password))) await api.login(email, password);
      return api;
    } catch (error) {
      environment.stats.errors++;
      environment.log(
        `${email} cannot sign in, the car will only drive: ${(error as Error).message}`,
      );
      return null;
    }
  }

  /** The vehicle in the hub, with fresh MQTT credentials; null without the vehicles API. */
  private async register(api: HubApi, name: string, batteryKwh: number) {
    try {
      const existing = (await api.get('/api/v1/vehicles', myVehicles)).find((v) => v.name === name);
      if (existing) {
        return await api.post(
          `/api/v1/vehicles/${existing.id}/mqtt-credentials`,
          {},
          vehicleWithCredentials,
        );
      }
      return await api.post(
        '/api/v1/vehicles',
        { name, batteryKwh, plugs: ['TYPE_2', 'CCS_COMBO'] },
        vehicleWithCredentials,
      );
    } catch (error) {
      if (error instanceof HubApiError && error.status === 404) return null;
      throw error;
    }
  }

  private async channel(
    vehicleId: string,
    registered: z.infer<typeof vehicleWithCredentials> | null,
  ): Promise<TelemetryChannel | null> {
    const topic = topics.vehicleTelemetry(vehicleId);
    if (this.gateway) return { client: this.gateway, topic };
    if (!registered) return null;
    try {
      const client = await mqtt.connectAsync(this.environment.mqtt.url, {
        clientId: registered.mqtt.clientId,
        username: registered.mqtt.username,
        password: registered.mqttPassword,
        reconnectPeriod: 5_000,
      });
      client.on('error', (error) => this.environment.log(`MQTT ${vehicleId}: ${error.message}`));
      return { client, topic };
    } catch (error) {
      this.environment.stats.errors++;
      this.environment.log(`${vehicleId}: no MQTT connection: ${(error as Error).message}`);
      return null;
    }
  }

  private async publish(driver: VehicleDriver, channel: TelemetryChannel, nowMs: number) {
    const { vehicle } = driver;
    const round = (value: number, digits: number) => Number(value.toFixed(digits));
    const message: VehicleTelemetryMessage = {
      ts: new Date(nowMs).toISOString(),
      lat: round(vehicle.position.lat, 6),
      lon: round(vehicle.position.lon, 6),
      socPct: round(vehicle.socPct, 1),
      pluggedIn: driver.pluggedIn,
      charging: driver.charging,
      odometerKm: round(vehicle.odometerKm, 1),
      speedKmh: round(vehicle.speedKmh, 1),
      batteryKwh: vehicle.model.batteryKwh,
      ...(driver.terminalId ? { terminalId: driver.terminalId } : {}),
    };
    const pending = this.inFlight.get(channel.client) ?? 0;
    if (pending >= MAX_IN_FLIGHT) return;
    this.inFlight.set(channel.client, pending + 1);
    try {
      await channel.client.publishAsync(channel.topic, JSON.stringify(message), { qos: 0 });
      this.environment.stats.sent++;
    } catch (error) {
      this.environment.stats.errors++;
      this.environment.log(`telemetry of ${vehicle.id} failed: ${(error as Error).message}`);
    } finally {
      this.inFlight.set(channel.client, (this.inFlight.get(channel.client) ?? 1) - 1);
    }
  }
}

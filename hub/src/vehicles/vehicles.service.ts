import { randomUUID } from 'node:crypto';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  CreateVehicleRequest,
  VehicleCharge,
  VehicleTrack,
  VehicleHistoryQuery,
  VehicleView,
  VehicleWithCredentials,
} from '@wattsup/contracts';
import type { SessionUser } from '../auth/access-token.service';
import { generateChargerPassword, hashChargerPassword } from '../chargers/charger-credentials';
import { ForbiddenError, NotFoundError } from '../common/domain-errors';
import { User } from '../users/user.entity';
import { observedCharges } from './charging-speed';
import { TelemetryRepository } from './telemetry.repository';
import { Vehicle } from './vehicle.entity';
import { toVehicleTrack, toVehicleView } from './vehicle-view';

const DEFAULT_TRACK_HOURS = 24;
const MAX_TRACK_POINTS = 10_000;
const DEFAULT_CHARGES_DAYS = 30;
const MAX_CHARGING_SAMPLES = 100_000;

/** Vehicles belong to their owner; admins see every one. */
@Injectable()
export class VehiclesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly telemetry: TelemetryRepository,
  ) {}

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  /**
   * The vehicle's MQTT username, client id and topic id are its own id; its password is a
   * random machine secret, hashed like a charger's, and shown only in this answer.
   */
  async create(owner: SessionUser, request: CreateVehicleRequest): Promise<VehicleWithCredentials> {
    const em = this.em();
    const password = generateChargerPassword();
    const id = randomUUID();
    const vehicle = em.create(Vehicle, {
      id,
      owner: em.getReference(User, owner.id),
      name: request.name,
      batteryKwh: request.batteryKwh,
      plugs: request.plugs,
      mqttUsername: id,
      mqttPasswordHash: hashChargerPassword(password),
    });
    await em.flush();
    return { ...toVehicleView(vehicle), mqttPassword: password };
  }

  async mine(owner: SessionUser): Promise<VehicleView[]> {
    const vehicles = await this.em().find(
      Vehicle,
      { owner: owner.id },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return vehicles.map(toVehicleView);
  }

  async view(viewer: SessionUser, id: string): Promise<VehicleView> {
    return toVehicleView(await this.accessible(this.em(), viewer, id));
  }

  /** A new MQTT password, for a lost one or a car changing hands; the old one stops working. */
  async renewCredentials(viewer: SessionUser, id: string): Promise<VehicleWithCredentials> {
    const em = this.em();
    const vehicle = await this.accessible(em, viewer, id);
    const password = generateChargerPassword();
    vehicle.mqttPasswordHash = hashChargerPassword(password);
    await em.flush();
    return { ...toVehicleView(vehicle), mqttPassword: password };
  }

  async track(viewer: SessionUser, id: string, query: VehicleHistoryQuery): Promise<VehicleTrack> {
    await this.accessible(this.em(), viewer, id);
    const { from, to } = timeWindow(query, DEFAULT_TRACK_HOURS * 3_600_000);
    const points = await this.telemetry.track(id, from, to, MAX_TRACK_POINTS + 1);
    const truncated = points.length > MAX_TRACK_POINTS;
    return toVehicleTrack(id, from, to, points.slice(0, MAX_TRACK_POINTS), truncated);
  }

  /** Charges at known terminals, with their real speed, learnt from the car's own SoC. */
  async charges(
    viewer: SessionUser,
    id: string,
    query: VehicleHistoryQuery,
  ): Promise<VehicleCharge[]> {
    const vehicle = await this.accessible(this.em(), viewer, id);
    const { from, to } = timeWindow(query, DEFAULT_CHARGES_DAYS * 86_400_000);
    const samples = await this.telemetry.chargingSamples(id, from, to, MAX_CHARGING_SAMPLES);
    return observedCharges(samples, Number(vehicle.batteryKwh)).map((charge) => ({
      ...charge,
      startedAt: charge.startedAt.toISOString(),
      endedAt: charge.endedAt.toISOString(),
    }));
  }

  private async accessible(em: EntityManager, viewer: SessionUser, id: string): Promise<Vehicle> {
    const vehicle = await em.findOne(Vehicle, { id });
    if (!vehicle) throw new NotFoundError('No vehicle with this id.');
    if (vehicle.owner.id !== viewer.id && viewer.role !== 'ADMIN') {
      throw new ForbiddenError('This vehicle belongs to another account.');
    }
    return vehicle;
  }
}

/** The query's window, or the `defaultMs` before `to` (now by default). */
function timeWindow(query: VehicleHistoryQuery, defaultMs: number): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date();
  return { from: query.from ? new Date(query.from) : new Date(to.getTime() - defaultMs), to };
}

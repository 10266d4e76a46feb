import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  ChargerProtocol,
  ChargerView,
  CreateChargerRequest,
  CreatedCharger,
} from '@wattsup/contracts';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { arrayLiteral } from '../database/array-literal';
import { LiveEvents } from '../live/live-events';
import { Station } from '../stations/station.entity';
import { TerminalStatusRecorder } from '../terminals/terminal-status.recorder';
import { Terminal } from '../terminals/terminal.entity';
import { ChargerEvent } from './charger-event.entity';
import {
  generateChargerPassword,
  hashChargerPassword,
  verifyChargerPassword,
} from './charger-credentials';
import { Charger, type RegistrationStatus } from './charger.entity';

export interface ChargerIdentityCheck {
  outcome: 'accepted' | 'unknown' | 'wrong-password';
  charger?: { id: string; protocol: ChargerProtocol; registrationStatus: RegistrationStatus };
}

export interface BootInfo {
  vendor: string;
  model: string;
  serialNumber?: string;
  firmwareVersion?: string;
}

/** Chargers: registration, credentials, bindings to terminals, presence. */
@Injectable()
export class ChargersService {
  constructor(
    private readonly orm: MikroORM,
    private readonly live: LiveEvents,
    private readonly statuses: TerminalStatusRecorder,
  ) {}

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  async create(request: CreateChargerRequest): Promise<CreatedCharger> {
    const em = this.em();
    const password = request.password ?? generateChargerPassword();
    const station = request.stationId
      ? await em.findOne(Station, { id: request.stationId, retiredAt: null })
      : null;
    if (request.stationId && !station) throw new NotFoundError('No station with this id.');
    const charger = em.create(Charger, {
      identity: request.identity,
      protocol: request.protocol,
      passwordHash: hashChargerPassword(password),
      station,
      reserveConnectorZero: request.reserveConnectorZero ?? false,
    });
    const bindings = request.connectors ?? (await this.defaultBindings(em, station));
    const terminals = await em.find(Terminal, {
      id: { $in: bindings.map((b) => b.terminalId) },
      retiredAt: null,
    });
    const distinct = new Set(bindings.map((b) => b.terminalId));
    if (distinct.size !== bindings.length) {
      throw new InvalidInputError('connectors: a terminal is bound to two connectors');
    }
    if (terminals.length !== distinct.size) {
      throw new InvalidInputError('connectors: some terminals do not exist');
    }
    // Rebinding a terminal is a decision, not a side effect of registering another charger.
    const taken = terminals.filter((terminal) => terminal.charger !== null);
    if (taken.length > 0) {
      throw new ConflictError(
        `Already bound to another charger: ${taken.map((terminal) => terminal.pdcId).join(', ')}.`,
      );
    }
    for (const binding of bindings) {
      const terminal = terminals.find((t) => t.id === binding.terminalId)!;
      terminal.charger = charger;
      terminal.connectorId = binding.connectorId;
    }
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new ConflictError(
          String(error.message).includes('identity')
            ? `A charger named ${request.identity} already exists.`
            : 'A connector is bound twice, or a terminal already belongs to another charger connector.',
        );
      }
      throw error;
    }
    return { ...(await this.view(charger.id)), password };
  }

  async list(): Promise<ChargerView[]> {
    const em = this.em();
    const chargers = await em.find(
      Charger,
      {},
      { populate: ['station'], orderBy: { identity: 'asc' } },
    );
    const terminals = await em.find(Terminal, {
      charger: { $in: chargers.map((c) => c.id) },
      retiredAt: null,
    });
    return chargers.map((charger) =>
      toView(
        charger,
        terminals.filter((t) => t.charger?.id === charger.id),
      ),
    );
  }

  async view(id: string): Promise<ChargerView> {
    const em = this.em();
    const charger = await em.findOne(Charger, { id }, { populate: ['station'] });
    if (!charger) throw new NotFoundError('No charger with this id.');
    return toView(charger, await em.find(Terminal, { charger, retiredAt: null }));
  }

  async accept(id: string): Promise<ChargerView> {
    const updated = await this.em().nativeUpdate(
      Charger,
      { id },
      { registrationStatus: 'Accepted' },
    );
    if (updated === 0) throw new NotFoundError('No charger with this id.');
    return this.view(id);
  }

  /** OCPP security profile 1/2: the identity must exist and the Basic-auth password match. */
  async checkCredentials(
    identity: string,
    password: Buffer | undefined,
  ): Promise<ChargerIdentityCheck> {
    // Every connection and every reconnect storm passes here: a plain query, not an entity load.
    const [charger] = await this.em().getConnection().execute<
      {
        id: string;
        protocol: ChargerProtocol;
        registration_status: RegistrationStatus;
        password_hash: string | null;
      }[]
    >('select id, protocol, registration_status, password_hash from chargers where identity = ?', [identity]);
    if (!charger) return { outcome: 'unknown' };
    if (!verifyChargerPassword(charger.password_hash, password))
      return { outcome: 'wrong-password' };
    return {
      outcome: 'accepted',
      charger: {
        id: charger.id,
        protocol: charger.protocol,
        registrationStatus: charger.registration_status,
      },
    };
  }

  /** Auto-registration: an unknown charger is stored as Pending until an admin accepts it. */
  async registerPending(
    identity: string,
    protocol: ChargerProtocol,
  ): Promise<ChargerIdentityCheck['charger']> {
    const em = this.em();
    await em.getConnection().execute(
      `insert into chargers (id, identity, protocol, registration_status) values (gen_random_uuid(), ?, ?, 'Pending')
       on conflict (identity) do nothing`,
      [identity, protocol],
    );
    const charger = await em.findOneOrFail(Charger, { identity });
    return {
      id: charger.id,
      protocol: charger.protocol,
      registrationStatus: charger.registrationStatus,
    };
  }

  /** Stores what the charger said of itself at boot; returns what the hub answers. */
  async recordBoot(
    chargerId: string,
    info: BootInfo,
    at: Date,
    heartbeatIntervalSeconds: number,
  ): Promise<{ registrationStatus: RegistrationStatus; heartbeatIntervalSeconds: number }> {
    const [row] = await this.em()
      .getConnection()
      .execute<{ registration_status: RegistrationStatus; heartbeat_interval_seconds: number }[]>(
        `update chargers set vendor = ?, model = ?, serial_number = coalesce(?, serial_number),
           firmware_version = coalesce(?, firmware_version), last_boot_at = ?, last_seen_at = ?,
           heartbeat_interval_seconds = ?, updated_at = now()
         where id = ? returning registration_status, heartbeat_interval_seconds`,
        [
          info.vendor,
          info.model,
          info.serialNumber ?? null,
          info.firmwareVersion ?? null,
          at,
          at,
          heartbeatIntervalSeconds,
          chargerId,
        ],
      );
    if (!row) throw new NotFoundError('No charger with this id.');
    return {
      registrationStatus: row.registration_status,
      heartbeatIntervalSeconds: row.heartbeat_interval_seconds,
    };
  }

  /** connectorId (OCPP 1.6) or evseId (2.0.1) → terminal id. */
  async connectorTerminals(chargerId: string): Promise<Map<number, string>> {
    const rows = await this.em()
      .getConnection()
      .execute<{ id: string; connector_id: number }[]>(
        `select id, connector_id from terminals where charger_id = ? and connector_id is not null and retired_at is null`,
        [chargerId],
      );
    return new Map(rows.map((row) => [row.connector_id, row.id]));
  }

  /**
   * Records a connection or disconnection, appends it to the charger's connection history (the
   * fleet dashboard's recent disconnects) and tells the live stream. A connection always wins; a
   * disconnection older than the charger's last sign of life is stale (a reconnect overtook the
   * close) and changes nothing. With `ifChanged`, only a change of state is recorded: MQTT
   * availability repeats itself (heartbeats, retained copies).
   */
  async setOnline(
    charger: { id: string; identity: string },
    online: boolean,
    at: Date,
    options: { ifChanged?: boolean } = {},
  ): Promise<boolean> {
    const updated = await this.em()
      .getConnection()
      .execute<{ id: string }[]>(
        `with updated as (
           update chargers set online = ?, last_seen_at = greatest(last_seen_at, ?), updated_at = now()
           where id = ? and (? or last_seen_at is null or last_seen_at <= ?) and (not ? or online <> ?)
           returning id)
         insert into charger_connection_history (charger_id, online, occurred_at)
         select id, ?, ? from updated
         returning charger_id as id`,
        [online, at, charger.id, online, at, options.ifChanged ?? false, online, online, at],
      );
    if (updated.length === 0) return false;
    this.live.publish(
      'charger.connection',
      { chargerId: charger.id, identity: charger.identity, online },
      at,
    );
    return true;
  }

  /**
   * A charger is gone, whatever noticed it (socket closed, MQTT will, silence). Terminals first,
   * then the charger: whoever sees `charger.connection` sees its terminals offline. `stillGone` is
   * asked in between, for a transport that can tell the charger came back meanwhile.
   */
  async declareOffline(
    charger: { id: string; identity: string },
    terminalIds: readonly string[],
    at: Date,
    stillGone: () => Promise<boolean> = () => Promise.resolve(true),
  ): Promise<boolean> {
    await this.statuses.record(
      terminalIds.map((terminalId) => ({
        terminalId,
        status: 'OFFLINE' as const,
        source: 'HUB' as const,
        occurredAt: at,
        sourceStatus: 'ConnectionLost',
      })),
    );
    if (!(await stillGone())) return false;
    return this.setOnline(charger, false, at);
  }

  /** Writes the last-seen times of many chargers in one statement (they change on every frame). */
  async touch(lastSeen: ReadonlyMap<string, Date>): Promise<void> {
    if (lastSeen.size === 0) return;
    await this.em()
      .getConnection()
      .execute(
        `update chargers c set last_seen_at = greatest(c.last_seen_at, s.at)
         from unnest(?::uuid[], ?::timestamptz[]) as s(id, at) where c.id = s.id`,
        [
          arrayLiteral([...lastSeen.keys()]),
          arrayLiteral([...lastSeen.values()].map((at) => at.toISOString())),
        ],
      );
  }

  async recordEvent(
    chargerId: string,
    kind: string,
    payload: object,
    occurredAt: Date,
  ): Promise<void> {
    const em = this.em();
    em.create(ChargerEvent, {
      charger: em.getReference(Charger, chargerId),
      kind,
      payload: payload as Record<string, unknown>,
      occurredAt,
    });
    await em.flush();
  }

  private async defaultBindings(em: EntityManager, station: Station | null) {
    if (!station) return [];
    const terminals = await em.find(
      Terminal,
      { station, retiredAt: null, charger: null },
      { orderBy: { pdcId: 'asc' } },
    );
    return terminals.map((terminal, index) => ({
      connectorId: index + 1,
      terminalId: terminal.id,
    }));
  }
}

function toView(charger: Charger, terminals: Terminal[]): ChargerView {
  return {
    id: charger.id,
    identity: charger.identity,
    protocol: charger.protocol,
    registrationStatus: charger.registrationStatus,
    online: charger.online,
    lastSeenAt: charger.lastSeenAt?.toISOString() ?? null,
    lastBootAt: charger.lastBootAt?.toISOString() ?? null,
    vendor: charger.vendor,
    model: charger.model,
    serialNumber: charger.serialNumber,
    firmwareVersion: charger.firmwareVersion,
    heartbeatIntervalSeconds: charger.heartbeatIntervalSeconds,
    reserveConnectorZero: charger.reserveConnectorZero,
    station: charger.station ? { id: charger.station.id, name: charger.station.name } : null,
    connectors: terminals
      .filter((terminal) => terminal.connectorId !== null)
      .sort((a, b) => a.connectorId! - b.connectorId!)
      .map((terminal) => ({
        connectorId: terminal.connectorId!,
        terminalId: terminal.id,
        pdcId: terminal.pdcId,
        status: terminal.status,
      })),
  };
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  AdminStationPage,
  AdminStationsQuery,
  AdminStationView,
  CreateStationRequest,
  TerminalRequest,
  UpdateStationRequest,
  UpdateTerminalRequest,
} from '@wattsup/contracts';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { TerminalStatusRecorder } from '../terminals/terminal-status.recorder';
import { type LiveHold, StationAdminRepository } from './station-admin.repository';

const NO_STATION = 'No station with this id.';
const NO_TERMINAL = 'This station has no live charge point with this id.';
const RETIRED = 'This station is retired: it can no longer be changed.';

/** An IRVE station id of the hub's own, for stations an admin creates without one. */
export const hubIrveId = (stationId: string): string =>
  `FR*WUP*P${stationId.replace(/-/g, '').slice(0, 12).toUpperCase()}`;

/**
 * What an admin does to stations and their charge points. Nothing is deleted: retiring sets
 * `retired_at` and keeps every row, status history and reservation. Each change reaches the maps
 * as the status of the terminals it touched (`TerminalStatusRecorder.announce`).
 */
@Injectable()
export class StationAdminService {
  constructor(
    private readonly stations: StationAdminRepository,
    private readonly changes: TerminalStatusRecorder,
  ) {}

  list(query: AdminStationsQuery): Promise<AdminStationPage> {
    return this.stations.search(query);
  }

  async detail(id: string): Promise<AdminStationView> {
    const station = await this.stations.view(id);
    if (!station) throw new NotFoundError(NO_STATION);
    return station;
  }

  async create(request: CreateStationRequest): Promise<AdminStationView> {
    const id = randomUUID();
    const { terminals, irveId, ...fields } = request;
    const station = { ...fields, irveId: irveId ?? hubIrveId(id) };
    await this.checkIrveId(station.irveId, null);
    await this.checkPdcIds(
      terminals.map((terminal) => terminal.pdcId),
      null,
    );
    const created = terminals.map((terminal) => ({ ...terminal, id: randomUUID() }));
    await this.stations.insertStation(id, station, created);
    await this.changes.announce(created.map((terminal) => terminal.id));
    return this.detail(id);
  }

  /** Edits the fields given; `lon`/`lat` move the station, and the maps at both places learn it. */
  async update(id: string, patch: UpdateStationRequest): Promise<AdminStationView> {
    const before = await this.live(id);
    if (patch.irveId !== undefined) await this.checkIrveId(patch.irveId, id);
    if (!(await this.stations.updateStation(id, patch))) throw new ConflictError(RETIRED);
    const moved = patch.lon !== undefined && (patch.lon !== before.lon || patch.lat !== before.lat);
    const terminalIds = before.terminals.map((terminal) => terminal.id);
    await this.changes.announce(terminalIds, moved ? { lon: before.lon, lat: before.lat } : null);
    return this.detail(id);
  }

  /** 409 while a reservation holds one of its charge points. */
  async retire(id: string): Promise<AdminStationView> {
    const station = await this.detail(id);
    if (station.retiredAt) return station;
    const { holds, retired } = await this.stations.retire(id, null, true);
    if (holds.length > 0) throw heldError(holds);
    await this.changes.announce(retired);
    return this.detail(id);
  }

  async addTerminal(stationId: string, terminal: TerminalRequest): Promise<AdminStationView> {
    await this.live(stationId);
    await this.checkPdcIds([terminal.pdcId], null);
    const id = randomUUID();
    await this.stations.insertTerminal(stationId, { ...terminal, id });
    await this.changes.announce([id]);
    return this.detail(stationId);
  }

  async updateTerminal(
    stationId: string,
    terminalId: string,
    patch: UpdateTerminalRequest,
  ): Promise<AdminStationView> {
    await this.live(stationId);
    if (patch.pdcId !== undefined) await this.checkPdcIds([patch.pdcId], terminalId);
    if (!(await this.stations.updateTerminal(stationId, terminalId, patch)))
      throw new NotFoundError(NO_TERMINAL);
    await this.changes.announce([terminalId]);
    return this.detail(stationId);
  }

  /** 409 while a reservation holds it. */
  async retireTerminal(stationId: string, terminalId: string): Promise<AdminStationView> {
    await this.live(stationId);
    const { holds, retired } = await this.stations.retire(stationId, [terminalId], false);
    if (holds.length > 0) throw heldError(holds);
    if (retired.length === 0) throw new NotFoundError(NO_TERMINAL);
    await this.changes.announce(retired);
    return this.detail(stationId);
  }

  /** The station, which must not be retired. */
  private async live(id: string): Promise<AdminStationView> {
    const station = await this.detail(id);
    if (station.retiredAt) throw new ConflictError(RETIRED);
    return station;
  }

  private async checkIrveId(irveId: string, stationId: string | null): Promise<void> {
    const owner = await this.stations.irveIdOwner(irveId, stationId);
    if (owner) throw new ConflictError(`IRVE id ${irveId} is already the id of station ${owner}.`);
  }

  /** PDC ids are unique for good: a retired charge point keeps its id and its history. */
  private async checkPdcIds(pdcIds: string[], terminalId: string | null): Promise<void> {
    const [owner] = await this.stations.pdcOwners(pdcIds, terminalId);
    if (!owner) return;
    const whose = owner.retired ? 'a retired charge point' : 'a charge point';
    throw new ConflictError(
      `PDC id ${owner.pdcId} is already used by ${whose} of station ${owner.stationName}.`,
    );
  }
}

function heldError(holds: LiveHold[]): ConflictError {
  const [first] = holds;
  const more = holds.length > 1 ? ` (and ${holds.length - 1} more)` : '';
  return new ConflictError(
    `Charge point ${first.pdcId} has a live reservation (${first.status})${more}. Cancel it, or wait for it to end, before retiring.`,
  );
}

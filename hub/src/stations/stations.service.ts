import { Inject, Injectable } from '@nestjs/common';
import type {
  Bbox,
  NearestStation,
  NearestStationsQuery,
  StationFeatureCollection,
  StationNetwork,
  StationView,
} from '@wattsup/contracts';
import { NotFoundError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { reservationKind } from '../reservations/reservation-kind';
import { groupTerminals } from './station-summary';
import { StationsRepository } from './stations.repository';

@Injectable()
export class StationsService {
  constructor(
    private readonly stations: StationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async inBbox(bbox: Bbox, limit: number): Promise<StationFeatureCollection> {
    const rows = await this.stations.inBbox(bbox, limit + 1);
    return {
      type: 'FeatureCollection',
      truncated: rows.length > limit,
      features: rows.slice(0, limit).map((row) => ({
        type: 'Feature',
        id: row.id,
        geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
        properties: {
          id: row.id,
          name: row.name,
          brand: row.brand,
          available: row.availability.available,
          total: row.availability.total,
          maxPowerKw: row.maxPowerKw,
          plugs: row.plugs,
        },
      })),
    };
  }

  nearest(query: NearestStationsQuery): Promise<NearestStation[]> {
    return this.stations.nearest(query);
  }

  networks(): Promise<StationNetwork[]> {
    return this.stations.networks();
  }

  async detail(id: string): Promise<StationView> {
    const station = await this.stations.findWithTerminals(id);
    if (!station) throw new NotFoundError('No station with this id.');
    const terminals = station.terminals.getItems().sort((a, b) => a.pdcId.localeCompare(b.pdcId));
    return {
      id: station.id,
      irveId: station.irveId,
      name: station.name,
      operator: station.operator,
      brand: station.brand,
      address: station.address,
      inseeCode: station.inseeCode,
      implantation: station.implantation,
      openingHours: station.openingHours,
      pmrAccessibility: station.pmrAccessibility,
      accessCondition: station.accessCondition,
      pricing: station.pricing,
      free: station.free,
      lon: station.location.lon,
      lat: station.location.lat,
      availability: {
        available: terminals.filter((terminal) => terminal.status === 'AVAILABLE').length,
        total: terminals.length,
      },
      maxPowerKw: Math.max(0, ...terminals.map((terminal) => Number(terminal.powerKw))),
      groups: groupTerminals(terminals.map((t) => ({ ...t, powerKw: Number(t.powerKw) }))),
      terminals: terminals.map((terminal) => ({
        id: terminal.id,
        pdcId: terminal.pdcId,
        powerKw: Number(terminal.powerKw),
        plugs: terminal.plugs,
        status: terminal.status,
        statusSource: terminal.statusSource,
        statusChangedAt: terminal.statusChangedAt?.toISOString() ?? null,
        statusConfirmedAt: terminal.statusConfirmedAt?.toISOString() ?? null,
        reservable: reservationKind(
          {
            chargerId: terminal.charger?.id ?? null,
            chargerOnline: terminal.charger?.online ?? false,
            chargerAccepted: terminal.charger?.registrationStatus === 'Accepted',
            operator: station.operator,
          },
          this.config.RESERVATION_SOFT_HOLD_OPERATORS,
        ),
      })),
    };
  }
}

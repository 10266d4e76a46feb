import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GeneratedStation } from './station-generator';

export interface WriteCounts {
  stations: number;
  terminals: number;
}

/**
 * Writes generated stations in one set-based statement per table (arrays unnested server-side).
 * Existing IRVE ids are left untouched, so seeding twice changes nothing.
 */
export async function writeStations(em: EntityManager, stations: readonly GeneratedStation[]): Promise<WriteCounts> {
  const connection = em.getConnection();
  return connection.transactional(async (tx) => {
    const insertedStations = await connection.execute<{ count: number }[]>(
      `with inserted as (
         insert into stations (id, irve_id, name, operator, brand, address, insee_code, location,
                               implantation, opening_hours, pmr_accessibility, access_condition, pricing, free)
         select id, irve_id, name, operator, brand, address, insee_code, st_setsrid(st_makepoint(lon, lat), 4326),
                implantation, opening_hours, pmr_accessibility, access_condition, pricing, free
         from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[],
                     ?::float8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])
           as s(id, irve_id, name, operator, brand, address, insee_code, lon, lat,
                implantation, opening_hours, pmr_accessibility, access_condition, pricing, free)
         on conflict (irve_id) do nothing
         returning 1)
       select count(*)::int as count from inserted`,
      [
        stations.map(() => randomUUID()),
        stations.map((s) => s.irveId),
        stations.map((s) => s.name),
        stations.map((s) => s.operator),
        stations.map((s) => s.brand),
        stations.map((s) => s.address),
        stations.map((s) => s.inseeCode),
        stations.map((s) => s.lon),
        stations.map((s) => s.lat),
        stations.map((s) => s.implantation),
        stations.map((s) => s.openingHours),
        stations.map((s) => s.pmrAccessibility),
        stations.map((s) => s.accessCondition),
        stations.map((s) => s.pricing),
        stations.map((s) => s.free),
      ],
      'all',
      tx,
    );
    const terminals = stations.flatMap((station) =>
      station.terminals.map((terminal) => ({ ...terminal, stationIrveId: station.irveId })),
    );
    const insertedTerminals = await connection.execute<{ count: number }[]>(
      `with inserted as (
         insert into terminals (id, station_id, pdc_id, power_kw, plugs, status, status_source,
                                status_changed_at, status_confirmed_at)
         select t.id, s.id, t.pdc_id, t.power_kw, string_to_array(t.plugs, ','), t.status, 'HUB', now(), now()
         from unnest(?::uuid[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[])
           as t(id, station_irve_id, pdc_id, power_kw, plugs, status)
         join stations s on s.irve_id = t.station_irve_id
         on conflict (pdc_id) do nothing
         returning 1)
       select count(*)::int as count from inserted`,
      [
        terminals.map(() => randomUUID()),
        terminals.map((t) => t.stationIrveId),
        terminals.map((t) => t.pdcId),
        terminals.map((t) => t.powerKw),
        terminals.map((t) => t.plugs.join(',')),
        terminals.map((t) => t.status),
      ],
      'all',
      tx,
    );
    return { stations: insertedStations[0].count, terminals: insertedTerminals[0].count };
  });
}

/** Writes a stream of stations in batches; returns the totals. */
export async function writeStationsInBatches(
  em: EntityManager,
  stations: Iterable<GeneratedStation>,
  batchSize = 5000,
): Promise<WriteCounts> {
  const totals: WriteCounts = { stations: 0, terminals: 0 };
  let batch: GeneratedStation[] = [];
  const flush = async () => {
    const counts = await writeStations(em, batch);
    totals.stations += counts.stations;
    totals.terminals += counts.terminals;
    batch = [];
  };
  for (const station of stations) {
    batch.push(station);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return totals;
}

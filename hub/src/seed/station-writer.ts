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
export async function writeStations(
  em: EntityManager,
  stations: readonly GeneratedStation[],
): Promise<WriteCounts> {
  const connection = em.getConnection();
  // One JSON parameter per table: knex would expand array parameters into value lists.
  const stationRows = stations.map((station) => ({
    id: randomUUID(),
    irve_id: station.irveId,
    name: station.name,
    operator: station.operator,
    brand: station.brand,
    network: station.network ?? null,
    address: station.address,
    insee_code: station.inseeCode,
    lon: station.lon,
    lat: station.lat,
    implantation: station.implantation,
    opening_hours: station.openingHours,
    pmr_accessibility: station.pmrAccessibility,
    access_condition: station.accessCondition,
    pricing: station.pricing,
    free: station.free,
  }));
  const terminalRows = stations.flatMap((station) =>
    station.terminals.map((terminal) => ({
      id: randomUUID(),
      station_irve_id: station.irveId,
      pdc_id: terminal.pdcId,
      power_kw: terminal.powerKw,
      plugs: terminal.plugs,
      status: terminal.status,
    })),
  );
  return connection.transactional(async (tx) => {
    const [insertedStations] = await connection.execute<{ count: number }[]>(
      `with inserted as (
         insert into stations (id, irve_id, name, operator, brand, network, address, insee_code, location,
                               implantation, opening_hours, pmr_accessibility, access_condition, pricing, free)
         select id, irve_id, name, operator, brand, network, address, insee_code, st_setsrid(st_makepoint(lon, lat), 4326),
                implantation, opening_hours, pmr_accessibility, access_condition, pricing, free
         from jsonb_to_recordset(?::jsonb)
           as s(id uuid, irve_id text, name text, operator text, brand text, network text, address text, insee_code text,
                lon float8, lat float8, implantation text, opening_hours text, pmr_accessibility text,
                access_condition text, pricing text, free boolean)
         on conflict (irve_id) do nothing
         returning 1)
       select count(*)::int as count from inserted`,
      [JSON.stringify(stationRows)],
      'all',
      tx,
    );
    const [insertedTerminals] = await connection.execute<{ count: number }[]>(
      `with inserted as (
         insert into terminals (id, station_id, pdc_id, power_kw, plugs, status, status_source,
                                status_changed_at, status_confirmed_at)
         select t.id, s.id, t.pdc_id, t.power_kw, array(select jsonb_array_elements_text(t.plugs)), t.status,
                'HUB', now(), now()
         from jsonb_to_recordset(?::jsonb)
           as t(id uuid, station_irve_id text, pdc_id text, power_kw numeric, plugs jsonb, status text)
         join stations s on s.irve_id = t.station_irve_id
         on conflict (pdc_id) do nothing
         returning 1)
       select count(*)::int as count from inserted`,
      [JSON.stringify(terminalRows)],
      'all',
      tx,
    );
    return { stations: insertedStations.count, terminals: insertedTerminals.count };
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

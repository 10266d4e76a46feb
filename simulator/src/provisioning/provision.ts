import { createHmac } from 'node:crypto';
import {
  type Bbox,
  CHARGER_PROTOCOLS,
  type ChargerProtocol,
  createRandom,
  chargerIdentity,
} from '@wattsup/contracts';
import { z } from 'zod';
import { bboxText, quarters } from './areas';
import { HubApiError, type HubApi } from './hub-api';
import { type ProtocolMix, assignProtocols, shuffle } from './protocol-mix';

/** A charger registered in the hub, with what the simulator needs to play it. */
export interface ProvisionedCharger {
  readonly identity: string;
  readonly password: string;
  readonly protocol: ChargerProtocol;
  readonly stationId: string;
  readonly lon: number;
  readonly lat: number;
  readonly connectors: readonly {
    readonly connectorId: number;
    readonly terminalId: string;
    readonly maxPowerKw: number;
  }[];
}

export interface ProvisionRequest {
  readonly area: Bbox;
  readonly chargers: number;
  readonly protocols: ProtocolMix;
  readonly seed: number;
  /** Key of the chargers' passwords: the same secret finds the same passwords on the next run. */
  readonly secret: string;
  readonly log?: (message: string) => void;
}

/** Real charge points seldom have more than two sockets per unit: terminals are paired. */
const MAX_CONNECTORS_PER_CHARGER = 2;
const STATIONS_PAGE = 5000;
const CONCURRENCY = 16;

const featureCollection = z.object({
  truncated: z.boolean(),
  features: z.array(
    z.object({
      id: z.string(),
      geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]) }),
    }),
  ),
});
const stationDetail = z.object({
  id: z.string(),
  irveId: z.string(),
  lon: z.number(),
  lat: z.number(),
  terminals: z.array(z.object({ id: z.string(), pdcId: z.string(), powerKw: z.number() })),
});
const chargerView = z.object({
  id: z.string(),
  identity: z.string(),
  protocol: z.enum(CHARGER_PROTOCOLS),
  connectors: z.array(z.object({ connectorId: z.number().int(), terminalId: z.string() })),
});
const chargerList = z.array(chargerView);

type Station = z.infer<typeof stationDetail>;
type ChargerView = z.infer<typeof chargerView>;

/** A simulated charger's or driver's password: an HMAC of its name, 32 characters. */
export function derivedPassword(secret: string, identity: string): string {
  return createHmac('sha256', secret).update(identity).digest('base64url').slice(0, 32);
}

/** `SIM-<station IRVE id>-<n>`, kept to the identity alphabet and length. */
export function simulatedIdentity(irveId: string, index: number): string {
  const suffix = `-${index + 1}`;
  const base = `SIM-${irveId.replace(/[^A-Za-z0-9._:*+|@-]/g, '')}`.slice(0, 48 - suffix.length);
  return chargerIdentity.parse(`${base}${suffix}`);
}

/** A charger to register (or reuse): who it is and which terminals it serves. */
interface PlannedCharger {
  readonly identity: string;
  readonly station: Station;
  readonly terminals: Station['terminals'];
  readonly known: ChargerView | undefined;
}

/**
 * Finds `request.chargers` chargers' worth of terminals in the area, in a seeded order, and
 * registers a charger for each group of up to two terminals of a station. A charger registered by
 * an earlier run is reused as it is; terminals bound to anyone else's charger are left alone.
 */
export async function provisionChargers(
  api: HubApi,
  request: ProvisionRequest,
): Promise<ProvisionedCharger[]> {
  const random = createRandom(request.seed);
  const stationIds = shuffle((await stationsIn(api, request.area)).sort(), random);
  const existing = await api.get('/api/v1/admin/chargers', chargerList);
  const byIdentity = new Map(existing.map((charger) => [charger.identity, charger]));
  const boundTerminals = new Set(
    existing.flatMap((charger) => charger.connectors.map((c) => c.terminalId)),
  );
  const protocols = assignProtocols(request.protocols, request.chargers, random);

  // The plan is made in the seeded station order, then registered in parallel.
  const plan: PlannedCharger[] = [];
  for (let start = 0; start < stationIds.length && plan.length < request.chargers;) {
    const batch = stationIds.slice(start, start + CONCURRENCY * 4);
    start += batch.length;
    const stations = await inParallel(batch, (id) =>
      api.get(`/api/v1/stations/${id}`, stationDetail),
    );
    for (const station of stations) {
      for (const [index, terminals] of terminalGroups(station).entries()) {
        const identity = simulatedIdentity(station.irveId, index);
        const known = byIdentity.get(identity);
        const free = terminals.filter((terminal) => !boundTerminals.has(terminal.id));
        if (known || free.length > 0) plan.push({ identity, station, terminals: free, known });
      }
    }
  }
  const provisioned = await inParallel(plan.slice(0, request.chargers), (planned, index) => {
    const password = derivedPassword(request.secret, planned.identity);
    return planned.known
      ? reuse(planned.known, planned.station, password)
      : register(api, { ...planned, password, protocol: protocols[index] });
  });
  const found = provisioned.filter((charger) => charger !== null);
  if (found.length < request.chargers) {
    request.log?.(
      `only ${found.length} of ${request.chargers} chargers fit the free terminals of the area`,
    );
  }
  return found;
}

/** `work` over every item, CONCURRENCY at a time, results in the items' order. */
async function inParallel<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R> | R,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/** Station ids in the box, quartering the box wherever the API says it truncated the answer. */
async function stationsIn(api: HubApi, bbox: Bbox, depth = 0): Promise<string[]> {
  const page = await api.get(
    `/api/v1/stations?bbox=${bboxText(bbox)}&limit=${STATIONS_PAGE}`,
    featureCollection,
  );
  if (!page.truncated || depth >= 6) return page.features.map((feature) => feature.id);
  const parts = await Promise.all(quarters(bbox).map((part) => stationsIn(api, part, depth + 1)));
  return [...new Set(parts.flat())];
}

function terminalGroups(station: Station): Station['terminals'][] {
  const terminals = [...station.terminals].sort((a, b) => a.pdcId.localeCompare(b.pdcId));
  const groups: Station['terminals'][] = [];
  for (let i = 0; i < terminals.length; i += MAX_CONNECTORS_PER_CHARGER) {
    groups.push(terminals.slice(i, i + MAX_CONNECTORS_PER_CHARGER));
  }
  return groups;
}

function reuse(known: ChargerView, station: Station, password: string): ProvisionedCharger {
  const power = new Map(station.terminals.map((terminal) => [terminal.id, terminal.powerKw]));
  return {
    identity: known.identity,
    password,
    protocol: known.protocol,
    stationId: station.id,
    lon: station.lon,
    lat: station.lat,
    connectors: known.connectors.map(({ connectorId, terminalId }) => ({
      connectorId,
      terminalId,
      maxPowerKw: power.get(terminalId) ?? 22,
    })),
  };
}

async function register(
  api: HubApi,
  charger: {
    identity: string;
    password: string;
    protocol: ChargerProtocol;
    station: Station;
    terminals: Station['terminals'];
  },
): Promise<ProvisionedCharger | null> {
  const connectors = charger.terminals.map((terminal, index) => ({
    connectorId: index + 1,
    terminalId: terminal.id,
  }));
  try {
    await api.post(
      '/api/v1/admin/chargers',
      {
        identity: charger.identity,
        protocol: charger.protocol,
        stationId: charger.station.id,
        password: charger.password,
        connectors,
      },
      chargerView,
    );
  } catch (error) {
    // Someone bound one of these terminals meanwhile: skip the group.
    if (error instanceof HubApiError && error.status === 409) return null;
    throw error;
  }
  return {
    identity: charger.identity,
    password: charger.password,
    protocol: charger.protocol,
    stationId: charger.station.id,
    lon: charger.station.lon,
    lat: charger.station.lat,
    connectors: connectors.map((connector, index) => ({
      ...connector,
      maxPowerKw: charger.terminals[index].powerKw,
    })),
  };
}

import { createRandom, type PlugType, type Random, type TerminalStatus } from '@wattsup/contracts';

export interface Area {
  /** Short code used in generated IRVE ids, e.g. `TLS`. */
  code: string;
  name: string;
  postcode: string;
  inseeCode: string;
  lon: number;
  lat: number;
  radiusKm: number;
  stations: number;
}

export interface GeneratedStation {
  irveId: string;
  name: string;
  operator: string;
  brand: string;
  /** The network drivers filter on (`Station.network`), when it is a big one. */
  network?: string | null;
  address: string;
  inseeCode: string;
  lon: number;
  lat: number;
  implantation: string;
  openingHours: string;
  pmrAccessibility: string;
  accessCondition: string;
  pricing: string | null;
  free: boolean;
  terminals: GeneratedTerminal[];
}

export interface GeneratedTerminal {
  pdcId: string;
  powerKw: number;
  plugs: PlugType[];
  status: TerminalStatus;
}

export const DEMO_AREAS: Area[] = [
  {
    code: 'TLS',
    name: 'Toulouse',
    postcode: '31000',
    inseeCode: '31555',
    lon: 1.4442,
    lat: 43.6047,
    radiusKm: 9,
    stations: 120,
  },
  {
    code: 'PAR',
    name: 'Paris',
    postcode: '75001',
    inseeCode: '75056',
    lon: 2.3522,
    lat: 48.8566,
    radiusKm: 10,
    stations: 160,
  },
  {
    code: 'LYO',
    name: 'Lyon',
    postcode: '69001',
    inseeCode: '69123',
    lon: 4.8357,
    lat: 45.764,
    radiusKm: 8,
    stations: 100,
  },
];

/** Metropolitan France, for country-scale benchmark data. */
export const FRANCE_BOUNDS = { minLon: -4.8, minLat: 42.3, maxLon: 8.2, maxLat: 51.1 };

const NETWORKS = [
  { operator: 'IONITY GmbH', brand: 'Ionity', fast: true },
  { operator: 'Tesla Motors Netherlands B.V.', brand: 'Tesla Supercharger', fast: true },
  { operator: 'TotalEnergies Marketing France', brand: 'TotalEnergies', fast: false },
  { operator: 'Izivia', brand: 'Izivia', fast: false },
  { operator: 'Freshmile', brand: 'Freshmile', fast: false },
  { operator: 'Electra', brand: 'Electra', fast: true },
  { operator: 'Fastned France', brand: 'Fastned', fast: true },
  { operator: 'Power Dot France', brand: 'Power Dot', fast: false },
] as const;

const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'boulevard Victor Hugo',
  'place du Capitole',
  'rue Pasteur',
  'avenue de la Gare',
  'allée des Tilleuls',
  'rue du Général de Gaulle',
  'quai de la Garonne',
  'rue des Écoles',
  'avenue de Verdun',
  'rue Voltaire',
];
const PLACES = [
  'Centre',
  'Gare',
  'Nord',
  'Sud',
  'Parc',
  'Marché',
  'Hôtel de Ville',
  'Mairie',
  'Campus',
  'Hôpital',
];
const IMPLANTATIONS = [
  'Voirie',
  'Parking public',
  'Parking privé à usage public',
  'Parking privé réservé à la clientèle',
  'Station dédiée à la recharge rapide',
];
const PMR = [
  'Accessible mais non réservé PMR',
  'Réservé PMR',
  'Non accessible',
  'Accessibilité inconnue',
];

const SLOW_OFFERS: (readonly [{ powerKw: number; plugs: PlugType[] }, number])[] = [
  [{ powerKw: 7.4, plugs: ['TYPE_2'] }, 3],
  [{ powerKw: 11, plugs: ['TYPE_2'] }, 2],
  [{ powerKw: 22, plugs: ['TYPE_2'] }, 5],
  [{ powerKw: 22, plugs: ['TYPE_2', 'DOMESTIC_EF'] }, 2],
  [{ powerKw: 3.7, plugs: ['DOMESTIC_EF'] }, 1],
];
const FAST_OFFERS: (readonly [{ powerKw: number; plugs: PlugType[] }, number])[] = [
  [{ powerKw: 50, plugs: ['CCS_COMBO', 'CHADEMO'] }, 2],
  [{ powerKw: 150, plugs: ['CCS_COMBO'] }, 4],
  [{ powerKw: 350, plugs: ['CCS_COMBO'] }, 3],
  [{ powerKw: 250, plugs: ['CCS_COMBO'] }, 1],
];
const STATUSES: (readonly [TerminalStatus, number])[] = [
  ['AVAILABLE', 60],
  ['OCCUPIED', 25],
  ['RESERVED', 3],
  ['UNAVAILABLE', 4],
  ['FAULTED', 3],
  ['UNKNOWN', 5],
];
const TERMINAL_COUNTS: (readonly [number, number])[] = [
  [1, 10],
  [2, 25],
  [4, 30],
  [6, 20],
  [8, 15],
];

/** Deterministic IRVE-shaped stations around the given areas: the same seed, the same stations. */
export function* generateStations(
  areas: readonly Area[],
  seed = 2026,
): Generator<GeneratedStation> {
  const random = createRandom(seed);
  for (const area of areas) {
    for (let index = 1; index <= area.stations; index += 1) {
      const [lon, lat] = pointAround(random, area.lon, area.lat, area.radiusKm);
      yield generateStation(random, area, index, lon, lat);
    }
  }
}

/** Stations spread uniformly over a bounding box, for benchmarks at country scale. */
export function* generateStationsInBounds(
  count: number,
  bounds: typeof FRANCE_BOUNDS,
  seed = 2026,
): Generator<GeneratedStation> {
  const random = createRandom(seed);
  const area: Area = {
    code: 'FRA',
    name: 'France',
    postcode: '00000',
    inseeCode: '00000',
    lon: 0,
    lat: 0,
    radiusKm: 0,
    stations: count,
  };
  for (let index = 1; index <= count; index += 1) {
    const lon = random.between(bounds.minLon, bounds.maxLon);
    const lat = random.between(bounds.minLat, bounds.maxLat);
    yield generateStation(random, area, index, lon, lat);
  }
}

function generateStation(
  random: Random,
  area: Area,
  index: number,
  lon: number,
  lat: number,
): GeneratedStation {
  const network = random.pick(NETWORKS);
  const fast = network.fast || random.next() < 0.1;
  const serial = `${area.code}${String(index).padStart(6, '0')}`;
  const irveId = `FR*WTU*P${serial}`;
  const terminalCount = random.weighted(TERMINAL_COUNTS);
  const offer = random.weighted(fast ? FAST_OFFERS : SLOW_OFFERS);
  const terminals = Array.from({ length: terminalCount }, (_, position) => ({
    pdcId: `FR*WTU*E${serial}${position + 1}`,
    powerKw: offer.powerKw,
    plugs: [...offer.plugs],
    status: random.weighted(STATUSES),
  }));
  const free = !fast && random.next() < 0.15;
  return {
    irveId,
    name: `${network.brand} ${area.name} ${random.pick(PLACES)} ${index}`,
    operator: network.operator,
    brand: network.brand,
    // Every generated brand is a network the IRVE import recognises under this name.
    network: network.brand,
    address: `${random.int(1, 180)} ${random.pick(STREETS)}, ${area.postcode} ${area.name}`,
    inseeCode: area.inseeCode,
    lon: round6(lon),
    lat: round6(lat),
    implantation: fast ? 'Station dédiée à la recharge rapide' : random.pick(IMPLANTATIONS),
    openingHours: random.next() < 0.8 ? '24/7' : 'Mo-Sa 08:00-20:00',
    pmrAccessibility: random.pick(PMR),
    accessCondition: random.next() < 0.9 ? 'Accès libre' : 'Accès réservé',
    pricing: free ? null : fast ? '0,49 €/kWh' : '0,30 €/kWh + 0,05 €/min après 2 h',
    free,
    terminals,
  };
}

/** A uniformly distributed point within `radiusKm` of a centre. */
function pointAround(random: Random, lon: number, lat: number, radiusKm: number): [number, number] {
  const distanceKm = radiusKm * Math.sqrt(random.next());
  const bearing = random.between(0, 2 * Math.PI);
  const dLat = (distanceKm / 111.32) * Math.cos(bearing);
  const dLon = ((distanceKm / 111.32) * Math.sin(bearing)) / Math.cos((lat * Math.PI) / 180);
  return [lon + dLon, lat + dLat];
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

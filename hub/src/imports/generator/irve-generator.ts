import { createRandom, type Random } from '@wattsup/contracts';
import { IRVE_FIELDS, type IrveField } from '../irve-schema';
import { cleanInseeCode, type CorrectionKind } from '../irve-values';
import { csvField } from '../report-csv';

/**
 * Real-world dirt of the national file (shared/data/irve/FIELDS.md §4), one kind per dirty row.
 * Each kind has one known outcome, so an import of a generated file can be checked exactly.
 */
export const DIRT_KINDS = [
  'stale-duplicate', // pitfall 1: an extra, older row of the same charge point → rejected
  'duplicate-by-aggregator', // pitfall 6: the same point under another producer's station → rejected
  'non-roaming-with-local-id', // pitfall 2: `Non concerné` + id_pdc_local → kept on a local key
  'non-roaming-without-local-id', // pitfall 2: `Non concerné`, no local id → rejected
  'empty-pdc-id-with-local-id', // pitfall 2: empty id + id_pdc_local → kept on a local key
  'swapped-coordinates', // pitfall 3: `[lat, lon]` → swapped back
  'zero-coordinates', // pitfall 3: `[0, 0]` → rejected
  'spaced-coordinates', // pitfall 3: `" [8.73889 , 41.929317] "` → read as is
  'power-in-watts', // pitfall 4: 7400 for 7.4 kW → converted
  'zero-power', // pitfall 4: 0 kW → rejected
  'station-name-disagrees', // pitfall 5: one row names its station differently → conflict
  'legacy-id', // pitfall 7: `FR*ABC*E…` or lower case → normalised
  'zero-date', // pitfall 9: date_maj `0000-00-00` → rejected
  'french-date', // pitfall 9: date_maj `dd/mm/yyyy` → converted
  'leading-space', // pitfall 10: `" 24/7"` → trimmed
  'mojibake', // pitfall 10: `0,40â‚¬` → repaired
  'enum-spelling', // pitfall 10: `ACCES LIBRE` → `Accès libre`
  'boolean-word', // booleans written `oui` / `non` → read
  'unknown-boolean', // a boolean that is neither → rejected
  'missing-delimiter', // a row with one field too few → rejected
] as const;
export type DirtKind = (typeof DIRT_KINDS)[number];

const CORRECTION_OF: Partial<Record<DirtKind, CorrectionKind>> = {
  'non-roaming-with-local-id': 'local-id-key',
  'empty-pdc-id-with-local-id': 'local-id-key',
  'swapped-coordinates': 'swapped-coordinates',
  'power-in-watts': 'power-in-watts',
  'legacy-id': 'id-format',
  'french-date': 'date-format',
  mojibake: 'mojibake',
  'enum-spelling': 'enum-spelling',
  'boolean-word': 'boolean-spelling',
};
const REJECTED: ReadonlySet<DirtKind> = new Set<DirtKind>([
  'stale-duplicate',
  'duplicate-by-aggregator',
  'non-roaming-without-local-id',
  'zero-coordinates',
  'zero-power',
  'zero-date',
  'unknown-boolean',
  'missing-delimiter',
]);

/** What importing the generated file must give. */
export interface GeneratedIrveExpectation {
  rows: number;
  /** Stations with at least one accepted row. */
  stations: number;
  /** Accepted rows, each a distinct charge point. */
  terminals: number;
  rejectedRows: number;
  duplicateRows: number;
  conflicts: number;
  corrections: Partial<Record<CorrectionKind, number>>;
  dirt: Partial<Record<DirtKind, number>>;
}

interface City {
  name: string;
  postcode: string;
  insee: string;
  lon: number;
  lat: number;
  weight: number;
}

// Population-weighted, with overseas departments (FIELDS.md: check against France + DROM).
const CITIES: readonly City[] = [
  { name: 'Paris', postcode: '75011', insee: '75056', lon: 2.3522, lat: 48.8566, weight: 20 },
  { name: 'Marseille', postcode: '13001', insee: '13055', lon: 5.3698, lat: 43.2965, weight: 8 },
  { name: 'Lyon', postcode: '69003', insee: '69123', lon: 4.8357, lat: 45.764, weight: 8 },
  { name: 'Toulouse', postcode: '31000', insee: '31555', lon: 1.4442, lat: 43.6047, weight: 7 },
  { name: 'Nice', postcode: '06000', insee: '06088', lon: 7.262, lat: 43.7102, weight: 5 },
  { name: 'Nantes', postcode: '44000', insee: '44109', lon: -1.5536, lat: 47.2184, weight: 5 },
  { name: 'Montpellier', postcode: '34000', insee: '34172', lon: 3.8767, lat: 43.6108, weight: 5 },
  { name: 'Strasbourg', postcode: '67000', insee: '67482', lon: 7.7521, lat: 48.5734, weight: 4 },
  { name: 'Bordeaux', postcode: '33000', insee: '33063', lon: -0.5792, lat: 44.8378, weight: 5 },
  { name: 'Lille', postcode: '59000', insee: '59350', lon: 3.0573, lat: 50.6292, weight: 5 },
  { name: 'Rennes', postcode: '35000', insee: '35238', lon: -1.6778, lat: 48.1173, weight: 4 },
  { name: 'Reims', postcode: '51100', insee: '51454', lon: 4.0317, lat: 49.2583, weight: 2 },
  { name: 'Le Havre', postcode: '76600', insee: '76351', lon: 0.1079, lat: 49.4944, weight: 2 },
  {
    name: 'Saint-Étienne',
    postcode: '42000',
    insee: '42218',
    lon: 4.3872,
    lat: 45.4397,
    weight: 2,
  },
  { name: 'Toulon', postcode: '83000', insee: '83137', lon: 5.928, lat: 43.1242, weight: 2 },
  { name: 'Grenoble', postcode: '38000', insee: '38185', lon: 5.7245, lat: 45.1885, weight: 3 },
  { name: 'Dijon', postcode: '21000', insee: '21231', lon: 5.0415, lat: 47.322, weight: 2 },
  { name: 'Angers', postcode: '49000', insee: '49007', lon: -0.5632, lat: 47.4784, weight: 2 },
  { name: 'Nîmes', postcode: '30000', insee: '30189', lon: 4.3601, lat: 43.8367, weight: 2 },
  {
    name: 'Clermont-Ferrand',
    postcode: '63000',
    insee: '63113',
    lon: 3.087,
    lat: 45.7772,
    weight: 2,
  },
  { name: 'Le Mans', postcode: '72000', insee: '72181', lon: 0.1996, lat: 48.0061, weight: 2 },
  {
    name: 'Aix-en-Provence',
    postcode: '13090',
    insee: '13001',
    lon: 5.4474,
    lat: 43.5297,
    weight: 2,
  },
  { name: 'Brest', postcode: '29200', insee: '29019', lon: -4.4861, lat: 48.3904, weight: 2 },
  { name: 'Tours', postcode: '37000', insee: '37261', lon: 0.6848, lat: 47.3941, weight: 2 },
  { name: 'Limoges', postcode: '87000', insee: '87085', lon: 1.2611, lat: 45.8336, weight: 2 },
  { name: 'Ajaccio', postcode: '20000', insee: '2A004', lon: 8.7369, lat: 41.9192, weight: 1 },
  {
    name: 'Saint-Denis',
    postcode: '97400',
    insee: '97411',
    lon: 55.4504,
    lat: -20.8821,
    weight: 1,
  },
  {
    name: 'Pointe-à-Pitre',
    postcode: '97110',
    insee: '97120',
    lon: -61.5331,
    lat: 16.2411,
    weight: 1,
  },
  {
    name: 'Fort-de-France',
    postcode: '97200',
    insee: '97209',
    lon: -61.0588,
    lat: 14.6161,
    weight: 1,
  },
];

interface Network {
  code: string;
  operator: string;
  contact: string;
  brand: string;
  fast: boolean;
  weight: number;
}

const NETWORKS: readonly Network[] = [
  {
    code: 'TSL',
    operator: 'Tesla',
    contact: 'charging-france@tesla.com',
    brand: 'Tesla Supercharger',
    fast: true,
    weight: 4,
  },
  {
    code: 'ION',
    operator: 'IONITY GmbH',
    contact: 'contact@ionity.eu',
    brand: 'Ionity',
    fast: true,
    weight: 3,
  },
  {
    code: 'TOT',
    operator: 'TotalEnergies Charging Services',
    contact: 'support@totalenergies.com',
    brand: 'TotalEnergies',
    fast: false,
    weight: 10,
  },
  {
    code: 'ELC',
    operator: 'Electra',
    contact: 'support@go-electra.com',
    brand: 'Electra',
    fast: true,
    weight: 3,
  },
  {
    code: 'FST',
    operator: 'Fastned France',
    contact: 'support@fastned.nl',
    brand: 'Fastned',
    fast: true,
    weight: 2,
  },
  {
    code: 'IZI',
    operator: 'Izivia',
    contact: 'contact@izivia.com',
    brand: 'Izivia',
    fast: false,
    weight: 8,
  },
  {
    code: 'FRM',
    operator: 'Freshmile',
    contact: 'support@freshmile.com',
    brand: 'Freshmile',
    fast: false,
    weight: 8,
  },
  {
    code: 'PWD',
    operator: 'Power Dot France',
    contact: 'info@powerdot.fr',
    brand: 'Power Dot',
    fast: false,
    weight: 5,
  },
  {
    code: 'LID',
    operator: 'Lidl France',
    contact: 'bornes@lidl.fr',
    brand: 'LIDL',
    fast: false,
    weight: 4,
  },
  {
    code: 'ALG',
    operator: 'Allego',
    contact: 'support@allego.eu',
    brand: 'Carrefour Energies',
    fast: false,
    weight: 5,
  },
  {
    code: 'VIA',
    operator: 'Engie Vianeo',
    contact: 'contact@vianeo.fr',
    brand: 'Vianeo',
    fast: false,
    weight: 5,
  },
  {
    code: 'SHL',
    operator: 'Shell Recharge Solutions',
    contact: 'support@shellrecharge.com',
    brand: 'Shell Recharge',
    fast: false,
    weight: 3,
  },
  {
    code: 'S28',
    operator: 'ENERGIE Eure-et-Loir',
    contact: 'irve@energie28.fr',
    brand: 'Energie 28',
    fast: false,
    weight: 6,
  },
  {
    code: 'SYD',
    operator: 'SYDEV',
    contact: 'mobilite@sydev-vendee.fr',
    brand: 'SYDEV',
    fast: false,
    weight: 5,
  },
  {
    code: 'SML',
    operator: 'SPIE CITYNETWORKS',
    contact: 'irve@sieml.fr',
    brand: 'SIEML',
    fast: false,
    weight: 5,
  },
];

type Offer = readonly [powerKw: number, plugs: readonly IrveField[]];
const SLOW_OFFERS: readonly (readonly [Offer, number])[] = [
  [[3.7, ['prise_type_ef']], 2],
  [[7.4, ['prise_type_2', 'prise_type_ef']], 8],
  [[11, ['prise_type_2']], 5],
  [[22, ['prise_type_2', 'prise_type_ef']], 14],
  [[22, ['prise_type_2']], 10],
  [[43, ['prise_type_2', 'prise_type_chademo', 'prise_type_combo_ccs']], 1],
];
const FAST_OFFERS: readonly (readonly [Offer, number])[] = [
  [[50, ['prise_type_combo_ccs', 'prise_type_chademo']], 3],
  [[100, ['prise_type_combo_ccs']], 2],
  [[150, ['prise_type_combo_ccs']], 4],
  [[175, ['prise_type_combo_ccs']], 2],
  [[250, ['prise_type_combo_ccs']], 2],
  [[300, ['prise_type_combo_ccs']], 2],
  [[350, ['prise_type_combo_ccs']], 2],
];
const STATION_SIZES: readonly (readonly [number, number])[] = [
  [1, 12],
  [2, 22],
  [4, 26],
  [6, 17],
  [8, 11],
  [10, 7],
  [12, 5],
];
const IMPLANTATIONS = [
  'Voirie',
  'Parking public',
  'Parking privé à usage public',
  'Parking privé réservé à la clientèle',
];
const PMR = [
  'Accessible mais non réservé PMR',
  'Réservé PMR',
  'Non accessible',
  'Accessibilité inconnue',
];
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'boulevard Victor Hugo',
  'rue Pasteur',
  'avenue de la Gare',
  'place de l’Église',
  'rue du Général de Gaulle',
  'quai des Chartrons',
];
const PLACES = [
  'Centre',
  'Gare',
  'Mairie',
  'Parc',
  'Marché',
  'Hôtel de Ville',
  'Campus',
  'Hôpital',
  'Aire de repos',
  'Zone commerciale',
];
/** The six spellings the real extract mixes (FIELDS.md §2), all valid. */
const TRUE_SPELLINGS = ['TRUE', 'true', 'True', '1'];
const FALSE_SPELLINGS = ['FALSE', 'false', 'False', '0'];

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2022, 0, 1);
const DAYS = 4 * 365;

interface StationDraft {
  id: string;
  serial: string;
  network: Network;
  values: Partial<Record<IrveField, string>>;
  offer: Offer;
  size: number;
  dateMaj: string;
  acceptedRows: number;
  nameDisagreements: number;
}

/** Corrections every accepted row of the station brings, whatever its dirt. */
function stationCorrections(station: StationDraft): CorrectionKind[] {
  // A Corsican postcode (20000) in code_insee_commune fails the INSEE pattern: the value is dropped.
  return cleanInseeCode(station.values.code_insee_commune!).ok ? [] : ['dropped-invalid-optional'];
}

/**
 * Deterministic IRVE-shaped rows (header first): the same options give the same file. `dirty` is
 * the share of rows given one kind of real-world dirt; `expectation` ends up holding what an
 * import of the file must report.
 */
export function* generateIrveLines(
  options: { rows: number; seed: number; dirty: number },
  expectation: GeneratedIrveExpectation,
): Generator<string> {
  const random = createRandom(options.seed);
  const cityWeights = CITIES.map((city) => [city, city.weight] as const);
  const networkWeights = NETWORKS.map((network) => [network, network.weight] as const);
  yield `${IRVE_FIELDS.join(',')}\n`;
  let written = 0;
  let serial = 0;
  let localIds = 0;
  const stations: StationDraft[] = [];

  const emit = (values: Partial<Record<IrveField, string>>, dropLastField = false) => {
    const fields = IRVE_FIELDS.map((field) => csvField(values[field] ?? ''));
    if (dropLastField) fields.pop();
    written += 1;
    return `${fields.join(',')}\n`;
  };
  const count = <K extends string>(map: Partial<Record<K, number>>, key: K) => {
    map[key] = (map[key] ?? 0) + 1;
  };

  while (written < options.rows) {
    const station = draftStation(
      random,
      random.weighted(cityWeights),
      random.weighted(networkWeights),
      (serial += 1),
    );
    stations.push(station);
    for (let position = 1; position <= station.size && written < options.rows; position += 1) {
      const row = pointOf(random, station, position);
      const dirt: DirtKind | null = random.next() < options.dirty ? random.pick(DIRT_KINDS) : null;
      const applied =
        dirt && applyDirt(dirt, row, station, position, () => `LOC${(localIds += 1)}`);
      if (applied === 'stale-duplicate' || applied === 'duplicate-by-aggregator') {
        // The clean row, then an older copy of it that the import must reject.
        yield emit(row);
        station.acceptedRows += 1;
        stationCorrections(station).forEach((kind) => count(expectation.corrections, kind));
        if (written >= options.rows) break;
        const copy = { ...row, date_maj: shiftDate(row.date_maj!, -365) };
        if (applied === 'duplicate-by-aggregator') {
          copy.id_station_itinerance = `FRAGGP${station.serial}`;
          copy.nom_operateur = 'GIREVE';
          copy.contact_operateur = 'contact@gireve.com';
        }
        yield emit(copy);
      } else {
        yield emit(row, applied === 'missing-delimiter');
        if (!applied || !REJECTED.has(applied)) {
          station.acceptedRows += 1;
          stationCorrections(station).forEach((kind) => count(expectation.corrections, kind));
        }
      }
      if (applied) {
        count(expectation.dirt, applied);
        const correction = CORRECTION_OF[applied];
        if (correction) count(expectation.corrections, correction);
        if (REJECTED.has(applied)) expectation.rejectedRows += 1;
        if (applied === 'stale-duplicate' || applied === 'duplicate-by-aggregator') {
          expectation.duplicateRows += 1;
        }
        if (applied === 'station-name-disagrees') station.nameDisagreements += 1;
      }
    }
  }
  expectation.rows = written;
  expectation.stations = stations.filter((station) => station.acceptedRows > 0).length;
  expectation.terminals = stations.reduce((sum, station) => sum + station.acceptedRows, 0);
  // A station has a name conflict when its accepted rows carry more than one name.
  expectation.conflicts = stations.filter(
    (station) =>
      station.nameDisagreements >= 2 ||
      (station.nameDisagreements === 1 && station.acceptedRows > 1),
  ).length;
}

export function emptyExpectation(): GeneratedIrveExpectation {
  return {
    rows: 0,
    stations: 0,
    terminals: 0,
    rejectedRows: 0,
    duplicateRows: 0,
    conflicts: 0,
    corrections: {},
    dirt: {},
  };
}

function draftStation(random: Random, city: City, network: Network, index: number): StationDraft {
  const serial = index.toString(36).toUpperCase().padStart(6, '0');
  const fast = network.fast || random.next() < 0.08;
  const offer = random.weighted(fast ? FAST_OFFERS : SLOW_OFFERS);
  const size = random.weighted(STATION_SIZES);
  const distanceKm = 8 * Math.sqrt(random.next());
  const bearing = random.between(0, 2 * Math.PI);
  const lat = city.lat + (distanceKm / 111.32) * Math.cos(bearing);
  const lon =
    city.lon + ((distanceKm / 111.32) * Math.sin(bearing)) / Math.cos((city.lat * Math.PI) / 180);
  const place = random.pick(PLACES);
  const tesla = network.code === 'TSL';
  const dateMaj = new Date(FIRST_DAY + random.int(0, DAYS) * DAY_MS).toISOString().slice(0, 10);
  const values: Partial<Record<IrveField, string>> = {
    nom_amenageur: network.operator,
    siren_amenageur: String(random.int(100_000_000, 999_999_999)),
    contact_amenageur: network.contact,
    nom_operateur: network.operator,
    contact_operateur: network.contact,
    telephone_operateur: `0${random.int(100_000_000, 999_999_999)}`,
    nom_enseigne: network.brand,
    id_station_itinerance: `FR${network.code}P${serial}`,
    id_station_local: `${network.code}-${serial}`,
    nom_station: `${tesla ? 'Tesla Supercharger' : network.brand} ${city.name} ${place}`,
    implantation_station: fast ? 'Station dédiée à la recharge rapide' : random.pick(IMPLANTATIONS),
    adresse_station: `${random.int(1, 180)} ${random.pick(STREETS)} ${city.postcode} ${city.name}`,
    // Producers often put the postcode there (FIELDS.md pitfall 8); the pattern accepts both.
    code_insee_commune: random.next() < 0.3 ? city.postcode : city.insee,
    coordonneesXY: `[${lon.toFixed(6)}, ${lat.toFixed(6)}]`,
    nbre_pdc: String(size),
    gratuit: pick(random, !fast && random.next() < 0.1),
    paiement_acte: pick(random, true),
    paiement_cb: pick(random, fast),
    paiement_autre: pick(random, true),
    tarification: fast ? '0,49 €/kWh' : '0,30 €/kWh',
    condition_acces: tesla && random.next() < 0.1 ? 'Accès réservé' : 'Accès libre',
    reservation: pick(random, false),
    horaires: random.next() < 0.85 ? '24/7' : 'Mo-Sa 08:00-20:00',
    restriction_gabarit: 'Inconnue',
    station_deux_roues: pick(random, false),
    raccordement: random.pick(['Direct', 'Indirect']),
    num_pdl: String(random.int(10_000_000, 99_999_999)).padStart(14, '0'),
    date_mise_en_service: shiftDate(dateMaj, -random.int(30, 1500)),
    date_maj: dateMaj,
  };
  return {
    id: values.id_station_itinerance!,
    serial,
    network,
    values,
    offer,
    size,
    dateMaj,
    acceptedRows: 0,
    nameDisagreements: 0,
  };
}

function pointOf(
  random: Random,
  station: StationDraft,
  position: number,
): Partial<Record<IrveField, string>> {
  const [powerKw, plugs] = station.offer;
  const row: Partial<Record<IrveField, string>> = {
    ...station.values,
    id_pdc_itinerance: `FR${station.network.code}E${station.serial}${position}`,
    id_pdc_local: `${station.network.code}-${station.serial}-${position}`,
    puissance_nominale: String(powerKw),
    accessibilite_pmr: random.pick(PMR),
    cable_t2_attache: pick(random, false),
  };
  for (const plug of [
    'prise_type_ef',
    'prise_type_2',
    'prise_type_combo_ccs',
    'prise_type_chademo',
    'prise_type_autre',
  ] as const) {
    row[plug] = pick(random, plugs.includes(plug));
  }
  return row;
}

/** Applies one kind of dirt to a row; null when it does not apply to this row. */
function applyDirt(
  dirt: DirtKind,
  row: Partial<Record<IrveField, string>>,
  station: StationDraft,
  position: number,
  nextLocalId: () => string,
): DirtKind | null {
  switch (dirt) {
    case 'stale-duplicate':
    case 'duplicate-by-aggregator':
    case 'zero-coordinates':
    case 'zero-date':
    case 'missing-delimiter':
      break;
    case 'non-roaming-with-local-id':
      row.id_pdc_itinerance = 'Non concerné';
      row.id_pdc_local = nextLocalId();
      break;
    case 'non-roaming-without-local-id':
      row.id_pdc_itinerance = 'Non concerné';
      row.id_pdc_local = '';
      break;
    case 'empty-pdc-id-with-local-id':
      row.id_pdc_itinerance = '';
      row.id_pdc_local = nextLocalId();
      break;
    case 'swapped-coordinates': {
      const [lon, lat] = JSON.parse(row.coordonneesXY!) as [number, number];
      row.coordonneesXY = `[${lat.toFixed(6)}, ${lon.toFixed(6)}]`;
      break;
    }
    case 'spaced-coordinates':
      row.coordonneesXY = ` ${row.coordonneesXY!.replace(', ', ' , ')} `;
      break;
    case 'power-in-watts':
      row.puissance_nominale = String(Math.round(Number(row.puissance_nominale) * 1000));
      break;
    case 'zero-power':
      row.puissance_nominale = '0';
      break;
    case 'station-name-disagrees':
      if (station.size < 2) return null;
      row.nom_station = `${row.nom_station} - borne ${position}`;
      break;
    case 'legacy-id':
      row.id_pdc_itinerance =
        position % 2 === 0
          ? row.id_pdc_itinerance!.replace(/^(FR)(\w{3})E/, 'FR*$2*E')
          : row.id_pdc_itinerance!.toLowerCase();
      break;
    case 'french-date':
      row.date_maj = row.date_maj!.split('-').reverse().join('/');
      break;
    case 'leading-space':
      row.horaires = ` ${row.horaires}`;
      break;
    case 'mojibake':
      // UTF-8 read as Windows-1252: `€` (E2 82 AC) becomes `â‚¬`.
      row.tarification = Buffer.from(row.tarification!, 'utf8')
        .toString('latin1')
        .replace('\u0082', '‚');
      break;
    case 'enum-spelling':
      row.condition_acces = row.condition_acces!.toUpperCase().replace('È', 'E');
      break;
    case 'boolean-word':
      row.prise_type_2 = ['TRUE', 'true', 'True', '1'].includes(row.prise_type_2!) ? 'oui' : 'non';
      break;
    case 'unknown-boolean':
      row.prise_type_2 = 'peut-être';
      break;
  }
  if (dirt === 'zero-coordinates') row.coordonneesXY = '[0, 0]';
  if (dirt === 'zero-date') row.date_maj = '0000-00-00';
  return dirt;
}

function pick(random: Random, value: boolean): string {
  return random.pick(value ? TRUE_SPELLINGS : FALSE_SPELLINGS);
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

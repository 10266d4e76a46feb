import { NOT_IN_ROAMING } from './irve-schema';
import { memoize } from './memo';
import { WINDOWS_1252_HIGH } from './text-decoding';

/** Kinds of repair the cleaner makes; each is counted on the import. */
export type CorrectionKind =
  | 'boolean-spelling'
  | 'coordinates-format'
  | 'date-format'
  | 'decimal-comma'
  | 'dropped-invalid-optional'
  | 'enum-spelling'
  | 'id-format'
  | 'local-id-key'
  | 'mojibake'
  | 'power-in-watts'
  | 'power-unit'
  | 'required-value-missing'
  | 'swapped-coordinates';

export type Cleaned<T> =
  { ok: true; value: T; correction?: CorrectionKind } | { ok: false; reason: string };

const ok = <T>(value: T, correction?: CorrectionKind): Cleaned<T> =>
  correction ? { ok: true, value, correction } : { ok: true, value };
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

// ---------------------------------------------------------------- text

// Lead bytes of 2-byte (Â, Ã, Å) and 3-byte (â: `€`, `’`, `…`) UTF-8 sequences seen as
// Windows-1252, followed by a continuation byte seen the same way.
const MOJIBAKE = /[ÂÃÅâ][\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹Œ‘’“”•–—˜™š›œžŸ]/;

/**
 * Repairs UTF-8 text that was once decoded as Windows-1252 (`HonorÃ©` → `Honoré`, FIELDS.md
 * pitfall 10). Only when the whole string re-encodes to valid UTF-8, so real `Ã` survive.
 */
export function repairMojibake(text: string): string | null {
  if (!MOJIBAKE.test(text)) return null;
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    const high = WINDOWS_1252_HIGH.indexOf(char);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (high >= 0) bytes.push(0x80 + high);
    else return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * Trims, collapses runs of white space and NFC-normalises (FIELDS.md pitfall 10: `" 24/7"`, enum
 * values compared after NFC); empty is null.
 */
export function cleanText(raw: string): { value: string | null; correction?: CorrectionKind } {
  let text = raw.trim();
  if (text === '') return { value: null };
  if (PLAIN_ASCII.test(text)) {
    return { value: text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text };
  }
  text = text.replace(/\s+/g, ' ').normalize('NFC');
  const repaired = repairMojibake(text);
  return repaired === null
    ? { value: text }
    : { value: repaired.normalize('NFC'), correction: 'mojibake' };
}

/** Lower case, no accents, letters and digits only: how two spellings of one enum compare. */
export const spellingKey = memoize(function spellingKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
});

/** An enum value, forgiving case, accents and spacing (`accès  LIBRE` → `Accès libre`). */
export function cleanEnum<T extends string>(text: string, values: readonly T[]): Cleaned<T> {
  const exact = values.find((value) => value === text);
  if (exact) return ok(exact);
  const key = spellingKey(text);
  const close = values.find((value) => spellingKey(value) === key);
  return close ? ok(close, 'enum-spelling') : fail(`must be one of: ${values.join(', ')}`);
}

// ---------------------------------------------------------------- booleans

const SCHEMA_BOOLEANS: Record<string, boolean> = {
  true: true,
  True: true,
  TRUE: true,
  '1': true,
  false: false,
  False: false,
  FALSE: false,
  '0': false,
};
const OTHER_BOOLEANS: Record<string, boolean> = {
  vrai: true,
  oui: true,
  yes: true,
  y: true,
  o: true,
  t: true,
  faux: false,
  non: false,
  no: false,
  n: false,
  f: false,
};

/** Frictionless boolean spellings as they are, plus French and English words (FIELDS.md §2). */
export function cleanBoolean(text: string): Cleaned<boolean> {
  const schema = SCHEMA_BOOLEANS[text];
  if (schema !== undefined) return ok(schema);
  const other = OTHER_BOOLEANS[text.toLowerCase()] ?? SCHEMA_BOOLEANS[text.toLowerCase()];
  return other === undefined
    ? fail('must be true or false (true/false, 1/0, oui/non)')
    : ok(other, 'boolean-spelling');
}

// ---------------------------------------------------------------- power

/** Above this a value in kW is not a car charger; the national file's fastest points are 400 kW. */
export const MAX_POWER_KW = 500;
/** The smallest power a value read as watts may stand for (a weak domestic socket). */
const MIN_POWER_FROM_WATTS_KW = 1.2;

const POWER = /^(\d+(?:[.,]\d+)?)\s*(kw|w)?$/i;

/**
 * `puissance_nominale` in kW, rounded as the database keeps it (2 decimals). The schema has no
 * maximum and many producers write watts (FIELDS.md pitfall 4: 7360 for 7.36 kW), so a value
 * above {@link MAX_POWER_KW} is read as watts only when that gives a plausible power; a value in
 * between is refused rather than guessed.
 */
export function cleanPower(text: string): Cleaned<number> {
  const match = POWER.exec(text);
  if (!match) return fail('must be a number of kW, e.g. 22 or 7.4');
  let correction: CorrectionKind | undefined;
  let value = Number(match[1].replace(',', '.'));
  if (match[1].includes(',')) correction = 'decimal-comma';
  const unit = match[2]?.toLowerCase();
  if (unit === 'w') {
    value /= 1000;
    correction = 'power-unit';
  } else if (unit === 'kw') correction = 'power-unit';
  if (value <= 0) return fail('must be above 0 kW: a point without power cannot charge');
  if (value > MAX_POWER_KW && unit === undefined) {
    const kilowatts = value / 1000;
    if (kilowatts < MIN_POWER_FROM_WATTS_KW || kilowatts > MAX_POWER_KW) {
      return fail(`${value} is neither a plausible power in kW nor one in W`);
    }
    value = kilowatts;
    correction = 'power-in-watts';
  }
  if (value > MAX_POWER_KW) return fail(`above ${MAX_POWER_KW} kW`);
  return ok(Math.round(value * 100) / 100, correction);
}

// ---------------------------------------------------------------- coordinates

interface Box {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/**
 * France with Corsica, and the overseas departments and collectivities that publish IRVE data.
 * Longitude and latitude ranges never overlap inside one box, so a swapped pair cannot land in
 * the box it came from.
 */
export const FRANCE_BOXES: Record<string, Box> = {
  metropole: { minLon: -5.3, minLat: 41.3, maxLon: 9.7, maxLat: 51.2 },
  guadeloupe: { minLon: -61.9, minLat: 15.8, maxLon: -60.9, maxLat: 16.6 },
  martinique: { minLon: -61.3, minLat: 14.3, maxLon: -60.7, maxLat: 14.95 },
  guyane: { minLon: -54.7, minLat: 2.1, maxLon: -51.5, maxLat: 5.85 },
  reunion: { minLon: 55.2, minLat: -21.4, maxLon: 55.9, maxLat: -20.8 },
  mayotte: { minLon: 44.9, minLat: -13.1, maxLon: 45.35, maxLat: -12.6 },
  saintMartinBarthelemy: { minLon: -63.2, minLat: 17.85, maxLon: -62.75, maxLat: 18.15 },
  saintPierreMiquelon: { minLon: -56.5, minLat: 46.7, maxLon: -56.1, maxLat: 47.2 },
};

export function inFrance(lon: number, lat: number): boolean {
  return Object.values(FRANCE_BOXES).some(
    (box) => lon >= box.minLon && lon <= box.maxLon && lat >= box.minLat && lat <= box.maxLat,
  );
}

function parseNumberPair(text: string): [number, number] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      return parsed as [number, number];
    }
  } catch {
    // not JSON: refused below
  }
  return null;
}

/**
 * `coordonneesXY` is `"[lon, lat]"` in WGS84, parsed as JSON whatever the spacing (FIELDS.md
 * pitfall 3). A pair outside France that falls inside it once swapped is swapped back, as the
 * data.gouv pipeline does; (0, 0) and anything else outside is refused.
 */
export function cleanCoordinates(text: string): Cleaned<{ lon: number; lat: number }> {
  let correction: CorrectionKind | undefined;
  let pair = parseNumberPair(text);
  if (!pair && !text.startsWith('[')) {
    pair = parseNumberPair(`[${text}]`);
    correction = 'coordinates-format';
  }
  if (!pair) return fail('must be "[longitude, latitude]" in decimal degrees');
  const [lon, lat] = pair;
  if (lon === 0 && lat === 0) return fail('is (0, 0): no position was given');
  if (inFrance(lon, lat)) return ok({ lon, lat }, correction);
  if (inFrance(lat, lon)) return ok({ lon: lat, lat: lon }, 'swapped-coordinates');
  return fail(
    'is outside France and its overseas territories, even with longitude and latitude swapped',
  );
}

// ---------------------------------------------------------------- dates

/** Oldest plausible date: public charging points in France predate 2000 only as curiosities. */
const MIN_YEAR = 1990;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * A `%Y-%m-%d` date (also accepted: `dd/mm/yyyy` and an ISO date-time). Zero and impossible
 * dates are refused, never trusted (FIELDS.md pitfall 9), and so are dates after `latestDate`.
 */
export function cleanDate(text: string, latestDate: string): Cleaned<string> {
  let correction: CorrectionKind | undefined;
  let iso = text;
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (french) {
    iso = `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}`;
    correction = 'date-format';
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    iso = text.slice(0, 10);
    correction = 'date-format';
  }
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!parts) return fail('must be a date written YYYY-MM-DD');
  const [year, month, day] = parts.slice(1).map(Number);
  if (year === 0 || month === 0 || day === 0) return fail('is a zero date');
  if (!isCalendarDate(year, month, day)) return fail('is not a calendar date');
  if (year < MIN_YEAR) return fail(`is before ${MIN_YEAR}`);
  if (iso > latestDate) return fail('is in the future');
  return ok(iso, correction);
}

// ---------------------------------------------------------------- identifiers

const ITINERANCE_ID = /^[A-Z]{2}[A-Z0-9]{4,33}$/;

/**
 * An AFIREV/eMI3 roaming id (`FRA68P68021001`), or `Non concerné`. Ids compare without case and
 * with or without `*` separators (eMI3 ID format), so legacy `FR*A68*P…` and lower-case ids are
 * normalised rather than refused (FIELDS.md pitfall 7).
 */
export function cleanItineranceId(text: string): Cleaned<string> {
  if ((text[0] === 'N' || text[0] === 'n') && spellingKey(text) === 'nonconcerne') {
    return ok(NOT_IN_ROAMING, text === NOT_IN_ROAMING ? undefined : 'id-format');
  }
  if (text.includes(',')) return fail('holds several ids: one row describes one charge point');
  const id = text.replace(/\*/g, '').toUpperCase();
  if (!ITINERANCE_ID.test(id)) {
    return fail('must be 2 letters then 4 to 33 letters or digits (e.g. FRA68E680210015)');
  }
  return ok(id, id === text ? undefined : 'id-format');
}

// ---------------------------------------------------------------- small formats

export function cleanNonNegativeInteger(text: string): Cleaned<number> {
  return /^\d+$/.test(text) ? ok(Number(text)) : fail('must be a whole number, 0 or more');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function cleanEmail(text: string): Cleaned<string> {
  return EMAIL.test(text) ? ok(text.toLowerCase()) : fail('must be an e-mail address');
}

/** The schema's own (loose, unanchored) pattern: some `hh:mm-hh:mm` range or `24/7`. */
const OPENING_HOURS = /(\d{1,2}:\d{2})-(\d{1,2}:\d{2})|24\/7/;
export function cleanOpeningHours(text: string): Cleaned<string> {
  return OPENING_HOURS.test(text)
    ? ok(text)
    : fail('must be 24/7 or opening hours such as "Mo-Fr 08:00-19:00"');
}

/** INSEE commune code (Corsica 2A/2B); postcodes also match and are kept (FIELDS.md pitfall 8). */
const INSEE_CODE = /^([013-9]\d|2[AB1-9])\d{3}$/;
export function cleanInseeCode(text: string): Cleaned<string> {
  return INSEE_CODE.test(text) ? ok(text) : fail('must be a 5-character INSEE commune code');
}

import type { AdminStationView, AdminTerminalView, PlugType } from '@wattsup/contracts';

/** A station as its form holds it: text, as typed. */
export interface StationForm {
  irveId: string;
  name: string;
  operator: string;
  brand: string;
  address: string;
  inseeCode: string;
  lon: string;
  lat: string;
  implantation: string;
  openingHours: string;
  pmrAccessibility: string;
  accessCondition: string;
  pricing: string;
  free: 'unknown' | 'yes' | 'no';
}

export interface TerminalForm {
  pdcId: string;
  powerKw: string;
  plugs: PlugType[];
}

const TEXT_FIELDS = [
  'name',
  'operator',
  'brand',
  'address',
  'inseeCode',
  'implantation',
  'openingHours',
  'pmrAccessibility',
  'accessCondition',
  'pricing',
] as const;

export const EMPTY_STATION_FORM: StationForm = {
  irveId: '',
  ...(Object.fromEntries(TEXT_FIELDS.map((field) => [field, ''])) as Record<
    (typeof TEXT_FIELDS)[number],
    string
  >),
  lon: '',
  lat: '',
  free: 'unknown',
};

export const EMPTY_TERMINAL_FORM: TerminalForm = { pdcId: '', powerKw: '22', plugs: ['TYPE_2'] };

/** A point picked on the map, to the micro-degree (about 10 cm). */
export const coordinateText = (value: number): string => String(Math.round(value * 1e6) / 1e6);

/** A number as typed (a French decimal comma too); empty is missing, for the schema to say. */
const numberOf = (text: string): number | undefined =>
  text.trim() === '' ? undefined : Number(text.trim().replace(',', '.'));

const FREE = { unknown: null, yes: true, no: false } as const;

/** The station's fields for `createStationRequest` / `updateStationRequest` to check. */
function stationFields(form: StationForm) {
  return {
    ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, form[field]])),
    lon: numberOf(form.lon),
    lat: numberOf(form.lat),
    free: FREE[form.free],
  };
}

export function stationFormOf(station: AdminStationView): StationForm {
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((field) => [field, station[field] ?? ''])) as Record<
      (typeof TEXT_FIELDS)[number],
      string
    >),
    irveId: station.irveId,
    lon: String(station.lon),
    lat: String(station.lat),
    free: station.free === null ? 'unknown' : station.free ? 'yes' : 'no',
  };
}

export function terminalInput(form: TerminalForm) {
  return { pdcId: form.pdcId, powerKw: numberOf(form.powerKw), plugs: form.plugs };
}

export const terminalFormOf = (terminal: AdminTerminalView): TerminalForm => ({
  pdcId: terminal.pdcId,
  powerKw: String(terminal.powerKw),
  plugs: [...terminal.plugs],
});

/** What `createStationRequest` checks; without an IRVE id the hub gives one. */
export function createStationInput(form: StationForm, terminals: TerminalForm[]) {
  return {
    ...stationFields(form),
    ...(form.irveId.trim() === '' ? {} : { irveId: form.irveId }),
    terminals: terminals.map(terminalInput),
  };
}

/** Only the fields that differ from the form `before`, for `updateStationRequest`. */
export function stationPatch(form: StationForm, before: StationForm): Record<string, unknown> {
  const now = { irveId: form.irveId, ...stationFields(form) };
  const then = { irveId: before.irveId, ...stationFields(before) };
  const patch = Object.fromEntries(
    Object.entries(now).filter(([key, value]) => then[key as keyof typeof then] !== value),
  );
  // A move always gives both coordinates.
  if ('lon' in patch || 'lat' in patch) Object.assign(patch, { lon: now.lon, lat: now.lat });
  return patch;
}

/** Only what changed of a charge point, for `updateTerminalRequest`. */
export function terminalPatch(form: TerminalForm, before: TerminalForm): Record<string, unknown> {
  const now = terminalInput(form);
  const then = terminalInput(before);
  const patch: Record<string, unknown> = {};
  if (now.pdcId !== then.pdcId) patch.pdcId = now.pdcId;
  if (now.powerKw !== then.powerKw) patch.powerKw = now.powerKw;
  if (now.plugs.join() !== then.plugs.join()) patch.plugs = now.plugs;
  return patch;
}

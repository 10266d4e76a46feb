import { z } from 'zod';
import {
  PLUG_TYPES,
  type PlugType,
  type ReservationStatus,
  type StatusSource,
  type TerminalStatus,
} from './domain';
import type { StationView } from './api';
import type { RecordOrigin } from './imports';

/**
 * IRVE identifiers (`id_station_itinerance`, `id_pdc_itinerance`) as an admin types them: upper
 * case letters, digits and the `*` separators of the official form (`FR*ABC*P1234`,
 * `FR*ABC*E1234`).
 */
const irveIdentifier = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9*]{5,64}$/, {
    error: 'must be 5 to 64 letters, digits or * (IRVE form, e.g. FR*ABC*E12345)',
  });

/** A text field an admin may leave empty: empty means unknown (null). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value ? value : null));

/** The fields of a station an admin writes; every one of them is in `StationView` too. */
const stationFields = {
  name: z.string().trim().min(1).max(200),
  operator: optionalText(200),
  brand: optionalText(200),
  address: optionalText(300),
  /** INSEE commune code, 5 characters (Corsica: 2A / 2B). */
  inseeCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(?:\d{5}|2[AB]\d{3})?$/, { error: 'must be a 5-character INSEE code' })
    .nullable()
    .transform((value) => (value ? value : null)),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  implantation: optionalText(120),
  openingHours: optionalText(200),
  pmrAccessibility: optionalText(120),
  accessCondition: optionalText(120),
  pricing: optionalText(500),
  free: z.boolean().nullable(),
};

/** One charge point as an admin adds or edits it. */
export const terminalRequest = z.strictObject({
  pdcId: irveIdentifier,
  /** numeric(7,2) in the database. */
  powerKw: z.number().positive().max(10_000),
  plugs: z
    .array(z.enum(PLUG_TYPES))
    .min(1, { error: 'name at least one plug' })
    .max(PLUG_TYPES.length)
    .refine((plugs) => new Set(plugs).size === plugs.length, { error: 'a plug is listed twice' }),
});
export type TerminalRequest = z.output<typeof terminalRequest>;

export const MAX_TERMINALS_PER_REQUEST = 50;

/**
 * `POST /api/v1/admin/stations`: a station is a place with at least one charge point. Without
 * `irveId` the hub gives it one of its own (`FR*WUP*P…`).
 */
export const createStationRequest = z
  .strictObject({
    irveId: irveIdentifier.optional(),
    ...stationFields,
    operator: stationFields.operator.default(null),
    brand: stationFields.brand.default(null),
    address: stationFields.address.default(null),
    inseeCode: stationFields.inseeCode.default(null),
    implantation: stationFields.implantation.default(null),
    openingHours: stationFields.openingHours.default(null),
    pmrAccessibility: stationFields.pmrAccessibility.default(null),
    accessCondition: stationFields.accessCondition.default(null),
    pricing: stationFields.pricing.default(null),
    free: stationFields.free.default(null),
    terminals: z.array(terminalRequest).min(1).max(MAX_TERMINALS_PER_REQUEST),
  })
  .refine(
    (station) =>
      new Set(station.terminals.map((terminal) => terminal.pdcId)).size ===
      station.terminals.length,
    { error: 'two charge points have the same PDC id', path: ['terminals'] },
  );
export type CreateStationRequest = z.output<typeof createStationRequest>;

/** `PATCH /api/v1/admin/stations/{id}`: only the fields given change; `lon` and `lat` move it. */
export const updateStationRequest = z
  .strictObject({ irveId: irveIdentifier, ...stationFields })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'nothing to change' })
  .refine((patch) => (patch.lon === undefined) === (patch.lat === undefined), {
    error: 'a move gives both lon and lat',
  });
export type UpdateStationRequest = z.output<typeof updateStationRequest>;

/** `PATCH /api/v1/admin/stations/{id}/terminals/{terminalId}`. */
export const updateTerminalRequest = terminalRequest
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'nothing to change' });
export type UpdateTerminalRequest = z.output<typeof updateTerminalRequest>;

export const ADMIN_STATIONS_PAGE_MAX = 200;

/** `GET /api/v1/admin/stations?q=&retired=&limit=&offset=` */
export const adminStationsQuery = z.strictObject({
  /** Part of the name, IRVE id, operator or address, any case. */
  q: z.string().trim().max(200).optional(),
  /** `true`: retired stations only; `false` (default): live ones only. */
  retired: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(ADMIN_STATIONS_PAGE_MAX).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AdminStationsQuery = z.output<typeof adminStationsQuery>;

/** One row of the admin's station list. */
export interface AdminStationSummary {
  id: string;
  irveId: string;
  name: string;
  operator: string | null;
  address: string | null;
  lon: number;
  lat: number;
  origin: RecordOrigin;
  /** Live (not retired) charge points. */
  terminals: number;
  retiredAt: string | null;
}

export interface AdminStationPage {
  stations: AdminStationSummary[];
  /** Every station matching the query, beyond this page too. */
  total: number;
}

/** A charge point as the admin sees it, retired ones included (their history stays). */
export interface AdminTerminalView {
  id: string;
  pdcId: string;
  powerKw: number;
  plugs: PlugType[];
  status: TerminalStatus;
  statusSource: StatusSource;
  /** The charger connector it is bound to, if any. */
  chargerIdentity: string | null;
  connectorId: number | null;
  origin: RecordOrigin;
  retiredAt: string | null;
  /** The reservation holding it now, which keeps it from being retired. */
  liveReservation: { id: string; status: ReservationStatus } | null;
}

/** `GET /api/v1/admin/stations/{id}` and the answer of every station or terminal change. */
export interface AdminStationView extends Pick<
  StationView,
  | 'id'
  | 'irveId'
  | 'name'
  | 'operator'
  | 'brand'
  | 'address'
  | 'inseeCode'
  | 'lon'
  | 'lat'
  | 'implantation'
  | 'openingHours'
  | 'pmrAccessibility'
  | 'accessCondition'
  | 'pricing'
  | 'free'
> {
  /** `IRVE`: the next import of the national file may overwrite what is edited here. */
  origin: RecordOrigin;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Live charge points first (by PDC id), then retired ones. */
  terminals: AdminTerminalView[];
}

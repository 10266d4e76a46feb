import type { PlugType, TerminalStatus } from '@wattsup/contracts';

/** Columns of the IRVE dynamic schema (schema-dynamique.json), in its order. */
export const IRVE_DYNAMIQUE_COLUMNS = [
  'id_pdc_itinerance',
  'etat_pdc',
  'occupation_pdc',
  'horodatage',
  'etat_prise_type_2',
  'etat_prise_type_combo_ccs',
  'etat_prise_type_chademo',
  'etat_prise_type_ef',
] as const;

type EtatPdc = 'en_service' | 'hors_service' | 'inconnu';
type Occupation = 'libre' | 'occupe' | 'reserve' | 'inconnu';

/** The neutral status in IRVE-dynamique words: whether the point works, and whether it is free. */
export const IRVE_DYNAMIQUE_STATUS: Record<TerminalStatus, [EtatPdc, Occupation]> = {
  AVAILABLE: ['en_service', 'libre'],
  OCCUPIED: ['en_service', 'occupe'],
  RESERVED: ['en_service', 'reserve'],
  UNAVAILABLE: ['hors_service', 'inconnu'],
  FAULTED: ['hors_service', 'inconnu'],
  OFFLINE: ['inconnu', 'inconnu'],
  UNKNOWN: ['inconnu', 'inconnu'],
};

const PLUG_STATE: Record<EtatPdc, string> = {
  en_service: 'fonctionnel',
  hors_service: 'hors_service',
  inconnu: 'inconnu',
};

export interface ExportedTerminal {
  pdcId: string;
  status: TerminalStatus;
  plugs: readonly PlugType[];
  /** When the status was last confirmed, or failing that when the terminal was last written. */
  observedAt: Date;
}

/** One CSV line; a plug column is empty when the terminal has no such plug. */
export function irveDynamiqueRow(terminal: ExportedTerminal): string {
  const [etat, occupation] = IRVE_DYNAMIQUE_STATUS[terminal.status];
  const plug = (type: PlugType) => (terminal.plugs.includes(type) ? PLUG_STATE[etat] : '');
  return [
    csvField(terminal.pdcId),
    etat,
    occupation,
    // The schema's examples write `2022-10-18T12:35:49+0000`: seconds, explicit UTC offset.
    terminal.observedAt.toISOString().replace(/\.\d{3}Z$/, '+0000'),
    plug('TYPE_2'),
    plug('CCS_COMBO'),
    plug('CHADEMO'),
    plug('DOMESTIC_EF'),
  ].join(',');
}

/** RFC 4180: quote a field holding a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

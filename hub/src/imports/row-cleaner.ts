import type { PlugType } from '@wattsup/contracts';
import type { HeaderMap } from './header-mapper';
import {
  ACCESS_CONDITIONS,
  ESSENTIAL_FIELDS,
  IMPLANTATIONS,
  type IrveField,
  NOT_IN_ROAMING,
  PMR_ACCESSIBILITIES,
  REQUIRED_FIELDS,
} from './irve-schema';
import {
  type Cleaned,
  type CorrectionKind,
  cleanBoolean,
  cleanCoordinates,
  cleanDate,
  cleanEmail,
  cleanEnum,
  cleanInseeCode,
  cleanItineranceId,
  cleanNonNegativeInteger,
  cleanOpeningHours,
  cleanPower,
  cleanText,
} from './irve-values';
import { recogniseNetwork } from './network-recogniser';

/** One clean row, ready for the staging table: a terminal and its station's fields. */
export interface StagedRow {
  line: number;
  /** `id_station_itinerance`, or `LOCAL:<producer>:<id_station_local>` outside roaming. */
  stationKey: string;
  /** `id_pdc_itinerance`, or `LOCAL:<producer>:<id_pdc_local>` outside roaming. */
  pdcKey: string;
  /** `date_maj`, YYYY-MM-DD. */
  updatedOn: string;
  name: string;
  operator: string | null;
  brand: string | null;
  address: string | null;
  inseeCode: string | null;
  lon: number;
  lat: number;
  implantation: string | null;
  openingHours: string | null;
  pmrAccessibility: string | null;
  accessCondition: string | null;
  pricing: string | null;
  free: boolean | null;
  twoWheelersOnly: boolean | null;
  commissionedOn: string | null;
  network: string | null;
  openToAllVehicles: boolean;
  declaredPdcCount: number | null;
  powerKw: number;
  plugs: PlugType[];
}

export interface RowProblem {
  /** The IRVE column at fault; null when the row as a whole is. */
  field: string | null;
  value: string | null;
  reason: string;
}

export type RowOutcome =
  | { kind: 'accepted'; row: StagedRow; corrections: CorrectionKind[] }
  | {
      kind: 'rejected';
      line: number;
      stationKey: string | null;
      pdcKey: string | null;
      problems: RowProblem[];
    };

const PLUG_COLUMNS: readonly (readonly [IrveField, PlugType])[] = [
  ['prise_type_2', 'TYPE_2'],
  ['prise_type_combo_ccs', 'CCS_COMBO'],
  ['prise_type_chademo', 'CHADEMO'],
  ['prise_type_ef', 'DOMESTIC_EF'],
  ['prise_type_autre', 'OTHER'],
];

const cleanImplantation = (value: string) => cleanEnum(value, IMPLANTATIONS);
const cleanAccessCondition = (value: string) => cleanEnum(value, ACCESS_CONDITIONS);
const cleanPmrAccessibility = (value: string) => cleanEnum(value, PMR_ACCESSIBILITIES);
const anyText = (value: string): Cleaned<string> => ({ ok: true, value });

type Cleaner = (value: string) => Cleaned<unknown>;

/** What one raw cell gives: its value, the repairs made and the problem found, if any. */
interface CellResult {
  value: unknown;
  corrections: CorrectionKind[];
  problem: RowProblem | null;
}

/**
 * Cleans and validates data rows against the static schema. A value that is there but cannot be
 * cleaned without guessing rejects the row if the schema requires it, with one problem per field;
 * an invalid optional value is dropped (and counted). An empty required value rejects the row only
 * when the hub cannot place or identify the charge point without it (ESSENTIAL_FIELDS); otherwise
 * it is counted. Dates after `latestDate` (YYYY-MM-DD) are refused.
 *
 * Each column remembers its last cell: the rows of a station follow each other and repeat its
 * fields, so most cells are compared rather than cleaned again.
 */
export class RowCleaner {
  private readonly cleanDateUntilLatest: (value: string) => Cleaned<string>;
  private readonly lastRaw: (string | undefined)[] = [];
  private readonly lastCleaner: (Cleaner | null)[] = [];
  private readonly lastResult: CellResult[] = [];
  private fields: readonly string[] = [];
  private problems: RowProblem[] = [];
  private corrections: CorrectionKind[] = [];

  constructor(
    private readonly header: HeaderMap,
    latestDate: string,
  ) {
    this.cleanDateUntilLatest = (value) => cleanDate(value, latestDate);
  }

  clean(fields: readonly string[], line: number): RowOutcome {
    const { width } = this.header;
    if (fields.length < width || fields.slice(width).some((value) => value.trim() !== '')) {
      return {
        kind: 'rejected',
        line,
        stationKey: null,
        pdcKey: null,
        problems: [
          {
            field: null,
            value: null,
            reason: `has ${fields.length} fields where the header has ${width}: a delimiter or a quote is probably missing`,
          },
        ],
      };
    }
    this.fields = fields;
    this.problems = [];
    this.corrections = [];
    const problems = this.problems;

    const operatorContact = this.read<string>('contact_operateur', cleanEmail);
    const operator = this.text('nom_operateur');
    const producer = operatorContact ?? operator ?? this.text('nom_amenageur');
    const stationKey = this.key('id_station_itinerance', 'id_station_local', 'station', producer);
    const pdcKey = this.key('id_pdc_itinerance', 'id_pdc_local', 'charge point', producer);
    const name = this.read<string>('nom_station', anyText);
    const brand = this.read<string>('nom_enseigne', anyText);
    const address = this.read<string>('adresse_station', anyText);
    const inseeCode = this.read<string>('code_insee_commune', cleanInseeCode);
    const location = this.read<{ lon: number; lat: number }>('coordonneesXY', cleanCoordinates);
    const implantation = this.read<string>('implantation_station', cleanImplantation);
    const declaredPdcCount = this.read<number>('nbre_pdc', cleanNonNegativeInteger);
    const powerKw = this.read<number>('puissance_nominale', cleanPower);
    const plugs: PlugType[] = [];
    for (const [column, plug] of PLUG_COLUMNS) {
      if (this.read<boolean>(column, cleanBoolean)) plugs.push(plug);
    }
    const free = this.read<boolean>('gratuit', cleanBoolean);
    this.read('paiement_acte', cleanBoolean);
    const pricing = this.text('tarification');
    const accessCondition = this.read<string>('condition_acces', cleanAccessCondition);
    this.read('reservation', cleanBoolean);
    const openingHours = this.read<string>('horaires', cleanOpeningHours);
    const pmrAccessibility = this.read<string>('accessibilite_pmr', cleanPmrAccessibility);
    this.read('restriction_gabarit', anyText);
    const twoWheelersOnly = this.read<boolean>('station_deux_roues', cleanBoolean);
    const commissionedOn = this.read<string>('date_mise_en_service', this.cleanDateUntilLatest);
    const observations = this.text('observations');
    const updatedOn = this.read<string>('date_maj', this.cleanDateUntilLatest);

    if (
      problems.length > 0 ||
      stationKey === null ||
      pdcKey === null ||
      name === null ||
      location === null ||
      powerKw === null ||
      updatedOn === null
    ) {
      return { kind: 'rejected', line, stationKey, pdcKey, problems };
    }
    const { network, openToAllVehicles } = recogniseNetwork({
      brand,
      operator,
      operatorContact,
      stationName: name,
      accessCondition,
      observations,
      powerKw,
    });
    return {
      kind: 'accepted',
      corrections: this.corrections,
      row: {
        line,
        stationKey,
        pdcKey,
        updatedOn,
        name,
        operator,
        brand,
        address,
        inseeCode,
        lon: location.lon,
        lat: location.lat,
        implantation,
        openingHours,
        pmrAccessibility,
        accessCondition,
        pricing,
        free,
        twoWheelersOnly,
        commissionedOn,
        network,
        openToAllVehicles,
        declaredPdcCount,
        powerKw,
        plugs,
      },
    };
  }

  /** Non-roaming ids fall back to the producer's local id (FIELDS.md pitfall 2). */
  private key(
    idField: IrveField,
    localField: IrveField,
    what: string,
    producer: string | null,
  ): string | null {
    const value = this.text(idField);
    if (value !== null) {
      const roaming = cleanItineranceId(value);
      if (!roaming.ok) {
        this.problems.push({ field: idField, value, reason: roaming.reason });
        return null;
      }
      if (roaming.correction) this.corrections.push(roaming.correction);
      if (roaming.value !== NOT_IN_ROAMING) return roaming.value;
    }
    const localId = this.text(localField);
    if (localId === null || spellsNotInRoaming(localId)) {
      this.problems.push({
        field: idField,
        value,
        reason: `is ${value === null ? 'empty' : `"${NOT_IN_ROAMING}"`} and ${localField} is empty too: the ${what} cannot be told apart from others`,
      });
      return null;
    }
    // Without a producer, contact_operateur has already been reported as required.
    if (producer === null) return null;
    this.corrections.push('local-id-key');
    return `LOCAL:${producer}:${localId}`;
  }

  /** A column's trimmed text; null when absent or empty. */
  private text(field: IrveField): string | null {
    return this.cell(field, null) as string | null;
  }

  /** A column's value through its cleaner; null when absent, empty or dropped. */
  private read<T>(field: IrveField, clean: (value: string) => Cleaned<T>): T | null {
    return this.cell(field, clean) as T | null;
  }

  private cell(field: IrveField, clean: Cleaner | null): unknown {
    const index = this.header.columns.get(field);
    if (index === undefined) return null;
    const raw = this.fields[index];
    let result: CellResult;
    if (this.lastRaw[index] === raw && this.lastCleaner[index] === clean) {
      result = this.lastResult[index];
    } else {
      result = cleanCell(field, raw, clean);
      this.lastRaw[index] = raw;
      this.lastCleaner[index] = clean;
      this.lastResult[index] = result;
    }
    for (const correction of result.corrections) this.corrections.push(correction);
    if (result.problem) this.problems.push(result.problem);
    return result.value;
  }
}

function cleanCell(field: IrveField, raw: string, clean: Cleaner | null): CellResult {
  const text = cleanText(raw);
  const corrections: CorrectionKind[] = text.correction ? [text.correction] : [];
  if (text.value === null) {
    if (clean !== null && ESSENTIAL_FIELDS.includes(field)) {
      return { value: null, corrections, problem: { field, value: null, reason: 'is required' } };
    }
    // Producers leave required descriptive cells empty on many real rows (half of the doublons
    // extract has no restriction_gabarit): the charge point is kept, the gap counted.
    if (clean !== null && REQUIRED_FIELDS.has(field)) corrections.push('required-value-missing');
    return { value: null, corrections, problem: null };
  }
  if (!clean) return { value: text.value, corrections, problem: null };
  const result = clean(text.value);
  if (result.ok) {
    if (result.correction) corrections.push(result.correction);
    return { value: result.value, corrections, problem: null };
  }
  if (REQUIRED_FIELDS.has(field)) {
    return {
      value: null,
      corrections,
      problem: { field, value: text.value, reason: result.reason },
    };
  }
  corrections.push('dropped-invalid-optional');
  return { value: null, corrections, problem: null };
}

function spellsNotInRoaming(value: string): boolean {
  const result = cleanItineranceId(value);
  return result.ok && result.value === NOT_IN_ROAMING;
}

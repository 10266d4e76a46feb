import { ESSENTIAL_FIELDS, IRVE_FIELDS, type IrveField, LEGACY_V1_FIELDS } from './irve-schema';

export interface HeaderMap {
  /** Position of each schema column present in the file. */
  columns: ReadonlyMap<IrveField, number>;
  /** Number of columns of the header: every row must have as many. */
  width: number;
  missingColumns: IrveField[];
  unknownColumns: string[];
}

export type HeaderResult = { ok: true; header: HeaderMap } | { ok: false; reason: string };

const FIELD_BY_LOWER_NAME = new Map<string, IrveField>(
  IRVE_FIELDS.map((field) => [field.toLowerCase(), field]),
);

/**
 * Maps a schema 2.x header (any column order, any case, extra columns such as the consolidation's
 * `consolidated_*` or a pandas index ignored, FIELDS.md §2). A file without a column the hub
 * cannot do without is refused with the list of what is missing.
 */
export function mapHeader(names: readonly string[]): HeaderResult {
  const trimmed = names.map((name) => name.trim());
  if (LEGACY_V1_FIELDS.some((legacy) => trimmed.includes(legacy))) {
    return {
      ok: false,
      reason:
        'This file uses the legacy IRVE schema v1 (Xlongitude, Ylatitude, puiss_max), which is no longer published: use a file of schema 2.x.',
    };
  }
  const columns = new Map<IrveField, number>();
  const unknownColumns: string[] = [];
  trimmed.forEach((name, index) => {
    const field = FIELD_BY_LOWER_NAME.get(name.toLowerCase());
    if (field && !columns.has(field)) columns.set(field, index);
    else unknownColumns.push(name === '' ? `(unnamed column ${index + 1})` : name);
  });
  const missingColumns = IRVE_FIELDS.filter((field) => !columns.has(field));
  const essentialMissing = ESSENTIAL_FIELDS.filter((field) => !columns.has(field));
  if (essentialMissing.length > 0) {
    return {
      ok: false,
      reason: `The file lacks columns the hub cannot do without: ${essentialMissing.join(', ')}. Expected an IRVE static file of schema 2.x.${
        missingColumns.length > essentialMissing.length
          ? ` Also missing: ${missingColumns.filter((field) => !essentialMissing.includes(field)).join(', ')}.`
          : ''
      }`,
    };
  }
  return { ok: true, header: { columns, width: names.length, missingColumns, unknownColumns } };
}

const NEEDS_QUOTES = /[",\r\n]/;
/** Spreadsheets run a cell starting with these as a formula (CSV injection), unless it is a number. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One line of a downloadable report. Values come from uploaded files, so one that a spreadsheet
 * would run as a formula is prefixed with `'`.
 */
export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values
    .map((value) => {
      if (value === null) return '';
      const text = String(value);
      return csvField(FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text);
    })
    .join(',')}\r\n`;
}

export type CopyValue = string | number | boolean | null | readonly string[];

const SPECIAL = /[\\\t\n\r]/g;
/** The same characters, to skip the replacement on the (nearly all) values that have none. */
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `text[]` literal with every element quoted, so commas and braces inside stay data. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (char) => `\\${char}`)}"`).join(',')}}`;
}

/** One line of PostgreSQL `COPY … FROM STDIN` text format: tab-separated, `\N` for null. */
export function copyLine(values: readonly CopyValue[]): string {
  return `${values
    .map((value) => {
      if (value === null) return '\\N';
      if (typeof value === 'boolean') return value ? 't' : 'f';
      if (typeof value === 'number') return String(value);
      const text = typeof value === 'string' ? value : arrayLiteral(value);
      return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (char) => ESCAPES[char]) : text;
    })
    .join('\t')}\n`;
}

export interface CsvRecord {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** Set when the record could not be read as CSV at all. */
  malformed?: string;
}

const QUOTE = 0x22;
const CR = 0x0d;

/**
 * Incremental RFC 4180 parser: feed it decoded text in chunks of any size, it returns the complete
 * records so far. Quoted fields may hold delimiters, `""` and line breaks; CRLF and LF both end a
 * record; blank lines are skipped but counted, so line numbers match what an editor shows.
 * Fields are found with `indexOf` rather than character by character: this is the import's
 * hottest loop.
 */
export class CsvParser {
  private pending = '';
  private line = 1;
  /** Next line feed at or after the current field in the current text: found once per line. */
  private lineFeed = -1;

  constructor(private readonly delimiter: ',' | ';') {}

  push(chunk: string): CsvRecord[] {
    const text = this.pending + chunk;
    this.lineFeed = -1;
    const records: CsvRecord[] = [];
    let recordStart = 0;
    for (;;) {
      const record = this.parseRecord(text, recordStart);
      if (!record) break;
      if (!(record.fields.length === 1 && record.fields[0] === '')) {
        records.push({ line: this.line, fields: record.fields });
      }
      this.line += 1 + record.breaksInQuotes;
      recordStart = record.next;
    }
    this.pending = text.slice(recordStart);
    return records;
  }

  /** The last record when the file does not end with a line break, or an unclosed quote. */
  end(): CsvRecord[] {
    if (this.pending === '') return [];
    const line = this.line;
    const records = this.push('\n');
    if (this.pending !== '') {
      this.pending = '';
      return [{ line, fields: [], malformed: 'a quoted field is never closed' }];
    }
    return records;
  }

  /** The record starting at `start`, or null when the text ends before it does. */
  private parseRecord(
    text: string,
    start: number,
  ): { fields: string[]; next: number; breaksInQuotes: number } | null {
    const fields: string[] = [];
    let breaksInQuotes = 0;
    let position = start;
    for (;;) {
      let value: string;
      let end: number;
      if (text.charCodeAt(position) === QUOTE) {
        let parts = '';
        let from = position + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          // Unclosed yet, or a final `"` that may still be the first half of `""`.
          if (quote < 0 || quote + 1 >= text.length) return null;
          parts += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            parts += '"';
            from = quote + 2;
          } else {
            from = quote + 1;
            break;
          }
        }
        breaksInQuotes += countBreaks(parts);
        end = this.fieldEnd(text, from);
        if (end < 0) return null;
        // Anything between the closing quote and the delimiter is kept, not lost: `"a"b` → `ab`.
        value = parts + text.slice(from, end);
      } else {
        end = this.fieldEnd(text, position);
        if (end < 0) return null;
        value = text.slice(position, end);
      }
      if (text.charCodeAt(end) === 0x0a) {
        if (value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
        fields.push(value);
        return { fields, next: end + 1, breaksInQuotes };
      }
      fields.push(value);
      position = end + 1;
    }
  }

  /** Index of the delimiter or line feed that ends the field starting at `from`; -1 if unseen. */
  private fieldEnd(text: string, from: number): number {
    if (this.lineFeed < from) this.lineFeed = text.indexOf('\n', from);
    const lineFeed = this.lineFeed;
    if (lineFeed < 0) return -1;
    const delimiter = text.indexOf(this.delimiter, from);
    return delimiter >= 0 && delimiter < lineFeed ? delimiter : lineFeed;
  }
}

function countBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    count += 1;
  }
  return count;
}

/** `;` when the header holds more semicolons than commas outside quotes, else `,`. */
export function detectDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let inQuotes = false;
  for (const char of headerLine) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && char === ',') commas += 1;
    else if (!inQuotes && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

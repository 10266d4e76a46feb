import { createReadStream } from 'node:fs';
import type { ImportHeaderReport } from '@wattsup/contracts';
import { InvalidInputError } from '../common/domain-errors';
import { type CsvRecord, CsvParser, detectDelimiter } from './csv-parser';
import { mapHeader } from './header-mapper';
import { RowCleaner, type RowOutcome } from './row-cleaner';
import { decodeChunks, type FileEncoding } from './text-decoding';

export interface ReadOptions {
  /** Dates after this day (YYYY-MM-DD) are refused. */
  latestDate: string;
  onHeader(report: ImportHeaderReport): void;
  /** Bytes of the file read so far, for progress. */
  onBytes(bytes: number): void;
}

/** Small enough that the strings of one chunk never weigh much (peak RSS), large enough to stream fast. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Streams an IRVE static file and yields the outcome of each data row, a chunk at a time: the file
 * is never held whole. Throws InvalidInputError when the file cannot be an IRVE file at all.
 */
export async function* readIrveFile(
  path: string,
  options: ReadOptions,
): AsyncGenerator<RowOutcome[]> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let bytes = 0;
  async function* countedBytes(): AsyncGenerator<Uint8Array> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      options.onBytes(bytes);
      yield chunk;
    }
  }

  let encoding: FileEncoding = 'utf-8';
  let parser: CsvParser | undefined;
  let delimiter: ',' | ';' = ',';
  let cleaner: RowCleaner | undefined;
  let beforeFirstLine = '';

  const outcomes = (records: CsvRecord[]): RowOutcome[] => {
    const result: RowOutcome[] = [];
    for (const record of records) {
      if (!cleaner) {
        const mapped = mapHeader(record.fields);
        if (!mapped.ok) throw new InvalidInputError(mapped.reason);
        cleaner = new RowCleaner(mapped.header, options.latestDate);
        options.onHeader({
          encoding,
          delimiter,
          missingColumns: mapped.header.missingColumns,
          unknownColumns: mapped.header.unknownColumns,
        });
      } else if (record.malformed) {
        result.push({
          kind: 'rejected',
          line: record.line,
          stationKey: null,
          pdcKey: null,
          problems: [{ field: null, value: null, reason: record.malformed }],
        });
      } else {
        result.push(cleaner.clean(record.fields, record.line));
      }
    }
    return result;
  };

  try {
    for await (const text of decodeChunks(countedBytes(), (detected) => (encoding = detected))) {
      if (!parser) {
        beforeFirstLine += text;
        const lineEnd = beforeFirstLine.indexOf('\n');
        if (lineEnd < 0) continue;
        delimiter = detectDelimiter(beforeFirstLine.slice(0, lineEnd));
        parser = new CsvParser(delimiter);
        yield outcomes(parser.push(beforeFirstLine));
      } else {
        yield outcomes(parser.push(text));
      }
    }
    if (!parser && beforeFirstLine.trim() !== '') {
      delimiter = detectDelimiter(beforeFirstLine);
      parser = new CsvParser(delimiter);
      yield outcomes(parser.push(beforeFirstLine));
    }
    if (parser) yield outcomes(parser.end());
    if (!cleaner) throw new InvalidInputError('The file is empty: not even a header line.');
  } finally {
    stream.destroy();
  }
}

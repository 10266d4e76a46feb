import { open } from 'node:fs/promises';
import { UnsupportedMediaTypeError } from '../common/domain-errors';
import { CsvParser, detectDelimiter } from './csv-parser';
import { mapHeader } from './header-mapper';
import { decodeWindows1252, detectEncoding } from './text-decoding';

/** What browsers and tools send for a CSV file (Windows says Excel, curl says octet-stream). */
const CSV_MEDIA_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

export function isCsvMediaType(mediaType: string): boolean {
  return CSV_MEDIA_TYPES.has(mediaType.split(';')[0].trim().toLowerCase());
}

/** Enough for any header line, consolidation columns included. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Refuses, before anything is recorded, an upload that is not an IRVE CSV: binary content
 * (spreadsheets, archives) or a first line that is not a schema 2.x header.
 */
export async function checkUploadedCsv(path: string): Promise<void> {
  const file = await open(path, 'r');
  let sample: Uint8Array;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  if (sample.includes(0)) {
    throw new UnsupportedMediaTypeError(
      'This is not a CSV file (it holds binary data: a spreadsheet or an archive?). Export the IRVE file as CSV.',
    );
  }
  const text =
    detectEncoding(sample) === 'utf-8'
      ? new TextDecoder('utf-8').decode(sample)
      : decodeWindows1252(sample);
  const lineEnd = text.indexOf('\n');
  if (lineEnd < 0 && sample.length === SNIFF_BYTES) {
    throw new UnsupportedMediaTypeError('This is not a CSV file: no header line.');
  }
  const headerLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const [header] = new CsvParser(detectDelimiter(headerLine)).push(`${headerLine}\n`);
  const mapped = mapHeader(header?.fields ?? []);
  if (!mapped.ok) throw new UnsupportedMediaTypeError(mapped.reason);
}

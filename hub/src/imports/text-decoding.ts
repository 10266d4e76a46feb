import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';

export type FileEncoding = 'utf-8' | 'windows-1252';

/** Windows-1252's characters for bytes 0x80–0x9F, which Latin-1 leaves as control characters. */
export const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1_CONTROLS = /[\u0080-\u009f]/g;

/**
 * Node's own `TextDecoder('windows-1252')` decodes as Latin-1 (0x80 → U+0080, not `€`), so the
 * 32 bytes where the two differ are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(C1_CONTROLS, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * UTF-8 when the sample has a BOM or decodes as UTF-8 (a multi-byte sequence cut at the end of
 * the sample is fine); otherwise Windows-1252, the superset of Latin-1 that French spreadsheets
 * write (`€`, `œ`).
 */
export function detectEncoding(sample: Uint8Array): FileEncoding {
  if (UTF8_BOM.every((byte, index) => sample[index] === byte)) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Bytes to text in chunks. The encoding is chosen from the first chunk that is not plain ASCII
 * (ASCII reads the same in both), so a file whose first accent comes late is still read right;
 * a UTF-8 BOM is dropped.
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  onEncoding: (encoding: FileEncoding) => void,
): AsyncGenerator<string> {
  let decode: ((chunk: Uint8Array) => string) | undefined;
  let utf8: TextDecoder | undefined;
  for await (const chunk of chunks) {
    if (!decode) {
      if (isAscii(chunk)) {
        yield Buffer.from(chunk).toString('latin1');
        continue;
      }
      const encoding = detectEncoding(chunk);
      onEncoding(encoding);
      if (encoding === 'utf-8') {
        const decoder = new TextDecoder('utf-8');
        utf8 = decoder;
        decode = (bytes) => decoder.decode(bytes, { stream: true });
      } else {
        decode = decodeWindows1252;
      }
    }
    const text = decode(chunk);
    if (text) yield text;
  }
  if (!decode) onEncoding('utf-8');
  const rest = utf8?.decode();
  if (rest) yield rest;
}

import { decodeChunks, decodeWindows1252, detectEncoding } from './text-decoding';

const bytes = (...values: number[]) => Uint8Array.from(values);
async function decodeAll(chunks: Uint8Array[]) {
  let encoding = '';
  let text = '';
  async function* source() {
    yield* chunks;
  }
  for await (const part of decodeChunks(source(), (detected) => (encoding = detected)))
    text += part;
  return { encoding, text };
}

describe('text decoding', () => {
  it.each([
    ['UTF-8 with BOM', bytes(0xef, 0xbb, 0xbf, 0x41), 'utf-8'],
    ['UTF-8', Buffer.from('Accès libre', 'utf8'), 'utf-8'],
    ['UTF-8 cut inside a character', Buffer.from('Accès', 'utf8').subarray(0, 4), 'utf-8'],
    ['Latin-1', Buffer.from('Accès libre', 'latin1'), 'windows-1252'],
    ['ASCII', Buffer.from('24/7'), 'utf-8'],
  ])('detects %s', (_name, sample, encoding) => {
    expect(detectEncoding(sample)).toBe(encoding);
  });

  it('decodes Windows-1252, whose 0x80–0x9F Node reads as Latin-1', () => {
    expect(decodeWindows1252(bytes(0x80, 0x20, 0xe9, 0x9c, 0x92))).toBe('€ éœ’');
  });

  it('drops the BOM and joins a character split across chunks', async () => {
    const utf8 = Buffer.from('\ufeffCamaïeu', 'utf8');
    expect(await decodeAll([utf8.subarray(0, 8), utf8.subarray(8)])).toEqual({
      encoding: 'utf-8',
      text: 'Camaïeu',
    });
  });

  it('decides on the first chunk that is not plain ASCII', async () => {
    const latin1 = Buffer.from('Accès réservé', 'latin1');
    expect(await decodeAll([latin1.subarray(0, 3), latin1.subarray(3)])).toEqual({
      encoding: 'windows-1252',
      text: 'Accès réservé',
    });
  });
});

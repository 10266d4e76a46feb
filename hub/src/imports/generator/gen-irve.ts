// npm run gen:irve -- --rows 170000 --seed 42 [--dirty 0.02] [--out irve-170000-42.csv]
// Writes a deterministic IRVE-shaped file; the last line printed is what importing it must give.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyExpectation, generateIrveLines } from './irve-generator';

export interface GenerateFileOptions {
  rows: number;
  seed: number;
  dirty: number;
  out: string;
}

/** Streams the generated lines to `out` and returns the expected import outcome. */
export async function generateIrveFile(options: GenerateFileOptions) {
  const expectation = emptyExpectation();
  const file = createWriteStream(options.out);
  let buffer = '';
  for (const line of generateIrveLines(options, expectation)) {
    buffer += line;
    if (buffer.length >= 1 << 20) {
      if (!file.write(buffer)) await once(file, 'drain');
      buffer = '';
    }
  }
  file.end(buffer);
  await once(file, 'finish');
  return expectation;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '170000' },
      seed: { type: 'string', default: '42' },
      dirty: { type: 'string', default: '0' },
      out: { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  const dirty = Number(values.dirty);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (!(dirty >= 0 && dirty <= 1)) throw new Error('--dirty must be between 0 and 1');
  // npm runs workspace scripts in the workspace: relative paths are the caller's.
  const out = resolve(
    process.env.INIT_CWD ?? process.cwd(),
    values.out ?? `irve-${rows}-${seed}.csv`,
  );
  const expectation = await generateIrveFile({ rows, seed, dirty, out });
  console.error(`[gen:irve] wrote ${out}`);
  console.log(JSON.stringify({ file: out, ...expectation }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`gen:irve: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

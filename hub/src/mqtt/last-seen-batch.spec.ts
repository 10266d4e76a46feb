import { LastSeenBatch, type LastSeenBatchOptions } from './last-seen-batch';

const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, second));

function batchWith(
  outcomes: ('ok' | 'fail')[],
  options: Partial<LastSeenBatchOptions> = {},
): { batch: LastSeenBatch; written: Map<string, Date>[]; warnings: string[] } {
  const written: Map<string, Date>[] = [];
  const warnings: string[] = [];
  const batch = new LastSeenBatch(
    async (lastSeen) => {
      if (outcomes.shift() === 'fail') throw new Error('database unavailable');
      written.push(new Map(lastSeen));
    },
    {
      everyMs: 5,
      maxBackoffMs: 20,
      maxChargers: 100,
      warn: (message) => warnings.push(message),
      ...options,
    },
  );
  return { batch, written, warnings };
}

describe('LastSeenBatch', () => {
  it('keeps a failed batch and writes it with what came meanwhile, the newest time per charger', async () => {
    const { batch, written, warnings } = batchWith(['fail', 'ok']);
    batch.seen('a', at(1));
    batch.seen('b', at(2));

    const failed = batch.flush();
    batch.seen('a', at(3)); // heard while the write was failing
    expect(await failed).toBe(false);
    expect(batch.size).toBe(2);
    expect(warnings[0]).toMatch(/failed \(1 in a row; 2 kept, 0 dropped\): database unavailable/);

    batch.seen('b', at(0)); // older than the kept one: ignored
    expect(await batch.flush()).toBe(true);
    expect(written).toEqual([
      new Map([
        ['a', at(3)],
        ['b', at(2)],
      ]),
    ]);
    expect(batch.size).toBe(0);
  });

  it('holds at most maxChargers, and says how many it turned away', async () => {
    const { batch, written, warnings } = batchWith(['fail', 'ok'], { maxChargers: 2 });
    batch.seen('a', at(1));
    batch.seen('b', at(1));
    const failed = batch.flush();
    batch.seen('c', at(2)); // taken: the failed batch has not come back yet
    await failed;
    // a and b come back into a batch that already holds c: one of them does not fit.
    expect(batch.size).toBe(2);
    expect(warnings[0]).toMatch(/2 kept, 1 dropped/);

    batch.seen('d', at(3));
    batch.seen('a', at(4));
    await batch.flush();
    expect(warnings[1]).toMatch(/dropped: already 2 chargers waiting/);
    expect(written[0].size).toBe(2);
  });

  it('retries with a growing pause on its timer, and stop() writes what is left', async () => {
    const { batch, written } = batchWith(['fail', 'fail', 'fail', 'ok', 'ok']);
    batch.seen('a', at(1));
    const started = Date.now();
    batch.start();
    // Failures after 5 ms, then pauses of 10 and 20 ms: written about 35 ms in, not 20.
    while (written.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);

    batch.seen('b', at(2));
    await batch.stop(1000);
    expect(written.map((map) => [...map.keys()])).toEqual([['a'], ['b']]);
  });

  it('gives up at its shutdown deadline and says how many times were not written', async () => {
    const { batch, warnings } = batchWith(Array(100).fill('fail'));
    batch.seen('a', at(1));
    await batch.stop(30);
    expect(warnings.at(-1)).toBe('1 last-seen times not written before shutdown');
  });
});

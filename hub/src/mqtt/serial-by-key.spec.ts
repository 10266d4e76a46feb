import { SerialByKey } from './serial-by-key';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('SerialByKey', () => {
  it('keeps the order within a key, even when a task fails, and runs keys side by side', async () => {
    const serial = new SerialByKey();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name}+`);
        await tick();
        log.push(`${name}-`);
        if (fail) throw new Error(name);
      };
    const done = Promise.allSettled([
      serial.run('a', task('a1', true)),
      serial.run('a', task('a2')),
      serial.run('b', task('b1')),
    ]);
    const outcomes = await done;
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(log.indexOf('a1-')).toBeLessThan(log.indexOf('a2+'));
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
  });
});

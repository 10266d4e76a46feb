import { describe, expect, it } from '@jest/globals';
import { latestRead } from './latest-read';

describe('latestRead', () => {
  it('keeps the newest call’s answer when an older one arrives last', async () => {
    const answers: ((value: string) => void)[] = [];
    const accepted: string[] = [];
    const load = latestRead(
      () => new Promise<string>((resolve) => answers.push(resolve)),
      (value) => accepted.push(value),
      () => undefined,
    );
    const first = load();
    const second = load();
    answers[1]('new');
    answers[0]('old');
    await Promise.all([first, second]);
    expect(accepted).toEqual(['new']);
  });

  it('reports a failed read and keeps going', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const accepted: number[] = [];
    const load = latestRead(
      async () => {
        if (fail) throw new Error('down');
        return 1;
      },
      (value) => accepted.push(value),
      (error) => errors.push(error),
    );
    await load();
    fail = false;
    await load();
    expect(errors).toHaveLength(1);
    expect(accepted).toEqual([1]);
  });
});

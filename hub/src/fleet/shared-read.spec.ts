import { SharedRead } from './shared-read';

describe('SharedRead', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('answers from memory until the time to live runs out', async () => {
    const shared = new SharedRead<number>(1000, clock);
    const read = jest.fn(async (readAt: number) => readAt);
    expect(await shared.get(read)).toBe(0);
    now = 999;
    expect(await shared.get(read)).toBe(0);
    now = 1000;
    expect(await shared.get(read)).toBe(1000);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('shares one read between callers that arrive while it runs', async () => {
    const shared = new SharedRead<object>(1000, clock);
    const read = jest.fn(async () => ({}));
    const [first, second] = await Promise.all([shared.get(read), shared.get(read)]);
    expect(first).toBe(second);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('refreshes whatever it holds, and an older read finishing last does not win', async () => {
    const shared = new SharedRead<string>(1000, clock);
    let finishOld!: (value: string) => void;
    const old = shared.refresh(() => new Promise((resolve) => (finishOld = resolve)));
    now = 10;
    await shared.refresh(async () => 'new');
    finishOld('old');
    expect(await old).toBe('old');
    expect(await shared.get(async () => 'unread')).toBe('new');
  });

  it('keeps nothing from a failed read', async () => {
    const shared = new SharedRead<string>(1000, clock);
    await expect(shared.get(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await shared.get(async () => 'back')).toBe('back');
  });
});

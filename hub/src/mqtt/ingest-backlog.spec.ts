import { IngestBacklog } from './ingest-backlog';

describe('IngestBacklog', () => {
  it('holds callers back while full and lets them go as room frees', async () => {
    const sizes: number[] = [];
    const backlog = new IngestBacklog(2, (size) => sizes.push(size));
    backlog.take();
    await expect(backlog.whenRoom()).resolves.toBeUndefined();
    backlog.take();
    expect(backlog.full).toBe(true);
    let released = false;
    const waiting = backlog.whenRoom().then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    backlog.release();
    await waiting;
    expect(released).toBe(true);
    expect(sizes).toEqual([1, 2, 1]);
  });

  it('tells when everything taken is done', async () => {
    const backlog = new IngestBacklog(10);
    await expect(backlog.whenEmpty()).resolves.toBeUndefined();
    backlog.take();
    backlog.take();
    let empty = false;
    const emptied = backlog.whenEmpty().then(() => (empty = true));
    backlog.release();
    await Promise.resolve();
    expect(empty).toBe(false);
    backlog.release();
    await emptied;
    expect(empty).toBe(true);
  });
});

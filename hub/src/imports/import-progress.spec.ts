import { describeProgress, type ProgressInput } from './import-progress';

const input = (overrides: Partial<ProgressInput>): ProgressInput => ({
  importId: 'i',
  status: 'RUNNING',
  phase: 'READING',
  rowsRead: 0,
  rowsAccepted: 0,
  rowsRejected: 0,
  stations: 0,
  terminals: 0,
  bytesRead: 0,
  fileBytes: 1000,
  rowsToWrite: 0,
  startedAtMs: 0,
  nowMs: 0,
  ...overrides,
});

describe('describeProgress', () => {
  it('has no ETA before there is enough to go on', () => {
    expect(describeProgress(input({ nowMs: 100 }))).toMatchObject({
      etaSeconds: null,
      fraction: 0,
    });
  });

  it('estimates from bytes while reading', () => {
    const progress = describeProgress(input({ bytesRead: 500, rowsRead: 9000, nowMs: 2000 }));
    expect(progress).toMatchObject({ rowsPerSecond: 4500, elapsedSeconds: 2, fraction: 0.225 });
    expect(progress.etaSeconds).toBeCloseTo((2 * 0.775) / 0.225, 1);
  });

  it('estimates from committed rows while writing', () => {
    const progress = describeProgress(
      input({ phase: 'WRITING', bytesRead: 1000, rowsToWrite: 100, rowsAccepted: 50, nowMs: 6000 }),
    );
    expect(progress.fraction).toBeCloseTo(0.725, 3);
  });

  it('says 0 s left once finished', () => {
    expect(
      describeProgress(input({ status: 'COMPLETED', phase: 'DONE', nowMs: 5000 })),
    ).toMatchObject({ fraction: 1, etaSeconds: 0, elapsedSeconds: 5 });
  });
});

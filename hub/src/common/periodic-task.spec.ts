import type { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  const logger = { warn: jest.fn() } as unknown as Logger & { warn: jest.Mock };

  afterEach(() => jest.useRealTimers());

  it('runs one at a time: a caller during a run joins it', async () => {
    let release!: (count: number) => void;
    const work = jest.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const task = new PeriodicTask('test task', work, logger);
    const first = task.run();
    const second = task.run();
    release(3);
    await expect(Promise.all([first, second])).resolves.toEqual([3, 3]);
    expect(work).toHaveBeenCalledTimes(1);
    work.mockResolvedValueOnce(5);
    await expect(task.run()).resolves.toBe(5);
  });

  it('logs a failed tick and tries again at the next one', async () => {
    jest.useFakeTimers();
    const work = jest.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue(0);
    const task = new PeriodicTask('test task', work, logger);
    task.start(1000);
    await jest.advanceTimersByTimeAsync(1000);
    expect(logger.warn).toHaveBeenCalledWith('test task failed: database away');
    await jest.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(2);
    await task.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('waits for the run in progress when it stops', async () => {
    let finished = false;
    const work = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
      return 1;
    };
    const task = new PeriodicTask('test task', work, logger);
    void task.run();
    await task.stop();
    expect(finished).toBe(true);
  });
});

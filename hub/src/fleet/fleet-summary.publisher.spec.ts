import type { FleetSummary } from '@wattsup/contracts';
import { LiveEvents } from '../live/live-events';
import { FLEET_SUMMARY_INTERVAL_MS, FleetSummaryPublisher } from './fleet-summary.publisher';
import type { WatchedTopics } from '../live/watched-topics';
import type { FleetService } from './fleet.service';

describe('FleetSummaryPublisher', () => {
  let live: LiveEvents;
  let fresh: jest.Mock<Promise<FleetSummary>>;
  let published: string[];
  let publisher: FleetSummaryPublisher;
  let reads = 0;
  let watched: boolean;

  beforeEach(() => {
    jest.useFakeTimers();
    live = new LiveEvents();
    reads = 0;
    fresh = jest.fn(async () => ({ at: `2026-11-22T17:00:0${++reads}.000Z` }) as FleetSummary);
    published = [];
    live.stream.subscribe((frame) => {
      if (frame.type === 'fleet.summary') published.push(frame.data.at);
    });
    watched = true;
    publisher = new FleetSummaryPublisher(
      live,
      { fresh } as unknown as FleetService,
      {
        watched: async () => watched,
      } as unknown as WatchedTopics,
    );
    publisher.onModuleInit();
  });

  afterEach(async () => {
    await publisher.beforeApplicationShutdown();
    jest.useRealTimers();
  });

  const disconnect = () =>
    live.publish('charger.connection', { chargerId: 'c', identity: 'CP', online: false });

  it('answers a burst of changes with one fresh summary at the end of the window', async () => {
    disconnect();
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS / 2);
    disconnect();
    disconnect();
    expect(published).toEqual([]);
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS / 2);
    expect(published).toEqual(['2026-11-22T17:00:01.000Z']);
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS * 3);
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('sends nothing while nothing changes, nor for events that do not touch the fleet', async () => {
    live.publish('import.progress', { status: 'RUNNING' } as never);
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS * 3);
    expect(fresh).not.toHaveBeenCalled();
  });

  it('reads nothing while no admin watches the topic', async () => {
    watched = false;
    disconnect();
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS * 2);
    expect(fresh).not.toHaveBeenCalled();
    watched = true;
    disconnect();
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS);
    expect(published).toHaveLength(1);
  });

  it('opens a new window for a change that comes after the last one closed', async () => {
    disconnect();
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS);
    disconnect();
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS);
    expect(published).toHaveLength(2);
  });

  it('keeps going after a failed read', async () => {
    fresh.mockRejectedValueOnce(new Error('database down'));
    disconnect();
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS);
    disconnect();
    await jest.advanceTimersByTimeAsync(FLEET_SUMMARY_INTERVAL_MS);
    expect(published).toEqual(['2026-11-22T17:00:01.000Z']);
  });
});

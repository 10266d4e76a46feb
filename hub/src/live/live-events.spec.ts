import type { LiveFrame } from '@wattsup/contracts';
import { LiveEvents } from './live-events';

describe('LiveEvents', () => {
  it('delivers typed frames with the source time to every subscriber', () => {
    const events = new LiveEvents();
    const received: LiveFrame[] = [];
    const subscription = events.stream.subscribe((frame) => received.push(frame));
    events.publish(
      'charger.connection',
      { chargerId: 'c1', identity: 'CP-1', online: true },
      new Date('2026-11-22T10:00:00Z'),
    );
    subscription.unsubscribe();
    events.publish('charger.connection', { chargerId: 'c1', identity: 'CP-1', online: false });
    expect(received).toEqual([
      {
        type: 'charger.connection',
        at: '2026-11-22T10:00:00.000Z',
        data: { chargerId: 'c1', identity: 'CP-1', online: true },
      },
    ]);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { ChargerFrameView } from '@wattsup/contracts';
import { formatFrameTime, summarizeFrames } from './ocpp-frames';

const frame = (
  direction: ChargerFrameView['direction'],
  message: unknown[] | string,
): ChargerFrameView => ({
  at: '2026-11-22T14:00:00.000Z',
  direction,
  frame: typeof message === 'string' ? message : JSON.stringify(message),
});

describe('summarizeFrames', () => {
  it('names calls, and answers after the call they answer', () => {
    // Newest first, as the hub lists them.
    const frames = [
      frame('in', [3, 'hub-1', { status: 'Accepted' }]),
      frame('out', [2, 'hub-1', 'TriggerMessage', { requestedMessage: 'Heartbeat' }]),
      frame('out', [3, 'cp-7', { currentTime: '2026-11-22T14:00:00.000Z' }]),
      frame('in', [2, 'cp-7', 'Heartbeat', {}]),
    ];
    expect(summarizeFrames(frames)).toEqual([
      { type: 'CALLRESULT', messageId: 'hub-1', action: 'TriggerMessage' },
      { type: 'CALL', messageId: 'hub-1', action: 'TriggerMessage' },
      { type: 'CALLRESULT', messageId: 'cp-7', action: 'Heartbeat' },
      { type: 'CALL', messageId: 'cp-7', action: 'Heartbeat' },
    ]);
  });

  it('reads an error whose call has left the log', () => {
    expect(
      summarizeFrames([frame('in', [4, 'hub-9', 'NotImplemented', 'Unknown action', {}])]),
    ).toEqual([{ type: 'CALLERROR', messageId: 'hub-9', action: null }]);
  });

  it.each(['not json', '{"a":1}', '[9, "x"]', '[2, 7, "Heartbeat", {}]'])(
    'calls %s unreadable',
    (text) => {
      expect(summarizeFrames([frame('in', text)])[0].type).toBe('UNREADABLE');
    },
  );
});

describe('formatFrameTime', () => {
  it('gives hours, minutes and seconds in either language', () => {
    const at = new Date(2026, 10, 22, 14, 3, 7).toISOString();
    expect(formatFrameTime(at)).toBe('14:03:07');
    expect(formatFrameTime(at, 'fr')).toBe('14:03:07');
  });
});

import { describe, expect, it } from '@jest/globals';
import type { LiveFrame, LiveServerFrame } from '@wattsup/contracts';
import { adminListFrames } from './admin-live';

const AT = '2026-11-22T14:00:00.000Z';
// Only its type matters here.
const snapshot = { type: 'snapshot', at: AT } as LiveServerFrame;
const connection = (chargerId: string): LiveFrame<'charger.connection'> => ({
  type: 'charger.connection',
  at: AT,
  data: { chargerId, identity: chargerId, online: true },
});
const progress = {
  type: 'import.progress',
  at: AT,
  data: { importId: 'i' },
} as LiveFrame<'import.progress'>;

/** A fleet list that knows the chargers in `known`, with what it was asked to do. */
function fleetList(known: string[]) {
  const calls = { loads: 0, applied: [] as string[] };
  const onframes = adminListFrames('fleet', {
    load: async () => {
      calls.loads++;
    },
    apply: (frame) => {
      if (!known.includes(frame.data.chargerId)) return false;
      calls.applied.push(frame.data.chargerId);
      return true;
    },
  });
  return { calls, onframes };
}

describe('adminListFrames', () => {
  it('reads the list again on each snapshot', () => {
    const { calls, onframes } = fleetList([]);
    onframes([snapshot]);
    onframes([snapshot]);
    expect(calls.loads).toBe(2);
  });

  it('applies the events of its topic without reading the list', () => {
    const { calls, onframes } = fleetList(['a', 'b']);
    onframes([connection('a'), connection('b')]);
    expect(calls).toEqual({ loads: 0, applied: ['a', 'b'] });
  });

  it('reads the list once for any number of events it could not apply', () => {
    const { calls, onframes } = fleetList(['a']);
    onframes([connection('new-1'), connection('a'), connection('new-2'), snapshot]);
    expect(calls).toEqual({ loads: 1, applied: ['a'] });
  });

  it("ignores other topics' events", () => {
    const { calls, onframes } = fleetList([]);
    onframes([progress, { type: 'error', at: AT, data: { message: 'no' } }]);
    expect(calls).toEqual({ loads: 0, applied: [] });
  });
});

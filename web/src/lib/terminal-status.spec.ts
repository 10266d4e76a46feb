import { describe, expect, it } from '@jest/globals';
import { TERMINAL_STATUSES } from '@wattsup/contracts';
import { statusDisplay } from './terminal-status';

describe('statusDisplay', () => {
  it('has a label for every canonical status', () => {
    for (const status of TERMINAL_STATUSES) {
      expect(statusDisplay(status).label).not.toBe('');
    }
  });

  it('marks free, busy and broken terminals apart', () => {
    expect(statusDisplay('AVAILABLE')).toEqual({ label: 'Available', tone: 'free' });
    expect(statusDisplay('OCCUPIED').tone).toBe('busy');
    expect(statusDisplay('FAULTED').tone).toBe('down');
    expect(statusDisplay('OFFLINE').tone).toBe('unknown');
  });

  it('reads a status it does not know as unknown', () => {
    expect(statusDisplay('CHARGING_ON_MARS')).toEqual({ label: 'Unknown', tone: 'unknown' });
  });
});

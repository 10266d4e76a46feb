import { describe, expect, it } from '@jest/globals';
import { TERMINAL_STATUSES } from '@wattsup/contracts';
import { statusDisplay, statusDoubt, terminalStatusDisplay } from './terminal-status';

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

describe('terminalStatusDisplay', () => {
  it('shows a driver fault report, unconfirmed, as doubtful with its reason', () => {
    const reported = { status: 'UNKNOWN', statusSource: 'SUPPORT' };
    expect(terminalStatusDisplay(reported)).toEqual({ label: 'Doubtful', tone: 'unknown' });
    expect(statusDoubt(reported)).toBe('Reported broken by a driver, not confirmed');
  });

  it('shows what the charger says once it confirmed', () => {
    const confirmed = { status: 'AVAILABLE', statusSource: 'OCPP' };
    expect(terminalStatusDisplay(confirmed)).toEqual({ label: 'Available', tone: 'free' });
    expect(statusDoubt(confirmed)).toBeNull();
  });

  it('keeps an unknown status from another source unknown', () => {
    expect(terminalStatusDisplay({ status: 'UNKNOWN', statusSource: 'IRVE' }).label).toBe(
      'Unknown',
    );
  });
});

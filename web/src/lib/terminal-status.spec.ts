import { describe, expect, it } from '@jest/globals';
import { TERMINAL_STATUSES } from '@wattsup/contracts';
import { translator } from './i18n';
import {
  UNCONFIRMED_AFTER_MS,
  statusDisplay,
  statusDoubt,
  statusFreshness,
  terminalStatusDisplay,
  timeAgo,
} from './terminal-status';

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
  const now = new Date('2026-11-22T12:00:00Z');
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

  it('shows a driver fault report, unconfirmed, as doubtful with its reason', () => {
    const reported = {
      status: 'UNKNOWN',
      statusSource: 'SUPPORT',
      statusConfirmedAt: minutesAgo(1),
    };
    expect(terminalStatusDisplay(reported, now)).toEqual({ label: 'Doubtful', tone: 'unknown' });
    expect(statusDoubt(reported, now)).toBe('Reported broken by a driver, not confirmed');
    expect(statusFreshness(reported, now)).toBeNull();
  });

  it('trusts a connected charger whatever the age of its report', () => {
    for (const statusSource of ['OCPP', 'MQTT']) {
      const confirmed = { status: 'AVAILABLE', statusSource, statusConfirmedAt: minutesAgo(600) };
      expect(terminalStatusDisplay(confirmed, now)).toEqual({ label: 'Available', tone: 'free' });
      expect(statusDoubt(confirmed, now)).toBeNull();
      expect(statusFreshness(confirmed, now)).toBe('Confirmed by the charger 10 h ago');
    }
  });

  it('shows an old status nothing backs as not confirmed, never as free', () => {
    const fresh = { status: 'AVAILABLE', statusSource: 'IRVE', statusConfirmedAt: minutesAgo(5) };
    expect(terminalStatusDisplay(fresh, now).label).toBe('Available');
    expect(statusFreshness(fresh, now)).toBe("Confirmed by the operator's data 5 min ago");

    const old = { ...fresh, statusConfirmedAt: minutesAgo(UNCONFIRMED_AFTER_MS / 60_000 + 1) };
    expect(terminalStatusDisplay(old, now)).toEqual({ label: 'Not confirmed', tone: 'unknown' });
    expect(statusDoubt(old, now)).toBe(
      "Last reported available 31 min ago by the operator's data, not confirmed since",
    );
    expect(statusFreshness(old, now)).toBeNull();

    const never = { status: 'OCCUPIED', statusSource: 'HUB', statusConfirmedAt: null };
    expect(terminalStatusDisplay(never, now).label).toBe('Not confirmed');
    expect(statusDoubt(never, now)).toBe('Said to be occupied by Watts Up, never confirmed');
  });

  it('keeps unknown and offline as they are, whatever their age', () => {
    for (const status of ['UNKNOWN', 'OFFLINE']) {
      const terminal = { status, statusSource: 'IRVE', statusConfirmedAt: minutesAgo(900) };
      expect(terminalStatusDisplay(terminal, now)).toEqual(statusDisplay(status));
      expect(statusDoubt(terminal, now)).toBeNull();
    }
  });
});

describe('timeAgo', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it.each([
    [20_000, 'just now'],
    [5 * 60_000, '5 min ago'],
    [3 * 3_600_000 + 59 * 60_000, '3 h ago'],
    [3 * 86_400_000, '3 days ago'],
  ])('%d ms → %s', (ms, text) => {
    expect(timeAgo(new Date(now.getTime() - ms), now)).toBe(text);
  });
});

describe('in French', () => {
  const t = translator('fr');
  const now = new Date('2026-11-22T12:00:00Z');
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

  it('names every status as a French driver reads it', () => {
    expect(statusDisplay('AVAILABLE', t)).toEqual({ label: 'Disponible', tone: 'free' });
    expect(statusDisplay('OCCUPIED', t).label).toBe('Occupé');
    expect(statusDisplay('FAULTED', t)).toEqual({ label: 'Hors service', tone: 'down' });
    expect(statusDisplay('CHARGING_ON_MARS', t).label).toBe('Inconnu');
  });

  it('says who confirmed a status and when, or why it is doubted', () => {
    const live = { status: 'AVAILABLE', statusSource: 'OCPP', statusConfirmedAt: minutesAgo(3) };
    expect(statusFreshness(live, now, t)).toBe('Confirmé par la borne il y a 3 min');

    const old = { status: 'OCCUPIED', statusSource: 'IRVE', statusConfirmedAt: minutesAgo(31) };
    expect(terminalStatusDisplay(old, now, t).label).toBe('Non confirmé');
    expect(statusDoubt(old, now, t)).toBe(
      'Dernier état connu « occupé » il y a 31 min, selon les données de l’opérateur ; non confirmé depuis',
    );
    expect(timeAgo(new Date(now.getTime() - 20_000), now, t)).toBe('à l’instant');
  });
});

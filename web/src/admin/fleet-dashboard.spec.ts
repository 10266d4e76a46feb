import { describe, expect, it } from '@jest/globals';
import type { FleetEvent, FleetSummary } from '@wattsup/contracts';
import { translator } from '../lib/i18n';
import {
  chargerHref,
  chargerInHash,
  fleetEventTitle,
  newerSummary,
  operatorStatusDisplay,
  statusSegments,
} from './fleet-dashboard';

const byStatus = {
  AVAILABLE: 6,
  OCCUPIED: 2,
  RESERVED: 0,
  UNAVAILABLE: 0,
  FAULTED: 1,
  OFFLINE: 1,
  UNKNOWN: 0,
};

describe('statusSegments', () => {
  it('gives all seven statuses in order with their share of the terminals', () => {
    const segments = statusSegments({ total: 10, byStatus });
    expect(segments.map(({ status, count, share }) => [status, count, share])).toEqual([
      ['AVAILABLE', 6, 0.6],
      ['OCCUPIED', 2, 0.2],
      ['RESERVED', 0, 0],
      ['UNAVAILABLE', 0, 0],
      ['FAULTED', 1, 0.1],
      ['OFFLINE', 1, 0.1],
      ['UNKNOWN', 0, 0],
    ]);
    expect(segments[4]).toMatchObject({ label: 'Faulted', tone: 'down' });
  });

  it('names the statuses in French as an operator says them', () => {
    const labels = statusSegments({ total: 10, byStatus }, translator('fr')).map((s) => s.label);
    expect(labels).toEqual([
      'Disponible',
      'Occupé',
      'Réservé',
      'Indisponible',
      'En défaut',
      'Hors ligne',
      'Inconnu',
    ]);
  });

  it('gives zero shares to an empty fleet', () => {
    const empty = { total: 0, byStatus: { ...byStatus, AVAILABLE: 0, OCCUPIED: 0 } };
    expect(statusSegments(empty).every((segment) => segment.share === 0)).toBe(true);
  });
});

describe('operatorStatusDisplay', () => {
  it.each([
    ['FAULTED', 'en', 'Faulted', 'down'],
    ['FAULTED', 'fr', 'En défaut', 'down'],
    ['AVAILABLE', 'fr', 'Disponible', 'free'],
    ['Charging', 'en', 'Unknown', 'unknown'],
  ] as const)('%s in %s → %s (%s)', (status, language, label, tone) => {
    expect(operatorStatusDisplay(status, translator(language))).toEqual({ label, tone });
  });
});

describe('newerSummary', () => {
  const at = (time: string) => ({ at: time }) as FleetSummary;

  it('keeps the newer summary whichever arrives last', () => {
    const older = at('2026-11-22T17:00:00.000Z');
    const newer = at('2026-11-22T17:00:01.000Z');
    expect(newerSummary(null, older)).toBe(older);
    expect(newerSummary(older, newer)).toBe(newer);
    expect(newerSummary(newer, older)).toBe(newer);
  });
});

describe('fleetEventTitle', () => {
  const event = (kind: FleetEvent['kind'], errorCode: string | null) =>
    ({ kind, errorCode }) as FleetEvent;

  it.each([
    [event('DISCONNECT', null), 'Disconnected'],
    [event('FAULT', 'GroundFailure'), 'Faulted (GroundFailure)'],
    [event('FAULT', 'NoError'), 'Faulted'],
    [event('FAULT', null), 'Faulted'],
  ])('%j → %s', (input, title) => {
    expect(fleetEventTitle(input)).toBe(title);
  });

  it.each([
    [event('DISCONNECT', null), 'Déconnectée'],
    [event('FAULT', 'GroundFailure'), 'En défaut (GroundFailure)'],
    [event('FAULT', 'NoError'), 'En défaut'],
  ])('%j → %s in French', (input, title) => {
    expect(fleetEventTitle(input, translator('fr'))).toBe(title);
  });
});

describe('chargerHref', () => {
  it('opens the chargers tab on the charger, which reads it back', () => {
    const href = chargerHref('6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10');
    expect(href).toBe('#/admin/chargers?charger=6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10');
    expect(chargerInHash(href)).toBe('6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10');
    expect(chargerInHash('#/admin/chargers')).toBeNull();
  });
});

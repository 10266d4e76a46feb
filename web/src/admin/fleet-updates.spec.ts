import { describe, expect, it } from '@jest/globals';
import type { ChargerView, ImportProgress, ImportView } from '@wattsup/contracts';
import { applyChargerConnection, applyImportProgress, formatFraction } from './fleet-updates';

function aCharger(id: string, online: boolean): ChargerView {
  return {
    id,
    identity: `CP-${id}`,
    protocol: 'ocpp1.6',
    registrationStatus: 'Accepted',
    online,
    lastSeenAt: '2026-11-22T14:00:00.000Z',
    lastBootAt: null,
    vendor: null,
    model: null,
    serialNumber: null,
    firmwareVersion: null,
    heartbeatIntervalSeconds: 300,
    reserveConnectorZero: false,
    station: null,
    connectors: [],
  };
}

const progress = (importId: string, fraction: number): ImportProgress => ({
  importId,
  status: 'RUNNING',
  phase: 'WRITING',
  rowsRead: 1000,
  rowsAccepted: 990,
  rowsRejected: 10,
  stations: 400,
  terminals: 990,
  rowsPerSecond: 5000,
  elapsedSeconds: 2,
  etaSeconds: 8,
  fraction,
});

describe('applyChargerConnection', () => {
  const at = '2026-11-22T14:05:00.000Z';

  it('turns the charger offline and keeps when it was last heard of', () => {
    const chargers = [aCharger('a', true), aCharger('b', true)];
    const next = applyChargerConnection(
      chargers,
      { chargerId: 'b', identity: 'CP-b', online: false },
      at,
    );
    expect(next).toEqual([chargers[0], { ...chargers[1], online: false, lastSeenAt: at }]);
    expect(chargers[1].online).toBe(true);
  });

  it('asks for a new read when the charger is not listed', () => {
    expect(
      applyChargerConnection(
        [aCharger('a', false)],
        { chargerId: 'z', identity: 'CP-z', online: true },
        at,
      ),
    ).toBeNull();
  });
});

describe('applyImportProgress', () => {
  it('moves the listed import on', () => {
    const listed = { ...progress('i-1', 0.1), fileName: 'irve.csv' } as ImportView;
    const next = applyImportProgress([listed], progress('i-1', 0.6));
    expect(next?.[0]).toMatchObject({ fileName: 'irve.csv', fraction: 0.6 });
  });

  it('asks for a new read for an import it does not list', () => {
    expect(applyImportProgress([], progress('i-2', 0.2))).toBeNull();
  });

  it.each(['COMPLETED', 'FAILED'] as const)(
    'asks for a new read once the import is %s, for its final figures',
    (status) => {
      const listed = { ...progress('i-1', 0.9), fileName: 'irve.csv' } as ImportView;
      expect(applyImportProgress([listed], { ...progress('i-1', 1), status })).toBeNull();
    },
  );
});

describe('formatFraction', () => {
  it.each([
    [0, '0 %'],
    [0.426, '42 %'],
    [1, '100 %'],
    [1.2, '100 %'],
  ])('shows %p as %s', (fraction, text) => {
    expect(formatFraction(fraction)).toBe(text);
  });
});

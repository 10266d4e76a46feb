import type { Ocpp16, Ocpp201, TerminalStatus } from '@wattsup/contracts';
import { mapOcpp16Status, mapOcpp201Status, wholeChargerStatus } from './status-mapping';

describe('OCPP 1.6 status mapping', () => {
  it.each<[Ocpp16.ChargePointStatus, TerminalStatus]>([
    ['Available', 'AVAILABLE'],
    ['Preparing', 'OCCUPIED'],
    ['Charging', 'OCCUPIED'],
    ['SuspendedEV', 'OCCUPIED'],
    ['SuspendedEVSE', 'OCCUPIED'],
    ['Finishing', 'OCCUPIED'],
    ['Reserved', 'RESERVED'],
    ['Unavailable', 'UNAVAILABLE'],
    ['Faulted', 'FAULTED'],
  ])('%s → %s', (status, expected) => {
    expect(mapOcpp16Status(status)).toBe(expected);
  });

  it('maps an unheard-of status to UNKNOWN rather than guessing', () => {
    expect(mapOcpp16Status('Exploded' as Ocpp16.ChargePointStatus)).toBe('UNKNOWN');
  });
});

describe('OCPP 1.6 connector 0', () => {
  it.each<[Ocpp16.ChargePointStatus, TerminalStatus | null]>([
    ['Faulted', 'FAULTED'],
    ['Unavailable', 'UNAVAILABLE'],
    ['Available', null],
    ['Charging', null],
  ])('%s applies %s to every connector', (status, expected) => {
    expect(wholeChargerStatus(status)).toBe(expected);
  });
});

describe('OCPP 2.0.1 status mapping', () => {
  it.each<[Ocpp201.ConnectorStatus, TerminalStatus]>([
    ['Available', 'AVAILABLE'],
    ['Occupied', 'OCCUPIED'],
    ['Reserved', 'RESERVED'],
    ['Unavailable', 'UNAVAILABLE'],
    ['Faulted', 'FAULTED'],
  ])('%s → %s', (status, expected) => {
    expect(mapOcpp201Status(status)).toBe(expected);
  });
});

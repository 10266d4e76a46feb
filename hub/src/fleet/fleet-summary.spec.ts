import type { LiveFrame } from '@wattsup/contracts';
import { changesFleet, type FleetRows, summariseFleet } from './fleet-summary';

const empty: FleetRows = { chargers: [], terminals: [], chargingSessions: 0, recent: [] };
const at = new Date('2026-11-22T17:00:00.000Z');

describe('summariseFleet', () => {
  it('gives every protocol and every status, zero when the fleet is empty', () => {
    expect(summariseFleet(empty, at)).toEqual({
      at: '2026-11-22T17:00:00.000Z',
      chargers: {
        total: 0,
        online: 0,
        offline: 0,
        faulted: 0,
        byProtocol: {
          'ocpp1.6': { online: 0, offline: 0 },
          'ocpp2.0.1': { online: 0, offline: 0 },
          mqtt: { online: 0, offline: 0 },
        },
      },
      terminals: {
        total: 0,
        byStatus: {
          AVAILABLE: 0,
          OCCUPIED: 0,
          RESERVED: 0,
          UNAVAILABLE: 0,
          FAULTED: 0,
          OFFLINE: 0,
          UNKNOWN: 0,
        },
      },
      utilisation: { connected: 0, occupied: 0, ratio: null, chargingSessions: 0 },
      recent: [],
    });
  });

  it('counts chargers by connection and protocol, and those with a faulted terminal once', () => {
    const summary = summariseFleet(
      {
        ...empty,
        chargers: [
          { protocol: 'ocpp1.6', online: true, count: 5 },
          { protocol: 'ocpp1.6', online: false, count: 2 },
          { protocol: 'mqtt', online: false, count: 1 },
        ],
        terminals: [
          { status: 'FAULTED', connected: true, faultedChargerId: 'a', count: 2 },
          { status: 'FAULTED', connected: false, faultedChargerId: 'b', count: 1 },
          { status: 'FAULTED', connected: true, faultedChargerId: null, count: 1 },
        ],
      },
      at,
    );
    expect(summary.chargers).toMatchObject({ total: 8, online: 5, offline: 3, faulted: 2 });
    expect(summary.chargers.byProtocol).toEqual({
      'ocpp1.6': { online: 5, offline: 2 },
      'ocpp2.0.1': { online: 0, offline: 0 },
      mqtt: { online: 0, offline: 1 },
    });
    expect(summary.terminals.byStatus.FAULTED).toBe(4);
  });

  it('measures utilisation over the terminals whose charger is connected', () => {
    const summary = summariseFleet(
      {
        ...empty,
        chargingSessions: 3,
        terminals: [
          { status: 'OCCUPIED', connected: true, faultedChargerId: null, count: 3 },
          { status: 'AVAILABLE', connected: true, faultedChargerId: null, count: 9 },
          // The map's IRVE-only terminals have no live connection and say nothing about use.
          { status: 'OCCUPIED', connected: false, faultedChargerId: null, count: 50 },
          { status: 'OFFLINE', connected: false, faultedChargerId: null, count: 4 },
        ],
      },
      at,
    );
    expect(summary.terminals.total).toBe(66);
    expect(summary.terminals.byStatus).toMatchObject({ OCCUPIED: 53, AVAILABLE: 9, OFFLINE: 4 });
    expect(summary.utilisation).toEqual({
      connected: 12,
      occupied: 3,
      ratio: 0.25,
      chargingSessions: 3,
    });
  });

  it('shapes faults and disconnects with their charger, terminal and station in ISO time', () => {
    const summary = summariseFleet(
      {
        ...empty,
        recent: [
          {
            kind: 'FAULT',
            at: '2026-11-22T18:00:01.5+01:00',
            chargerId: 'c1',
            identity: 'CP-1',
            terminalId: 't1',
            pdcId: 'FR*A*E1',
            stationId: 's1',
            stationName: 'Parc',
            errorCode: 'GroundFailure',
          },
          {
            kind: 'DISCONNECT',
            at: '2026-11-22T16:59:00+00:00',
            chargerId: 'c2',
            identity: 'CP-2',
            terminalId: null,
            pdcId: null,
            stationId: null,
            stationName: null,
            errorCode: null,
          },
        ],
      },
      at,
    );
    expect(summary.recent).toEqual([
      {
        kind: 'FAULT',
        at: '2026-11-22T17:00:01.500Z',
        charger: { id: 'c1', identity: 'CP-1' },
        terminal: { id: 't1', pdcId: 'FR*A*E1' },
        station: { id: 's1', name: 'Parc' },
        errorCode: 'GroundFailure',
      },
      {
        kind: 'DISCONNECT',
        at: '2026-11-22T16:59:00.000Z',
        charger: { id: 'c2', identity: 'CP-2' },
        terminal: null,
        station: null,
        errorCode: null,
      },
    ]);
  });
});

describe('changesFleet', () => {
  const frame = (type: string, data: object = {}) => ({ type, at: '', data }) as LiveFrame;

  it.each([
    ['terminal.status', {}, true],
    ['charger.connection', {}, true],
    ['import.progress', { status: 'COMPLETED' }, true],
    ['import.progress', { status: 'RUNNING' }, false],
    ['reservation.updated', {}, false],
    ['vehicle.updated', {}, false],
    ['fleet.summary', {}, false],
  ])('%s %j → %s', (type, data, expected) => {
    expect(changesFleet(frame(type, data))).toBe(expected);
  });
});

import type { ReservationView } from '@wattsup/contracts';

/** A reservation as the hub sends it, ACTIVE until 14:30 UTC, with `overrides` applied. */
export function aReservation(overrides: Partial<ReservationView> = {}): ReservationView {
  return {
    id: '6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10',
    userId: 'b0a1c2d3-0000-4000-8000-000000000001',
    status: 'ACTIVE',
    kind: 'CHARGER',
    terminalId: 't-1',
    stationId: 's-1',
    stationName: 'Parc Victor Hugo',
    address: '1 place Victor Hugo, Toulouse',
    lon: 1.44,
    lat: 43.6,
    powerKw: 22,
    plugs: ['TYPE_2'],
    createdAt: '2026-11-22T14:00:00.000Z',
    expiresAt: '2026-11-22T14:30:00.000Z',
    startedAt: null,
    endedAt: null,
    endCause: null,
    estimatedEndAt: null,
    energyKwh: null,
    costEstimateEur: null,
    alternatives: [],
    notice: null,
    ...overrides,
  };
}

import type { ProvisionedCharger } from './provisioning/provision';
import { splitFleet } from './run';

const charger = (identity: string): ProvisionedCharger => ({
  identity,
  password: 'p'.repeat(16),
  protocol: 'ocpp1.6',
  stationId: 's',
  lon: 0,
  lat: 0,
  connectors: [],
});

describe('splitFleet', () => {
  it('gives every charger and vehicle to exactly one worker, in even shares', () => {
    const ocpp = Array.from({ length: 10 }, (_, i) => charger(`C${i}`));
    const parts = splitFleet(ocpp, [charger('M1')], 7, 3);

    expect(parts.map((part) => part.ocpp.length)).toEqual([3, 3, 4]);
    expect(parts.flatMap((part) => part.ocpp)).toEqual(ocpp);
    expect(parts.flatMap((part) => part.mqtt).map((c) => c.identity)).toEqual(['M1']);
    expect(parts.map((part) => part.vehicles)).toEqual([
      { first: 0, count: 2 },
      { first: 2, count: 2 },
      { first: 4, count: 3 },
    ]);
  });
});

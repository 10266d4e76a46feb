import { describe, expect, it } from '@jest/globals';
import type { ChargerView } from '@wattsup/contracts';
import { ALL_CHARGERS, filterChargers } from './charger-filter';

const charger = (identity: string, online: boolean, station: string | null): ChargerView => ({
  id: identity,
  identity,
  protocol: 'ocpp2.0.1',
  registrationStatus: 'Accepted',
  online,
  lastSeenAt: null,
  lastBootAt: null,
  vendor: 'Watts',
  model: 'Up-22',
  serialNumber: null,
  firmwareVersion: '1.4.2',
  heartbeatIntervalSeconds: 300,
  reserveConnectorZero: false,
  station: station ? { id: `s-${identity}`, name: station } : null,
  connectors: [],
});

const chargers = [
  charger('CP-TLS-1', true, 'Parc Victor Hugo'),
  charger('CP-TLS-2', false, 'Gare Matabiau'),
  charger('CP-PAR-1', true, null),
];
const identities = (list: ChargerView[]) => list.map(({ identity }) => identity);

describe('filterChargers', () => {
  it('lists every charger with no filter', () => {
    expect(filterChargers(chargers, ALL_CHARGERS)).toEqual(chargers);
  });

  it('keeps online or offline chargers', () => {
    expect(identities(filterChargers(chargers, { text: '', connection: 'offline' }))).toEqual([
      'CP-TLS-2',
    ]);
    expect(identities(filterChargers(chargers, { text: '', connection: 'online' }))).toEqual([
      'CP-TLS-1',
      'CP-PAR-1',
    ]);
  });

  it('finds by identity or station, in any case, both filters together', () => {
    expect(identities(filterChargers(chargers, { text: ' tls ', connection: 'all' }))).toEqual([
      'CP-TLS-1',
      'CP-TLS-2',
    ]);
    expect(identities(filterChargers(chargers, { text: 'matabiau', connection: 'all' }))).toEqual([
      'CP-TLS-2',
    ]);
    expect(filterChargers(chargers, { text: 'matabiau', connection: 'online' })).toEqual([]);
  });

  it('finds by firmware', () => {
    expect(filterChargers(chargers, { text: '1.4.2', connection: 'all' })).toHaveLength(3);
  });
});

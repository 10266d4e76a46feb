import { chargerIdentity, createRandom } from '@wattsup/contracts';
import { CITIES, cityBbox, parseArea, quarters } from './areas';
import { derivedPassword, simulatedIdentity } from './provision';
import { assignProtocols, parseProtocolMix } from './protocol-mix';

describe('areas', () => {
  it('a city is a box around its centre', () => {
    const bbox = cityBbox(CITIES.paris);
    expect((bbox.minLon + bbox.maxLon) / 2).toBeCloseTo(2.3522, 4);
    expect(bbox.maxLat - bbox.minLat).toBeCloseTo((2 * 11) / 111.32, 4);
    expect(parseArea('Paris')).toEqual(bbox);
  });

  it('quarters cover the box', () => {
    const bbox = parseArea('0,40,2,42');
    expect(quarters(bbox)).toEqual([
      { minLon: 0, minLat: 40, maxLon: 1, maxLat: 41 },
      { minLon: 1, minLat: 40, maxLon: 2, maxLat: 41 },
      { minLon: 0, minLat: 41, maxLon: 1, maxLat: 42 },
      { minLon: 1, minLat: 41, maxLon: 2, maxLat: 42 },
    ]);
  });
});

describe('protocol mix', () => {
  it('gives exact shares, in a seeded order', () => {
    const mix = parseProtocolMix('ocpp1.6=60,ocpp2.0.1=30,mqtt=10');
    const protocols = assignProtocols(mix, 10, createRandom(1));
    expect(protocols.filter((p) => p === 'ocpp1.6')).toHaveLength(6);
    expect(protocols.filter((p) => p === 'ocpp2.0.1')).toHaveLength(3);
    expect(protocols.filter((p) => p === 'mqtt')).toHaveLength(1);
    expect(assignProtocols(mix, 10, createRandom(1))).toEqual(protocols);
  });

  it('rounds by largest remainder', () => {
    const protocols = assignProtocols(
      parseProtocolMix('ocpp1.6=1,ocpp2.0.1=1,mqtt=1'),
      4,
      createRandom(2),
    );
    expect(protocols).toHaveLength(4);
    expect(new Set(protocols).size).toBe(3);
  });

  it('a protocol alone is the whole fleet', () => {
    expect(parseProtocolMix('ocpp2.0.1')).toEqual({ 'ocpp2.0.1': 1 });
  });
});

describe('charger identities and passwords', () => {
  it('derives a valid identity from the station IRVE id', () => {
    expect(simulatedIdentity('FRTLSP0001', 0)).toBe('SIM-FRTLSP0001-1');
    const long = simulatedIdentity('FR*ABC*P'.padEnd(60, '9'), 11);
    expect(long).toHaveLength(48);
    expect(long.endsWith('-12')).toBe(true);
    expect(chargerIdentity.safeParse(simulatedIdentity('FR ABC/é 1', 0)).success).toBe(true);
  });

  it('the same secret gives the same password, within OCPP 1.6 security limits', () => {
    const password = derivedPassword('secret', 'SIM-A-1');
    expect(password).toBe(derivedPassword('secret', 'SIM-A-1'));
    expect(password).not.toBe(derivedPassword('other', 'SIM-A-1'));
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(password.length).toBeLessThanOrEqual(40);
  });
});

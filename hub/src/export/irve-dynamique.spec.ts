import { TERMINAL_STATUSES } from '@wattsup/contracts';
import { csvField, IRVE_DYNAMIQUE_STATUS, irveDynamiqueRow } from './irve-dynamique';

describe('irveDynamiqueRow', () => {
  const at = new Date('2026-11-22T10:11:12.345Z');
  it.each([
    ['AVAILABLE', 'en_service,libre', 'fonctionnel'],
    ['OCCUPIED', 'en_service,occupe', 'fonctionnel'],
    ['RESERVED', 'en_service,reserve', 'fonctionnel'],
    ['UNAVAILABLE', 'hors_service,inconnu', 'hors_service'],
    ['FAULTED', 'hors_service,inconnu', 'hors_service'],
    ['OFFLINE', 'inconnu,inconnu', 'inconnu'],
    ['UNKNOWN', 'inconnu,inconnu', 'inconnu'],
  ] as const)('%s → %s, plugs %s', (status, state, plug) => {
    expect(
      irveDynamiqueRow({
        pdcId: 'FR*A*E1',
        status,
        plugs: ['TYPE_2', 'DOMESTIC_EF'],
        observedAt: at,
      }),
    ).toBe(`FR*A*E1,${state},2026-11-22T10:11:12+0000,${plug},,,${plug}`);
  });

  it('maps every neutral status', () => {
    expect(Object.keys(IRVE_DYNAMIQUE_STATUS).sort()).toEqual([...TERMINAL_STATUSES].sort());
  });

  it('fills the CCS and CHAdeMO columns only for those plugs', () => {
    expect(
      irveDynamiqueRow({
        pdcId: 'X',
        status: 'AVAILABLE',
        plugs: ['CCS_COMBO', 'CHADEMO'],
        observedAt: at,
      }),
    ).toBe('X,en_service,libre,2026-11-22T10:11:12+0000,,fonctionnel,fonctionnel,');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
  ])('csvField(%j) = %j', (value, expected) => expect(csvField(value)).toBe(expected));
});

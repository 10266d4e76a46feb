import { reservationKind } from './reservation-kind';

const charger = { chargerId: 'c', chargerOnline: true, chargerAccepted: true, operator: 'Op' };
const unbound = { chargerId: null, chargerOnline: false, chargerAccepted: false, operator: 'Op' };

describe('reservationKind', () => {
  it.each([
    ['a connected, accepted charger', charger, [], 'CHARGER'],
    ['an offline charger', { ...charger, chargerOnline: false }, 'all', null],
    ['a charger not accepted yet', { ...charger, chargerAccepted: false }, 'all', null],
    ['no charger, soft holds off', unbound, [], null],
    ['no charger, its operator listed', unbound, ['Other', 'Op'], 'SOFT'],
    ['no charger, another operator listed', unbound, ['Other'], null],
    ['no charger, every operator', unbound, 'all', 'SOFT'],
    ['no charger and no operator, every operator', { ...unbound, operator: null }, 'all', 'SOFT'],
    ['no charger and no operator, a list', { ...unbound, operator: null }, ['Op'], null],
  ] as const)('%s', (_, terminal, operators, kind) => {
    expect(reservationKind(terminal, operators as string[] | 'all')).toBe(kind);
  });
});

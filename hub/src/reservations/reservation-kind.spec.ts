import { MQTT_CHARGER_PRESENCE_MS, chargerConnected, reservationKind } from './reservation-kind';

describe('chargerConnected', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it.each([
    ['an OCPP charger with its socket', 'ocpp1.6', true, null, true],
    ['an OCPP charger without, whatever it said last', 'ocpp2.0.1', false, ago(1000), false],
    ['an MQTT charger heard a minute ago', 'mqtt', false, ago(60_000), true],
    [
      'an MQTT charger silent past the window',
      'mqtt',
      false,
      ago(MQTT_CHARGER_PRESENCE_MS + 1),
      false,
    ],
    ['an MQTT charger never heard', 'mqtt', false, null, false],
  ] as const)('%s', (_, protocol, online, lastSeenAt, connected) => {
    expect(chargerConnected({ protocol, online, lastSeenAt }, now)).toBe(connected);
  });
});

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

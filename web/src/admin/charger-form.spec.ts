import { describe, expect, it } from '@jest/globals';
import { createChargerRequest } from '@wattsup/contracts';
import { validateRequest } from '../lib/validation';
import { chargerRequestInput, EMPTY_CHARGER_FORM, stationIdFromInput } from './charger-form';

const STATION = '0b7a8c1e-5d2f-4a3b-9c4d-1e2f3a4b5c6d';

describe('stationIdFromInput', () => {
  it.each([
    ['', undefined],
    ['   ', undefined],
    [STATION, STATION],
    [` ${STATION} `, STATION],
    [`http://localhost:3000/#/stations/${STATION}`, STATION],
    [`#/stations/${STATION}`, STATION],
  ])('%j → %s', (input, expected) => {
    expect(stationIdFromInput(input)).toBe(expected);
  });
});

describe('chargerRequestInput', () => {
  const check = (form: Partial<typeof EMPTY_CHARGER_FORM>) =>
    validateRequest(createChargerRequest, chargerRequestInput({ ...EMPTY_CHARGER_FORM, ...form }));

  it('leaves out an empty station and password', () => {
    expect(check({ identity: ' CP-0042 ', protocol: 'mqtt' })).toEqual({
      identity: 'CP-0042',
      protocol: 'mqtt',
    });
  });

  it('sends the station and the password as given', () => {
    expect(
      check({
        identity: 'CP-1',
        station: `http://hub/#/stations/${STATION}`,
        password: 'sixteen chars ok',
      }),
    ).toEqual({
      identity: 'CP-1',
      protocol: 'ocpp1.6',
      stationId: STATION,
      password: 'sixteen chars ok',
    });
  });

  it("applies the contract's rules, naming the field", () => {
    expect(() => check({ identity: 'CP 1' })).toThrow(/^identity: /);
    expect(() => check({ identity: 'CP-1', station: 'Parc Victor Hugo' })).toThrow(/^stationId: /);
    expect(() => check({ identity: 'CP-1', password: 'short' })).toThrow(/^password: /);
  });
});

import { changeConfiguration, defaultConfiguration, getConfiguration } from './configuration';

describe('charger configuration (OCPP 1.6 §9.1)', () => {
  it('lists every key, or the asked ones with the unknown apart', () => {
    const configuration = defaultConfiguration(2);
    expect(getConfiguration(configuration, undefined).configurationKey).toContainEqual({
      key: 'NumberOfConnectors',
      readonly: true,
      value: '2',
    });
    expect(getConfiguration(configuration, ['HeartbeatInterval', 'Nope'])).toEqual({
      configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
      unknownKey: ['Nope'],
    });
  });

  it.each([
    ['HeartbeatInterval', '60', 'Accepted'],
    ['HeartbeatInterval', '-1', 'Rejected'],
    ['HeartbeatInterval', 'often', 'Rejected'],
    ['StopTransactionOnInvalidId', 'true', 'Accepted'],
    ['StopTransactionOnInvalidId', 'yes', 'Rejected'],
    ['NumberOfConnectors', '4', 'Rejected'],
    ['ReserveConnectorZeroSupported', 'false', 'Rejected'],
    ['NoSuchKey', '1', 'NotSupported'],
  ])('%s = %p → %s', (key, value, expected) => {
    const configuration = defaultConfiguration(1);
    expect(changeConfiguration(configuration, key, value)).toBe(expected);
    if (expected === 'Accepted') expect(configuration.get(key)).toBe(value);
  });
});

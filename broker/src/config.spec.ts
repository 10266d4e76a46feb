import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  const minimal = { BROKER_USERS: 'hub:hub-secret' };

  it('applies the defaults', () => {
    const config = parseConfig(minimal);
    expect(config).toMatchObject({
      MQTT_HOST: '0.0.0.0',
      MQTT_PORT: 1883,
      BROKER_HUB_USER: 'hub',
      BROKER_GATEWAY_USERS: [],
      BROKER_MAX_PAYLOAD_BYTES: 65_536,
      BROKER_MAX_CONNECTIONS: 100_000,
      BROKER_DEVICE_MESSAGES_PER_SECOND: 20,
      BROKER_DEVICE_BURST: 1000,
    });
    expect(config.MQTT_WS_PORT).toBeUndefined();
    expect([...config.BROKER_USERS]).toEqual([['hub', 'hub-secret']]);
  });

  it('reads accounts, keeping colons inside passwords', () => {
    const config = parseConfig({
      BROKER_USERS: 'hub:a:b, simulator:sim ,CP-1:x',
      BROKER_GATEWAY_USERS: 'simulator',
      MQTT_WS_PORT: '8083',
    });
    expect(Object.fromEntries(config.BROKER_USERS)).toEqual({
      hub: 'a:b',
      simulator: 'sim',
      'CP-1': 'x',
    });
    expect(config.BROKER_GATEWAY_USERS).toEqual(['simulator']);
    expect(config.MQTT_WS_PORT).toBe(8083);
  });

  it('reads the hub device check', () => {
    const config = parseConfig({
      ...minimal,
      BROKER_AUTH_URL: 'http://hub:3000/api/v1/internal/mqtt/authenticate',
      BROKER_AUTH_TOKEN: 'token',
    });
    expect(config).toMatchObject({ BROKER_AUTH_TOKEN: 'token', BROKER_AUTH_TIMEOUT_MS: 3000 });
    expect(parseConfig(minimal).BROKER_AUTH_URL).toBeUndefined();
  });

  it('reads the hub device check', () => {
    const config = parseConfig({
      ...minimal,
      BROKER_AUTH_URL: 'http://hub:3000/api/v1/internal/mqtt/authenticate',
      BROKER_AUTH_TOKEN: 'token',
    });
    expect(config).toMatchObject({ BROKER_AUTH_TOKEN: 'token', BROKER_AUTH_TIMEOUT_MS: 3000 });
    expect(parseConfig(minimal).BROKER_AUTH_URL).toBeUndefined();
  });

  it('treats an empty MQTT_WS_PORT as unset', () => {
    expect(parseConfig({ ...minimal, MQTT_WS_PORT: '' }).MQTT_WS_PORT).toBeUndefined();
  });

  it.each([
    [{}, /BROKER_USERS: is required/],
    [{ BROKER_USERS: 'hub' }, /BROKER_USERS: entry 1 is not user:password/],
    [{ BROKER_USERS: 'hub:' }, /BROKER_USERS: entry 1/],
    [{ BROKER_USERS: 'broker:x' }, /BROKER_USERS: has no password for "hub"/],
    [{ ...minimal, BROKER_GATEWAY_USERS: 'sim' }, /BROKER_USERS: has no password for "sim"/],
    [{ ...minimal, MQTT_PORT: 'eighteen' }, /MQTT_PORT/],
    [{ ...minimal, MQTT_WS_PORT: '70000' }, /MQTT_WS_PORT/],
    [{ ...minimal, BROKER_MAX_PAYLOAD_BYTES: '0' }, /BROKER_MAX_PAYLOAD_BYTES/],
    [{ ...minimal, BROKER_AUTH_URL: 'http://hub:3000/x' }, /BROKER_AUTH_TOKEN: is required/],
    [{ ...minimal, BROKER_AUTH_URL: 'ftp://hub/x', BROKER_AUTH_TOKEN: 't' }, /BROKER_AUTH_URL/],
    [{ ...minimal, BROKER_REDIS_URL: 'http://redis:6379' }, /BROKER_REDIS_URL/],
    [{ ...minimal, BROKER_DEVICE_MESSAGES_PER_SECOND: '0' }, /BROKER_DEVICE_MESSAGES_PER_SECOND/],
    [{ ...minimal, BROKER_MAX_CONNECTIONS: 'lots' }, /BROKER_MAX_CONNECTIONS/],
    [{ ...minimal, BROKER_AUTH_URL: 'http://hub:3000/x' }, /BROKER_AUTH_TOKEN: is required/],
    [{ ...minimal, BROKER_AUTH_URL: 'ftp://hub/x', BROKER_AUTH_TOKEN: 't' }, /BROKER_AUTH_URL/],
    [{ ...minimal, BROKER_REDIS_URL: 'http://redis:6379' }, /BROKER_REDIS_URL/],
    [{ ...minimal, BROKER_DEVICE_MESSAGES_PER_SECOND: '0' }, /BROKER_DEVICE_MESSAGES_PER_SECOND/],
    [{ ...minimal, BROKER_MAX_CONNECTIONS: 'lots' }, /BROKER_MAX_CONNECTIONS/],
  ])('refuses %p naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('never echoes a password in its message', () => {
    expect(() => parseConfig({ BROKER_USERS: 'hub:ok,secret-without-user' })).not.toThrow(/secret/);
  });
});

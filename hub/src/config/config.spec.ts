import { ConfigError, parseConfig } from './config';

const valid = { JWT_SECRET: 'x'.repeat(32) };

describe('parseConfig', () => {
  it('applies defaults', () => {
    const config = parseConfig(valid);
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.CORS_ORIGINS).toEqual([]);
  });

  it('names a missing JWT_SECRET', () => {
    expect(() => parseConfig({})).toThrow(/JWT_SECRET: is required/);
  });

  it('names each bad variable', () => {
    let error: unknown;
    try {
      parseConfig({
        ...valid,
        HTTP_PORT: 'eighty',
        DATABASE_URL: 'mysql://x/y',
        COOKIE_SECURE: 'yes',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/HTTP_PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/COOKIE_SECURE/);
  });

  it('splits CORS origins', () => {
    expect(
      parseConfig({ ...valid, CORS_ORIGINS: 'https://a.org, https://b.org' }).CORS_ORIGINS,
    ).toEqual(['https://a.org', 'https://b.org']);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(__dirname, '..', 'dist');

/** The compiled hub as an operator starts it: a bad environment stops it with a clear message. */
describe('hub start-up', () => {
  beforeAll(() => {
    if (!existsSync(join(dist, 'main.js')))
      throw new Error('hub/dist is missing: run `npm run build` first');
  });

  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join(dist, 'main.js')], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 20000,
    });

  it('refuses to start without JWT_SECRET and names it', () => {
    const result = start({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET: is required');
  });

  it('names every bad variable at once', () => {
    const result = start({
      JWT_SECRET: 'x'.repeat(40),
      HTTP_PORT: 'eighty',
      REDIS_URL: 'http://nope',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/HTTP_PORT/);
    expect(result.stderr).toMatch(/REDIS_URL/);
    expect(result.stderr).not.toMatch(/JWT_SECRET/);
  });

  it('the CLI explains an unknown command', () => {
    const result = spawnSync(process.execPath, [join(dist, 'cli.js'), 'frobnicate'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('seed --demo');
  });
});

import { StaticAccountAuthenticator } from './authenticator';

describe('StaticAccountAuthenticator', () => {
  const authenticator = new StaticAccountAuthenticator({
    passwords: new Map([
      ['hub', 'hub-secret'],
      ['simulator', 'sim-secret'],
      ['CP-1', 'cp-secret'],
    ]),
    hubUsername: 'hub',
    gatewayUsernames: ['simulator'],
  });

  it.each([
    ['hub', 'hub-secret', 'hub'],
    ['simulator', 'sim-secret', 'gateway'],
    ['CP-1', 'cp-secret', 'device'],
  ])('gives %p the role its account names', async (username, password, role) => {
    await expect(authenticator.authenticate(username, Buffer.from(password))).resolves.toEqual({
      username,
      role,
    });
  });

  it.each([
    ['hub', 'wrong'],
    ['hub', ''],
    ['hub', 'hub-secret-and-more'],
    ['CP-1', 'hub-secret'],
    ['nobody', 'hub-secret'],
  ])('refuses %p with password %p', async (username, password) => {
    await expect(authenticator.authenticate(username, Buffer.from(password))).resolves.toBeNull();
  });
});

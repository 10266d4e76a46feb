import { StaticAccountAuthenticator } from './authenticator';
import { ServiceAccountsThenDevices } from './hub-authenticator';

describe('ServiceAccountsThenDevices', () => {
  const asked: string[] = [];
  const authenticator = new ServiceAccountsThenDevices(
    new StaticAccountAuthenticator({
      passwords: new Map([['hub', 'hub-secret']]),
      hubUsername: 'hub',
      gatewayUsernames: [],
    }),
    {
      authenticate: async (username) => {
        asked.push(username);
        return username === 'CP-1' ? { username, role: 'device' } : null;
      },
    },
  );

  it('lets service accounts decide their own names, without asking the hub', async () => {
    await expect(authenticator.authenticate('hub', Buffer.from('hub-secret'))).resolves.toEqual({
      username: 'hub',
      role: 'hub',
    });
    // A device registered under a service account's name cannot take it over.
    await expect(
      authenticator.authenticate('hub', Buffer.from('device-secret')),
    ).resolves.toBeNull();
    expect(asked).toEqual([]);
  });

  it('asks the device authenticator about every other name', async () => {
    await expect(authenticator.authenticate('CP-1', Buffer.from('x'))).resolves.toEqual({
      username: 'CP-1',
      role: 'device',
    });
    await expect(authenticator.authenticate('CP-2', Buffer.from('x'))).resolves.toBeNull();
    expect(asked).toEqual(['CP-1', 'CP-2']);
  });
});

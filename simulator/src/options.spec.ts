import { UsageError, parseCommandLine } from './options';

describe('parseCommandLine', () => {
  it('applies the defaults', () => {
    expect(parseCommandLine([], {})).toEqual({
      help: false,
      options: {
        broker: 'mqtt://localhost:1883',
        hub: 'http://localhost:3000',
        seed: 1,
        chargers: 10,
        duration: 10,
      },
    });
  });

  it('reads every option', () => {
    const parsed = parseCommandLine(
      [
        '--broker=mqtt://broker:1883',
        '--broker-user',
        'simulator',
        '--broker-password',
        'sim-secret',
        '--hub',
        'https://hub.example',
        '--seed',
        '42',
        '--chargers',
        '500',
        '--duration',
        '2.5',
      ],
      {},
    );
    expect(parsed).toEqual({
      help: false,
      options: {
        broker: 'mqtt://broker:1883',
        brokerUser: 'simulator',
        brokerPassword: 'sim-secret',
        hub: 'https://hub.example',
        seed: 42,
        chargers: 500,
        duration: 2.5,
      },
    });
  });

  it('takes the password from SIM_BROKER_PASSWORD when not on the command line', () => {
    const parsed = parseCommandLine(['--broker-user', 'simulator'], {
      SIM_BROKER_PASSWORD: 'from-env',
    });
    expect(parsed).toMatchObject({ options: { brokerPassword: 'from-env' } });
  });

  it.each([['--help'], ['-h'], ['--seed', 'x', '--help']])('%p asks for help', (...args) => {
    expect(parseCommandLine(args, {})).toEqual({ help: true });
  });

  it.each([
    [['--chargers', '0'], '--chargers must be at least 1'],
    [['--chargers', 'many'], '--chargers expects a number'],
    [['--chargers', '1.5'], '--chargers expects a whole number'],
    [['--seed=-1'], '--seed must be 0 or more'],
    [['--duration', '0'], '--duration must be positive'],
    [['--broker', 'http://broker'], '--broker expects an mqtt://'],
    [['--hub', 'ftp://hub'], '--hub expects an http://'],
    [['--broker-user', 'simulator'], '--broker-user and --broker-password go together'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--seed'], "Option '--seed <value>' argument missing"],
    [['stray'], 'stray'],
  ])('refuses %p', (args, message) => {
    expect(() => parseCommandLine(args, {})).toThrow(UsageError);
    expect(() => parseCommandLine(args, {})).toThrow(message);
  });
});

import { COUNTRY } from './provisioning/areas';
import { UsageError, parseCommandLine } from './options';

const ADMIN = ['--admin-email', 'admin@example.org', '--admin-password', 'secret-password'];

describe('parseCommandLine', () => {
  it('applies the defaults', () => {
    const parsed = parseCommandLine(ADMIN, {});
    expect(parsed).toMatchObject({
      help: false,
      options: {
        hub: 'http://localhost:3000',
        broker: 'mqtt://localhost:1883',
        chargers: 10,
        protocols: { 'ocpp1.6': 70, 'ocpp2.0.1': 30 },
        vehicles: 0,
        seed: 1,
        speed: 1,
        arrivalRate: 0.6,
        faultRate: 0.01,
        repairMinutes: 40,
        disconnectRate: 0.02,
        occupancy: 0.3,
        summary: 5,
      },
    });
    expect(parsed.help === false && parsed.options.duration).toBeUndefined();
    expect(parsed.help === false && parsed.options.area.minLon).toBeCloseTo(1.32, 1);
  });

  it('reads every option', () => {
    const parsed = parseCommandLine(
      [
        ...ADMIN,
        '--hub=https://hub.example',
        '--charger-secret',
        'a-long-secret',
        '--broker=mqtt://broker:1883',
        '--broker-user',
        'simulator',
        '--broker-password',
        'sim-secret',
        '--area',
        'france',
        '--chargers',
        '500',
        '--protocols',
        'ocpp1.6=60,ocpp2.0.1=30,mqtt=10',
        '--vehicles',
        '20',
        '--drivers',
        '5',
        '--seed',
        '42',
        '--speed',
        '60',
        '--duration',
        '2.5',
        '--scenario',
        'rush.json',
        '--arrival-rate',
        '2',
        '--fault-rate',
        '0.5',
        '--repair-minutes',
        '10',
        '--disconnect-rate',
        '0',
        '--occupancy',
        '0.5',
        '--summary',
        '0',
        '--metrics-port',
        '9464',
        '--workers',
        '3',
      ],
      {},
    );
    expect(parsed).toEqual({
      help: false,
      options: {
        hub: 'https://hub.example',
        adminEmail: 'admin@example.org',
        adminPassword: 'secret-password',
        chargerSecret: 'a-long-secret',
        broker: 'mqtt://broker:1883',
        brokerUser: 'simulator',
        brokerPassword: 'sim-secret',
        area: COUNTRY,
        chargers: 500,
        protocols: { 'ocpp1.6': 60, 'ocpp2.0.1': 30, mqtt: 10 },
        vehicles: 20,
        drivers: 5,
        seed: 42,
        speed: 60,
        duration: 2.5,
        scenario: 'rush.json',
        arrivalRate: 2,
        faultRate: 0.5,
        repairMinutes: 10,
        disconnectRate: 0,
        occupancy: 0.5,
        summary: 0,
        metricsPort: 9464,
        workers: 3,
      },
    });
  });

  it('takes secrets from the environment, which stays out of ps', () => {
    const parsed = parseCommandLine(['--broker-user', 'simulator'], {
      SIM_ADMIN_EMAIL: 'admin@example.org',
      SIM_ADMIN_PASSWORD: 'from-env-password',
      SIM_BROKER_PASSWORD: 'from-env',
      SIM_CHARGER_SECRET: 'charger-secret',
    });
    expect(parsed).toMatchObject({
      options: {
        adminPassword: 'from-env-password',
        brokerPassword: 'from-env',
        chargerSecret: 'charger-secret',
      },
    });
  });

  it('needs no admin account for MQTT chargers alone', () => {
    expect(parseCommandLine(['--protocols', 'mqtt'], {})).toMatchObject({
      options: { protocols: { mqtt: 1 } },
    });
  });

  it.each([['--help'], ['-h'], ['--seed', 'x', '--help']])('%p asks for help', (...args) => {
    expect(parseCommandLine(args, {})).toEqual({ help: true });
  });

  it.each([
    [[], 'OCPP chargers must be registered in the hub'],
    [['--chargers', 'many'], '--chargers expects a number'],
    [['--chargers', '1.5'], '--chargers expects a whole number'],
    [['--seed=-1'], '--seed must be at least 0'],
    [['--duration', '0'], '--duration must be positive'],
    [['--speed', '0'], '--speed must be positive'],
    [['--occupancy', '2'], '--occupancy must be at most 1'],
    [['--workers', '0'], '--workers must be at least 1'],
    [['--metrics-port', '70000'], '--metrics-port must be at most 65535'],
    [['--broker', 'http://broker'], '--broker expects an mqtt://'],
    [['--hub', 'ftp://hub'], '--hub expects an http://'],
    [['--area', 'atlantis'], '--area expects france, a city'],
    [['--area', '1,2,3'], 'bbox must be four numbers'],
    [['--protocols', 'ocpp1.5=3'], 'unknown protocol ocpp1.5'],
    [['--protocols', 'mqtt=0'], 'at least one protocol a positive share'],
    [['--broker-user', 'simulator'], '--broker-user and --broker-password go together'],
    [['--admin-email', 'a@b.org'], '--admin-email and --admin-password go together'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--seed'], "Option '--seed <value>' argument missing"],
    [['stray'], 'stray'],
  ])('refuses %p', (args, message) => {
    const withAdmin =
      message.startsWith('OCPP') || args[0] === '--admin-email' ? args : [...ADMIN, ...args];
    expect(() => parseCommandLine(withAdmin, {})).toThrow(UsageError);
    expect(() => parseCommandLine(withAdmin, {})).toThrow(message);
  });
});

// A driver adds their car under "My vehicles", gets its MQTT credentials once, and the car's
// telemetry, published with them through our broker, shows live on the page and on the map.
// Screenshots go to web/test-results/vehicles.
import '../../hub/test/support/env';
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { VehicleTelemetryMessage } from '@wattsup/contracts';
import {
  BROKER_ACCOUNTS,
  freePort,
  startOurBroker,
  type TestBroker,
} from '../../hub/test/mqtt.helpers';
import { registeredDriver } from '../../hub/test/support/http';
import { eventually } from '../../hub/test/support/ocpp';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { launchChromium, openPage } from './browser';

const SLOW_MS = 60_000;
/** `registeredDriver`'s password. */
const DRIVER_PASSWORD = 'correct horse battery';
const AUTH_TOKEN = randomBytes(24).toString('base64url');

describe('my vehicles in the web app', () => {
  let broker: TestBroker;
  let hub: TestApp;
  let driverEmail: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let browserErrors: string[];
  let car: MqttClient | undefined;

  beforeAll(async () => {
    const port = await freePort();
    const { hub: account } = BROKER_ACCOUNTS;
    hub = await startTestApp({
      MQTT_URL: `mqtt://${account.username}:${account.password}@127.0.0.1:${port}`,
      MQTT_AUTH_TOKEN: AUTH_TOKEN,
    });
    broker = await startOurBroker({
      port,
      env: {
        BROKER_AUTH_URL: `${hub.url}/api/v1/internal/mqtt/authenticate`,
        BROKER_AUTH_TOKEN: AUTH_TOKEN,
      },
    });
    driverEmail = (await registeredDriver(hub.url)).email;
    browser = await launchChromium();
    await eventually(async () => {
      const health = (await (await fetch(`${hub.url}/health`)).json()) as {
        checks: { mqtt: string };
      };
      expect(health.checks.mqtt).toBe('connected');
    }, 10_000);
  }, 120_000);

  afterAll(async () => {
    await car?.endAsync(true);
    await browser?.close();
    await hub?.close();
    await broker?.stop();
  });

  beforeEach(async () => {
    ({ context, page, errors: browserErrors } = await openPage(browser, hub.url));
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  afterEach(async () => {
    await context.close();
    expect(browserErrors).toEqual([]);
  });

  const notifications = () => page.getByRole('region', { name: 'Notifications' });
  const telemetry = (socPct: number, lat: number): VehicleTelemetryMessage => ({
    ts: new Date().toISOString(),
    lat,
    lon: 1.444,
    socPct,
    pluggedIn: true,
    charging: true,
    odometerKm: 12_345.6,
  });

  it(
    'adds a car, shows its credentials once, and follows its charge live on the page and the map',
    async () => {
      await page.goto(`/#/login?next=${encodeURIComponent('#/vehicles')}`);
      await page.getByLabel('Email').fill(driverEmail);
      await page.getByLabel('Password').fill(DRIVER_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'My vehicles', level: 1 }).waitFor();
      await page.getByText('No vehicle yet.').waitFor();

      await page.getByRole('button', { name: 'Add a vehicle' }).click();
      const form = page.getByRole('dialog', { name: 'Add a vehicle' });
      await form.getByLabel('Name').fill('Zoe');
      await form.getByLabel('Usable battery (kWh)').fill('52');
      await form.getByLabel('Type 2').check();
      await form.getByRole('button', { name: 'Add vehicle' }).click();

      const credentials = page.getByRole('dialog', { name: 'MQTT credentials of Zoe' });
      await credentials.waitFor();
      await notifications().getByText('Zoe is added.', { exact: false }).waitFor();
      const username = (await credentials.locator('[data-credential="username"]').textContent())!;
      const password = (await credentials.locator('[data-credential="password"]').textContent())!;
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const command = (await credentials.locator('pre').textContent())!;
      expect(command).toContain(`-u '${username}' -P '${password}'`);
      expect(command).toContain(`-t 'wattsup/v1/vehicles/${username}/telemetry'`);
      await credentials.getByRole('button', { name: 'Copy password' }).click();
      await notifications().getByText('The password copied.').waitFor();
      await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(password);
      await credentials.getByRole('button', { name: 'I have saved them' }).click();
      await credentials.waitFor({ state: 'detached' });

      // Shown once: the list holds the vehicle, never its password.
      const item = page.getByRole('listitem', { name: 'Zoe' });
      await item.getByText('Not heard from yet', { exact: false }).waitFor();
      expect(await page.content()).not.toContain(password);

      car = await mqtt.connectAsync(broker.url, {
        clientId: username,
        username,
        password,
        reconnectPeriod: 0,
      });
      const topic = `wattsup/v1/vehicles/${username}/telemetry`;
      await car.publishAsync(topic, JSON.stringify(telemetry(58, 43.6)), { qos: 1 });
      await item.locator('[data-soc]').getByText('58 %').waitFor();
      await item.getByText('Charging', { exact: true }).waitFor();
      await item.getByText(/^Last seen \d+ \w+, \d\d:\d\d · 12346 km$/).waitFor();

      // On the map, the car is a marker labelled with its charge, moved by `vehicle.updated`
      // (through the source's data, without reading the vehicles again).
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Map' })
        .click();
      const markers = page.locator('[data-vehicle-markers]');
      await page.locator('[data-vehicle-markers="Zoe 58 %"]').waitFor();
      const reads: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/v1/vehicles'))
          reads.push(request.url());
      });
      await car.publishAsync(topic, JSON.stringify(telemetry(61, 43.62)), { qos: 1 });
      await page.locator('[data-vehicle-markers="Zoe 61 %"]').waitFor();
      expect(await markers.getAttribute('data-vehicle-markers')).toBe('Zoe 61 %');
      expect(reads).toEqual([]);
    },
    SLOW_MS,
  );

  it(
    "says why a vehicle cannot be added, in the schema's words or the hub's",
    async () => {
      await page.goto(`/#/login?next=${encodeURIComponent('#/vehicles')}`);
      await page.getByLabel('Email').fill(driverEmail);
      await page.getByLabel('Password').fill(DRIVER_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Add a vehicle' }).click();
      const form = page.getByRole('dialog', { name: 'Add a vehicle' });
      // Blank once trimmed: the shared schema refuses it before the request leaves.
      await form.getByLabel('Name').fill('   ');
      await form.getByLabel('Usable battery (kWh)').fill('52');
      await form.getByRole('button', { name: 'Add vehicle' }).click();
      await notifications()
        .getByText(/^name: /)
        .waitFor();

      // Signed out behind the page's back: the hub's refusal is what the driver reads.
      await context.clearCookies();
      const refusal = await page.request.post('/api/v1/vehicles', {
        data: { name: 'Zoe', batteryKwh: 52 },
      });
      expect(refusal.status()).toBe(401);
      const { message } = (await refusal.json()) as { message: string };
      await form.getByLabel('Name').fill('Zoe');
      await form.getByRole('button', { name: 'Add vehicle' }).click();
      await notifications().getByText(message, { exact: true }).waitFor();
      expect(await form.isVisible()).toBe(true);
    },
    SLOW_MS,
  );
});

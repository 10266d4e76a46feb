// Assistance and the fleet console against a real hub whose chargers are real OCPP 1.6 clients:
// a driver reports a charge point broken and follows the request; an admin answers it from the
// inbox, watches a charger drop offline live and reads a command's real answer. Screenshots go
// to web/test-results/support.
import '../../hub/test/support/env';
import type { Browser, Page } from 'playwright-core';
import type { StationView } from '@wattsup/contracts';
import { OFFICIAL_EXAMPLE } from '../../hub/test/imports.helpers';
import { registeredDriver } from '../../hub/test/support/http';
import {
  adminSession,
  chargerClient,
  eventually,
  stationWithTerminals,
} from '../../hub/test/support/ocpp';
import { onlineCharger, quickDriver, type TestCharger } from '../../hub/test/support/reservations';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { signInThroughPage } from './support/sign-in';
import { launchChromium, openPage, type OpenedPage, saveScreenshot } from './browser';

const SLOW_MS = 60_000;
/** `registeredDriver`'s password. */
const DRIVER_PASSWORD = 'correct horse battery';
const PHONE = { width: 390, height: 844 };

describe('assistance and the fleet console in the web app', () => {
  let hub: TestApp;
  let adminAgent: Awaited<ReturnType<typeof adminSession>>;
  /** The charger whose first terminal the driver reports. */
  let reported: TestCharger;
  /** The charger the admin commands, then loses. */
  let commanded: TestCharger;
  let driverEmail: string;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    hub = await startTestApp();
    adminAgent = await adminSession(hub);
    reported = await onlineCharger(hub, adminAgent, {
      identity: 'WEB-SUP',
      protocol: 'ocpp1.6',
      terminals: 2,
    });
    commanded = await onlineCharger(hub, adminAgent, {
      identity: 'WEB-FLEET',
      protocol: 'ocpp1.6',
      terminals: 1,
    });
    driverEmail = (await registeredDriver(hub.url)).email;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([reported, commanded].map((each) => each?.client.close({ force: true })));
    await hub?.close();
  });

  afterEach(async () => {
    for (const { context, errors } of opened.splice(0)) {
      await context.close();
      expect(errors).toEqual([]);
    }
  });

  async function signedIn(email: string, password: string): Promise<Page> {
    const browserPage = await openPage(browser, hub.url);
    opened.push(browserPage);
    const { page } = browserPage;
    await signInThroughPage(page, email, password);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }

  async function signedInAsAdmin(): Promise<Page> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = hub.config;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) throw new Error('The test hub has no first admin.');
    return signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  const notifications = (page: Page) => page.getByRole('region', { name: 'Notifications' });
  const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it(
    'carries a fault report from the station panel to the admin inbox and the answer back',
    async () => {
      const station = (await (
        await fetch(`${hub.url}/api/v1/stations/${reported.stationId}`)
      ).json()) as StationView;
      const terminal = station.terminals.find(({ id }) => id === reported.terminalIds[0])!;
      const subject = `Charge point ${terminal.pdcId} is not working`;
      const complaint = 'The screen stays black and the cable does not lock.';
      const answer = 'A technician is on the way; use the charge point next to it meanwhile.';

      // The driver reports the terminal from the station panel.
      const driver = await signedIn(driverEmail, DRIVER_PASSWORD);
      expect(await mainNav(driver).getByRole('link', { name: 'Fleet' }).count()).toBe(0);
      await driver.goto(`/#/stations/${reported.stationId}`);
      const panel = driver.getByRole('complementary', { name: station.name });
      const reportButton = panel.getByRole('button', {
        name: `Report a problem with 22 kW charge point ${terminal.pdcId}`,
      });
      await reportButton.click();
      const dialog = driver.getByRole('dialog', { name: 'Report a problem' });
      await dialog.waitFor();
      expect(
        await dialog.getByRole('radio', { name: /broken or will not charge/ }).isChecked(),
      ).toBe(true);
      expect(await dialog.getByLabel('Subject').inputValue()).toBe(subject);
      await dialog.getByLabel('Message').fill(complaint);
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await dialog.waitFor({ state: 'detached' });
      await notifications(driver)
        .getByText(/^Thank you: other drivers now see this charge point as reported broken/)
        .waitFor();

      // The panel follows `/live`: the terminal is doubtful now, the other one is not.
      const terminalRow = panel.getByRole('listitem').filter({ hasText: terminal.pdcId });
      await terminalRow.getByText('Reported broken by a driver, not confirmed').waitFor();
      await terminalRow.getByText('Doubtful', { exact: true }).waitFor();
      expect(await panel.getByText('Reported broken by a driver, not confirmed').count()).toBe(1);
      // A doubtful terminal is not offered for reservation.
      expect(await terminalRow.getByRole('button', { name: /^Reserve / }).count()).toBe(0);
      // The hub asked the charger to confirm its status.
      await eventually(async () =>
        expect(reported.received.at(-1)).toMatchObject({
          action: 'TriggerMessage',
          params: { requestedMessage: 'StatusNotification', connectorId: 1 },
        }),
      );

      // A second report of the same charge point is refused, in the hub's words.
      await reportButton.click();
      await dialog.getByLabel('Message').fill('Still broken.');
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await notifications(driver)
        .getByText('You already reported this charge point: add to your open report instead.', {
          exact: true,
        })
        .waitFor();
      await dialog.getByRole('button', { name: 'Not now' }).click();

      // The driver finds the request under Help → My requests.
      await mainNav(driver).getByRole('link', { name: 'Help' }).click();
      await driver.getByRole('heading', { level: 1, name: 'Contact us' }).waitFor();
      await driver.getByRole('link', { name: 'My requests' }).click();
      await driver.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
      const request = driver.locator('li[data-ticket-id]');
      await request.getByText(subject, { exact: true }).waitFor();
      await expect(request.count()).resolves.toBe(1);
      await request.getByText('Open', { exact: true }).waitFor();
      await request.getByText(`Fault report · ${station.name}`, { exact: false }).waitFor();
      await request.getByText(complaint, { exact: true }).waitFor();

      // The admin answers from the inbox; the driver's page stays open, never reloaded.
      await driver.evaluate(() => Object.assign(window, { notReloaded: true }));
      const admin = await signedInAsAdmin();
      await mainNav(admin).getByRole('link', { name: 'Fleet' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Fleet console' }).waitFor();
      await admin
        .getByRole('navigation', { name: 'Fleet console' })
        .getByRole('link', { name: 'Support inbox' })
        .click();
      await admin.getByText('Live', { exact: true }).waitFor();
      await admin.getByLabel('Status').selectOption('OPEN');
      const inboxItem = admin.locator('li[data-ticket-id]').filter({ hasText: subject });
      await inboxItem.getByText(driverEmail, { exact: false }).waitFor();
      await inboxItem.getByText('Open', { exact: true }).waitFor();
      const toggle = inboxItem.getByRole('button', { expanded: false });
      await toggle.click();
      await inboxItem.getByText(complaint, { exact: true }).waitFor();
      await inboxItem.getByLabel('Answer').fill(answer);
      await inboxItem.getByRole('button', { name: 'Send answer' }).click();
      await inboxItem.getByText('Answered', { exact: true }).waitFor();
      await inboxItem.getByText(answer, { exact: true }).waitFor();
      await saveScreenshot(admin, 'admin-support-inbox');

      // The answer reaches the driver's open page by `support.updated`, with a notification.
      await notifications(driver)
        .getByText(`Watts Up support answered “${subject}”: see My requests.`, { exact: true })
        .waitFor();
      await request.getByText('Answered', { exact: true }).waitFor();
      await request.getByText(answer, { exact: true }).waitFor();
      await request.getByText(/Watts Up support/).waitFor();
      expect(await driver.evaluate(() => 'notReloaded' in window)).toBe(true);

      // The driver writes back: the admin's open thread shows it, and the request open again.
      const followUp = 'Thank you. Will it be fixed today?';
      await request.getByLabel('Add a message').fill(followUp);
      await request.getByRole('button', { name: 'Send', exact: true }).click();
      await inboxItem.getByText(followUp, { exact: true }).waitFor();
      await inboxItem.getByText('Open', { exact: true }).waitFor();

      // A new request comes into the inbox as it is written.
      const someone = await quickDriver(hub);
      await someone
        .post('/api/v1/support/tickets', { subject: 'Where do I pay?', message: 'No card reader.' })
        .expect(201);
      await admin.locator('li[data-ticket-id]').filter({ hasText: 'Where do I pay?' }).waitFor();
      await driver.setViewportSize(PHONE);
      await expect(pageWidth(driver)).resolves.toBe(PHONE.width);

      // A driver who opens the console by its address is told it is not theirs.
      await driver.goto('/#/admin/support');
      await driver.getByText("This page is for the network's operators.").waitFor();
      expect(await driver.locator('li[data-ticket-id]').count()).toBe(0);
    },
    SLOW_MS,
  );

  it(
    'lists reservations by filter and follows them live',
    async () => {
      const admin = await signedInAsAdmin();
      await admin.goto('/#/admin/reservations');
      await admin.getByText('Live', { exact: true }).waitFor();
      const filters = admin.getByRole('form', { name: 'Filter reservations' });
      await filters.getByLabel('Station id').fill(reported.stationId);
      await filters.getByRole('button', { name: 'Apply' }).click();
      await admin.getByText('No reservation matches.').waitFor();

      // Another driver reserves, then cancels: the list follows without being reloaded.
      const someone = await quickDriver(hub);
      const created = await someone
        .post('/api/v1/reservations', { terminalId: reported.terminalIds[1] })
        .expect(201);
      const row = admin.locator(`tr[data-reservation-id="${created.body.id}"]`);
      await row.getByText('Reserved', { exact: true }).waitFor();
      await row.getByText(someone.id).waitFor();
      await someone.post(`/api/v1/reservations/${created.body.id}/cancel`).expect(200);
      await row.getByText('Cancelled', { exact: true }).waitFor();

      // Filtered by status, the cancelled reservation stays; another status has none.
      await filters.getByLabel('Status').selectOption('ACTIVE');
      await filters.getByRole('button', { name: 'Apply' }).click();
      await admin.getByText('No reservation matches.').waitFor();
      await filters.getByLabel('Status').selectOption('CANCELLED');
      await filters.getByRole('button', { name: 'Apply' }).click();
      await row.waitFor();
    },
    SLOW_MS,
  );

  it(
    "shows a charger's command answer and its going offline live, also on a phone",
    async () => {
      const admin = await signedInAsAdmin();
      await admin.goto('/#/admin/chargers');
      const row = admin.locator(`tr[data-charger-id="${commanded.chargerId}"]`);
      await row.getByText('Online', { exact: true }).waitFor();
      await admin.getByText('Live', { exact: true }).waitFor();
      const otherRow = admin.locator(`tr[data-charger-id="${reported.chargerId}"]`);
      await admin.getByLabel('Find', { exact: true }).fill('fleet');
      await otherRow.waitFor({ state: 'detached' });
      await admin.getByLabel('Find', { exact: true }).fill('');
      await otherRow.waitFor();
      await row.getByRole('button', { name: 'WEB-FLEET' }).click();
      const detail = admin.getByRole('region', { name: 'Charger WEB-FLEET' });
      await detail.getByLabel('To').selectOption('1');

      // The answer shown is the charger's own: first Accepted, then whatever it says instead.
      const answer = detail.getByRole('status', { name: "Charger's answer" });
      await detail.getByRole('button', { name: 'Ask for its status' }).click();
      await answer.getByText('TriggerMessage: Accepted', { exact: false }).waitFor();
      expect(commanded.received.at(-1)).toMatchObject({
        action: 'TriggerMessage',
        params: { requestedMessage: 'StatusNotification', connectorId: 1 },
      });
      commanded.answers.TriggerMessage = () => ({ status: 'Rejected' });
      await detail.getByRole('button', { name: 'Ask for a heartbeat' }).click();
      await answer.getByText('TriggerMessage: Rejected', { exact: false }).waitFor();
      // The frames it exchanged are listed, newest first.
      const frames = detail.getByRole('table', { name: 'Recent OCPP frames, newest first' });
      await frames.getByText('"requestedMessage":"Heartbeat"', { exact: false }).waitFor();
      await frames
        .getByRole('row')
        .nth(1)
        .filter({ hasText: /From charger\s*TriggerMessage CALLRESULT/ })
        .waitFor();

      // The charger's socket drops: the console says so without being reloaded.
      await admin.evaluate(() => Object.assign(window, { notReloaded: true }));
      await commanded.client.close({ force: true });
      await row.getByText('Offline', { exact: true }).waitFor();
      await detail.getByText('Offline', { exact: true }).waitFor();
      expect(await detail.getByRole('button', { name: 'Ask for its status' }).isDisabled()).toBe(
        true,
      );
      expect(await admin.evaluate(() => 'notReloaded' in window)).toBe(true);
      // Only that charger.
      await otherRow.getByText('Online', { exact: true }).waitFor();

      await admin.setViewportSize(PHONE);
      await expect(pageWidth(admin)).resolves.toBe(PHONE.width);
    },
    SLOW_MS,
  );

  it(
    'registers a charger from the console and shows its password once, with where it connects',
    async () => {
      const station = await stationWithTerminals(hub, 'FR*WEB-NEW*P1', 2);
      const admin = await signedInAsAdmin();
      await admin.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await admin.goto('/#/admin/chargers');
      await admin.getByText('Live', { exact: true }).waitFor();
      await admin.getByRole('button', { name: 'Register a charger' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Register a charger' });

      // The contract's rules apply before anything is sent.
      await dialog.getByLabel('Identity').fill('WEB NEW');
      await dialog.getByRole('button', { name: 'Register charger' }).click();
      await notifications(admin)
        .getByText(/^identity: must be 1-48 letters, digits/)
        .waitFor();

      // The station is named by its address on the map; the dialog says which it is.
      await dialog.getByLabel('Identity').fill('WEB-NEW');
      await dialog.getByLabel('Protocol').selectOption('ocpp2.0.1');
      await dialog
        .getByLabel('Station (optional)')
        .fill(`${hub.url}/#/stations/${station.stationId}`);
      await dialog
        .getByText('Station FR*WEB-NEW*P1: its 2 charge points become connectors 1 to 2, in order.')
        .waitFor();
      await dialog.getByRole('button', { name: 'Register charger' }).click();
      await notifications(admin)
        .getByText('WEB-NEW is registered. Save its password now: it is shown once.')
        .waitFor();
      const shown = admin.getByRole('dialog', { name: 'Charger WEB-NEW is registered' });
      const password = await shown.locator('[data-credential="password"]').innerText();
      expect(password).toMatch(/^\S{16,40}$/);
      await expect(shown.locator('[data-credential="url"]').innerText()).resolves.toBe(
        `${hub.url.replace('http', 'ws')}/ocpp/WEB-NEW`,
      );
      await shown.getByText('1 → FR*WEB-NEW*E11', { exact: true }).waitFor();
      await shown.getByText('2 → FR*WEB-NEW*E12', { exact: true }).waitFor();
      await shown.getByRole('button', { name: 'Copy password' }).click();
      await notifications(admin).getByText('The password copied.').waitFor();
      await expect(admin.evaluate(() => navigator.clipboard.readText())).resolves.toBe(password);
      await shown.getByRole('button', { name: 'I have saved them' }).click();

      // The charger connects with them, and the list shows it online without a reload.
      const row = admin.locator('tr[data-charger-id]').filter({ hasText: 'WEB-NEW' });
      await row.getByText('Offline', { exact: true }).waitFor();
      const client = chargerClient(hub, 'WEB-NEW', password, 'ocpp2.0.1');
      try {
        await client.connect();
        await client.call('BootNotification', {
          reason: 'PowerUp',
          chargingStation: { vendorName: 'Watts', model: 'Up-22' },
        });
        await row.getByText('Online', { exact: true }).waitFor();
      } finally {
        await client.close({ force: true });
      }

      // A taken identity is refused in the hub's words; an MQTT charger is told its topics.
      await admin.getByRole('button', { name: 'Register a charger' }).click();
      await dialog.getByLabel('Identity').fill('WEB-NEW');
      await dialog.getByRole('button', { name: 'Register charger' }).click();
      await notifications(admin)
        .getByText('A charger named WEB-NEW already exists.', { exact: true })
        .waitFor();
      await dialog.getByLabel('Identity').fill('WEB-MQTT');
      await dialog.getByLabel('Protocol').selectOption('mqtt');
      await dialog.getByRole('button', { name: 'Register charger' }).click();
      const mqttShown = admin.getByRole('dialog', { name: 'Charger WEB-MQTT is registered' });
      await mqttShown.getByText('wattsup/v1/chargers/WEB-MQTT/commands', { exact: true }).waitFor();
      await mqttShown
        .getByText('wattsup/v1/chargers/WEB-MQTT/connectors/{connectorId}/status', { exact: true })
        .waitFor();
      await mqttShown.getByText('None bound yet.').waitFor();
      await mqttShown.getByRole('button', { name: 'I have saved them' }).click();
      await admin.locator('tr[data-charger-id]').filter({ hasText: 'WEB-MQTT' }).waitFor();
    },
    SLOW_MS,
  );

  it(
    'shows an import run to its end',
    async () => {
      const admin = await signedInAsAdmin();
      await admin.goto('/#/admin/imports');
      await admin.getByText('Live', { exact: true }).waitFor();
      await admin.getByText('No import yet.').waitFor();

      const upload = await adminAgent
        .post('/api/v1/admin/imports')
        .attach('file', OFFICIAL_EXAMPLE)
        .expect(202);
      const run = admin.locator(`li[data-import-id="${upload.body.importId}"]`);
      await run.getByText('exemple-valide-statique.csv', { exact: true }).waitFor();
      await run.getByText('completed', { exact: true }).waitFor();
      await expect(
        run
          .getByRole('progressbar', { name: 'Progress of exemple-valide-statique.csv' })
          .getAttribute('aria-valuetext'),
      ).resolves.toBe('100 %');
      await run.getByText(/finished \d+ \w+, \d\d:\d\d/).waitFor();
    },
    SLOW_MS,
  );
});

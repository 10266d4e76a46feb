// A driver's reservation as they see it, against a real hub whose chargers are real OCPP 1.6
// clients: reserve, count down, cancel; be told with alternatives when the charger breaks and
// re-reserve in one tap; follow the charge; find it all under "My reservations". Screenshots go
// to web/test-results/reservations.
import '../../hub/test/support/env';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ReservationView, StationView } from '@wattsup/contracts';
import { ACCESS_COOKIE } from '../../hub/src/auth/session.guard';
import { registeredDriver } from '../../hub/test/support/http';
import { adminSession, eventually } from '../../hub/test/support/ocpp';
import { onlineCharger, type TestCharger } from '../../hub/test/support/reservations';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { signInThroughPage } from './support/sign-in';
import { launchChromium, openPage, type OpenedPage, saveScreenshot } from './browser';

const SLOW_MS = 60_000;
/** What the driver saw, kept for people to look at. */
/** `registeredDriver`'s password. */
const DRIVER_PASSWORD = 'correct horse battery';

describe('reservations in the web app', () => {
  let hub: TestApp;
  /** Two Type 2 terminals, each the other's alternative when it breaks. */
  let charger: TestCharger;
  /** One more terminal, about 2 km away. */
  let farCharger: TestCharger;
  let driverEmail: string;
  /** A second driver, who wants the same charge point as the first. */
  let rivalEmail: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let browserErrors: string[];
  /** Pages a test opened beside `page`, closed (and their errors checked) after it. */
  const others: OpenedPage[] = [];

  const stationName = (terminalCharger: TestCharger) =>
    `Station FR*${terminalCharger === charger ? 'WEB-RES' : 'WEB-FAR'}*P1`;
  /** `29:58` → 1798. */
  const seconds = (clock: string) =>
    clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reservationCard = () => page.getByRole('region', { name: 'Your reservation' });
  const notifications = () => page.getByRole('region', { name: 'Notifications' });
  const mine = async () =>
    (await (await page.request.get('/api/v1/reservations/mine')).json()) as ReservationView[];

  beforeAll(async () => {
    hub = await startTestApp();
    const admin = await adminSession(hub);
    charger = await onlineCharger(hub, admin, {
      identity: 'WEB-RES',
      protocol: 'ocpp1.6',
      terminals: 2,
    });
    farCharger = await onlineCharger(hub, admin, {
      identity: 'WEB-FAR',
      protocol: 'ocpp1.6',
      terminals: 1,
      lon: 1.46,
      lat: 43.61,
    });
    await hub.orm.em
      .fork()
      .getConnection()
      .execute(`update stations set pricing = '0,40 €/kWh' where id = ?`, [farCharger.stationId]);
    driverEmail = (await registeredDriver(hub.url)).email;
    rivalEmail = (await registeredDriver(hub.url)).email;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([charger, farCharger].map((each) => each?.client.close({ force: true })));
    await hub?.close();
  });

  beforeEach(async () => {
    ({ context, page, errors: browserErrors } = await openPage(browser, hub.url));
  });

  /** Fills in the sign-in page the browser is on. */
  async function signIn() {
    await page.getByLabel('Email').fill(driverEmail);
    await page.getByLabel('Password').fill(DRIVER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('banner').getByText(driverEmail).waitFor();
  }

  async function signInFirst() {
    await page.goto('/#/login');
    await signIn();
  }

  afterEach(async () => {
    // Whatever a test left live is cancelled, so the next one starts from free terminals.
    for (const reservation of await mine()) {
      if (reservation.status === 'ACTIVE')
        await page.request.post(`/api/v1/reservations/${reservation.id}/cancel`);
    }
    await charger.status(1, 'Available');
    await context.close();
    for (const other of others.splice(0)) {
      await other.context.close();
      expect(other.errors).toEqual([]);
    }
    expect(browserErrors).toEqual([]);
  });

  /**
   * Opens the station of `terminalCharger`, presses Reserve on its terminal `n` (1-based), and
   * waits for the dialog that opens.
   */
  async function reserveThroughPanel(
    terminalCharger: TestCharger,
    n: number,
    dialogTitle = 'Reserve this charge point?',
  ) {
    const station = (await (
      await page.request.get(`/api/v1/stations/${terminalCharger.stationId}`)
    ).json()) as StationView;
    const terminal = station.terminals.find(({ id }) => id === terminalCharger.terminalIds[n - 1]);
    await page.goto(`/#/stations/${terminalCharger.stationId}`);
    const panel = page.getByRole('complementary', { name: station.name });
    await panel
      .getByRole('button', { name: `Reserve 22 kW charge point ${terminal?.pdcId}` })
      .click();
    const dialog = page.getByRole('dialog', { name: dialogTitle });
    await dialog.waitFor();
    return { panel, dialog };
  }

  it(
    'asks to sign in, reserves with the keyboard, counts the hold down, cancels through the modal',
    async () => {
      // Signed out, Reserve asks to sign in, then comes back to the station.
      await reserveThroughPanel(charger, 1, 'Sign in to reserve');
      await page
        .getByRole('dialog', { name: 'Sign in to reserve' })
        .getByRole('link', { name: 'Sign in' })
        .click();
      await signIn();
      await page.getByRole('complementary', { name: stationName(charger) }).waitFor();

      const { panel, dialog } = await reserveThroughPanel(charger, 1);
      // The hold length is the hub's policy, read as the dialog opens.
      await dialog.getByText('30 minutes', { exact: true }).waitFor();
      const details = await dialog.textContent();
      expect(details).toContain(stationName(charger));
      expect(details).toContain('22 kW · Type 2');
      await saveScreenshot(page, 'reservation-dialog');
      // Focus starts on the safe choice; the keyboard reaches the other.
      const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
      await expect(focused()).resolves.toBe('Not now');
      await page.keyboard.press('Tab');
      await expect(focused()).resolves.toBe('Reserve');
      await page.keyboard.press('Enter');

      await notifications()
        .getByText(
          new RegExp(`^Reserved at ${escapeRegExp(stationName(charger))} until \\d\\d:\\d\\d\\.$`),
        )
        .waitFor();
      await dialog.waitFor({ state: 'detached' });
      const reserveNow = charger.received.filter((command) => command.action === 'ReserveNow');
      expect(reserveNow.at(-1)?.params).toMatchObject({ connectorId: 1 });

      // The countdown runs in the browser, from the hold the hub answered.
      const card = reservationCard();
      const timer = card.getByRole('timer');
      await timer.waitFor();
      expect(await card.getAttribute('data-reservation-status')).toBe('ACTIVE');
      const first = (await timer.textContent())!;
      expect(first).toMatch(/^(30:00|29:[0-5]\d)$/);
      await page.waitForFunction((before) => {
        const now = document.querySelector('[role="timer"]')?.textContent;
        return now != null && now !== before;
      }, first);
      expect(seconds((await timer.textContent())!)).toBeLessThan(seconds(first));
      await saveScreenshot(page, 'reservation-card');

      // Escape closes the confirmation, not the station panel under it.
      await card.getByRole('button', { name: 'Cancel reservation' }).click();
      const confirm = page.getByRole('dialog', { name: 'Cancel your reservation?' });
      await confirm.waitFor();
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'detached' });
      expect(await panel.isVisible()).toBe(true);
      expect(await card.getAttribute('data-reservation-status')).toBe('ACTIVE');

      // The access cookie lives minutes, less than a hold: once it has gone, cancelling renews
      // the session and goes through.
      await context.clearCookies({ name: ACCESS_COOKIE });
      await card.getByRole('button', { name: 'Cancel reservation' }).click();
      await confirm.getByRole('button', { name: 'Cancel reservation' }).click();
      await card.waitFor({ state: 'detached' });
      await notifications()
        .getByText(`Your reservation at ${stationName(charger)} is cancelled.`)
        .waitFor();
      expect((await mine())[0].status).toBe('CANCELLED');
      await eventually(async () =>
        expect(charger.received.at(-1)).toMatchObject({ action: 'CancelReservation' }),
      );
    },
    SLOW_MS,
  );

  it(
    'alerts with alternatives when the charger faults, re-reserves in one tap, and lists it',
    async () => {
      await signInFirst();
      const { dialog } = await reserveThroughPanel(charger, 1);
      await dialog.getByRole('button', { name: 'Reserve' }).click();
      const card = reservationCard();
      await card.getByRole('timer').waitFor();

      // Only `/live` can bring this: the page does not poll.
      await charger.status(1, 'Faulted');
      const alert = card.getByRole('alert');
      await alert.getByText('The charge point reported a fault.').waitFor();
      expect(await card.getAttribute('data-reservation-status')).toBe('INTERRUPTED');
      const alternatives = alert.getByRole('list', { name: 'Alternatives' }).getByRole('listitem');
      await expect(alternatives.allTextContents()).resolves.toEqual([
        expect.stringMatching(/^Station FR\*WEB-RES\*P1\s+0 m ·\s+22 kW · Type 2/),
        expect.stringMatching(/^Station FR\*WEB-FAR\*P1\s+\d(\.\d)? km ·\s+22 kW · Type 2/),
      ]);

      await alternatives.nth(1).getByRole('button', { name: 'Show on map' }).click();
      await page.getByRole('complementary', { name: stationName(farCharger) }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/stations/${farCharger.stationId}`);

      await alternatives.nth(0).getByRole('button', { name: 'Reserve here' }).click();
      await card.getByRole('timer').waitFor();
      expect(await card.getAttribute('data-reservation-status')).toBe('ACTIVE');
      expect(
        charger.received.filter((c) => c.action === 'ReserveNow').at(-1)?.params,
      ).toMatchObject({ connectorId: 2 });

      const heldUntil = (await card.textContent())?.match(/Held for you until (\d\d:\d\d)/)?.[1];
      expect(heldUntil).toBeDefined();

      // One live reservation per driver: the hub's 409 is shown word for word.
      const { dialog: second } = await reserveThroughPanel(farCharger, 1);
      await second.getByRole('button', { name: 'Reserve' }).click();
      await notifications()
        .getByText(
          `You already have a reservation at ${stationName(charger)} until ${heldUntil}.`,
          { exact: true },
        )
        .waitFor();

      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'My reservations' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'My reservations' }).waitFor();
      const current = page.getByRole('region', { name: 'Current' }).getByRole('listitem');
      const past = page.getByRole('region', { name: 'Past' }).getByRole('listitem');
      await current.first().waitFor();
      await expect(current.allTextContents()).resolves.toEqual([
        expect.stringMatching(/Station FR\*WEB-RES\*P1\s*Reserved.*held until \d\d:\d\d/s),
      ]);
      await expect(past.first().textContent()).resolves.toMatch(
        /Station FR\*WEB-RES\*P1\s*Interrupted.*The charge point reported a fault\./s,
      );
    },
    SLOW_MS,
  );

  it(
    'tells a second driver, word for word, that the charge point they were about to reserve was just taken',
    async () => {
      await signInFirst();
      // The rival signs in in a browser of their own and opens the Reserve dialog of the same
      // charge point while it is still free.
      const rival = await openPage(browser, hub.url);
      others.push(rival);
      await signInThroughPage(rival.page, rivalEmail, DRIVER_PASSWORD);
      await rival.page.getByRole('banner').getByText(rivalEmail).waitFor();
      const station = (await (
        await page.request.get(`/api/v1/stations/${charger.stationId}`)
      ).json()) as StationView;
      const pdcId = station.terminals.find(({ id }) => id === charger.terminalIds[0])?.pdcId;
      await rival.page.goto(`/#/stations/${charger.stationId}`);
      await rival.page
        .getByRole('complementary', { name: station.name })
        .getByRole('button', { name: `Reserve 22 kW charge point ${pdcId}` })
        .click();
      const rivalDialog = rival.page.getByRole('dialog', { name: 'Reserve this charge point?' });
      await rivalDialog.waitFor();

      // The first driver confirms first; the charger accepts, so their hold is ACTIVE.
      const reserveNowBefore = charger.received.filter((c) => c.action === 'ReserveNow').length;
      const { dialog } = await reserveThroughPanel(charger, 1);
      await dialog.getByRole('button', { name: 'Reserve' }).click();
      const card = reservationCard();
      await card.getByRole('timer').waitFor();
      expect(await card.getAttribute('data-reservation-status')).toBe('ACTIVE');
      const live = async () => (await mine()).filter(({ status }) => status === 'ACTIVE');
      const [held] = await live();
      expect(held).toMatchObject({ terminalId: charger.terminalIds[0] });

      // The rival confirms the dialog they kept open: the hub's 409, in its words.
      await rivalDialog.getByRole('button', { name: 'Reserve' }).click();
      await rival.page
        .getByRole('region', { name: 'Notifications' })
        .getByText('This charge point was just reserved by someone else.', { exact: true })
        .waitFor();
      await rivalDialog.waitFor({ state: 'detached' });
      await saveScreenshot(rival.page, 'reservation-taken');
      expect(await rival.page.getByRole('region', { name: 'Your reservation' }).count()).toBe(0);
      const rivalReservations = (await (
        await rival.page.request.get('/api/v1/reservations/mine')
      ).json()) as ReservationView[];
      expect(rivalReservations).toEqual([]);
      // The charger was asked once, for the first driver, whose hold is untouched.
      expect(charger.received.filter((c) => c.action === 'ReserveNow')).toHaveLength(
        reserveNowBefore + 1,
      );
      expect(await card.getAttribute('data-reservation-status')).toBe('ACTIVE');
      await expect(live()).resolves.toEqual([expect.objectContaining({ id: held.id })]);
    },
    SLOW_MS,
  );

  it(
    'runs a chronometer while charging, then lists the energy and cost, also on a phone',
    async () => {
      await signInFirst();
      await page.request.post('/api/v1/reservations', {
        data: { terminalId: farCharger.terminalIds[0] },
      });
      await page.goto('/#/');
      const card = reservationCard();
      await card.getByRole('timer').waitFor();
      const reserveNow = farCharger.received.filter((c) => c.action === 'ReserveNow').at(-1)!;

      // The driver plugged in five minutes ago; the charger says so, then how fast it charges.
      const { transactionId } = (await farCharger.client.call('StartTransaction', {
        connectorId: 1,
        idTag: reserveNow.params.idTag,
        meterStart: 1_000_000,
        reservationId: reserveNow.params.reservationId,
        timestamp: new Date(Date.now() - 5 * 60_000).toISOString(),
      })) as { transactionId: number };
      await card
        .getByRole('timer', { name: /^Charging for/ })
        .getByText(/^(4:59|5:0\d)$/)
        .waitFor();
      await farCharger.client.call('MeterValues', {
        connectorId: 1,
        transactionId,
        meterValue: [
          {
            timestamp: new Date().toISOString(),
            sampledValue: [
              { value: '11000', measurand: 'Power.Active.Import', unit: 'W' },
              { value: '50', measurand: 'SoC', unit: 'Percent' },
            ],
          },
        ],
      });
      await card.getByText(/^\s*Estimated end \d\d:\d\d\s+\(in \d h \d\d min\)\s*$/).waitFor();
      expect(await card.getByRole('button', { name: 'Cancel reservation' }).count()).toBe(0);

      // On a phone the card sits above the map, clear of the station drawer, and nothing
      // (the header with its extra link least of all) is wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/#/stations/${farCharger.stationId}`);
      const drawer = await page
        .getByRole('complementary', { name: stationName(farCharger) })
        .boundingBox();
      const timer = await reservationCard().getByRole('timer').boundingBox();
      expect(timer!.x + timer!.width).toBeLessThanOrEqual(390);
      expect(timer!.y + timer!.height).toBeLessThanOrEqual(drawer!.y);
      // The map's toolbar stays clear of it (issue 9).
      const toolbar = await page
        .getByRole('toolbar', { name: 'Find a charge point' })
        .boundingBox();
      expect(toolbar!.y + toolbar!.height).toBeLessThanOrEqual(
        (await reservationCard().boundingBox())!.y,
      );
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(390);

      await page.goto('/#/reservations');
      const current = page.getByRole('region', { name: 'Current' }).getByRole('listitem');
      await current.getByText('Charging', { exact: true }).waitFor();
      await farCharger.client.call('StopTransaction', {
        transactionId,
        meterStop: 1_012_500,
        timestamp: new Date().toISOString(),
        reason: 'EVDisconnected',
      });
      // The page follows `/live` too.
      const completed = page.getByRole('region', { name: 'Past' }).getByRole('listitem').first();
      await completed.getByText('Completed', { exact: true }).waitFor();
      await completed.getByText('12.5 kWh', { exact: true }).waitFor();
      const figures = await completed.textContent();
      expect(figures).toMatch(/Energy\s*12\.5 kWh/);
      expect(figures).toMatch(/Estimated cost\s*€5\.00/);
      await notifications().getByText('Charging finished: 12.5 kWh in 5 min.').waitFor();
    },
    SLOW_MS,
  );
});

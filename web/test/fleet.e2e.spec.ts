// The fleet dashboard against a real hub whose chargers are real OCPP 1.6 clients: an admin opens
// the console, a charger's socket drops, and the counts and the recent list change without a
// reload; the list links to the charger's detail. Screenshots go to web/test-results/fleet.
import '../../hub/test/support/env';
import type { Browser } from 'playwright-core';
import { adminSession } from '../../hub/test/support/ocpp';
import { onlineCharger, type TestCharger } from '../../hub/test/support/reservations';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { signInThroughPage } from './support/sign-in';
import { launchChromium, openPage, type OpenedPage, saveScreenshot } from './browser';

const SLOW_MS = 60_000;

describe('the fleet dashboard in the web app', () => {
  let hub: TestApp;
  let staying: TestCharger;
  let leaving: TestCharger;
  let browser: Browser;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    hub = await startTestApp();
    const admin = await adminSession(hub);
    staying = await onlineCharger(hub, admin, {
      identity: 'FLEET-STAY',
      protocol: 'ocpp1.6',
      terminals: 2,
    });
    leaving = await onlineCharger(hub, admin, {
      identity: 'FLEET-GONE',
      protocol: 'ocpp1.6',
      terminals: 1,
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await Promise.all([staying, leaving].map((each) => each?.client.close({ force: true })));
    await hub?.close();
  });

  it(
    'shows a charger going offline in the counts and the recent list, live',
    async () => {
      opened = await openPage(browser, hub.url);
      const { page } = opened;
      await signInThroughPage(page, hub.config.ADMIN_EMAIL!, hub.config.ADMIN_PASSWORD!);
      await page.getByRole('button', { name: 'Sign out' }).waitFor();

      // The console opens on the fleet.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Fleet' })
        .click();
      await page.getByRole('heading', { name: 'Fleet', exact: true }).waitFor();
      const tile = (name: string) => page.getByRole('group', { name, exact: true });
      await tile('Chargers online').getByText('2', { exact: true }).waitFor();
      await tile('Chargers offline').getByText('0', { exact: true }).waitFor();
      await page.getByText('Live', { exact: true }).waitFor();
      const recent = page.getByRole('list', { name: 'Recent faults and disconnects' });
      expect(await recent.count()).toBe(0);
      expect(
        await page.getByRole('meter', { name: 'Utilisation now' }).getAttribute('aria-valuenow'),
      ).toBe('0');
      await saveScreenshot(page, 'admin-fleet');

      // A terminal is taken, another faults, a charger drops: the dashboard follows, not reloaded.
      await page.evaluate(() => Object.assign(window, { notReloaded: true }));
      await staying.status(1, 'Occupied');
      await page
        .getByRole('meter', { name: 'Utilisation now' })
        .and(page.locator('[aria-valuenow="33"]'))
        .waitFor();
      await staying.status(2, 'Faulted');
      await tile('Chargers with a fault').getByText('1', { exact: true }).waitFor();
      await leaving.client.close({ force: true });
      await tile('Chargers offline').getByText('1', { exact: true }).waitFor();
      await tile('Chargers online').getByText('1', { exact: true }).waitFor();
      const items = recent.getByRole('listitem');
      await items.first().getByText('Disconnected').waitFor();
      expect(await items.count()).toBe(2);
      await items.nth(1).getByText('Faulted').waitFor();
      await items.nth(1).getByText('Station FR*FLEET-STAY*P1').waitFor();
      expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);

      // The entry leads to the charger's detail in the chargers tab.
      await items.first().getByRole('link', { name: 'FLEET-GONE' }).click();
      const detail = page.getByRole('region', { name: 'Charger FLEET-GONE' });
      await detail.getByText('Offline', { exact: true }).waitFor();
      expect(opened.errors).toEqual([]);
    },
    SLOW_MS,
  );
});

// IRVE imports as the fleet console's Imports tab shows them, against a real hub: a file chosen
// with the tab's file input or dropped on it is uploaded, its run appears and moves on without a
// reload, ends with the hub's counts and lists its rejected rows, with a CSV download of them; a
// reload shows the same. A file over the hub's upload limit is refused before it is sent. The
// file is the official example's header and first row, copied into good rows and a few broken ones.
import '../../hub/test/support/env';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import type { ImportView } from '@wattsup/contracts';
import { OFFICIAL_EXAMPLE, waitForImport } from '../../hub/test/imports.helpers';
import { adminSession } from '../../hub/test/support/ocpp';
import { startTestApp, type TestApp } from '../../hub/test/support/test-app';
import { formatBytes } from '../src/admin/import-upload';
import { signInThroughPage } from './support/sign-in';
import { launchChromium, openPage, type OpenedPage, saveScreenshot } from './browser';

const SLOW_MS = 60_000;
const FILE_NAME = 'irve-with-rejects.csv';

/** One CSV line's fields; the official example quotes fields but never doubles a quote. */
function splitCsvLine(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("[^"]*"|[^,]*)/g)].map(([, field]) => field);
}

/**
 * The official example's header, then one row per entry of `rows`, each its first (valid) row
 * with some columns changed: a column's new raw value, quotes included where the CSV needs them.
 */
async function irveFile(rows: Record<string, string>[]): Promise<string> {
  const [header, example] = (await readFile(OFFICIAL_EXAMPLE, 'utf8')).split(/\r?\n/);
  const columns = header.split(',');
  const fields = splitCsvLine(example);
  expect(fields).toHaveLength(columns.length);
  const lines = rows.map((changes) =>
    columns.map((column, index) => changes[column] ?? fields[index]).join(','),
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

const station = (id: string) => ({ id_station_itinerance: id });

/** Line 2 to 8 of the file; 3 of the 7 rows (lines 4, 6 and 7) are broken. */
const withRejects = () =>
  irveFile([
    { ...station('FRWEBP001'), id_pdc_itinerance: 'FRWEBE0011' },
    { ...station('FRWEBP001'), id_pdc_itinerance: 'FRWEBE0012' },
    {
      ...station('FRWEBP001'),
      id_pdc_itinerance: 'FRWEBE0013',
      coordonneesXY: '"[200.5,95.1]"',
    },
    {
      ...station('FRWEBP002'),
      id_pdc_itinerance: 'FRWEBE0021',
      coordonneesXY: '"[1.44,43.6]"',
    },
    { ...station('FRWEBP002'), id_pdc_itinerance: '' },
    {
      ...station('FRWEBP002'),
      id_pdc_itinerance: 'FRWEBE0023',
      coordonneesXY: '"[1.44,43.6]"',
      puissance_nominale: 'vingt-deux',
    },
    {
      ...station('FRWEBP002'),
      id_pdc_itinerance: 'FRWEBE0022',
      coordonneesXY: '"[1.44,43.6]"',
    },
  ]);

/** The hub's reasons for the three broken rows: [line, charge point, field, value, reason]. */
const EXPECTED_REJECTS = [
  [
    '4',
    'FRWEBE0013',
    'coordonneesXY',
    '[200.5,95.1]',
    'is outside France and its overseas territories, even with longitude and latitude swapped',
  ],
  [
    '6',
    '',
    'id_pdc_itinerance',
    '',
    'is empty and id_pdc_local is empty too: the charge point cannot be told apart from others',
  ],
  ['7', 'FRWEBE0023', 'puissance_nominale', 'vingt-deux', 'must be a number of kW, e.g. 22 or 7.4'],
];

/** The cells of the rejected rows table, row by row. */
function rejectRows(run: Locator): Promise<string[][]> {
  return run
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim() ?? ''),
      ),
    );
}

/** The Imports tab, read and following `/live`. */
async function openImportsTab(page: Page): Promise<void> {
  await page.goto('/#/admin/imports');
  await page.getByRole('heading', { level: 2, name: 'Imports' }).waitFor();
  await page.getByText('Live', { exact: true }).waitFor();
}

/** The tab's drop zone, named by its heading. */
const dropZone = (page: Page) => page.getByRole('group', { name: 'Import an IRVE file' });

/** Drops `csv` as a file named `name` on the drop zone, as a file dragged from the desktop. */
async function dropFile(page: Page, csv: string, name: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([text, fileName]) => {
      const data = new DataTransfer();
      data.items.add(new File([text], fileName, { type: 'text/csv' }));
      return data;
    },
    [csv, name] as const,
  );
  const zone = dropZone(page);
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** The run of the file named `name`, once the tab lists it, and its id. */
async function runOf(page: Page, name: string): Promise<{ run: Locator; importId: string }> {
  const run = page.locator('li[data-import-id]').filter({
    has: page.getByText(name, { exact: true }),
  });
  await run.waitFor();
  const importId = await run.getAttribute('data-import-id');
  if (!importId) throw new Error(`the run of ${name} has no id`);
  return { run, importId };
}

/**
 * A hub (with `env`) for one describe block, its first admin's API agent, and fleet consoles
 * signed in as that admin in Chromium; each test's pages are closed after it and must have logged
 * no error.
 */
function adminConsoleSuite(env: Record<string, string> = {}) {
  let hub: TestApp;
  let api: Awaited<ReturnType<typeof adminSession>>;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    hub = await startTestApp(env);
    api = await adminSession(hub);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  afterEach(async () => {
    for (const { context, errors } of opened.splice(0)) {
      await context.close();
      expect(errors).toEqual([]);
    }
  });

  return {
    adminApi: () => api,
    async signedInAsAdmin(): Promise<Page> {
      const { ADMIN_EMAIL, ADMIN_PASSWORD } = hub.config;
      if (!ADMIN_EMAIL || !ADMIN_PASSWORD) throw new Error('The test hub has no first admin.');
      const browserPage = await openPage(browser, hub.url);
      opened.push(browserPage);
      await signInThroughPage(browserPage.page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await browserPage.page.getByRole('button', { name: 'Sign out' }).waitFor();
      return browserPage.page;
    },
  };
}

describe('IRVE imports in the fleet console', () => {
  const { adminApi, signedInAsAdmin } = adminConsoleSuite();

  it(
    'uploads a file chosen in the tab, follows it to its end and lists its rejected rows, also after a reload',
    async () => {
      const csv = await withRejects();
      const admin = await signedInAsAdmin();
      await openImportsTab(admin);
      await admin.getByText('No import yet.').waitFor();
      await dropZone(admin).getByText('Up to 256 MB', { exact: false }).waitFor();
      // Every state the run's progress bar goes through, from before the upload on.
      await admin.evaluate(() => {
        const seen: string[] = [];
        Object.assign(window, { notReloaded: true, progressSeen: seen });
        new MutationObserver(() => {
          const text = document
            .querySelector('li[data-import-id] progress')
            ?.getAttribute('aria-valuetext');
          if (text && seen.at(-1) !== text) seen.push(text);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });

      await admin.getByLabel('Choose a CSV file…').setInputFiles({
        name: FILE_NAME,
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await admin.getByText(`${FILE_NAME} is uploaded; its import is queued.`).waitFor();
      const { run, importId } = await runOf(admin, FILE_NAME);
      await run.getByText('completed', { exact: true }).waitFor();
      await run.getByText(/finished \d+ \w+, \d\d:\d\d/).waitFor();

      // The hub's own figures, shown as they are.
      const ended = await waitForImport(adminApi(), importId);
      expect(ended).toMatchObject({
        fileName: FILE_NAME,
        source: 'UPLOAD',
        prune: false,
        status: 'COMPLETED',
        rowsRead: 7,
        rowsAccepted: 4,
        rowsRejected: 3,
      });
      await run
        .getByText('100 % · 7 rows read · 4 accepted · 3 rejected', { exact: true })
        .waitFor();
      const bar = run.getByRole('progressbar', { name: `Progress of ${FILE_NAME}` });
      await expect(bar.getAttribute('aria-valuetext')).resolves.toBe('100 %');
      await expect(bar.evaluate((element) => (element as HTMLProgressElement).value)).resolves.toBe(
        1,
      );
      // The tab followed `/live`: never reloaded, the bar only went forward and ended full.
      const seen = await admin.evaluate(
        () => (window as unknown as { progressSeen: string[] }).progressSeen,
      );
      expect(seen.at(-1)).toBe('100 %');
      const percents = seen.map((text) => Number.parseInt(text, 10));
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(await admin.evaluate(() => 'notReloaded' in window)).toBe(true);
      expect(await run.getByText('failed', { exact: true }).count()).toBe(0);

      // The rows left out are the three broken ones, for the reasons the file was broken with.
      const table = run.getByRole('table', { name: `Rejected rows of ${FILE_NAME}, by line` });
      await table.locator('tbody tr').nth(2).waitFor();
      await expect(rejectRows(table)).resolves.toEqual([
        ['4', 'FRWEBE0013', 'coordonneesXY', '[200.5,95.1]', EXPECTED_REJECTS[0][4]],
        ['6', '', 'id_pdc_itinerance', '', EXPECTED_REJECTS[1][4]],
        ['7', 'FRWEBE0023', 'puissance_nominale', 'vingt-deux', EXPECTED_REJECTS[2][4]],
      ]);
      await run.getByText('3 of 3 problems shown', { exact: true }).waitFor();
      expect(await run.getByRole('button', { name: 'Show more' }).count()).toBe(0);
      await saveScreenshot(admin, 'admin-import-rejects');

      // The download link gives the same rows as CSV, with the session the page has.
      const download = run.getByRole('link', { name: 'Download all as CSV' });
      const href = await download.getAttribute('href');
      expect(href).toBe(`/api/v1/admin/imports/${importId}/rejects?format=csv`);
      expect(await download.getAttribute('download')).not.toBeNull();
      const answer = await admin.evaluate(async (url) => {
        const response = await fetch(url);
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          disposition: response.headers.get('content-disposition'),
          text: await response.text(),
        };
      }, href as string);
      expect(answer).toMatchObject({
        status: 200,
        type: expect.stringMatching(/^text\/csv/),
        disposition: `attachment; filename="import-${importId}-rejects.csv"`,
      });
      const lines = answer.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('line,id_station_itinerance,id_pdc_itinerance,field,value,reason');
      // No value of these holds a doubled quote: taking off the enclosing quotes is enough.
      const unquote = (field: string) => field.replace(/^"(.*)"$/, '$1');
      expect(lines.slice(1).map((line) => splitCsvLine(line).map(unquote))).toEqual([
        ['4', 'FRWEBP001', 'FRWEBE0013', 'coordonneesXY', '[200.5,95.1]', EXPECTED_REJECTS[0][4]],
        ['6', 'FRWEBP002', '', 'id_pdc_itinerance', '', EXPECTED_REJECTS[1][4]],
        [
          '7',
          'FRWEBP002',
          'FRWEBE0023',
          'puissance_nominale',
          'vingt-deux',
          EXPECTED_REJECTS[2][4],
        ],
      ]);

      // A reload reads the same run, figures and rejected rows from the hub.
      await admin.reload();
      await admin.getByRole('heading', { level: 2, name: 'Imports' }).waitFor();
      expect(await admin.evaluate(() => 'notReloaded' in window)).toBe(false);
      const reloaded = admin.locator(`li[data-import-id="${importId}"]`);
      await reloaded
        .getByText('100 % · 7 rows read · 4 accepted · 3 rejected', { exact: true })
        .waitFor();
      await reloaded.getByText('completed', { exact: true }).waitFor();
      await expect(
        reloaded
          .getByRole('progressbar', { name: `Progress of ${FILE_NAME}` })
          .getAttribute('aria-valuetext'),
      ).resolves.toBe('100 %');
      const tableAgain = reloaded.getByRole('table', {
        name: `Rejected rows of ${FILE_NAME}, by line`,
      });
      await tableAgain.locator('tbody tr').nth(2).waitFor();
      await expect(rejectRows(tableAgain)).resolves.toEqual(await rejectRows(table));
      expect(await admin.locator('li[data-import-id]').count()).toBe(1);

      // With the access cookie expired, the download link renews the session before the browser
      // sends the cookie itself: the file saved is the CSV, not the hub's 401.
      await admin.context().clearCookies({ name: 'wattsup_access' });
      const [saved] = await Promise.all([
        admin.waitForEvent('download'),
        reloaded.getByRole('link', { name: 'Download all as CSV' }).click(),
      ]);
      expect(saved.suggestedFilename()).toBe(`import-${importId}-rejects.csv`);
      const savedText = await readFile(await saved.path(), 'utf8');
      expect(savedText.split('\r\n')[0]).toBe(lines[0]);
      expect(savedText.trimEnd().split('\r\n')).toHaveLength(4);
    },
    SLOW_MS,
  );

  it(
    'uploads a file dropped on the tab, and shows the hub’s refusal of one that is not IRVE word for word',
    async () => {
      const admin = await signedInAsAdmin();
      await openImportsTab(admin);
      await admin.locator('li[data-import-id]').first().waitFor();
      const before = await admin.locator('li[data-import-id]').count();

      // With the access cookie expired, the upload is refused once, the session renewed and the
      // file sent again: the admin sees only the success.
      await admin.context().clearCookies({ name: 'wattsup_access' });
      await dropFile(admin, await readFile(OFFICIAL_EXAMPLE, 'utf8'), 'dropped-example.csv');
      await admin.getByText('dropped-example.csv is uploaded; its import is queued.').waitFor();
      const { run, importId } = await runOf(admin, 'dropped-example.csv');
      await run.getByText('completed', { exact: true }).waitFor();
      const ended = await waitForImport(adminApi(), importId);
      expect(ended).toMatchObject({ status: 'COMPLETED', source: 'UPLOAD', rowsRejected: 0 });
      await run.getByText(`100 % · ${ended.rowsRead} rows read`, { exact: false }).waitFor();
      // Nothing left out, so no table of it.
      expect(await run.getByRole('table').count()).toBe(0);
      await expect(admin.locator('li[data-import-id]').count()).resolves.toBe(before + 1);

      // Not an IRVE file: the hub refuses it (415) before recording anything, in its own words.
      const notIrve = 'name,city\r\nA,Paris\r\n';
      const refusal = await adminApi()
        .post('/api/v1/admin/imports')
        .attach('file', Buffer.from(notIrve), 'not-irve.csv')
        .expect(415);
      const message = (refusal.body as { message: string }).message;
      expect(message.length).toBeGreaterThan(10);
      await dropFile(admin, notIrve, 'not-irve.csv');
      await admin.getByRole('alert').filter({ hasText: message }).waitFor();
      await expect(admin.getByRole('alert').filter({ hasText: message }).innerText()).resolves.toBe(
        message,
      );
      const { body } = await adminApi().get('/api/v1/admin/imports').expect(200);
      expect((body as ImportView[]).map((view) => view.fileName)).not.toContain('not-irve.csv');
    },
    SLOW_MS,
  );

  it(
    'shows a big file’s upload going, and cancels it without an import',
    async () => {
      const admin = await signedInAsAdmin();
      await openImportsTab(admin);
      // About 2 MB: the official example's first row again and again, sent at 256 KB/s.
      const [header, example] = (await readFile(OFFICIAL_EXAMPLE, 'utf8')).split(/\r?\n/);
      const big = `${[header, ...Array<string>(4000).fill(example)].join('\r\n')}\r\n`;
      expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
      const network = await admin.context().newCDPSession(admin);
      await network.send('Network.enable');
      await network.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 256 * 1024,
      });

      // The file input is reached with the keyboard, from the option after it.
      await admin.getByRole('checkbox', { name: /Retire the imported stations/ }).focus();
      await admin.keyboard.press('Shift+Tab');
      const input = admin.getByLabel('Choose a CSV file…');
      await expect(input.evaluate((element) => element === document.activeElement)).resolves.toBe(
        true,
      );
      await input.setInputFiles({
        name: 'big.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(big),
      });
      const sending = admin.getByRole('progressbar', { name: 'Sending big.csv' });
      await sending.waitFor();
      await admin.waitForFunction(() => {
        const bar = document.querySelector<HTMLProgressElement>('.dropzone progress');
        return bar !== null && bar.value > 0 && bar.value < 1;
      });
      const total = formatBytes(Buffer.byteLength(big), 'en').replace('.', '\\.');
      await admin
        .getByText(new RegExp(`^Sending big\\.csv ·\\s+\\d+ % · [\\d.]+ [KM]?B of ${total}$`))
        .waitFor();
      await admin.getByRole('button', { name: 'Cancel the upload' }).click();
      await admin.getByText('The upload of big.csv is cancelled.').waitFor();
      await sending.waitFor({ state: 'detached' });
      await network.detach();

      const { body } = await adminApi().get('/api/v1/admin/imports').expect(200);
      expect((body as ImportView[]).map((view) => view.fileName)).not.toContain('big.csv');
      expect(await admin.locator('li[data-import-id]').filter({ hasText: 'big.csv' }).count()).toBe(
        0,
      );
    },
    SLOW_MS,
  );
});

describe('IRVE imports in the fleet console, with a small upload limit', () => {
  const { adminApi, signedInAsAdmin } = adminConsoleSuite({ IMPORT_MAX_UPLOAD_BYTES: '2000' });

  it(
    'refuses a file over the hub’s limit before sending it',
    async () => {
      const csv = await withRejects();
      expect(Buffer.byteLength(csv)).toBeGreaterThan(2000);
      const admin = await signedInAsAdmin();
      const uploads: string[] = [];
      admin.on('request', (request) => {
        if (
          request.method() === 'POST' &&
          new URL(request.url()).pathname.startsWith('/api/v1/admin/imports')
        )
          uploads.push(request.url());
      });
      await openImportsTab(admin);
      await admin.getByText('No import yet.').waitFor();
      await dropZone(admin)
        .getByText('Up to 2 KB; a larger file is imported with hub import <file.csv> on the hub.', {
          exact: true,
        })
        .waitFor();

      await admin.getByLabel('Choose a CSV file…').setInputFiles({
        name: FILE_NAME,
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      const refusal = admin.getByRole('alert').filter({ hasText: FILE_NAME });
      await refusal.waitFor();
      await expect(refusal.innerText()).resolves.toMatch(
        new RegExp(
          `^${FILE_NAME.replace(/\./g, '\\.')} is \\d+(\\.\\d)? KB, over the hub’s upload limit of 2 KB: it is not sent\\. Import it with \`hub import <file\\.csv>\` on the hub instead\\.$`,
        ),
      );
      // Dropped, the same.
      await refusal.getByRole('button', { name: 'Dismiss notification' }).click();
      await refusal.waitFor({ state: 'detached' });
      await dropFile(admin, csv, FILE_NAME);
      await refusal.waitFor();

      // The hub got nothing: no request, no import.
      expect(uploads).toEqual([]);
      const { body } = await adminApi().get('/api/v1/admin/imports').expect(200);
      expect(body).toEqual([]);
      await admin.getByText('No import yet.').waitFor();
    },
    SLOW_MS,
  );
});

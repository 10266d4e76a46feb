import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

/** Where the browser tests leave their screenshots (gitignored), for a person to look at. */
export const TEST_ARTIFACTS = join(__dirname, '..', 'test-artifacts');

/** Debian's Chromium, as installed by `scripts/services.mjs --browser`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Script errors and console errors, CSP violations among them, seen since it opened. */
  errors: string[];
}

/**
 * A fresh browser context (no cookies) with one page on the hub at `baseURL`, in the time zone of
 * the first users (the hub writes its messages' clock times there too).
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  /** A phone's `viewport`, `hasTouch` and `isMobile`, say, in place of the desktop defaults. */
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    timezoneId: 'Europe/Paris',
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Chromium logs every 4xx answer, e.g. `/auth/me` when signed out; those are expected.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  return { context, page, errors };
}

/**
 * Saves what the page shows now as `web/test-artifacts/{name}.png`. Cheap on purpose: the
 * viewport only, and a handful of key steps across the suite.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(TEST_ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(TEST_ARTIFACTS, `${name}.png`) });
}

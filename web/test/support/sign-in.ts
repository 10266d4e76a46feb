import type { Page } from 'playwright-core';

/** Signs in through the login page, as a person would; resolves once the click is made. */
export async function signInThroughPage(
  page: Page,
  email: string,
  password: string,
): Promise<void> {
  await page.goto('/#/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

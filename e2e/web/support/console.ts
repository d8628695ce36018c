import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../support/paths.js';

/** The built console the API serves (apps/web/dist); the suite needs `npx nx run-many -t build` first. */
export function assertConsoleBuilt(): void {
  if (!existsSync(`${repoRoot}apps/web/dist/index.html`)) {
    throw new Error('apps/web is not built: run `npx nx run-many -t build` (or `npx nx build web`) before the browser suite');
  }
}

/** Everything a page says about Content-Security-Policy violations and uncaught errors, for the suite to assert none. */
export function watchPage(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
}

/** Signs in on the console's sign-in page with `token` and waits for the signed-in shell. */
export async function signIn(page: Page, origin: string, token: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByTestId('token').fill(token);
  await page.getByTestId('sign-in-button').click();
  await page.getByTestId('viewer').waitFor();
}

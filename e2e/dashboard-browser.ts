/** Debian's chromium driven by playwright-core, with a fresh profile per launch and console errors collected per page. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../packages/server/src/chromium.ts';

export const CHROMIUM = chromiumPath();
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context on a fresh profile directory (the way to give chromium its own --user-data-dir). */
export async function launchBrowser(
  options: { locale?: string; width?: number; height?: number; colorScheme?: 'light' | 'dark'; mobile?: boolean } = {},
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'northstar-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    acceptDownloads: true,
    colorScheme: options.colorScheme ?? 'light',
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught exceptions of a page, for the "no console errors" checks. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** True once every tile on the page has settled: no loading skeleton, no request in flight. */
function tilesSettled(): boolean {
  if (document.querySelector('[aria-busy="true"]:not(.tile)') && !document.querySelector('.tile')) return false;
  const tiles = [...document.querySelectorAll('.tile[data-state]')];
  return tiles.length > 0 && tiles.every((el) => el.getAttribute('data-state') !== 'loading' && el.getAttribute('aria-busy') !== 'true');
}

/** Waits until every tile has settled. A function, not a string: the app's CSP forbids eval. */
export async function waitForTiles(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(tilesSettled, undefined, { timeout });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

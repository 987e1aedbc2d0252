/**
 * Prints report HTML to PDF with Chromium through playwright-core: Debian's chromium by default
 * (NORTHSTAR_CHROMIUM_PATH to use another), a fresh profile each time, JavaScript off and every
 * network request refused, so a report can only show what its HTML holds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@northstar/core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.ts';

export async function htmlToPdf(html: string, options: { executablePath?: string } = {}): Promise<Buffer> {
  const profile = await mkdtemp(join(tmpdir(), 'northstar-pdf-'));
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: options.executablePath ?? chromiumPath(),
        headless: true,
        args: CHROMIUM_ARGS,
        javaScriptEnabled: false,
        offline: true,
      });
    } catch (error) {
      throw new AppError(
        'internal',
        `cannot start Chromium for the PDF (${(error as Error).message.split('\n')[0]}); set NORTHSTAR_CHROMIUM_PATH`,
      );
    }
    await context.route('**/*', (route) => route.abort());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

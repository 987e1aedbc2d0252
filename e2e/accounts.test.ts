/**
 * The dashboard with accounts enforced, in Debian's chromium: first-run setup, the app behind the
 * sign-in (every unsafe request carries the CSRF token), users admin, sign out and in again, and a
 * share link that opens one dashboard read-only without an account, until it is revoked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, collectErrors, hasChromium, launchBrowser, screenshot, waitForTiles } from './dashboard-browser.ts';
import { ensureWebBuild } from './dashboard-build.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const run = hasChromium() || process.env.CI === 'true';
const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery-staple-42' };
/** Sign-in and password changes hash with argon2: on a loaded 2-core machine an answer can take seconds. */
const SLOW = { timeout: 15_000 };

let server: DashboardServer;
let session: BrowserSession;

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('auth-email').fill(email);
  await page.getByTestId('auth-password').fill(password);
  await page.getByTestId('auth-submit').click();
}

describe.runIf(run)('accounts and share links in chromium (enforced mode)', () => {
  beforeAll(async () => {
    ensureWebBuild();
    server = await startDashboardServer({ scale: 0.02, auth: { mode: 'enforced', secret: 'e2e-secret-0123456789-abcdefghijklmnop' } });
    session = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('refuses the API without a session', async () => {
    const response = await fetch(`${server.url}/api/v1/metrics`);
    expect(response.status).toBe(401);
  });

  it('creates the first admin, manages users, changes the password, signs out and in again', async () => {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/overview`);
    await page.locator('[data-page="setup"]').waitFor();
    await screenshot(page, 'accounts-setup');
    await signIn(page, ADMIN.email, ADMIN.password);
    await waitForTiles(page);
    await expect(page.getByTestId('user-menu-toggle').textContent()).resolves.toBe(ADMIN.email);

    // Invite an editor: POST with the session cookie, which the server refuses without the CSRF header.
    await page.goto(`${server.url}/users`);
    await page.getByTestId('invite-email').fill('editor@example.com');
    await page.getByTestId('invite-role').selectOption('editor');
    await page.getByTestId('invite-submit').click();
    await expect.poll(() => page.getByTestId('temporary-password').textContent(), SLOW).toContain('editor@example.com');
    const row = page.getByTestId('user-editor@example.com');
    await row.getByTestId('user-role').selectOption('viewer');
    await expect.poll(async () => (await listUsers(page)).find((u) => u.email === 'editor@example.com')?.role, SLOW).toBe('viewer');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByTestId('user-remove').click();
    await expect.poll(async () => (await listUsers(page)).map((u) => u.email), SLOW).toEqual([ADMIN.email]);
    await screenshot(page, 'accounts-users');

    await page.getByTestId('user-menu-toggle').click();
    await page.getByTestId('logout').click();
    await page.locator('[data-page="login"]').waitFor();
    await signIn(page, ADMIN.email, 'wrong password');
    await expect.poll(() => page.getByTestId('auth-error').textContent(), SLOW).toContain('wrong email or password');
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.locator('[data-page="users"]').waitFor();

    // Change the password; the old one stops working, the new one signs in.
    await page.goto(`${server.url}/account`);
    await page.getByTestId('password-current').fill(ADMIN.password);
    await page.getByTestId('password-new').fill(`${ADMIN.password}-new`);
    await page.getByTestId('password-submit').click();
    await expect.poll(() => page.getByTestId('password-form').textContent(), SLOW).toContain('Password changed');
    await page.getByTestId('user-menu-toggle').click();
    await page.getByTestId('logout').click();
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect.poll(() => page.getByTestId('auth-error').textContent(), SLOW).toContain('wrong email or password');
    ADMIN.password = `${ADMIN.password}-new`;
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.locator('[data-page="account"]').waitFor();
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await page.close();
  }, 120_000);

  it('shares a dashboard read-only through a link, until it is revoked', async () => {
    const page = await session.context.newPage();
    await page.goto(`${server.url}/dashboards`);
    await page.getByTestId('new-dashboard-name').fill('Shared <b>board</b>');
    await page.getByTestId('create-dashboard').click();
    await page.waitForURL(/\/dashboards\/[\w-]+/);
    await page.getByTestId('add-tile').click();
    await page.getByTestId('editor-metric').selectOption('sessions');
    await page.getByTestId('editor-viz').selectOption('number');
    await page.getByTestId('editor-submit').click();
    await page.getByTestId('dashboard-save').click();
    await expect.poll(() => page.getByTestId('save-state').textContent(), SLOW).toBe('Saved');
    await page.getByTestId('dashboard-share').click();
    await page.getByTestId('share-create').click();
    const url = await page.getByTestId('share-url').locator('input').inputValue();
    expect(url).toMatch(/\/share\/nss_/);

    // A visitor without an account: only the share routes are called.
    const visitor = await launchBrowser();
    try {
      const shared = await visitor.context.newPage();
      const errors = collectErrors(shared);
      const calls: string[] = [];
      shared.on('request', (r) => {
        if (r.url().includes('/api/')) calls.push(new URL(r.url()).pathname.replace(/nss_[\w-]+/, 'TOKEN'));
      });
      await shared.goto(url);
      await waitForTiles(shared);
      await expect(shared.getByTestId('share-name').textContent()).resolves.toBe('Shared <b>board</b>');
      expect(await shared.locator('.tile[data-state="ready"]').count()).toBe(1);
      await screenshot(shared, 'share-view');
      expect([...new Set(calls)].sort()).toEqual(['/api/v1/health', '/api/v1/share/TOKEN', '/api/v1/share/TOKEN/query']);
      expect(errors).toEqual([]);

      await page.getByTestId('share-revoke').click();
      await expect.poll(() => page.getByTestId('share-links').locator('li').count(), SLOW).toBe(0);
      await shared.reload();
      await shared.getByTestId('share-error').waitFor();
    } finally {
      await visitor.close();
    }
    await page.close();
  }, 120_000);

  it('creates a second, empty workspace, switches to it and back', async () => {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/workspaces`);
    await page.getByTestId('workspace-name').fill('Клиент <i>Б</i>');
    await page.getByTestId('workspace-create').click();
    // The new workspace opens at the overview: its own (empty) data, its name in the header.
    await page.waitForURL(`${server.url}/`, SLOW);
    await expect.poll(() => page.getByTestId('workspace').textContent(), SLOW).toContain('Клиент <i>Б</i>');
    await page.locator('.tile').first().waitFor();
    await expect.poll(() => page.locator('.tile[data-state="empty"]').count(), SLOW).toBeGreaterThan(0);
    expect(await sessionsThisYear(page)).toBe(0);
    const options = await page.getByTestId('workspace-switch').locator('option').allTextContents();
    expect(options).toEqual(['Northstar', 'Клиент <i>Б</i>']);
    await screenshot(page, 'workspace-new');

    await page.getByTestId('workspace-switch').selectOption({ index: 0 });
    await page.waitForURL(`${server.url}/`, SLOW);
    await expect.poll(() => page.getByTestId('workspace').textContent(), SLOW).toContain('Northstar');
    await waitForTiles(page);
    expect(await page.locator('.tile[data-state="ready"]').count()).toBeGreaterThan(0);
    expect(await sessionsThisYear(page)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

/** Sessions over the demo's year, asked by the page itself (its cookies choose the workspace). */
function sessionsThisYear(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const csrf = decodeURIComponent(
      document.cookie
        .split('; ')
        .find((c) => c.startsWith('ns_csrf='))
        ?.slice(8) ?? '',
    );
    const response = await fetch('/api/v1/query', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ metrics: ['sessions'], from: '2020-01-01', to: '2030-01-01', grain: 'all' }),
    });
    return ((await response.json()) as { rows: Array<{ sessions: number }> }).rows[0]?.sessions ?? -1;
  });
}

async function listUsers(page: Page): Promise<Array<{ email: string; role: string }>> {
  const response = await page.request.get(new URL('/api/v1/users', page.url()).toString());
  return ((await response.json()) as { users: Array<{ email: string; role: string }> }).users;
}

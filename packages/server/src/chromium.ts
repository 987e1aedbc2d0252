/**
 * How Northstar starts Debian's Chromium (reports, and the browser tests): headless, with the
 * background services off, since they would call out to hosts this machine may not reach.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's chromium, or NORTHSTAR_CHROMIUM_PATH. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.NORTHSTAR_CHROMIUM_PATH ?? '/usr/bin/chromium';
}

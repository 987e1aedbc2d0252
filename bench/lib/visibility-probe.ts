/**
 * Event to queryable: while the server is under load, posts one tracker pageview at a time for a
 * site of its own and polls the query API until both the pageview and its session are counted.
 * The latency runs from the 2xx to the first query answer that shows them.
 */
const POLL_MS = 20;
const GIVE_UP_MS = 30_000;

export interface VisibilityFigures {
  probes: number;
  /** Probes never seen within GIVE_UP_MS. */
  missing: number;
  p50: number;
  p95: number;
  max: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function visible(url: string, site: string, headers: Record<string, string>): Promise<boolean> {
  const response = await fetch(`${url}/api/v1/query`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ metrics: ['sessions', 'pageviews'], filters: [`site=${site}`] }),
  });
  const body = (await response.json()) as { rows?: Array<{ sessions?: number; pageviews?: number }> };
  const row = body.rows?.[0];
  return (row?.sessions ?? 0) >= 1 && (row?.pageviews ?? 0) >= 1;
}

/** One probe: ms from the 2xx until visible, or undefined when never seen (or never acknowledged). */
async function probe(url: string, n: number, userAgent: string, headers: Record<string, string>): Promise<number | undefined> {
  const site = `probe-${process.pid}-${n}`;
  const response = await fetch(`${url}/api/v1/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
    body: JSON.stringify({ site, events: [{ id: `probe${process.pid}x${n}`, type: 'pageview', url: `https://shop.example/probe/${n}` }] }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) return undefined;
  const acknowledged = performance.now();
  while (performance.now() - acknowledged < GIVE_UP_MS) {
    if (await visible(url, site, headers)) return performance.now() - acknowledged;
    await sleep(POLL_MS);
  }
  return undefined;
}

/** Starts a probe every `everyMs` for `durationMs` and waits for all of them. */
export async function probeVisibility(
  url: string,
  durationMs: number,
  everyMs: number,
  userAgent: string,
  headers: Record<string, string> = {},
): Promise<VisibilityFigures> {
  const probes: Array<Promise<number | undefined>> = [];
  const end = performance.now() + durationMs;
  for (let n = 0; performance.now() < end; n++) {
    probes.push(probe(url, n, userAgent, headers).catch(() => undefined));
    await sleep(everyMs);
  }
  const results = await Promise.all(probes);
  const seen = results.filter((ms): ms is number => ms !== undefined).sort((a, b) => a - b);
  const at = (q: number) => seen[Math.min(seen.length - 1, Math.floor(q * seen.length))] ?? Number.NaN;
  return {
    probes: results.length,
    missing: results.length - seen.length,
    p50: at(0.5),
    p95: at(0.95),
    max: seen[seen.length - 1] ?? Number.NaN,
  };
}

/**
 * The typed client of the Northstar API. Requests are plain JSON: metric ids, dates, dimensions
 * and filter values; the browser never sends SQL.
 */
import type {
  AttributionRequest,
  AttributionResult,
  Cell,
  Dashboard,
  DashboardInput,
  Direction,
  Health,
  MetricInfo,
  QueryRequest,
  QueryResult,
  Row,
  Unit,
} from './types.ts';

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The route is not there (yet): a server without this feature, not a failed query. */
  get isMissingRoute(): boolean {
    return this.status === 404 && this.code === 'NS_ERR_NOT_FOUND' && this.message.startsWith('no route');
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_COOKIE = 'ns_csrf';
let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The session's CSRF token, from login or `GET /auth/me`; the readable cookie when the page was reloaded. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function currentCsrfToken(): string | null {
  if (csrfToken) return csrfToken;
  const cookie = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(CSRF_COOKIE.length + 1)) : null;
}

/** Called when the server answers 401 (the session expired or was revoked): the app shows the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function headersFor(method: string, body: unknown): Record<string, string> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  const token = SAFE_METHODS.has(method) ? null : currentCsrfToken();
  if (token) headers['x-csrf-token'] = token;
  return headers;
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers: headersFor(method, body),
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NS_ERR_NETWORK', 'cannot reach the Northstar server');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'NS_ERR_BAD_RESPONSE', `the server answered ${response.status} with a body that is not JSON`);
  }
  if (response.status === 401 && !path.startsWith('/auth/') && !path.startsWith('/share/')) onUnauthorized?.();
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'NS_ERR_HTTP', error?.message ?? `HTTP ${response.status}`, error?.details);
  }
  return json as T;
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return request<Health>('GET', '/health', undefined, signal);
}

const UNITS: readonly Unit[] = ['count', 'money', 'rate', 'ratio', 'score', 'days', 'seconds', 'number', 'table'];

/** Accepts the catalog as an array or as {metrics: [...]}; fills what an entry leaves out. */
function normaliseCatalog(json: unknown): MetricInfo[] {
  const list = Array.isArray(json) ? json : ((json as { metrics?: unknown[] } | undefined)?.metrics ?? []);
  return list.flatMap((entry): MetricInfo[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const e = entry as Record<string, unknown>;
    if (typeof e.id !== 'string') return [];
    const unit = UNITS.includes(e.unit as Unit) ? (e.unit as Unit) : 'number';
    const direction: Direction = e.direction === 'up' || e.direction === 'down' ? e.direction : 'none';
    return [
      {
        id: e.id,
        name: typeof e.name === 'string' ? e.name : e.id,
        description: typeof e.description === 'string' ? e.description : '',
        unit,
        direction,
        dimensions: Array.isArray(e.dimensions) ? e.dimensions.filter((d): d is string => typeof d === 'string') : [],
        kind: unit === 'table' || e.kind === 'table' || e.kind === 'custom' ? 'table' : 'series',
      },
    ];
  });
}

export async function fetchCatalog(signal?: AbortSignal): Promise<MetricInfo[]> {
  return normaliseCatalog(await request<unknown>('GET', '/metrics', undefined, signal));
}

/** The body of POST /query for a request: what it sets, nothing more. */
export function queryBody(query: QueryRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { metrics: query.metrics, from: query.from, to: query.to };
  if (query.grain) body.grain = query.grain;
  if (query.by && query.by.length > 0) body.by = query.by;
  if (query.filters && query.filters.length > 0) body.filters = query.filters;
  if (query.compare) body.compare = query.compare;
  if (query.limit !== undefined) body.limit = query.limit;
  if (query.options) body.options = query.options;
  return body;
}

/** A query route's answer with plain cells: the open API or a share link's tile query. */
export async function runQueryAt<T extends object>(path: string, body: unknown, signal?: AbortSignal): Promise<QueryResult & T> {
  return withPlainRows(await request<{ rows?: Row[] } & T>('POST', path, body, signal));
}

export function withPlainRows<T extends object>(result: { rows?: Row[] } & T): QueryResult & T {
  return { ...result, rows: (result.rows ?? []).map(normaliseRow) };
}

/** Dates and big integers may arrive as strings or objects; cells are plain scalars here. */
function normaliseRow(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = toCell(value);
  return out;
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return JSON.stringify(value);
}

type AttributionJson = { model?: string; rows?: Array<Record<string, unknown>> };

/** Several models in one request (the journeys are read once); one model answers without `results`. */
export async function fetchAttribution(query: AttributionRequest, signal?: AbortSignal): Promise<AttributionResult[]> {
  const params = new URLSearchParams({
    model: query.models.join(','),
    conversion: query.conversion,
    by: query.by,
    lookback: String(query.lookback),
    from: query.from,
    to: query.to,
  });
  const json = await request<AttributionJson & { results?: AttributionJson[] }>('GET', `/attribution?${params}`, undefined, signal);
  const results = json.results ?? [json];
  return results.map((result, i) => ({
    model: result.model ?? query.models[i] ?? '',
    rows: (result.rows ?? []).map((row) => ({
      key: String(row[query.by] ?? row.channel ?? row.key ?? '(none)'),
      conversions: Number(row.conversions ?? 0),
      value: Number(row.value ?? 0),
    })),
  }));
}

export async function listDashboards(signal?: AbortSignal): Promise<Dashboard[]> {
  return (await request<{ dashboards: Dashboard[] }>('GET', '/dashboards', undefined, signal)).dashboards;
}

export function getDashboard(id: string, signal?: AbortSignal): Promise<Dashboard> {
  return request<Dashboard>('GET', `/dashboards/${encodeURIComponent(id)}`, undefined, signal);
}

export function createDashboard(input: DashboardInput): Promise<Dashboard> {
  return request<Dashboard>('POST', '/dashboards', input);
}

export function saveDashboard(id: string, input: DashboardInput): Promise<Dashboard> {
  return request<Dashboard>('PUT', `/dashboards/${encodeURIComponent(id)}`, input);
}

export function deleteDashboard(id: string): Promise<void> {
  return request<void>('DELETE', `/dashboards/${encodeURIComponent(id)}`);
}

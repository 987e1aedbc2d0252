/** Share links of a dashboard (editors), and the read-only view a link opens (token routes only). */
import { request, runQueryAt } from './client.ts';
import type { DashboardTile, QueryResult } from './types.ts';

export interface ShareRange {
  mode: 'fixed' | 'adjustable';
  from: string;
  to: string;
}

export interface ShareLink {
  id: string;
  dashboardId: string;
  prefix: string;
  range: ShareRange;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export async function listShareLinks(signal?: AbortSignal): Promise<ShareLink[]> {
  return (await request<{ links: ShareLink[] }>('GET', '/share-links', undefined, signal)).links;
}

/** The token is in the answer once; the server keeps only its digest. */
export function createShareLink(dashboardId: string, range: ShareRange): Promise<ShareLink & { token: string; path: string }> {
  return request('POST', '/share-links', { dashboardId, range });
}

export function revokeShareLink(id: string): Promise<ShareLink> {
  return request('DELETE', `/share-links/${encodeURIComponent(id)}`);
}

export interface SharedDashboard {
  dashboard: { name: string; tiles: DashboardTile[] };
  range: ShareRange;
}

export function fetchSharedDashboard(token: string, signal?: AbortSignal): Promise<SharedDashboard> {
  return request('GET', `/share/${encodeURIComponent(token)}`, undefined, signal);
}

/** One tile of the shared dashboard; the server builds the query from the stored tile. */
export function querySharedTile(
  token: string,
  tile: string,
  range: { from: string; to: string } | undefined,
  signal?: AbortSignal,
): Promise<QueryResult & { range: { from: string; to: string } }> {
  return runQueryAt(`/share/${encodeURIComponent(token)}/query`, { tile, ...(range ?? {}) }, signal);
}

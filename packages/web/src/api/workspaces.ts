/** Workspaces the signed-in user may open, creating one, and the sites collected into this one. */
import type { Role } from './accounts.ts';
import { request } from './client.ts';

export interface WorkspaceEntry {
  id: string;
  name: string;
  role: Role | null;
}

export interface Workspaces {
  /** The workspace this browser's requests go to. */
  current: string;
  workspaces: WorkspaceEntry[];
}

export interface SiteInfo {
  id: string;
  name: string | null;
  createdAt: string;
}

const COOKIE = 'ns_workspace';

export function fetchWorkspaces(signal?: AbortSignal): Promise<Workspaces> {
  return request<Workspaces>('GET', '/workspaces', undefined, signal);
}

export async function createWorkspace(name: string): Promise<WorkspaceEntry> {
  return (await request<{ workspace: WorkspaceEntry }>('POST', '/workspaces', { name })).workspace;
}

/**
 * Makes every later request of this browser go to `id` (the server routes by this cookie) and
 * reloads, so nothing read in the previous workspace stays on screen or in the cache.
 */
export function switchWorkspace(id: string): void {
  document.cookie = `${COOKIE}=${encodeURIComponent(id)}; path=/; max-age=31536000; SameSite=Lax`;
  window.location.assign('/');
}

export async function listSites(signal?: AbortSignal): Promise<SiteInfo[]> {
  return (await request<{ sites: SiteInfo[] }>('GET', '/sites', undefined, signal)).sites;
}

export function addSite(site: string): Promise<{ site: SiteInfo }> {
  return request('POST', '/sites', { site });
}

export function removeSite(id: string): Promise<void> {
  return request('DELETE', `/sites/${encodeURIComponent(id)}`);
}

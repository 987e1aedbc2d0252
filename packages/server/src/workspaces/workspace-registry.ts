/**
 * Workspaces and sites of one install. The data directory itself is the `default` workspace; every
 * other workspace is a whole data directory of its own under `DIR/workspaces/<id>/` (its own
 * analytics tables, dashboards, goals, alerts, keys, share links and audit log), so no query,
 * key or link of one workspace can reach another's rows. What spans workspaces lives in the
 * default workspace's metadata (the "accounts" store): users with a role per workspace, login
 * sessions, the list of workspaces (`workspaces`) and which workspace each tracked site belongs to
 * (`sites`; a site nobody registered is collected into the default workspace).
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { AppError } from '@northstar/core';
import { DEFAULT_WORKSPACE } from '../auth/users.ts';
import type { MetadataStore } from '../meta/metadata-store.ts';

export const WORKSPACE_ID_RE = /^[a-z][a-z0-9-]{1,39}$/;
/** What a site id may be in the tracker's `data-site` (registered sites only; collection itself is lenient). */
export const SITE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const MAX_WORKSPACE_NAME = 100;

export interface WorkspaceDocument {
  name: string;
  createdBy: string | null;
  createdAt: string;
}

export interface WorkspaceInfo {
  id: string;
  name: string;
  createdAt: string | null;
}

export interface SiteDocument {
  workspace: string;
  name: string | null;
  createdAt: string;
}

export interface SiteInfo {
  id: string;
  workspace: string;
  name: string | null;
  createdAt: string;
}

/** The data directory of a workspace: the root itself for the default one. */
export function workspaceDataDir(rootDir: string, id: string): string {
  return id === DEFAULT_WORKSPACE ? resolve(rootDir) : join(resolve(rootDir), 'workspaces', id);
}

export function assertWorkspaceId(id: string): void {
  if (!WORKSPACE_ID_RE.test(id)) {
    throw new AppError(
      'validation',
      `'${id.slice(0, 60)}' is not a workspace id: 2–40 characters, lower-case letters, digits and '-', starting with a letter`,
    );
  }
}

/** A readable id from the name when it has Latin letters or digits, else a random one. */
function idFromName(name: string): string {
  const slug = name
    .replace(/[Łł]/g, 'l')
    .replace(/[Øø]/g, 'o')
    .replace(/[Đđ]/g, 'd')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : `ws-${randomBytes(4).toString('hex')}`;
}

/** Every workspace, the default one first (named by the caller, from its settings). */
export async function listWorkspaces(accounts: MetadataStore, defaultName: string): Promise<WorkspaceInfo[]> {
  const others = (await accounts.list<WorkspaceDocument>('workspaces')).map((doc) => ({
    id: doc.id,
    name: doc.body.name,
    createdAt: doc.body.createdAt,
  }));
  return [{ id: DEFAULT_WORKSPACE, name: defaultName, createdAt: null }, ...others];
}

export async function workspaceExists(accounts: MetadataStore, id: string): Promise<boolean> {
  return id === DEFAULT_WORKSPACE || (await accounts.get('workspaces', id)) !== undefined;
}

/** Registers a workspace; the id comes from the name unless given. Opening its data is the caller's. */
export async function registerWorkspace(
  accounts: MetadataStore,
  input: { name: string; id?: string | undefined; createdBy: string | null },
): Promise<WorkspaceInfo> {
  const name = input.name.trim();
  if (name === '' || name.length > MAX_WORKSPACE_NAME) {
    throw new AppError('validation', `name: 1–${MAX_WORKSPACE_NAME} characters`, { field: 'name' });
  }
  let id = input.id ?? idFromName(name);
  assertWorkspaceId(id);
  if (input.id === undefined) {
    // A derived id that is taken gets a suffix; a chosen one that is taken is an error.
    for (let n = 2; (await workspaceExists(accounts, id)) && n < 100; n++) id = `${idFromName(name).slice(0, 36)}-${n}`;
  }
  if (await workspaceExists(accounts, id)) throw new AppError('conflict', `the workspace '${id}' exists already`);
  const body: WorkspaceDocument = { name, createdBy: input.createdBy, createdAt: new Date().toISOString() };
  await accounts.put('workspaces', id, body);
  return { id, name, createdAt: body.createdAt };
}

export async function listSites(accounts: MetadataStore, workspace: string): Promise<SiteInfo[]> {
  return (await accounts.findBy<SiteDocument>('sites', 'workspace', workspace)).map((doc) => ({ id: doc.id, ...doc.body }));
}

/** Binds a site id to a workspace: its tracker traffic is collected there from now on. */
export async function registerSite(
  accounts: MetadataStore,
  input: { id: string; workspace: string; name: string | null },
): Promise<SiteInfo> {
  if (!SITE_ID_RE.test(input.id)) {
    throw new AppError('validation', `site: '${input.id.slice(0, 60)}' is not a site id (letters, digits, '.', '_', '-'; up to 100)`, {
      field: 'site',
    });
  }
  const existing = await accounts.get<SiteDocument>('sites', input.id);
  if (existing) {
    const where = existing.body.workspace === input.workspace ? 'this workspace' : 'another workspace';
    throw new AppError('conflict', `the site '${input.id}' is registered to ${where} already`);
  }
  const body: SiteDocument = { workspace: input.workspace, name: input.name, createdAt: new Date().toISOString() };
  await accounts.put('sites', input.id, body);
  return { id: input.id, ...body };
}

export async function removeSite(accounts: MetadataStore, workspace: string, id: string): Promise<void> {
  const existing = await accounts.get<SiteDocument>('sites', id);
  if (!existing || existing.body.workspace !== workspace) throw new AppError('notFound', `no site '${id}' in this workspace`);
  await accounts.delete('sites', id);
}

/**
 * Which workspace a site's traffic goes to, from a copy of the `sites` collection refreshed every
 * `ttlMs` (the collector's hot path must not query metadata per request); a site registered through
 * this process applies at once (`forget`).
 */
export class SiteDirectory {
  #sites = new Map<string, string>();
  #at = Number.NEGATIVE_INFINITY;
  #pending: Promise<void> | undefined;

  constructor(
    private readonly accounts: MetadataStore,
    private readonly ttlMs = 2000,
  ) {}

  async workspaceOf(site: string): Promise<string> {
    if (Date.now() - this.#at >= this.ttlMs) {
      this.#pending ??= this.refresh().finally(() => {
        this.#pending = undefined;
      });
      // The first load is awaited; later refreshes run behind the cached answer (a failed one is
      // retried by the next request).
      if (this.#at === Number.NEGATIVE_INFINITY) await this.#pending;
      else this.#pending.catch(() => undefined);
    }
    return this.#sites.get(site) ?? DEFAULT_WORKSPACE;
  }

  forget(): void {
    this.#at = Number.NEGATIVE_INFINITY;
  }

  private async refresh(): Promise<void> {
    const docs = await this.accounts.list<SiteDocument>('sites');
    this.#sites = new Map(docs.map((doc) => [doc.id, doc.body.workspace]));
    this.#at = Date.now();
  }
}

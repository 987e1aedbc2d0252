/**
 * Several workspaces in one server. The default workspace's app receives every request; an API
 * request for another workspace is handed, before anything else runs, to that workspace's own app
 * (its own store, metadata, authorization, rate limits and ingest pipeline), so routes never see
 * another workspace's data. Which workspace a request is for, in order:
 * 1. the `X-Northstar-Workspace` header (an unknown id is a 404);
 * 2. a share link's token in the path (`/api/v1/share/:token…`): the workspace that issued it;
 * 3. an API key (`Authorization: Bearer …`): the workspace that issued it;
 * 4. the `ns_workspace` cookie the dashboard's switcher sets (an unknown id falls back);
 * 5. the default workspace.
 * The tracker's `/api/v1/collect` is answered by the default app, which hands each batch to the
 * pipeline of the workspace its site is registered to (see SiteDirectory).
 */
import fastifyCookie from '@fastify/cookie';
import { AppError } from '@northstar/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from '../auth/api-keys.ts';
import { findShareLink } from '../auth/share-links.ts';
import { DEFAULT_WORKSPACE } from '../auth/users.ts';
import type { IngestPipeline } from '../ingest/ingest-pipeline.ts';
import type { MetadataStore } from '../meta/metadata-store.ts';
import type { Store } from '../store/store.ts';
import { registerWorkspace, SiteDirectory, type WorkspaceInfo, workspaceExists } from './workspace-registry.ts';

export const WORKSPACE_HEADER = 'x-northstar-workspace';
export const WORKSPACE_COOKIE = 'ns_workspace';

/** How a server opens the data of its other workspaces (`northstar serve`: DIR/workspaces/<id>). */
export interface WorkspaceHosting {
  /** Opens the store of a workspace other than the default one, creating it when new. */
  open(id: string): Promise<{ store: Store; ingestLogDir?: string }>;
  /** Called once for each workspace store opened (e.g. to start its scheduled jobs). */
  onOpened?(id: string, store: Store): void;
  /** Called after a workspace's app has closed, before its store is closed. */
  onClosing?(id: string, store: Store): Promise<void>;
}

/** Builds the app of one non-default workspace around its store. */
export type WorkspaceAppFactory = (
  id: string,
  store: Store,
  ingestLogDir: string | undefined,
  onPipeline: (pipeline: IngestPipeline) => void,
) => Promise<FastifyInstance>;

interface OpenWorkspace {
  store: Store;
  app: FastifyInstance;
  keys: ApiKeyVerifier;
  pipeline?: IngestPipeline;
}

const SHARE_PATH = /^\/api\/v1\/share\/([^/?#]+)/;
const BEARER = /^Bearer\s+\S+\s*$/i;

/** Whether the verifier knows the key (valid and not revoked). */
function issued(keys: ApiKeyVerifier, authorization: string): Promise<boolean> {
  return keys.identify(authorization).then(
    () => true,
    () => false,
  );
}

export class WorkspaceRouter {
  readonly sites: SiteDirectory;
  readonly #open = new Map<string, Promise<OpenWorkspace>>();
  #known = new Set<string>();
  #closed = false;

  constructor(
    readonly defaultStore: Store,
    private readonly accounts: MetadataStore,
    private readonly secret: string,
    /** The default app's own key verifier (its keys live in the accounts metadata). */
    private readonly defaultKeys: ApiKeyVerifier,
    private readonly hosting: WorkspaceHosting,
    private readonly build: WorkspaceAppFactory,
  ) {
    this.sites = new SiteDirectory(accounts);
  }

  /** Opens every registered workspace (at start, so their jobs and ingest logs run). */
  async openAll(): Promise<void> {
    const docs = await this.accounts.list('workspaces');
    this.#known = new Set(docs.map((doc) => doc.id));
    for (const id of this.#known) await this.workspace(id);
  }

  /** Registers a workspace, opens its data and answers for it from now on. */
  async create(input: { name: string; id?: string | undefined; createdBy: string | null }): Promise<WorkspaceInfo> {
    const info = await registerWorkspace(this.accounts, input);
    this.#known.add(info.id);
    const { store } = await this.workspace(info.id);
    // The dashboard's header shows the workspace's own settings: start them with its name.
    await store.updateSettings({ name: info.name });
    return info;
  }

  /** The onRequest hook of the default app: hands other workspaces' API requests to their app. */
  readonly dispatch = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (this.#known.size === 0 && request.headers[WORKSPACE_HEADER] === undefined) return;
    if (!request.url.startsWith('/api/')) return;
    const id = await this.pick(request);
    if (id === DEFAULT_WORKSPACE) return;
    const { app } = await this.workspace(id);
    reply.hijack();
    app.routing(request.raw, reply.raw);
  };

  /** The pipeline of the workspace a tracked site belongs to; undefined for the default workspace. */
  async pipelineForSite(site: string): Promise<IngestPipeline | undefined> {
    if (this.#known.size === 0) return undefined;
    const id = await this.sites.workspaceOf(site);
    if (id === DEFAULT_WORKSPACE || !this.#known.has(id)) return undefined;
    const open = await this.workspace(id);
    if (!open.pipeline) throw new AppError('overloaded', `the workspace '${id}' is starting; try again`, { retryAfterSeconds: 1 });
    return open.pipeline;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const [id, pending] of this.#open) {
      const open = await pending.catch(() => undefined);
      if (!open) continue;
      await open.app.close();
      await this.hosting.onClosing?.(id, open.store);
      await open.store.close();
    }
    this.#open.clear();
  }

  private async pick(request: FastifyRequest): Promise<string> {
    const header = request.headers[WORKSPACE_HEADER];
    if (typeof header === 'string') {
      if (this.#known.has(header) || header === DEFAULT_WORKSPACE) return header;
      // Registered by another process since this one started?
      if (await workspaceExists(this.accounts, header).catch(() => false)) {
        this.#known.add(header);
        return header;
      }
      throw new AppError('notFound', `no workspace '${header.slice(0, 60)}'`);
    }
    const share = SHARE_PATH.exec(request.url);
    if (share) return this.ownerOfShareToken(decodeURIComponent(share[1] ?? ''));
    const authorization = request.headers.authorization;
    if (authorization !== undefined && BEARER.test(authorization)) return this.ownerOfKey(authorization);
    // The cookie plugin has not run yet: this hook comes first.
    const chosen = request.headers.cookie ? fastifyCookie.parse(request.headers.cookie)[WORKSPACE_COOKIE] : undefined;
    if (chosen !== undefined && this.#known.has(chosen)) return chosen;
    return DEFAULT_WORKSPACE;
  }

  private async ownerOfShareToken(token: string): Promise<string> {
    for (const id of this.#known) {
      const { store } = await this.workspace(id);
      if (await findShareLink(store.metadata, this.secret, token)) return id;
    }
    return DEFAULT_WORKSPACE;
  }

  private async ownerOfKey(authorization: string): Promise<string> {
    if (await issued(this.defaultKeys, authorization)) return DEFAULT_WORKSPACE;
    for (const id of this.#known) {
      if (await issued((await this.workspace(id)).keys, authorization)) return id;
    }
    // Nobody issued it: the default app answers 401.
    return DEFAULT_WORKSPACE;
  }

  private workspace(id: string): Promise<OpenWorkspace> {
    if (this.#closed) return Promise.reject(new AppError('overloaded', 'the server is shutting down'));
    let pending = this.#open.get(id);
    if (!pending) {
      pending = this.openWorkspace(id);
      this.#open.set(id, pending);
      // A failed open is retried by the next request.
      pending.catch(() => this.#open.delete(id));
    }
    return pending;
  }

  private async openWorkspace(id: string): Promise<OpenWorkspace> {
    const { store, ingestLogDir } = await this.hosting.open(id);
    const open: OpenWorkspace = { store, keys: new ApiKeyVerifier(store.metadata, 2000) } as OpenWorkspace;
    try {
      open.app = await this.build(id, store, ingestLogDir, (pipeline) => {
        open.pipeline = pipeline;
      });
      await open.app.ready();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    this.hosting.onOpened?.(id, store);
    return open;
  }
}

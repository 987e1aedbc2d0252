/**
 * The tracker's endpoints: `GET /t.js` (the snippet) and `POST /api/v1/collect` (public, by site
 * id, CORS open to every origin; the tracker posts text/plain so browsers send no preflight).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@northstar/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IngestPipeline } from '../../ingest/ingest-pipeline.ts';
import { readJsonBody } from '../../ingest/read-body.ts';
import { readCollectBody, toCollectBatch } from '../../ingest/to-batch.ts';

const TRACKER_FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../../tracker/dist/t.js');
/** User agents are cut to this length before hashing and parsing. */
export const MAX_USER_AGENT = 512;

export interface CollectRouteOptions {
  /** Read the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  /** The built tracker; packages/tracker/dist/t.js by default. */
  trackerFile?: string;
  /** A server with several workspaces: the pipeline of the workspace a site is registered to (undefined: this one). */
  pipelineForSite?: (site: string) => Promise<IngestPipeline | undefined>;
}

/** The client address, from X-Forwarded-For behind a trusted proxy (never stored: only hashed). */
export function clientIp(request: FastifyRequest, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(request.headers['x-forwarded-for'] ?? '')
      .split(',')[0]
      ?.trim();
    if (forwarded) return forwarded;
  }
  return request.ip;
}

/** `GET /t.js`: the built tracker snippet, loadable from any site (the server's and a collector's). */
export function registerTrackerScript(scope: FastifyInstance, trackerFile = TRACKER_FILE): void {
  let tracker: Promise<Buffer> | undefined;
  scope.get('/t.js', async (_request, reply) => {
    tracker ??= readFile(trackerFile);
    const body = await tracker.catch(() => {
      tracker = undefined;
      throw new AppError('notFound', 'the tracker is not built: run `npm run build --workspace @northstar/tracker`');
    });
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('access-control-allow-origin', '*')
      .send(body);
  });
}

export function registerCollectRoutes(scope: FastifyInstance, pipeline: IngestPipeline, options: CollectRouteOptions): void {
  registerTrackerScript(scope, options.trackerFile);

  scope.options('/api/v1/collect', async (_request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type, content-encoding')
      .header('access-control-max-age', '86400')
      .send(),
  );

  scope.post('/api/v1/collect', async (request, reply) => {
    void reply.header('access-control-allow-origin', '*');
    pipeline.admit();
    const { site, events } = readCollectBody(readJsonBody(request.body, request.headers['content-encoding']));
    const target = (await options.pipelineForSite?.(site)) ?? pipeline;
    if (target !== pipeline) target.admit();
    const nowMs = target.now();
    const userAgent = String(request.headers['user-agent'] ?? '').slice(0, MAX_USER_AGENT);
    const visitorId = await target.visitorIds.idFor(site, clientIp(request, options.trustProxy), userAgent, nowMs);
    const batch = toCollectBatch(site, events, { visitorId, userAgent, nowMs });
    if (batch.rows.length === 0) {
      throw new AppError('validation', `none of the ${batch.received} events is valid`, { errors: batch.errors });
    }
    return target.ingest(batch, { emptyUserAgent: 'bot' });
  });
}

/**
 * The collector's HTTP surface, and nothing else: `POST /api/v1/events` (ingest key),
 * `POST /api/v1/collect` and `GET /t.js` (the tracker), and `GET /api/v1/health`, which load
 * balancers poll and which tells how many acknowledged events wait to be shipped. Bodies are read
 * raw (gzip accepted) so limits hold on the decompressed size, as on the server.
 */
import { AppError } from '@northstar/core';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from '../auth/api-keys.ts';
import { registerSecurity } from '../http/auth/security.ts';
import { handleError } from '../http/errors.ts';
import { clientIp, MAX_USER_AGENT, registerTrackerScript } from '../http/routes/collect.ts';
import { INGEST_LIMITS } from '../ingest/limits.ts';
import { privacyLoggerOptions } from '../ingest/privacy-log.ts';
import { readJsonBody } from '../ingest/read-body.ts';
import { readCollectBody, toCollectBatch, toServerBatch } from '../ingest/to-batch.ts';
import type { MetadataStore } from '../meta/metadata-store.ts';
import type { Store } from '../store/store.ts';
import { CollectorPipeline, type CollectorPipelineOptions } from './collector-pipeline.ts';
import { readOnlyMetadata } from './read-only-metadata.ts';

export interface CollectorAppOptions extends CollectorPipelineOptions {
  store: Store;
  /** Where API keys and the visitor salt are read (PostgreSQL in a deployment); never written. */
  metadata: MetadataStore;
  /** Read the client address from X-Forwarded-For (behind a load balancer). */
  trustProxy?: boolean;
  trackerFile?: string;
  logger?: boolean;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Overload carries Retry-After; fastify's body errors get our codes. */
function handleCollectorError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const retry = error instanceof AppError ? (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
  if (retry !== undefined) void reply.header('retry-after', String(retry));
  if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    handleError(new AppError('payloadTooLarge', `the body is larger than ${INGEST_LIMITS.maxRequestBytes} bytes`), request, reply);
    return;
  }
  handleError(error, request, reply);
}

export async function buildCollectorApp(options: CollectorAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ? privacyLoggerOptions() : false, bodyLimit: INGEST_LIMITS.maxRequestBytes });
  await registerSecurity(app, false);
  app.setErrorHandler(handleCollectorError);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INGEST_LIMITS.maxRequestBytes }, (_request, body, done) =>
    done(null, body),
  );
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NS_ERR_NOT_FOUND', message: `a collector has no route ${request.method} ${request.url}` } }),
  );

  const metadata = readOnlyMetadata(options.metadata);
  const pipeline = await CollectorPipeline.start(options.store, metadata, options);
  app.addHook('onClose', async () => pipeline.close());
  const keys = new ApiKeyVerifier(metadata);
  const trustProxy = options.trustProxy ?? false;

  app.get('/api/v1/health', async () => ({ status: 'ok', role: 'collector', ...pipeline.stats() }));

  app.post('/api/v1/events', async (request) => {
    await keys.verify(request.headers.authorization, 'ingest');
    if (!JSON_TYPE.test(String(request.headers['content-type'] ?? ''))) {
      throw new AppError('unsupportedFormat', 'send the events as application/json');
    }
    const batch = toServerBatch(readJsonBody(request.body, request.headers['content-encoding']), pipeline.timezone());
    if (batch.rows.length === 0)
      throw new AppError('validation', `none of the ${batch.received} events is valid`, { errors: batch.errors });
    return pipeline.ingest(batch, { emptyUserAgent: 'human' });
  });

  app.options('/api/v1/collect', async (_request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type, content-encoding')
      .header('access-control-max-age', '86400')
      .send(),
  );

  app.post('/api/v1/collect', async (request, reply) => {
    void reply.header('access-control-allow-origin', '*');
    const { site, events } = readCollectBody(readJsonBody(request.body, request.headers['content-encoding']));
    const nowMs = pipeline.now();
    const userAgent = String(request.headers['user-agent'] ?? '').slice(0, MAX_USER_AGENT);
    const visitorId = await pipeline.visitorIds.idFor(site, clientIp(request, trustProxy), userAgent, nowMs);
    const batch = toCollectBatch(site, events, { visitorId, userAgent, nowMs });
    if (batch.rows.length === 0)
      throw new AppError('validation', `none of the ${batch.received} events is valid`, { errors: batch.errors });
    return pipeline.ingest(batch, { emptyUserAgent: 'bot' });
  });

  registerTrackerScript(app, options.trackerFile);
  return app;
}

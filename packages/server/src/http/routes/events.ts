/**
 * Live ingestion over HTTP: starts the ingest pipeline with the app and closes it (committing what
 * is queued) with the app; registers `POST /api/v1/events` (server-side senders, ingest key),
 * `GET /api/v1/ingest/stats` and the tracker's routes. Bodies are read raw (gzip accepted) so
 * limits hold on the decompressed size.
 */
import { AppError } from '@northstar/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from '../../auth/api-keys.ts';
import { IngestPipeline, type IngestPipelineOptions } from '../../ingest/ingest-pipeline.ts';
import { INGEST_LIMITS } from '../../ingest/limits.ts';
import { readJsonBody } from '../../ingest/read-body.ts';
import { toServerBatch } from '../../ingest/to-batch.ts';
import type { MetadataStore } from '../../meta/metadata-store.ts';
import type { Store } from '../../store/store.ts';
import { handleError } from '../errors.ts';
import { type CollectRouteOptions, registerCollectRoutes } from './collect.ts';

export interface IngestRouteOptions extends IngestPipelineOptions, Partial<CollectRouteOptions> {
  /** Told the pipeline once it has started (a server with several workspaces routes tracker batches to it). */
  onPipeline?: (pipeline: IngestPipeline) => void;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Errors of the ingest routes: overload carries Retry-After; fastify's body errors get our codes. */
function handleIngestError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retry !== undefined) void reply.header('retry-after', String(retry));
  }
  if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    handleError(new AppError('payloadTooLarge', `the body is larger than ${INGEST_LIMITS.maxRequestBytes} bytes`), request, reply);
    return;
  }
  handleError(error, request, reply);
}

export function registerIngestRoutes(app: FastifyInstance, store: Store, meta: MetadataStore, options: IngestRouteOptions = {}): void {
  app.register(async (scope) => {
    const pipeline = await IngestPipeline.start(store, meta, options);
    scope.addHook('onClose', async () => pipeline.close());
    options.onPipeline?.(pipeline);
    const keys = new ApiKeyVerifier(meta);

    scope.setErrorHandler(handleIngestError);
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INGEST_LIMITS.maxRequestBytes }, (_request, body, done) =>
      done(null, body),
    );

    scope.post('/api/v1/events', async (request) => {
      await keys.verify(request.headers.authorization, 'ingest');
      pipeline.admit();
      if (!JSON_TYPE.test(String(request.headers['content-type'] ?? ''))) {
        throw new AppError('unsupportedFormat', 'send the events as application/json');
      }
      const body = readJsonBody(request.body, request.headers['content-encoding']);
      const batch = toServerBatch(body, await pipeline.timezone());
      if (batch.rows.length === 0) {
        throw new AppError('validation', `none of the ${batch.received} events is valid`, { errors: batch.errors });
      }
      return pipeline.ingest(batch, { emptyUserAgent: 'human' });
    });

    scope.get('/api/v1/ingest/stats', async (request) => {
      await keys.verify(request.headers.authorization, 'ingest');
      return pipeline.stats();
    });

    registerCollectRoutes(scope, pipeline, { ...options, trustProxy: options.trustProxy ?? process.env.NORTHSTAR_TRUST_PROXY === '1' });
  });
}

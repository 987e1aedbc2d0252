import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError, INPUT_KINDS, isInputKind } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { importRecords } from '../../import/import-records.ts';
import { type FileFormat, readRecords } from '../../import/read-records.ts';
import type { Store } from '../../store/store.ts';

const FORMATS: Record<string, FileFormat> = {
  'text/csv': 'csv',
  'text/plain': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
};

const querySchema = z.object({ strict: z.enum(['true', 'false', '1', '0']).optional() });

/** POST /api/v1/import/:kind — the body is streamed (CSV, JSON array or NDJSON; gzip accepted). */
export function registerImportRoutes(app: FastifyInstance, store: Store): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    scope.post<{ Params: { kind: string } }>('/api/v1/import/:kind', { bodyLimit: 1024 ** 3 }, async (request) => {
      const { kind } = request.params;
      if (!isInputKind(kind)) {
        throw new AppError('unknownKind', `unknown kind '${kind}': expected one of ${INPUT_KINDS.join(', ')}`);
      }
      const query = querySchema.safeParse(request.query);
      if (!query.success) throw new AppError('badRequest', 'strict must be true or false');
      const mime =
        String(request.headers['content-type'] ?? '')
          .split(';')[0]
          ?.trim()
          .toLowerCase() ?? '';
      const format = FORMATS[mime];
      if (!format) {
        throw new AppError(
          'unsupportedFormat',
          `unsupported content type '${mime}': send text/csv, application/json or application/x-ndjson`,
        );
      }
      let body = request.body as Readable;
      if (String(request.headers['content-encoding'] ?? '').toLowerCase() === 'gzip') {
        body = pipeline(body, createGunzip(), () => undefined);
      }
      const source = await readRecords(body, format);
      const strict = query.data.strict === 'true' || query.data.strict === '1';
      const report = await importRecords(store, kind, source, { strict });
      if (strict && report.rowsRejected > 0) {
        throw new AppError('strictImport', `${report.rowsRejected} rows failed validation; nothing was stored (strict)`, {
          errors: report.errors,
        });
      }
      return report;
    });
  });
}

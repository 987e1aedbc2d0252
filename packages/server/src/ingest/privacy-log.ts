/**
 * Logger options that never write a visitor's IP address (nor query strings, which may carry
 * personal data): fastify's default request serializer logs `remoteAddress`, so it is replaced.
 */
import type { FastifyServerOptions } from 'fastify';

interface LoggedRequest {
  method?: string;
  url?: string;
  id?: string;
}

export function serializeRequest(request: LoggedRequest): Record<string, unknown> {
  return { id: request.id, method: request.method, path: (request.url ?? '').split('?')[0] };
}

export function privacyLoggerOptions(level = 'info'): FastifyServerOptions['logger'] {
  return { level, serializers: { req: serializeRequest } };
}

/**
 * Security headers (a Content-Security-Policy the built dashboard runs under), cookies and rate
 * limits. The tracker's script and collector stay loadable from any site.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';

export interface RateLimitOptions {
  /** API requests per client address per minute (the collector and /events are bounded by their queue instead). */
  apiPerMinute: number;
  /** Login, setup and password-change attempts per address and email per 15 minutes. */
  loginPer15Minutes: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = { apiPerMinute: 1200, loginPer15Minutes: 10 };

const CROSS_ORIGIN_PATHS = new Set(['/t.js', '/api/v1/collect']);
const UNLIMITED = new Set(['/api/v1/collect', '/api/v1/events']);

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React sets style properties through the DOM, which CSP allows; inline <style> in report HTML needs this.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Not upgrade-insecure-requests: a server on a LAN address over plain HTTP must keep working.
  upgradeInsecureRequests: null,
};

function rateLimitError(message: string) {
  return (_request: FastifyRequest, context: { after: string }) =>
    Object.assign(new Error(`${message}; try again in ${context.after}`), { statusCode: 429, code: 'NS_ERR_RATE_LIMITED' });
}

/** Route config for login-like routes: keyed by address and the email tried, counted before the password is checked. */
export function loginRateLimit(limits: RateLimitOptions) {
  return {
    rateLimit: {
      max: limits.loginPer15Minutes,
      timeWindow: 15 * 60 * 1000,
      hook: 'preHandler' as const,
      keyGenerator: (request: FastifyRequest) => {
        const email = (request.body as { email?: unknown } | undefined)?.email;
        return `login|${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
      },
      errorResponseBuilder: rateLimitError('too many attempts'),
    },
  };
}

export async function registerSecurity(app: FastifyInstance, limits: RateLimitOptions | false): Promise<void> {
  await app.register(fastifyCookie);
  // Built once: @fastify/helmet rebuilds the middleware (and reparses the CSP) on every request,
  // a tenth of the collector's CPU per event.
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Opening a share link from a mail or chat must keep working; no referrer leaves the site with paths.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  app.addHook('onSend', async (request, reply, payload) => {
    if (CROSS_ORIGIN_PATHS.has(request.routeOptions.url ?? '')) void reply.header('cross-origin-resource-policy', 'cross-origin');
    if ((request.routeOptions.url ?? '').startsWith('/api/'))
      void reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    return payload;
  });
  if (limits === false) return;
  await app.register(fastifyRateLimit, {
    global: true,
    max: limits.apiPerMinute,
    timeWindow: 60 * 1000,
    allowList: (request) => {
      const url = request.routeOptions.url ?? '';
      return !url.startsWith('/api/') || UNLIMITED.has(url);
    },
    errorResponseBuilder: rateLimitError('too many requests'),
  });
}

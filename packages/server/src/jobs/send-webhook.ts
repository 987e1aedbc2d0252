/**
 * POSTs a JSON body to a checked webhook URL, connecting to the checked address (never a second
 * DNS answer) and following no redirect. A 2xx answer is a delivery; anything else throws.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { checkWebhookUrl, type Resolver } from './target-address.ts';

export interface WebhookOptions {
  allowPrivate: boolean;
  /** Sent as X-Northstar-Delivery so a receiver can drop a repeated delivery. */
  deliveryId: string;
  timeoutMs?: number;
  resolve?: Resolver;
}

export async function sendWebhook(url: string, body: unknown, options: WebhookOptions): Promise<{ status: number }> {
  const target = await checkWebhookUrl(url, {
    allowPrivate: options.allowPrivate,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const payload = Buffer.from(JSON.stringify(body));
  const secure = target.url.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  const hostname = target.url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.address,
        port: target.url.port || (secure ? 443 : 80),
        path: `${target.url.pathname}${target.url.search}`,
        method: 'POST',
        headers: {
          host: target.url.host,
          'content-type': 'application/json',
          'content-length': payload.length,
          'user-agent': 'Northstar',
          'x-northstar-delivery': options.deliveryId,
        },
        ...(secure && isIP(hostname) === 0 ? { servername: hostname } : {}),
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ status });
          else reject(new Error(`webhook answered HTTP ${status}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('webhook timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Turns a raw request body into JSON: gzip decoded with the decompressed size capped, UTF-8
 * checked, nesting bounded and `__proto__` keys refused, so a hostile body costs at most one
 * bounded parse and ends in a 4xx.
 */
import { gunzipSync } from 'node:zlib';
import { AppError } from '@northstar/core';
import { INGEST_LIMITS } from './limits.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeBody(raw: Buffer, contentEncoding: string | undefined, maxBytes: number = INGEST_LIMITS.maxRequestBytes): string {
  let bytes = raw;
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new AppError('payloadTooLarge', `the decompressed body is larger than ${maxBytes} bytes`);
      }
      throw new AppError('badRequest', 'the body is not valid gzip');
    }
  } else if (encoding !== '' && encoding !== 'identity') {
    throw new AppError('unsupportedFormat', `unsupported content-encoding '${encoding.slice(0, 40)}': send gzip or no encoding`);
  }
  if (bytes.length > maxBytes) throw new AppError('payloadTooLarge', `the body is larger than ${maxBytes} bytes`);
  if (bytes.length === 0) throw new AppError('badRequest', 'the body is empty: send a JSON object');
  try {
    return decoder.decode(bytes);
  } catch {
    throw new AppError('badRequest', 'the body is not valid UTF-8');
  }
}

/** Deepest nesting of arrays/objects in JSON text; strings are skipped so brackets inside them do not count. */
export function jsonDepth(text: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 92 /* \ */) i++;
        else if (s === 34) break;
      }
    } else if (c === 123 || c === 91 /* { [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 || c === 93 /* } ] */) depth--;
  }
  return max;
}

function refuseProto(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new AppError('badRequest', 'the body holds a "__proto__" key, which is not allowed');
  return value;
}

/** Parses JSON text; every failure is a 400 that says what is wrong. */
export function parseJson(text: string, maxDepth: number = INGEST_LIMITS.maxJsonDepth): unknown {
  if (jsonDepth(text, maxDepth) > maxDepth) {
    throw new AppError('badRequest', `the JSON is nested deeper than ${maxDepth} levels`);
  }
  // The reviver costs a call per value, so it runs only when the text may spell the key (escapes included).
  const suspicious = text.includes('__proto__') || text.includes('\\u');
  try {
    return suspicious ? JSON.parse(text, refuseProto) : JSON.parse(text);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('badRequest', `the body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
}

/** The JSON of a request body handed over as a Buffer (absent when the request had none). */
export function readJsonBody(raw: unknown, contentEncoding: string | undefined): unknown {
  if (!Buffer.isBuffer(raw)) throw new AppError('badRequest', 'the body is empty: send a JSON object');
  return parseJson(decodeBody(raw, contentEncoding));
}

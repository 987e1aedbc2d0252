import { createReadStream, type ReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { type Duplex, pipeline, Readable } from 'node:stream';
import { AppError, normaliseHeader } from '@northstar/core';
import { parse as parseCsv } from 'csv-parse';
import streamArray from 'stream-json/streamers/stream-array.js';

export type RawRecord = Record<string, unknown>;
export type FileFormat = 'csv' | 'json' | 'ndjson';

export interface RecordSource {
  /** Header names as found (normalised); for JSON, the keys of the first record. */
  headers: () => readonly string[];
  records: AsyncIterable<RawRecord>;
}

export function formatFromPath(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  throw new AppError('unsupportedFormat', `cannot tell the format of '${path}': use a .csv, .json or .ndjson file`);
}

/** Picks the delimiter that splits the header line most: comma, semicolon, tab or pipe. */
export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Reads the first chunk to sniff the delimiter or JSON shape, then replays it. */
async function peek(stream: Readable): Promise<{ head: string; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]();
  let head = '';
  const seen: Buffer[] = [];
  while (head.length < 4096) {
    const next = await iterator.next();
    if (next.done) break;
    const buf = Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    seen.push(buf);
    head += buf.toString('utf8');
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* seen;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    }
  }
  return { head: head.replace(/^\uFEFF/, ''), stream: Readable.from(replay()) };
}

/** Streams records from a CSV, JSON array or NDJSON byte stream; memory stays flat. */
export async function readRecords(input: Readable, format: FileFormat): Promise<RecordSource> {
  let peeked: Awaited<ReturnType<typeof peek>>;
  try {
    peeked = await peek(input);
  } catch (error) {
    throw new AppError('badRequest', `could not read the input: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { head, stream } = peeked;
  if (head.trim() === '') throw new AppError('emptyFile', 'the file is empty: expected a header row or JSON records');
  if (format === 'csv') return readCsv(stream, head);
  const first = head.trimStart()[0];
  if (format === 'json' && first === '[') return readJsonArray(stream);
  if (first !== '{') throw new AppError('badRequest', 'JSON input must be an array of objects or one object per line (NDJSON)');
  return readNdjson(stream);
}

function readCsv(stream: Readable, head: string): RecordSource {
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  let headers: string[] = [];
  const parser = chain(
    stream,
    parseCsv({
      delimiter: detectDelimiter(firstLine),
      bom: true,
      columns: (header: string[]) => {
        headers = header.map(normaliseHeader);
        return headers;
      },
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }),
  );
  return { headers: () => headers, records: parser as AsyncIterable<RawRecord> };
}

function readJsonArray(stream: Readable): RecordSource {
  let headers: string[] = [];
  const items = chain(stream, streamArray.withParserAsStream());
  async function* records(): AsyncGenerator<RawRecord> {
    for await (const item of items as AsyncIterable<{ key: number; value: unknown }>) {
      const record = normaliseKeys(item.value);
      if (headers.length === 0) headers = Object.keys(record);
      yield record;
    }
  }
  return { headers: () => headers, records: records() };
}

function readNdjson(stream: Readable): RecordSource {
  let headers: string[] = [];
  async function* records(): AsyncGenerator<RawRecord> {
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = { __invalid_json__: line.slice(0, 60) };
      }
      const record = normaliseKeys(value);
      if (headers.length === 0) headers = Object.keys(record).filter((k) => k !== '__invalid_json__');
      yield record;
    }
  }
  return { headers: () => headers, records: records() };
}

/** Pipes with error propagation: an error anywhere (bad gzip, bad JSON) ends the iteration with it. */
function chain(source: Readable, transform: Duplex): Duplex {
  return pipeline(source, transform, () => undefined) as Duplex;
}

/** Lower-cases keys; a non-object record becomes a marker the validator reports. */
function normaliseKeys(value: unknown): RawRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { __not_an_object__: true };
  const out: RawRecord = {};
  for (const [key, cell] of Object.entries(value as RawRecord)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[normaliseHeader(key)] = cell;
  }
  return out;
}

export function openFile(path: string): ReadStream {
  return createReadStream(path);
}

/**
 * The append-only ingest log: what a 2xx stands on. Each group commit is one record, written with
 * one `write` and made durable with one `fdatasync`; the loader moves records into the store later
 * (see logged-writer.ts). Records live in segment files named by the log position of their first
 * byte; a record is `length (u32 LE) · crc32 (u32 LE) · payload`, the payload being
 * `{"t":receivedAtMs,"r":[rows…]}`. The position up to which records are in the store is kept in
 * `loaded` (written to a temporary file, synced, renamed), and segments wholly before it are removed.
 *
 * On open, a record whose length runs past the file's end or whose checksum fails (a write torn by
 * a crash) ends the log: the file is truncated there. A record can only be torn if its fdatasync
 * never returned, so no sender was told it was stored.
 */

import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { StoredRow } from '@northstar/core';

const HEADER_BYTES = 8;
const SEGMENT_DIGITS = 20;
const SEGMENT_FILE = /^(\d{20})\.log$/;
const LOADED_FILE = 'loaded';
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

export interface LogRecord {
  /** Log position of the record's first byte and of the byte after it. */
  start: number;
  end: number;
  receivedAtMs: number;
  rows: StoredRow[];
}

/** The record of one group: header and payload in one buffer, ready for a single write. */
export function encodeRecord(receivedAtMs: number, rowsJson: readonly string[]): Buffer {
  return encodeRecordParts(
    receivedAtMs,
    rowsJson.map((json) => Buffer.from(json)),
  );
}

/**
 * As encodeRecord, from rows already serialised by each request: `parts` are UTF-8 JSON fragments
 * `{…},{…}` (an array's text without its brackets). Requests encode their own rows as they come,
 * so a group costs one copy and one checksum here rather than a join and re-encoding of megabytes.
 */
export function encodeRecordParts(receivedAtMs: number, parts: readonly Uint8Array[]): Buffer {
  const prefix = `{"t":${receivedAtMs},"r":[`;
  let length = prefix.length + 2 + Math.max(0, parts.length - 1);
  for (const part of parts) length += part.length;
  const record = Buffer.allocUnsafe(HEADER_BYTES + length);
  let at = HEADER_BYTES + record.write(prefix, HEADER_BYTES, 'latin1');
  parts.forEach((part, index) => {
    if (index > 0) record[at++] = COMMA;
    record.set(part, at);
    at += part.length;
  });
  record[at++] = CLOSE_BRACKET;
  record[at] = CLOSE_BRACE;
  record.writeUInt32LE(length, 0);
  record.writeUInt32LE(crc32(record.subarray(HEADER_BYTES)), 4);
  return record;
}

/** Whole records of one segment, and where the first torn or garbled one starts (if any). */
export function decodeSegment(bytes: Buffer, base: number): { records: LogRecord[]; validBytes: number } {
  const records: LogRecord[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(offset);
    const end = offset + HEADER_BYTES + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) break;
    const { t, r } = JSON.parse(payload.toString('utf8')) as { t: number; r: StoredRow[] };
    records.push({ start: base + offset, end: base + end, receivedAtMs: t, rows: r });
    offset = end;
  }
  return { records, validBytes: offset };
}

const segmentName = (position: number) => `${String(position).padStart(SEGMENT_DIGITS, '0')}.log`;

async function readLoaded(dir: string): Promise<number> {
  const text = await readFile(join(dir, LOADED_FILE), 'utf8').catch(() => '0');
  const position = Number(text.trim());
  // A garbled offset file only costs a longer replay: loading is idempotent.
  return Number.isSafeInteger(position) && position >= 0 ? position : 0;
}

async function listSegments(dir: string): Promise<number[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .map((name) => SEGMENT_FILE.exec(name)?.[1])
    .filter((start): start is string => start !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Reads what is logged and not yet loaded, truncating a torn tail. Records wholly before the loaded
 * position are skipped; segments after a torn record are dropped (nothing after it was acknowledged).
 */
export async function recoverLog(dir: string): Promise<{ loaded: number; end: number; records: LogRecord[] }> {
  const loaded = await readLoaded(dir);
  const segments = await listSegments(dir);
  const records: LogRecord[] = [];
  let end = loaded;
  for (let i = 0; i < segments.length; i++) {
    const base = segments[i] as number;
    const path = join(dir, segmentName(base));
    const bytes = await readFile(path);
    const decoded = decodeSegment(bytes, base);
    for (const record of decoded.records) if (record.end > loaded) records.push(record);
    end = Math.max(end, base + decoded.validBytes);
    if (decoded.validBytes < bytes.length) {
      await truncate(path, decoded.validBytes);
      for (const later of segments.slice(i + 1)) await rm(join(dir, segmentName(later)), { force: true });
      break;
    }
  }
  return { loaded, end, records };
}

/**
 * Records the loaded position durably, then removes the segments wholly before it. The newest
 * segment is always kept: it may be the one appends go to, even one opened a moment ago.
 */
export async function markLoaded(dir: string, position: number): Promise<void> {
  const temporary = join(dir, `${LOADED_FILE}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(String(position));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, join(dir, LOADED_FILE));
  const segments = await listSegments(dir);
  for (let i = 0; i + 1 < segments.length; i++) {
    if ((segments[i + 1] as number) <= position) await rm(join(dir, segmentName(segments[i] as number)), { force: true });
  }
}

/** The open tail of the log: appends go to the current segment, a new one past `segmentBytes`. */
export class IngestLog {
  #handle: FileHandle | undefined;
  #segmentStart: number;
  #end: number;

  private constructor(
    readonly dir: string,
    end: number,
    private readonly segmentBytes: number,
  ) {
    this.#segmentStart = end;
    this.#end = end;
  }

  /** Opens a fresh segment at `end` (after recovery, everything before it is loaded or replayed). */
  static async open(dir: string, end: number, segmentBytes = 64 * 1024 * 1024): Promise<IngestLog> {
    await mkdir(dir, { recursive: true });
    const log = new IngestLog(dir, end, segmentBytes);
    log.#handle = await open(join(dir, segmentName(end)), 'a+');
    const { size } = await log.#handle.stat();
    log.#end += size;
    return log;
  }

  /** Log position after the last appended record. */
  get end(): number {
    return this.#end;
  }

  /** Writes one record and syncs it; on failure the segment is cut back to where it was. */
  async append(record: Buffer): Promise<number> {
    if (this.#end - this.#segmentStart >= this.segmentBytes) await this.#rotate();
    const handle = this.#handle as FileHandle;
    const at = this.#end - this.#segmentStart;
    try {
      await handle.write(record, 0, record.length, at);
      await handle.datasync();
    } catch (error) {
      await handle.truncate(at).catch(() => undefined);
      throw error;
    }
    this.#end += record.length;
    return this.#end;
  }

  async #rotate(): Promise<void> {
    const next = await open(join(this.dir, segmentName(this.#end)), 'a+');
    await this.#handle?.close();
    this.#handle = next;
    this.#segmentStart = this.#end;
  }

  async close(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
  }
}

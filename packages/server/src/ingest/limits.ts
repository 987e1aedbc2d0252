/** Ingestion limits (DESIGN.md "Ingestion durability"). */
export const INGEST_LIMITS = {
  /** Encoded size of one event (UTF-8 bytes of its JSON). */
  maxEventBytes: 32 * 1024,
  /** Events in one request. */
  maxEventsPerRequest: 500,
  /** Request body after decompression; also the cap on the compressed body. */
  maxRequestBytes: 1024 * 1024,
  /** JSON nesting accepted in a body: events are flat, so anything deeper is not an event. */
  maxJsonDepth: 16,
} as const;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Retried event ids are recognised for this long after their first arrival. */
export const DEDUP_WINDOW_MS = DAY_MS;

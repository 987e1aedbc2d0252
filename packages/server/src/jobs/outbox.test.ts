import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS, type OutboxMessage, recordFailure, recordSuccess } from './outbox.ts';

const message: OutboxMessage = {
  channel: { type: 'webhook', url: 'https://hooks.example.com/x' },
  source: { type: 'alert', eventId: 'e1' },
  sourceId: 'e1',
  subject: 's',
  text: 't',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-03-11T08:00:00.000Z',
  lastError: null,
  lastAttemptAt: null,
  deliveredAt: null,
  createdAt: '2026-03-11T08:00:00.000Z',
};
const now = new Date('2026-03-11T08:00:00Z');

describe('outbox retries', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [9, 256 * 60_000],
    [10, 6 * 3_600_000],
    [20, 6 * 3_600_000],
  ])('after %d failed attempts the next one waits %d ms', (attempts, delay) => {
    expect(backoffMs(attempts)).toBe(delay);
  });

  it('schedules the next attempt, then gives up after MAX_ATTEMPTS', () => {
    const once = recordFailure(message, 'ECONNREFUSED', now);
    expect(once).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ECONNREFUSED', nextAttemptAt: '2026-03-11T08:01:00.000Z' });
    const last = recordFailure({ ...message, attempts: MAX_ATTEMPTS - 1 }, 'HTTP 500', now);
    expect(last).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('a permanent failure is not retried; a success clears the error', () => {
    expect(recordFailure(message, 'blocked', now, true)).toMatchObject({ status: 'failed', attempts: 1 });
    const attachments = [{ filename: 'r.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0=' }];
    const delivered = recordSuccess({ ...message, attachments }, now);
    expect(delivered.attachments).toBeUndefined();
    expect(delivered.attachmentNames).toEqual(['r.pdf']);
    expect(recordSuccess({ ...message, attempts: 2, lastError: 'x' }, now)).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastError: null,
      deliveredAt: '2026-03-11T08:00:00.000Z',
    });
  });
});

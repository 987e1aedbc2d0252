import { describe, expect, it } from 'vitest';
import { parseRecipients } from './parse-recipients.ts';

describe('report recipients', () => {
  it.each([
    ['a@example.com', ['a@example.com']],
    ['a@example.com, b@example.com;c@example.com', ['a@example.com', 'b@example.com', 'c@example.com']],
    ['a@example.com\n\n  b@example.com\na@example.com', ['a@example.com', 'b@example.com']],
    ['  ,; ', []],
  ])('%j', (text, expected) => {
    expect(parseRecipients(text)).toEqual(expected);
  });
});

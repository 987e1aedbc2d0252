import { describe, expect, it } from 'vitest';
import { fromDraft, toDraft } from './channel-drafts.ts';

describe('channel drafts', () => {
  it.each([
    ['a, b', ['a', 'b']],
    [' a@example.com ;b@example.com\nc@example.com ', ['a@example.com', 'b@example.com', 'c@example.com']],
    ['', []],
    [' , ', []],
  ])('email %j → %j (none: the default recipients)', (target, to) => {
    expect(fromDraft({ type: 'email', target })).toEqual({ type: 'email', to });
  });

  it('trims a webhook URL and round-trips both kinds', () => {
    expect(fromDraft({ type: 'webhook', target: ' https://hooks.example.com/x ' })).toEqual({
      type: 'webhook',
      url: 'https://hooks.example.com/x',
    });
    for (const channel of [
      { type: 'email' as const, to: ['a@example.com', 'b@example.com'] },
      { type: 'email' as const, to: [] },
      { type: 'webhook' as const, url: 'https://hooks.example.com/x' },
    ]) {
      expect(fromDraft(toDraft(channel))).toEqual(channel);
    }
  });
});

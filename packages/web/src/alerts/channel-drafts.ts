/** A rule's channels as the form edits them, and back. */
import type { AlertChannel } from '../api/alerts.ts';

/** A channel as the form edits it: the addresses as one comma-separated text. */
export interface ChannelDraft {
  type: AlertChannel['type'];
  target: string;
}

export function toDraft(channel: AlertChannel): ChannelDraft {
  return channel.type === 'email' ? { type: 'email', target: channel.to.join(', ') } : { type: 'webhook', target: channel.url };
}

/** An email draft with no addresses becomes a channel for the default recipients. */
export function fromDraft(draft: ChannelDraft): AlertChannel {
  if (draft.type === 'webhook') return { type: 'webhook', url: draft.target.trim() };
  return {
    type: 'email',
    to: draft.target
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  };
}

/**
 * An alert occurrence as a notification: a Slack-compatible webhook body (`{text, blocks}`, with
 * Slack's &, <, > escaped so user data cannot form links or mentions) and an email (text, and HTML
 * with every value escaped).
 */
import type { AlertChannel } from '@northstar/core';
import type { NewOutboxMessage } from '../jobs/outbox.ts';
import { escapeHtml, oneLine } from '../reports/escape-html.ts';

export interface AlertEventBody {
  ruleId: string;
  ruleName: string;
  key: string;
  period: string;
  metric: string;
  summary: string;
  details: Record<string, unknown>;
  firedAt: string;
  /** The rule's channels when it fired: the messages to queue. */
  channels: AlertChannel[];
  /** True once every channel's message is in the outbox. */
  queued: boolean;
}

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackBody(event: AlertEventBody, workspace: string): { text: string; blocks: unknown[] } {
  const title = oneLine(`Northstar alert: ${event.ruleName}`, 150);
  return {
    text: escapeSlack(`${title}: ${event.summary}`),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeSlack(event.summary) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(`${workspace} · ${event.metric} · ${event.period}`) }] },
    ],
  };
}

export function alertMessage(eventId: string, event: AlertEventBody, channel: AlertChannel, workspace: string): NewOutboxMessage {
  const subject = oneLine(`[Northstar] ${event.ruleName}`);
  const text = `${event.summary}\n\nRule: ${event.ruleName}\nKPI: ${event.metric}\nPeriod: ${event.period}\nWorkspace: ${workspace}\n`;
  const html =
    `<!doctype html><html><body style="font-family:sans-serif">` +
    `<h2>${escapeHtml(event.ruleName)}</h2><p>${escapeHtml(event.summary)}</p>` +
    `<p style="color:#666">KPI ${escapeHtml(event.metric)} · ${escapeHtml(event.period)} · ${escapeHtml(workspace)}</p></body></html>`;
  const base = { source: { type: 'alert' as const, eventId }, subject, text };
  return channel.type === 'webhook'
    ? { ...base, channel: { type: 'webhook', url: channel.url }, webhookBody: slackBody(event, workspace) }
    : { ...base, channel: { type: 'email', to: channel.to }, html };
}

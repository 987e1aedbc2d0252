/** Alert rules (threshold, anomaly, goal pace) with their channels, the history of what fired, and the delivery settings. */
import { request } from './client.ts';

export type AlertGrain = 'day' | 'week' | 'month';
export type AlertFilter = { dimension: string; value: string };

export type AlertCondition =
  | { type: 'threshold'; metric: string; op: 'above' | 'below'; value: number; grain: AlertGrain; filter?: AlertFilter }
  | {
      type: 'anomaly';
      metric: string;
      grain: AlertGrain;
      baselinePeriods: number;
      sensitivity: number;
      direction: 'both' | 'up' | 'down';
      filter?: AlertFilter;
    }
  | { type: 'goal_pace'; goalId: string; level: 'off_track' | 'at_risk' };

/** An email channel without addresses goes to the workspace's default recipients. */
export type AlertChannel = { type: 'email'; to: string[] } | { type: 'webhook'; url: string };

export interface AlertRuleInput {
  name: string;
  enabled: boolean;
  condition: AlertCondition;
  channels: AlertChannel[];
}

export interface AlertRule extends AlertRuleInput {
  id: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface AlertDelivery {
  id: string;
  channel: AlertChannel['type'];
  /** The webhook URL or the addresses; empty for the default recipients. */
  target: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface AlertEvent {
  id: string;
  ruleId: string;
  ruleName: string;
  period: string;
  metric: string;
  summary: string;
  firedAt: string;
  deliveries: AlertDelivery[];
}

const path = (id: string) => `/alerts/${encodeURIComponent(id)}`;

export async function listAlerts(signal?: AbortSignal): Promise<AlertRule[]> {
  return (await request<{ alerts: AlertRule[] }>('GET', '/alerts', undefined, signal)).alerts;
}

export function createAlert(input: AlertRuleInput): Promise<AlertRule> {
  return request('POST', '/alerts', input);
}

export function updateAlert(id: string, input: AlertRuleInput): Promise<AlertRule> {
  return request('PUT', path(id), input);
}

export function setAlertEnabled(id: string, enabled: boolean): Promise<AlertRule> {
  return request('PATCH', path(id), { enabled });
}

export function deleteAlert(id: string): Promise<void> {
  return request('DELETE', path(id));
}

/** What fired, newest first: of every rule, or of one. */
export async function alertHistory(options: { ruleId?: string; limit?: number } = {}, signal?: AbortSignal): Promise<AlertEvent[]> {
  const params = new URLSearchParams({ limit: String(options.limit ?? 50) });
  if (options.ruleId) params.set('rule', options.ruleId);
  return (await request<{ events: AlertEvent[] }>('GET', `/alerts/history?${params}`, undefined, signal)).events;
}

export interface SmtpSettingsView {
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  from: string;
  passwordSet: boolean;
}

export interface DeliverySettings {
  smtp: SmtpSettingsView | null;
  smtpSource: 'settings' | 'environment' | null;
  defaultRecipients: string[];
  allowPrivateTargets: boolean;
}

export interface DeliverySettingsInput {
  /** null: the server's environment (NORTHSTAR_SMTP_URL) decides. */
  smtp: { host: string; port: number; secure: boolean; username?: string; password?: string; from: string } | null;
  defaultRecipients: string[];
  allowPrivateTargets: boolean;
}

export function fetchDeliverySettings(signal?: AbortSignal): Promise<DeliverySettings> {
  return request('GET', '/alerts/settings', undefined, signal);
}

export function saveDeliverySettings(input: DeliverySettingsInput): Promise<DeliverySettings> {
  return request('PUT', '/alerts/settings', input);
}

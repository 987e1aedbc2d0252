/** Alert rules (threshold, anomaly, goal pace) with their channels, and the history of what fired. */
import { request } from './client.ts';

export type AlertCondition =
  | { type: 'threshold'; metric: string; op: 'above' | 'below'; value: number; grain: 'day' | 'week' | 'month' }
  | {
      type: 'anomaly';
      metric: string;
      grain: 'day' | 'week' | 'month';
      baselinePeriods: number;
      sensitivity: number;
      direction: 'both' | 'up' | 'down';
    }
  | { type: 'goal_pace'; goalId: string; level: 'off_track' | 'at_risk' };

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

export interface AlertEvent {
  id: string;
  ruleId: string;
  ruleName: string;
  period: string;
  metric: string;
  summary: string;
  firedAt: string;
  deliveries: Array<{ id: string; channel: string; target: string; status: string; attempts: number; lastError?: string | null }>;
}

export async function listAlerts(signal?: AbortSignal): Promise<AlertRule[]> {
  return (await request<{ alerts: AlertRule[] }>('GET', '/alerts', undefined, signal)).alerts;
}

export function createAlert(input: AlertRuleInput): Promise<AlertRule> {
  return request('POST', '/alerts', input);
}

export function deleteAlert(id: string): Promise<void> {
  return request('DELETE', `/alerts/${encodeURIComponent(id)}`);
}

export async function alertHistory(signal?: AbortSignal): Promise<AlertEvent[]> {
  return (await request<{ events: AlertEvent[] }>('GET', '/alerts/history?limit=50', undefined, signal)).events;
}

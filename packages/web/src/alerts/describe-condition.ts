import type { AlertCondition } from '../api/alerts.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { assertNever } from '../lib/assert-never.ts';

/** One line saying when a rule fires, in the user's language. */
export function describeCondition(condition: AlertCondition, t: I18n['t'], metricName: I18n['metricName']): string {
  switch (condition.type) {
    case 'threshold':
      return t(condition.op === 'above' ? 'alerts.describe.above' : 'alerts.describe.below', {
        metric: metricName(condition.metric),
        value: String(condition.value),
        grain: t(`grain.${condition.grain}`),
      });
    case 'anomaly':
      return t('alerts.describe.anomaly', {
        metric: metricName(condition.metric),
        periods: String(condition.baselinePeriods),
        k: String(condition.sensitivity),
      });
    case 'goal_pace':
      return t('alerts.describe.goal', { level: t(`pace.${condition.level}`) });
    default:
      return assertNever(condition, 'alert condition');
  }
}

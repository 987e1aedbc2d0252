import type { AlertEvent } from '../api/alerts.ts';
import { useI18n } from '../i18n/use-i18n.ts';

export function AlertHistory({ events }: { events: AlertEvent[] }) {
  const { t } = useI18n();
  if (events.length === 0) return <p className="banner">{t('alerts.noHistory')}</p>;
  return (
    <table className="data-table users-table" data-testid="alert-history">
      <thead>
        <tr>
          <th>{t('alerts.firedAt')}</th>
          <th>{t('alerts.rule')}</th>
          <th>{t('alerts.summary')}</th>
          <th>{t('alerts.deliveries')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td>{event.firedAt}</td>
            <td>{event.ruleName}</td>
            <td>{event.summary}</td>
            <td>{event.deliveries.map((d) => `${d.channel}: ${d.status} (${d.attempts})`).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { AlertDelivery, AlertEvent } from '../api/alerts.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { useI18n } from '../i18n/use-i18n.ts';

function formatTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function DeliveryLine({ delivery, i18n }: { delivery: AlertDelivery; i18n: I18n }) {
  const { t, locale } = i18n;
  const channel = delivery.channel === 'email' ? t('alerts.email') : t('alerts.webhook');
  const target = delivery.target === '' ? t('alerts.defaultRecipients') : delivery.target;
  const next =
    delivery.status === 'pending' && delivery.nextAttemptAt
      ? `, ${t('alerts.nextAttempt', { time: formatTime(delivery.nextAttemptAt, locale) })}`
      : '';
  return (
    <li data-testid="alert-delivery" data-status={delivery.status}>
      {channel} <bdi>{target}</bdi>: <span className={`delivery-${delivery.status}`}>{t(`alerts.status.${delivery.status}`)}</span> (
      {t('alerts.attempts', { count: delivery.attempts })}
      {next})
      {delivery.lastError && delivery.status !== 'delivered' && (
        <div className="muted">
          {t('alerts.lastError')}: <bdi>{delivery.lastError}</bdi>
        </div>
      )}
    </li>
  );
}

/** What fired and what became of each message; `showRule` off when the table is one rule's. */
export function AlertHistory({
  events,
  showRule = true,
  testId = 'alert-history',
}: {
  events: AlertEvent[];
  showRule?: boolean;
  testId?: string;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  if (events.length === 0)
    return (
      <p className="banner" data-testid={`${testId}-empty`}>
        {t('alerts.noHistory')}
      </p>
    );
  return (
    <div className="table-wrap alert-history">
      <table className="data-table users-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('alerts.firedAt')}</th>
            {showRule && <th>{t('alerts.rule')}</th>}
            <th>{t('alerts.summary')}</th>
            <th>{t('alerts.deliveries')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.firedAt}>{formatTime(event.firedAt, locale)}</time>
              </td>
              {showRule && <td>{event.ruleName}</td>}
              <td lang="en">{event.summary}</td>
              <td>
                <ul className="insight-items">
                  {event.deliveries.map((d) => (
                    <DeliveryLine key={d.id} delivery={d} i18n={i18n} />
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

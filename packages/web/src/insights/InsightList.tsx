import { useQuery } from '@tanstack/react-query';
import { fetchInsights, INSIGHT_KINDS } from '../api/insights.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useViewState } from '../state/use-view-state.ts';

/** The overview's insights over the range in view. The title and message are the server's (English) text. */
export function InsightList() {
  const { t } = useI18n();
  const [view] = useViewState();
  const range = { from: view.from, to: view.to };
  const insights = useQuery({ queryKey: ['insights', range], queryFn: ({ signal }) => fetchInsights(range, signal), retry: false });
  if (insights.error || !insights.data || insights.data.length === 0) return null;
  return (
    <section className="insights" data-testid="insights" aria-label={t('insights.title')}>
      <h2 className="visually-hidden">{t('insights.title')}</h2>
      {insights.data.map((insight) => (
        <article
          key={`${insight.kind}-${insight.title}`}
          className={`banner${insight.severity === 'info' ? '' : ' banner-warning'}`}
          data-testid={`insight-${insight.kind}`}
          data-severity={insight.severity}
        >
          <strong>{INSIGHT_KINDS.includes(insight.kind) ? t(`insights.kind.${insight.kind}`) : insight.kind}</strong>
          {' · '}
          <span lang="en">{insight.title}</span>
          <p className="muted" lang="en">
            {insight.message}
          </p>
        </article>
      ))}
    </section>
  );
}

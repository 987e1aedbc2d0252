import { useQuery } from '@tanstack/react-query';
import { fetchInsights } from '../api/insights.ts';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useViewState } from '../state/use-view-state.ts';
import { toQueryFilters } from '../state/view-state.ts';
import { describeInsight } from './describe-insight.ts';

/**
 * The overview's insights over the range, comparison and filters in view, worded in the chosen
 * language from the API's kind and parameters.
 */
export function InsightList() {
  const i18n = useI18n();
  const { format } = useFormat();
  const [view] = useViewState();
  const request = { from: view.from, to: view.to, compare: view.compare, filters: toQueryFilters(view.filters) };
  const insights = useQuery({ queryKey: ['insights', request], queryFn: ({ signal }) => fetchInsights(request, signal), retry: false });
  // A hidden marker while loading: the browser tests and the TTI bench wait for no aria-busy element.
  if (insights.isPending) return <div hidden aria-busy="true" data-pending="insights" />;
  if (insights.error || !insights.data || insights.data.length === 0) return null;
  const { t } = i18n;
  return (
    <section className="insights" data-testid="insights" aria-label={t('insights.title')}>
      <h2 className="visually-hidden">{t('insights.title')}</h2>
      {insights.data.map((insight) => {
        const text = describeInsight(insight, i18n, { locale: i18n.locale, dir: i18n.dir, format });
        return (
          <article
            key={insight.kind}
            className={`banner insight${insight.severity === 'info' ? '' : ' banner-warning'}`}
            data-testid={`insight-${insight.kind}`}
            data-severity={insight.severity}
          >
            <p className="insight-headline">
              <strong>{t(`insights.kind.${insight.kind}`)}</strong> · {text.headline}
            </p>
            {text.note && <p className="muted">{text.note}</p>}
            {text.items.length > 0 && (
              <ul className="insight-items">
                {text.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
    </section>
  );
}

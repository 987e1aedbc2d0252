import { useMetricQuery } from '../api/hooks.ts';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useViewState } from '../state/use-view-state.ts';

/** A banner when LTV:CAC is below 1 in the view: each customer costs more than it brings. */
export function LtvCacWarning() {
  const { t } = useI18n();
  const fmt = useFormat();
  const [view] = useViewState();
  const { data } = useMetricQuery({ metrics: ['ltv_cac_ratio'], from: view.from, to: view.to, grain: 'all' });
  const value = data?.rows[0]?.ltv_cac_ratio;
  if (typeof value !== 'number' || value >= 1) return null;
  return (
    <div className="banner banner-warning" role="alert" data-testid="ltv-cac-warning">
      <strong>LTV:CAC {fmt.format(value, 'ratio')}</strong> — {t('warning.ltvCac')}
    </div>
  );
}

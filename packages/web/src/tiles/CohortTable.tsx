import type { Row } from '../api/types.ts';
import { formatPeriod } from '../format/format-value.ts';
import { useFormat } from '../format/use-format.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** Cohort retention as a triangle: cohorts (month of becoming a customer) × months since, shaded by share still active. */
export function CohortTable({ rows }: { rows: readonly Row[] }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const cohorts = new Map<string, { size: number; cells: Map<number, number | null> }>();
  let maxMonth = 0;
  for (const row of rows) {
    const period = String(row.period ?? '');
    const month = Number(row.months_since ?? 0);
    maxMonth = Math.max(maxMonth, month);
    const cohort = cohorts.get(period) ?? { size: Number(row.customers ?? 0), cells: new Map() };
    cohort.cells.set(month, typeof row.cohort_retention === 'number' ? row.cohort_retention : null);
    cohorts.set(period, cohort);
  }
  const months = Array.from({ length: maxMonth + 1 }, (_, i) => i);
  return (
    <div className="table-wrap">
      <table className="data-table cohort-table">
        <thead>
          <tr>
            <th scope="col">{t('col.cohort')}</th>
            <th scope="col" className="num">
              {t('col.customers')}
            </th>
            {months.map((m) => (
              <th key={m} scope="col" className="num">
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...cohorts.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([period, cohort]) => (
              <tr key={period}>
                <th scope="row">{formatPeriod(period, 'month', locale)}</th>
                <td className="num">{fmt.format(cohort.size, 'count')}</td>
                {months.map((m) => {
                  const share = cohort.cells.get(m);
                  return (
                    <td
                      key={m}
                      className="num cohort-cell"
                      style={
                        typeof share === 'number'
                          ? { background: `color-mix(in srgb, var(--accent) ${Math.round(share * 70)}%, transparent)` }
                          : undefined
                      }
                    >
                      {share === undefined ? '' : fmt.format(share, 'rate')}
                    </td>
                  );
                })}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

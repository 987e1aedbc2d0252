import type { Cell, Row } from '../api/types.ts';
import { useFormat } from '../format/use-format.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { en, type MessageKey } from '../i18n/messages/en.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import type { Column } from './table-columns.ts';

const SHOWN = 50;

/** Text cells as sent; verdicts and flags in the user's language. */
function cellText(value: Cell | undefined, key: string, t: I18n['t']): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '✓' : '';
  if (key === 'verdict' && `verdict.${value}` in en) return t(`verdict.${value}` as MessageKey);
  return String(value);
}

function humanise(key: string): string {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A result as a table: numbers formatted by unit and aligned to the end, text as sent (React escapes it). */
interface Props {
  rows: readonly Row[];
  columns: readonly Column[];
  caption: string;
  /** Headings for columns that are neither KPIs nor dimensions. */
  labels?: Record<string, string>;
}

export function DataTable({ rows, columns, caption, labels }: Props) {
  const { t, metricName, dimensionName } = useI18n();
  const fmt = useFormat();
  const label = (c: Column) => {
    const own = labels?.[c.key];
    if (own) return own;
    if (c.metric) return c.previous ? `${metricName(c.metric)} (${t('tile.previous')})` : metricName(c.metric);
    const column = `col.${c.key}`;
    if (column in en) return t(column as MessageKey);
    const dim = dimensionName(c.key);
    return dim === c.key ? humanise(c.key) : dim;
  };
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.unit ? 'num' : undefined} data-column={c.key}>
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own; their order is the result's
            <tr key={i}>
              {columns.map((c) => {
                const value = row[c.key];
                const text = c.unit ? fmt.format(value, c.unit, c.metric ?? c.key) : cellText(value, c.key, t);
                return (
                  <td
                    key={c.key}
                    className={c.unit ? 'num' : 'text'}
                    title={c.unit ? undefined : text}
                    data-column={c.key}
                    data-value={typeof value === 'number' ? value : undefined}
                  >
                    {c.key === 'period' && typeof value === 'string' ? value.slice(0, 10) : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="muted">{t('tile.moreRows', { count: rows.length - SHOWN })}</p>}
    </div>
  );
}

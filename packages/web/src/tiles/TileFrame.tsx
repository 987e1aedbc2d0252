import type { ReactNode } from 'react';
import type { Cell } from '../api/types.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { toCsv } from '../lib/csv.ts';
import { downloadText, downloadUrl, fileSlug } from '../lib/download.ts';
import { EmptyState } from './EmptyState.tsx';
import type { TileStatus } from './use-tile-data.ts';

export interface TileExport {
  columns: string[];
  rows: Array<Record<string, Cell | undefined>>;
}

interface Props {
  testId: string;
  title: string;
  description?: string;
  status: TileStatus;
  busy: boolean;
  error: Error | null;
  onRetry(): void;
  /** The metric the empty state talks about. */
  metric: string;
  notice?: string;
  csv?: () => TileExport;
  png?: () => string | undefined;
  className?: string;
  /** Rendered in place of the title bar's text (drag handles, editors). */
  actions?: ReactNode;
  children: ReactNode;
}

/** A tile's card: title, export buttons, and its loading, empty, error or ready body. */
export function TileFrame(props: Props) {
  const { t } = useI18n();
  const { status, title } = props;
  const exportCsv = () => {
    const data = props.csv?.();
    if (data) downloadText(toCsv(data.columns, data.rows), `${fileSlug(title)}.csv`);
  };
  const exportPng = () => {
    const url = props.png?.();
    if (url) downloadUrl(url, `${fileSlug(title)}.png`);
  };
  return (
    <section className={`tile ${props.className ?? ''}`} data-testid={props.testId} data-state={status} aria-busy={props.busy}>
      <header className="tile-head">
        <h3 className="tile-title" title={props.description}>
          {title}
        </h3>
        <div className="tile-actions">
          {props.actions}
          {status === 'ready' && props.csv && (
            <button type="button" className="link-button" onClick={exportCsv} title={t('tile.exportCsvTitle')} data-action="csv">
              {t('tile.exportCsv')}
            </button>
          )}
          {status === 'ready' && props.png && (
            <button type="button" className="link-button" onClick={exportPng} title={t('tile.exportPngTitle')} data-action="png">
              {t('tile.exportPng')}
            </button>
          )}
        </div>
      </header>
      {props.notice && <p className="tile-notice muted">{props.notice}</p>}
      <div className="tile-body">
        {status === 'loading' && (
          <div className="tile-loading" role="status">
            <span className="skeleton" />
            <span className="visually-hidden">{t('tile.loading')}</span>
          </div>
        )}
        {status === 'error' && (
          <div className="tile-error" role="alert">
            <p>{t('tile.error', { message: props.error?.message ?? '' })}</p>
            <button type="button" onClick={props.onRetry}>
              {t('tile.retry')}
            </button>
          </div>
        )}
        {status === 'empty' && <EmptyState metric={props.metric} name={title} />}
        {status === 'ready' && props.children}
      </div>
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { fetchSharedDashboard } from '../api/share.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { tileToSpec } from '../dashboards/dashboard-tiles.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { MetricTile } from '../tiles/MetricTile.tsx';
import { type ShareTileSource, TileSourceContext } from '../tiles/tile-source.ts';

/**
 * A dashboard opened by a share link: read-only, no navigation, and only the link's two routes
 * (`GET /share/:token`, `POST /share/:token/query`). An adjustable link lets the viewer pick dates.
 */
export function ShareView() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const shared = useQuery({ queryKey: ['share', token], queryFn: ({ signal }) => fetchSharedDashboard(token, signal), retry: false });
  const [range, setRange] = useState<ShareTileSource['range']>(undefined);
  if (shared.error) {
    return (
      <main className="page share-page" data-page="share">
        <p role="alert" className="banner banner-error" data-testid="share-error">
          {t('share.unavailable')}
        </p>
      </main>
    );
  }
  if (!shared.data) return <div className="boot" aria-busy="true" />;
  const { dashboard, range: linkRange } = shared.data;
  const shown = range ?? { from: linkRange.from, to: linkRange.to };
  return (
    <main className="page share-page" data-page="share">
      <div className="page-header">
        <h1 data-testid="share-name">{dashboard.name}</h1>
        <LanguageSwitch />
      </div>
      <p className="muted">{t('share.readOnly')}</p>
      {linkRange.mode === 'adjustable' ? (
        <div className="inline-fields" data-testid="share-range">
          <input
            type="date"
            aria-label={t('controls.start')}
            value={shown.from}
            onChange={(e) => e.target.value && setRange({ ...shown, from: e.target.value })}
          />
          <input
            type="date"
            aria-label={t('controls.end')}
            value={shown.to}
            onChange={(e) => e.target.value && setRange({ ...shown, to: e.target.value })}
          />
        </div>
      ) : (
        <p data-testid="share-range">
          {shown.from} – {shown.to}
        </p>
      )}
      <TileSourceContext.Provider value={{ token, range }}>
        <div className="tile-grid">
          {dashboard.tiles.map((tile) => (
            <div key={tile.id} className={`span-${Math.min(4, Math.max(1, Math.round(tile.layout.w / 3)))}`}>
              <MetricTile spec={tileToSpec(tile)} />
            </div>
          ))}
        </div>
      </TileSourceContext.Provider>
    </main>
  );
}

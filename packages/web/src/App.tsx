import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useHealth } from './api/hooks.ts';
import { AppShell } from './components/AppShell.tsx';
import { useI18n } from './i18n/use-i18n.ts';
import { KpiPage } from './pages/KpiPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PAGES } from './pages/page-specs.ts';

const AttributionPage = lazy(() => import('./pages/AttributionPage.tsx').then((m) => ({ default: m.AttributionPage })));
const DashboardsPage = lazy(() => import('./dashboards/DashboardsPage.tsx').then((m) => ({ default: m.DashboardsPage })));
const DashboardView = lazy(() => import('./dashboards/DashboardView.tsx').then((m) => ({ default: m.DashboardView })));

/** Every KPI area at its own route; `/` is the overview. */
export function App() {
  const health = useHealth();
  const { t } = useI18n();
  if (health.error) {
    return (
      <main className="page">
        <p role="alert" className="banner banner-error">
          Northstar: {health.error.message}
        </p>
      </main>
    );
  }
  // The workspace's time zone decides what "today" is; wait for it before the first query.
  if (!health.data) return <div className="boot" aria-busy="true" />;
  return (
    <AppShell>
      <Suspense
        fallback={
          <div className="page" aria-busy="true">
            {t('tile.loading')}
          </div>
        }
      >
        <Routes>
          <Route index element={<KpiPage page={PAGES.overview!} name="overview" />} />
          {Object.entries(PAGES).map(([name, page]) => (
            <Route key={name} path={name} element={<KpiPage page={page} name={name} />} />
          ))}
          <Route path="attribution" element={<AttributionPage />} />
          <Route path="dashboards" element={<DashboardsPage />} />
          <Route path="dashboards/:id" element={<DashboardView />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}

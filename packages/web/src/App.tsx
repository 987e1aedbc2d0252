import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AuthGate } from './accounts/AuthGate.tsx';
import { useHealth } from './api/hooks.ts';
import { AppShell } from './components/AppShell.tsx';
import { useI18n } from './i18n/use-i18n.ts';
import { KpiPage } from './pages/KpiPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PAGES } from './pages/page-specs.ts';

const AttributionPage = lazy(() => import('./pages/AttributionPage.tsx').then((m) => ({ default: m.AttributionPage })));
const DashboardsPage = lazy(() => import('./dashboards/DashboardsPage.tsx').then((m) => ({ default: m.DashboardsPage })));
const DashboardView = lazy(() => import('./dashboards/DashboardView.tsx').then((m) => ({ default: m.DashboardView })));
const GoalsPage = lazy(() => import('./goals/GoalsPage.tsx').then((m) => ({ default: m.GoalsPage })));
const ReportsPage = lazy(() => import('./reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const AlertsPage = lazy(() => import('./alerts/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })));
const DeliverySettingsPage = lazy(() => import('./alerts/DeliverySettingsPage.tsx').then((m) => ({ default: m.DeliverySettingsPage })));
const WorkspacesPage = lazy(() => import('./accounts/WorkspacesPage.tsx').then((m) => ({ default: m.WorkspacesPage })));
const UsersPage = lazy(() => import('./accounts/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const AccountPage = lazy(() => import('./accounts/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const ShareView = lazy(() => import('./share/ShareView.tsx').then((m) => ({ default: m.ShareView })));

/** A share link's read-only view stands alone; everything else is behind the sign-in (enforced mode). */
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
  const loading = (
    <div className="page" aria-busy="true">
      {t('tile.loading')}
    </div>
  );
  return (
    <Suspense fallback={loading}>
      <Routes>
        <Route path="share/:token" element={<ShareView />} />
        <Route
          path="*"
          element={
            <AuthGate>
              <AppShell>
                <Suspense fallback={loading}>
                  <AppRoutes />
                </Suspense>
              </AppShell>
            </AuthGate>
          }
        />
      </Routes>
    </Suspense>
  );
}

/** Every KPI area at its own route; `/` is the overview. */
function AppRoutes() {
  return (
    <Routes>
      <Route index element={<KpiPage page={PAGES.overview!} name="overview" />} />
      {Object.entries(PAGES).map(([name, page]) => (
        <Route key={name} path={name} element={<KpiPage page={page} name={name} />} />
      ))}
      <Route path="attribution" element={<AttributionPage />} />
      <Route path="dashboards" element={<DashboardsPage />} />
      <Route path="dashboards/:id" element={<DashboardView />} />
      <Route path="goals" element={<GoalsPage />} />
      <Route path="reports" element={<ReportsPage />} />
      <Route path="alerts" element={<AlertsPage />} />
      <Route path="alerts/delivery" element={<DeliverySettingsPage />} />
      <Route path="users" element={<UsersPage />} />
      <Route path="workspaces" element={<WorkspacesPage />} />
      <Route path="account" element={<AccountPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

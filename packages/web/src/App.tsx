import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AuthGate } from './accounts/AuthGate.tsx';
import { useHealth } from './api/hooks.ts';
import { AppShell } from './components/AppShell.tsx';
import { useI18n } from './i18n/use-i18n.ts';
import { lazyPage } from './lib/lazy-page.ts';
import { KpiPage } from './pages/KpiPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PAGES } from './pages/page-specs.ts';

const AttributionPage = lazyPage(() => import('./pages/AttributionPage.tsx').then((m) => m.AttributionPage));
const DashboardsPage = lazyPage(() => import('./dashboards/DashboardsPage.tsx').then((m) => m.DashboardsPage));
const DashboardView = lazyPage(() => import('./dashboards/DashboardView.tsx').then((m) => m.DashboardView));
const GoalsPage = lazyPage(() => import('./goals/GoalsPage.tsx').then((m) => m.GoalsPage));
const ReportsPage = lazyPage(() => import('./reports/ReportsPage.tsx').then((m) => m.ReportsPage));
const AlertsPage = lazyPage(() => import('./alerts/AlertsPage.tsx').then((m) => m.AlertsPage));
const DeliverySettingsPage = lazyPage(() => import('./alerts/DeliverySettingsPage.tsx').then((m) => m.DeliverySettingsPage));
const WorkspacesPage = lazyPage(() => import('./accounts/WorkspacesPage.tsx').then((m) => m.WorkspacesPage));
const UsersPage = lazyPage(() => import('./accounts/UsersPage.tsx').then((m) => m.UsersPage));
const AccountPage = lazyPage(() => import('./accounts/AccountPage.tsx').then((m) => m.AccountPage));
const ShareView = lazyPage(() => import('./share/ShareView.tsx').then((m) => m.ShareView));

/** The page a path opens, for the pages in chunks of their own. */
function lazyPageAt(pathname: string): { preload(): Promise<unknown> } | undefined {
  const [first, second] = pathname.split('/').filter((part) => part !== '');
  switch (first) {
    case 'attribution':
      return AttributionPage;
    case 'dashboards':
      return second ? DashboardView : DashboardsPage;
    case 'goals':
      return GoalsPage;
    case 'reports':
      return ReportsPage;
    case 'alerts':
      return second === 'delivery' ? DeliverySettingsPage : AlertsPage;
    case 'workspaces':
      return WorkspacesPage;
    case 'users':
      return UsersPage;
    case 'account':
      return AccountPage;
    case 'share':
      return ShareView;
    default:
      return undefined;
  }
}

// The page opened directly loads beside the first API requests, so it is there when the app renders it.
void lazyPageAt(window.location.pathname)?.preload();

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

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { ME_KEY } from './accounts/use-auth.ts';
import { fetchMe } from './api/accounts.ts';
import { ApiError, fetchCatalog, fetchHealth } from './api/client.ts';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { ThemeProvider } from './theme/ThemeProvider.tsx';
import './styles/theme.css';
import './styles/layout.css';
import './styles/tiles.css';
import './styles/features.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // A 4xx is the request's fault (or a route this server lacks): asking again will not help.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

// The health (time zone, currency), who is signed in, and the catalog are needed by every page:
// ask at once, the catalog as soon as the session allows it. A share link reads neither.
void queryClient.prefetchQuery({ queryKey: ['health'], queryFn: ({ signal }) => fetchHealth(signal), staleTime: 5 * 60_000 });
if (!window.location.pathname.startsWith('/share/')) {
  void queryClient
    .fetchQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: Number.POSITIVE_INFINITY, retry: false })
    .then((me) => {
      if (me.mode === 'open' || me.user) {
        return queryClient.prefetchQuery({
          queryKey: ['catalog'],
          queryFn: ({ signal }) => fetchCatalog(signal),
          staleTime: Number.POSITIVE_INFINITY,
        });
      }
    })
    .catch(() => undefined);
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <ThemeProvider>
            <I18nProvider>
              <App />
            </I18nProvider>
          </ThemeProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}

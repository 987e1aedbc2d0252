import { useEffect, useState } from 'react';

interface Health {
  status: string;
  engine: string;
  workspace: { name: string; timezone: string; currency: string };
}

/** Placeholder shell until the dashboard pages land: shows that the server and store answer. */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/api/v1/health')
      .then((response) => response.json() as Promise<Health>)
      .then(setHealth)
      .catch((e: unknown) => setError(String(e)));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', padding: '0 1rem' }}>
      <h1>Northstar</h1>
      <p>Marketing and sales KPIs on your own data.</p>
      {error && <p role="alert">Cannot reach the server: {error}</p>}
      {health && (
        <p data-testid="workspace">
          Workspace <strong>{health.workspace.name}</strong> · {health.workspace.timezone} · {health.workspace.currency} · engine{' '}
          {health.engine}
        </p>
      )}
    </main>
  );
}

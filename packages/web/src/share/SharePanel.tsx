import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createShareLink, listShareLinks, revokeShareLink } from '../api/share.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useViewState } from '../state/use-view-state.ts';

const LINKS_KEY = ['share-links'] as const;

/** Editors: read-only links to this dashboard, created for the range in view, and revoked. */
export function SharePanel({ dashboardId }: { dashboardId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [view] = useViewState();
  const [adjustable, setAdjustable] = useState(false);
  // The full URL is known once, at creation: the server keeps only a digest of the token.
  const [created, setCreated] = useState<string | null>(null);
  const links = useQuery({ queryKey: LINKS_KEY, queryFn: ({ signal }) => listShareLinks(signal) });
  const refresh = () => client.invalidateQueries({ queryKey: LINKS_KEY });
  const create = useMutation({
    mutationFn: () => createShareLink(dashboardId, { mode: adjustable ? 'adjustable' : 'fixed', from: view.from, to: view.to }),
    onSuccess: (link) => {
      setCreated(`${window.location.origin}${link.path}`);
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: revokeShareLink, onSuccess: refresh });
  const mine = (links.data ?? []).filter((link) => link.dashboardId === dashboardId && !link.revokedAt);
  return (
    <section className="share-panel tile" data-testid="share-panel" aria-label={t('share.title')}>
      <h2>{t('share.title')}</h2>
      <div className="inline-fields">
        <label className="checkbox-row">
          <input type="checkbox" data-testid="share-adjustable" checked={adjustable} onChange={(e) => setAdjustable(e.target.checked)} />
          {t('share.adjustable')}
        </label>
        <button type="button" className="primary" data-testid="share-create" disabled={create.isPending} onClick={() => create.mutate()}>
          {t('share.create')}
        </button>
      </div>
      {created && (
        <p className="banner" data-testid="share-url">
          {t('share.copyHint')} <input readOnly value={created} aria-label={t('share.url')} onFocus={(e) => e.target.select()} />
        </p>
      )}
      {(create.error ?? revoke.error ?? links.error) && (
        <p role="alert" className="banner banner-error">
          {(create.error ?? revoke.error ?? links.error)?.message}
        </p>
      )}
      <ul className="share-links" data-testid="share-links">
        {mine.map((link) => (
          <li key={link.id} data-testid={`share-link-${link.id}`}>
            <code>{link.prefix}…</code> {link.range.from} – {link.range.to} · {t(`share.mode.${link.range.mode}`)}
            <button type="button" className="danger" data-testid="share-revoke" onClick={() => revoke.mutate(link.id)}>
              {t('share.revoke')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

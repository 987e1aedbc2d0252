import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCanEdit } from '../accounts/use-auth.ts';
import { useDashboard } from '../api/hooks.ts';
import { ControlsBar } from '../components/ControlsBar.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { SharePanel } from '../share/SharePanel.tsx';
import { DashboardGrid } from './DashboardGrid.tsx';
import { DashboardTitle } from './DashboardTitle.tsx';
import { TileEditor } from './TileEditor.tsx';
import { useDashboardDraft } from './use-dashboard-draft.ts';

/** One custom dashboard: its tiles on a grid, with add, edit, remove, drag, resize, rename, save and delete. */
export function DashboardView() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useDashboard(id);
  const draft = useDashboardDraft(query.data);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const canEdit = useCanEdit();
  const [sharing, setSharing] = useState(false);

  if (query.error) {
    return (
      <div className="page" data-page="dashboard">
        <p role="alert" className="banner banner-error">
          {t('dashboards.notFound')}
        </p>
        <Link to="/dashboards">{t('dashboards.back')}</Link>
      </div>
    );
  }
  if (!query.data) return <div className="page" aria-busy="true" data-page="dashboard" />;
  const editedTile = editing && editing !== 'new' ? draft.tiles.find((tile) => tile.id === editing) : undefined;
  const saveLabel = draft.save.isPending ? t('dashboards.saving') : draft.dirty ? t('dashboards.unsaved') : t('dashboards.saved');
  return (
    <div className="page" data-page="dashboard" data-dashboard-id={query.data.id}>
      <Link to="/dashboards" className="back-link">
        ← {t('dashboards.back')}
      </Link>
      <div className="page-header dashboard-header">
        <DashboardTitle name={draft.name} onRename={draft.rename} />
        <div className="dashboard-actions">
          <span className="muted" data-testid="save-state">
            {saveLabel}
          </span>
          <button
            type="button"
            className="primary"
            data-testid="dashboard-save"
            disabled={!draft.dirty || draft.save.isPending}
            onClick={() => draft.save.mutate()}
          >
            {t('dashboards.save')}
          </button>
          {canEdit && (
            <button type="button" data-testid="dashboard-share" aria-expanded={sharing} onClick={() => setSharing((open) => !open)}>
              {t('share.button')}
            </button>
          )}
          <button type="button" data-testid="add-tile" onClick={() => setEditing('new')}>
            + {t('dashboards.addTile')}
          </button>
          <button
            type="button"
            className="danger"
            data-testid="dashboard-delete"
            onClick={() => {
              if (window.confirm(t('dashboards.confirmDelete', { name: draft.name }))) {
                draft.remove.mutate(undefined, { onSuccess: () => navigate('/dashboards') });
              }
            }}
          >
            {t('dashboards.delete')}
          </button>
        </div>
      </div>
      {draft.save.error && (
        <p role="alert" className="banner banner-error">
          {draft.save.error.message}
        </p>
      )}
      <ControlsBar />
      {sharing && canEdit && <SharePanel dashboardId={query.data.id} />}
      {editing && (
        <TileEditor
          key={editing}
          initial={editedTile}
          onCancel={() => setEditing(null)}
          onSubmit={(tile) => {
            if (editedTile) draft.updateTile(editedTile.id, tile);
            else draft.addTile(tile);
            setEditing(null);
          }}
        />
      )}
      {draft.tiles.length === 0 ? (
        <p className="banner">{t('dashboards.empty')}</p>
      ) : (
        <>
          <p className="muted hint">{t('dashboards.dragHint')}</p>
          <DashboardGrid tiles={draft.tiles} onLayout={draft.applyLayout} onEdit={setEditing} onRemove={draft.removeTile} />
        </>
      )}
    </div>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Layout } from 'react-grid-layout';
import { deleteDashboard, saveDashboard } from '../api/client.ts';
import type { Dashboard, DashboardTile } from '../api/types.ts';
import { newTileId, placeTile } from './dashboard-tiles.ts';
import type { TileDraft } from './TileEditor.tsx';

/** The dashboard being edited: local changes until saved through the API. */
export function useDashboardDraft(saved: Dashboard | undefined) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [tiles, setTiles] = useState<DashboardTile[]>([]);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!saved) return;
    setName(saved.name);
    setTiles(saved.tiles);
    setDirty(false);
  }, [saved]);

  const save = useMutation({
    mutationFn: () => saveDashboard((saved as Dashboard).id, { name, tiles }),
    onSuccess: (dashboard) => {
      client.setQueryData(['dashboards', dashboard.id], dashboard);
      void client.invalidateQueries({ queryKey: ['dashboards'], exact: true });
      setDirty(false);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteDashboard((saved as Dashboard).id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['dashboards'] }),
  });

  const change = (next: DashboardTile[]) => {
    setTiles(next);
    setDirty(true);
  };
  return {
    name,
    tiles,
    dirty,
    save,
    remove,
    rename(next: string) {
      setName(next);
      setDirty(true);
    },
    addTile(draft: TileDraft) {
      change([...tiles, { ...draft, id: newTileId(), layout: placeTile(tiles, draft.viz) }]);
    },
    updateTile(id: string, draft: TileDraft) {
      change(tiles.map((t) => (t.id === id ? { ...draft, id, layout: t.layout } : t)));
    },
    removeTile(id: string) {
      change(tiles.filter((t) => t.id !== id));
    },
    /** Grid callbacks: only a real move or resize marks the dashboard changed. */
    applyLayout(layout: Layout) {
      let moved = false;
      const next = tiles.map((tile) => {
        const item = layout.find((l) => l.i === tile.id);
        if (!item) return tile;
        const { x, y, w, h } = item;
        if (x === tile.layout.x && y === tile.layout.y && w === tile.layout.w && h === tile.layout.h) return tile;
        moved = true;
        return { ...tile, layout: { x, y, w, h } };
      });
      if (moved) change(next);
    },
  };
}

import ReactGridLayout, { type Layout, useContainerWidth, verticalCompactor } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import type { DashboardTile } from '../api/types.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { MetricTile } from '../tiles/MetricTile.tsx';
import { chartHeight, GRID_COLUMNS, GRID_MARGIN, ROW_HEIGHT, tileToSpec } from './dashboard-tiles.ts';

interface Props {
  tiles: readonly DashboardTile[];
  onLayout(layout: Layout): void;
  onEdit(id: string): void;
  onRemove(id: string): void;
}

/** Tiles on a 12-column grid: dragged by the title bar, resized from the corner. Phones get a plain column. */
export function DashboardGrid({ tiles, onLayout, onEdit, onRemove }: Props) {
  const { t, dir } = useI18n();
  const { width, containerRef, mounted } = useContainerWidth();
  const narrow = mounted && width < 640;
  const actions = (tile: DashboardTile) => (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={t('dashboards.editTile')}
        title={t('dashboards.editTile')}
        onClick={() => onEdit(tile.id)}
        data-action="edit"
      >
        ✎
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={t('dashboards.removeTile')}
        title={t('dashboards.removeTile')}
        onClick={() => onRemove(tile.id)}
        data-action="remove"
      >
        ×
      </button>
    </>
  );
  const layout: Layout = tiles.map((tile) => ({ i: tile.id, ...tile.layout, minW: 2, minH: 3 }));
  return (
    // The grid positions tiles from the left in every language; each tile's content follows the page direction.
    <div ref={containerRef} className="dashboard-grid" dir="ltr" data-testid="dashboard-grid">
      {narrow &&
        [...tiles]
          .sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x)
          .map((tile) => (
            <div key={tile.id} dir={dir} className="stacked-tile" data-tile-id={tile.id}>
              <MetricTile spec={tileToSpec(tile)} actions={actions(tile)} height={240} />
            </div>
          ))}
      {mounted && !narrow && (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT, margin: [GRID_MARGIN, GRID_MARGIN], containerPadding: [0, 0] }}
          dragConfig={{ enabled: true, handle: '.tile-head', cancel: 'button, input, select, a' }}
          resizeConfig={{ enabled: true, handles: ['se'] }}
          compactor={verticalCompactor}
          onLayoutChange={onLayout}
        >
          {tiles.map((tile) => (
            <div key={tile.id} dir={dir} className="grid-tile" data-tile-id={tile.id}>
              <MetricTile spec={tileToSpec(tile)} actions={actions(tile)} height={chartHeight(tile.layout.h)} />
            </div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  );
}

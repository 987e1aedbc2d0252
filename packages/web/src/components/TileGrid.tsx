import { MetricTile } from '../tiles/MetricTile.tsx';
import type { TileSpec } from '../tiles/tile-spec.ts';

/** Built-in pages: tiles in a responsive grid, each spanning 1–4 columns. */
export function TileGrid({ tiles }: { tiles: readonly TileSpec[] }) {
  return (
    <div className="tile-grid">
      {tiles.map((spec) => (
        <div key={spec.key} className={`span-${spec.span ?? 2}`}>
          <MetricTile spec={spec} />
        </div>
      ))}
    </div>
  );
}

import { assertNever } from '../lib/assert-never.ts';
import { BarTile } from './BarTile.tsx';
import { FunnelTile } from './FunnelTile.tsx';
import { LineTile } from './LineTile.tsx';
import { NumberTile } from './NumberTile.tsx';
import { TableTile } from './TableTile.tsx';
import type { TileProps } from './tile-props.ts';

/** Renders a tile spec with its visualization. */
export function MetricTile(props: TileProps) {
  const viz = props.spec.viz;
  switch (viz) {
    case 'number':
      return <NumberTile {...props} />;
    case 'line':
      return <LineTile {...props} />;
    case 'bar':
      return <BarTile {...props} />;
    case 'table':
      return <TableTile {...props} />;
    case 'funnel':
      return <FunnelTile {...props} />;
    default:
      return assertNever(viz, 'visualization');
  }
}

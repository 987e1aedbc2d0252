import type { ReactNode } from 'react';
import type { TileSpec } from './tile-spec.ts';

export interface TileProps {
  spec: TileSpec;
  /** Extra buttons in the title bar (custom dashboards: edit, remove). */
  actions?: ReactNode;
  /** Chart height in pixels, or '100%' to fill a sized grid cell. */
  height?: number | string;
}

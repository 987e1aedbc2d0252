import { describe, expect, it } from 'vitest';
import type { DashboardTile } from '../api/types.ts';
import { placeTile, tileToSpec } from './dashboard-tiles.ts';

const tile = (id: string, layout: DashboardTile['layout'], viz: DashboardTile['viz'] = 'line'): DashboardTile => ({
  id,
  metric: 'sessions',
  viz,
  by: [],
  filters: [],
  layout,
});

describe('placeTile', () => {
  it('starts at the top left of an empty dashboard', () => {
    expect(placeTile([], 'line')).toEqual({ x: 0, y: 0, w: 6, h: 8 });
  });

  it('fills the last row before starting a new one', () => {
    const first = tile('a', { x: 0, y: 0, w: 6, h: 8 });
    expect(placeTile([first], 'bar')).toEqual({ x: 6, y: 0, w: 6, h: 8 });
    const second = tile('b', { x: 6, y: 0, w: 6, h: 8 });
    expect(placeTile([first, second], 'number')).toEqual({ x: 0, y: 8, w: 3, h: 5 });
  });
});

describe('tileToSpec', () => {
  it('turns a funnel on a stage into the lifecycle stages up to it', () => {
    expect(tileToSpec({ ...tile('f', { x: 0, y: 0, w: 6, h: 8 }, 'funnel'), metric: 'sqls' }).metrics).toEqual(['leads', 'mqls', 'sqls']);
  });

  it('keeps a funnel by a dimension on its one KPI', () => {
    expect(tileToSpec({ ...tile('f', { x: 0, y: 0, w: 6, h: 8 }, 'funnel'), by: ['channel'] }).metrics).toEqual(['sessions']);
  });
});

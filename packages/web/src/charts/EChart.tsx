import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { PALETTE } from '../theme/palette.ts';
import { useTheme } from '../theme/use-theme.ts';
import type { ChartOption, echarts } from './echarts-setup.ts';

type Echarts = typeof echarts;

/**
 * ECharts is most of the dashboard's code: it is a chunk of its own, asked for as soon as this
 * module loads, so the app starts without it and the download overlaps the first API requests.
 */
let loaded: Echarts | undefined;
const loading: Promise<Echarts | undefined> = import('./echarts-setup.ts').then(
  (m) => {
    loaded = m.echarts;
    return m.echarts;
  },
  (error: unknown) => {
    // The charts stay marked busy; the rest of the page works.
    console.error('could not load the charts', error);
    return undefined;
  },
);

/**
 * Charts mounted in one render measure their elements together, then draw at those sizes: one
 * layout for all of them, instead of one forced by each chart's own reads between the others' draws.
 */
let toMeasure: Array<{ node: HTMLElement; draw(width: number, height: number): void }> = [];

function measureThenDraw(node: HTMLElement, draw: (width: number, height: number) => void): void {
  if (toMeasure.length === 0) {
    queueMicrotask(() => {
      const batch = toMeasure;
      toMeasure = [];
      const sizes = batch.map((entry) => [entry.node.clientWidth, entry.node.clientHeight] as const);
      for (const [i, entry] of batch.entries()) entry.draw(...(sizes[i] ?? [0, 0]));
    });
  }
  toMeasure.push({ node, draw });
}

function useEcharts(): Echarts | undefined {
  const [lib, setLib] = useState(loaded);
  useEffect(() => {
    if (lib) return;
    let live = true;
    void loading.then((value) => {
      if (live) setLib(value);
    });
    return () => {
      live = false;
    };
  }, [lib]);
  return lib;
}

export interface ChartHandle {
  /** The chart as a PNG data URL, on the theme's background. */
  toPng(): string | undefined;
}

type Palette = (typeof PALETTE)[keyof typeof PALETTE];
type AxisOption = Record<string, unknown>;

function themeAxis(axis: AxisOption, palette: Palette): AxisOption {
  const merge = (key: string, extra: Record<string, unknown>) => ({
    ...extra,
    ...((axis[key] as Record<string, unknown> | undefined) ?? {}),
  });
  return {
    ...axis,
    axisLine: merge('axisLine', { lineStyle: { color: palette.grid } }),
    axisTick: merge('axisTick', { lineStyle: { color: palette.grid } }),
    axisLabel: merge('axisLabel', { color: palette.muted }),
    splitLine: merge('splitLine', { lineStyle: { color: palette.grid } }),
  };
}

/** Colours, text and axes in the theme's palette (ECharts' defaults are for a light page). */
function applyTheme(option: ChartOption, palette: Palette): ChartOption {
  const axes = (value: unknown) =>
    Array.isArray(value) ? value.map((a) => themeAxis(a as AxisOption, palette)) : value ? themeAxis(value as AxisOption, palette) : value;
  const legend = option.legend as Record<string, unknown> | undefined;
  return {
    color: palette.series,
    textStyle: { color: palette.text, fontFamily: 'inherit' },
    animationDuration: 300,
    ...option,
    ...(option.xAxis ? { xAxis: axes(option.xAxis) } : {}),
    ...(option.yAxis ? { yAxis: axes(option.yAxis) } : {}),
    ...(legend ? { legend: { textStyle: { color: palette.muted }, pageTextStyle: { color: palette.muted }, ...legend } } : {}),
    tooltip: {
      backgroundColor: palette.background,
      borderColor: palette.grid,
      textStyle: { color: palette.text },
      ...((option.tooltip as object) ?? {}),
    },
  };
}

interface Props {
  option: ChartOption;
  height?: number | string;
  label: string;
  ref?: Ref<ChartHandle>;
}

/**
 * A thin ECharts wrapper: one instance per element, resized with its container, disposed on unmount.
 * Busy until ECharts has loaded, so a tile does not count as drawn before its chart is.
 */
export function EChart({ option, height = 260, label, ref }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { theme } = useTheme();
  const lib = useEcharts();
  /** What to draw first: the option and theme of the latest render. */
  const latest = useRef({ option, theme });

  useEffect(() => {
    const node = element.current;
    if (!node || !lib) return;
    let instance: echarts.ECharts | undefined;
    let observer: ResizeObserver | undefined;
    let live = true;
    measureThenDraw(node, (width, height) => {
      if (!live) return;
      // With the size given, ECharts reads no layout itself; 'auto' on a resize measures again.
      const drawn = lib.init(node, undefined, { renderer: 'canvas', width, height });
      instance = drawn;
      chart.current = drawn;
      // The first draw shows the figures at once: a page of charts growing together keeps the main
      // thread from the tiles still to draw. Later changes (range, filters) animate.
      drawn.setOption({ ...applyTheme(latest.current.option, PALETTE[latest.current.theme]), animation: false }, { notMerge: true });
      // The observer reports the size the chart was drawn at once at start; only a change is worth a redraw.
      let size = `${width}x${height}`;
      observer = new ResizeObserver(() => {
        const next = `${node.clientWidth}x${node.clientHeight}`;
        if (next === size) return;
        size = next;
        drawn.resize({ width: 'auto', height: 'auto' });
      });
      observer.observe(node);
    });
    return () => {
      live = false;
      observer?.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, [lib]);

  useEffect(() => {
    latest.current = { option, theme };
    chart.current?.setOption(applyTheme(option, PALETTE[theme]), { notMerge: true });
  }, [option, theme]);

  useImperativeHandle(ref, () => ({
    toPng: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: PALETTE[theme].background }),
  }));

  return <div ref={element} className="chart" style={{ height }} role="img" aria-label={label} aria-busy={lib ? undefined : true} />;
}

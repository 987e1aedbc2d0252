/** A small static line chart as inline SVG (no script, no external resource), for printed reports. */
import { escapeHtml } from './escape-html.ts';

export interface ChartSeries {
  name: string;
  values: Array<number | null>;
}

const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];
const W = 640;
const H = 180;
const PAD = { left: 56, right: 12, top: 10, bottom: 24 };

function tick(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (size >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function lineChartSvg(labels: readonly string[], series: readonly ChartSeries[]): string {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  if (labels.length === 0 || all.length === 0) return '<p class="empty">No data in this period.</p>';
  const min = Math.min(0, ...all);
  const max = Math.max(...all) === min ? min + 1 : Math.max(...all);
  const x = (i: number) => PAD.left + (labels.length === 1 ? 0 : (i / (labels.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (H - PAD.top - PAD.bottom);
  const lines = series.map((s, k) => {
    const color = COLORS[k % COLORS.length];
    const segments: string[] = [];
    let current: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null) {
        if (current.length > 0) segments.push(current.join(' '));
        current = [];
      } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (current.length > 0) segments.push(current.join(' '));
    return segments
      .map((points) =>
        points.includes(' ')
          ? `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/>`
          : `<circle cx="${points.split(',')[0]}" cy="${points.split(',')[1]}" r="2.5" fill="${color}"/>`,
      )
      .join('');
  });
  const grid = [min, (min + max) / 2, max]
    .map(
      (v) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end">${escapeHtml(tick(v))}</text>`,
    )
    .join('');
  const first = labels[0] ?? '';
  const last = labels[labels.length - 1] ?? '';
  const axis = `<text x="${PAD.left}" y="${H - 6}">${escapeHtml(first)}</text><text x="${W - PAD.right}" y="${H - 6}" text-anchor="end">${escapeHtml(last)}</text>`;
  const legend =
    series.length > 1
      ? `<div class="legend">${series.map((s, k) => `<span><i style="background:${COLORS[k % COLORS.length]}"></i>${escapeHtml(s.name)}</span>`).join('')}</div>`
      : '';
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" height="${H}" font-size="10" fill="#6b7280" xmlns="http://www.w3.org/2000/svg">${grid}${lines.join('')}${axis}</svg>${legend}`;
}

/** Draws a small table (a KPI value or a table tile) onto a canvas, for PNG export of tiles without a chart. */
export interface PngTable {
  title: string;
  header: string[];
  rows: string[][];
  dir: 'ltr' | 'rtl';
  colors: { text: string; muted: string; grid: string; background: string };
}

export function renderTablePng({ title, header, rows, dir, colors }: PngTable): string {
  const scale = 2;
  const padding = 16;
  const rowHeight = 26;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return '';
  const font = 'system-ui, sans-serif';
  context.font = `13px ${font}`;
  const widths = header.map(
    (h, i) => Math.max(context.measureText(h).width, ...rows.map((r) => context.measureText(r[i] ?? '').width)) + 24,
  );
  const width =
    Math.max(
      widths.reduce((a, b) => a + b, 0),
      240,
    ) +
    padding * 2;
  const height = padding * 2 + 30 + rowHeight * (rows.length + 1);
  canvas.width = width * scale;
  canvas.height = height * scale;
  context.scale(scale, scale);
  context.fillStyle = colors.background;
  context.fillRect(0, 0, width, height);
  context.direction = dir;
  context.textBaseline = 'middle';
  context.fillStyle = colors.text;
  context.font = `600 15px ${font}`;
  context.textAlign = dir === 'rtl' ? 'right' : 'left';
  context.fillText(title, dir === 'rtl' ? width - padding : padding, padding + 10);
  const ordered = <T>(cells: T[]): T[] => (dir === 'rtl' ? [...cells].reverse() : cells);
  const columnWidths = ordered(widths);
  [header, ...rows].forEach((cells, r) => {
    const y = padding + 30 + r * rowHeight + rowHeight / 2;
    let x = padding;
    context.font = r === 0 ? `600 13px ${font}` : `13px ${font}`;
    context.fillStyle = r === 0 ? colors.muted : colors.text;
    ordered(cells).forEach((cell, c) => {
      context.fillText(cell, dir === 'rtl' ? x + (columnWidths[c] ?? 0) - 12 : x, y);
      x += columnWidths[c] ?? 0;
    });
    context.strokeStyle = colors.grid;
    context.beginPath();
    context.moveTo(padding, y + rowHeight / 2);
    context.lineTo(width - padding, y + rowHeight / 2);
    context.stroke();
  });
  return canvas.toDataURL('image/png');
}

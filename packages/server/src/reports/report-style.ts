/** Print styles of the report page (A4, two small tiles a row, wide tiles full width). */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111827; font-size: 11px; margin: 0; }
header { border-bottom: 2px solid #1e3a8a; padding-bottom: 8px; margin-bottom: 12px; }
.brand { color: #1e3a8a; font-weight: bold; letter-spacing: .04em; text-transform: uppercase; font-size: 10px; }
h1 { font-size: 20px; margin: 4px 0; }
.period { color: #6b7280; }
main { display: flex; flex-wrap: wrap; gap: 10px; }
.tile { border: 1px solid #e5e7eb; border-radius: 6px; padding: 10px 12px; break-inside: avoid; }
.tile.small { flex: 1 1 calc(50% - 10px); }
.tile.wide { flex: 1 1 100%; }
h2 { font-size: 12px; margin: 0 0 6px; color: #374151; }
.number { font-size: 24px; font-weight: bold; }
.previous { color: #6b7280; margin-top: 2px; }
.delta { font-weight: bold; margin-left: 4px; }
.delta.good { color: #15803d; } .delta.bad { color: #b91c1c; } .delta.flat { color: #6b7280; }
table { border-collapse: collapse; width: 100%; margin-top: 4px; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #f3f4f6; }
th { color: #6b7280; font-weight: 600; border-bottom: 1px solid #d1d5db; }
td:not(:first-child) { font-variant-numeric: tabular-nums; }
table.compact td, table.compact th { padding: 1px 6px; font-size: 9.5px; }
.bars .bar { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
.bars .label { flex: 0 0 32%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bars .track { flex: 1; background: #f3f4f6; height: 10px; border-radius: 3px; }
.bars .track i { display: block; height: 10px; background: #2563eb; border-radius: 3px; }
.bars .value { flex: 0 0 22%; text-align: right; }
.legend span { margin-right: 10px; color: #374151; }
.legend i { display: inline-block; width: 10px; height: 3px; margin-right: 4px; vertical-align: middle; }
.empty, .more { color: #6b7280; font-style: italic; }
.error { color: #b91c1c; }
`;

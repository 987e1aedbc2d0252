/** A small inline SVG trend line: cheap enough for a dozen KPI cards on one page. */
export function Sparkline({ values, tone }: { values: ReadonlyArray<number | null>; tone: 'good' | 'bad' | 'neutral' }) {
  const points = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (points.length < 2) return <svg className="sparkline" aria-hidden="true" viewBox="0 0 100 28" />;
  const xs = values.length - 1 || 1;
  const ys = points.map((p) => p[1]);
  const min = Math.min(...ys);
  const span = Math.max(...ys) - min || 1;
  const path = points
    .map(([i, v], n) => `${n === 0 ? 'M' : 'L'}${((i / xs) * 100).toFixed(2)},${(26 - ((v - min) / span) * 24).toFixed(2)}`)
    .join(' ');
  return (
    <svg className={`sparkline tone-${tone}`} aria-hidden="true" viewBox="0 0 100 28" preserveAspectRatio="none">
      <path d={path} fill="none" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

import { escapeHtml } from '../safety/index.js';
import { formatInt } from './format.js';

// A small inline SVG bar chart of per-minute counts, stacked by series. No script, no external
// resource: hover titles are native <title> elements. Coordinates use fixed decimals so the output is
// byte-stable.

export interface ChartSeries {
  name: string;
  /** CSS colour. */
  color: string;
  values: readonly number[];
}

export interface ChartOptions {
  /** Labels of the cells (bucket start times), same length as the series values. */
  labels: readonly string[];
  height?: number;
  barWidth?: number;
  title: string;
}

const f1 = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);

export function svgBarChart(series: readonly ChartSeries[], opts: ChartOptions): string {
  const height = opts.height ?? 80;
  const bar = opts.barWidth ?? 8;
  const n = opts.labels.length;
  const totals = opts.labels.map((_, i) => series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const width = n * bar;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    let y = height;
    const tip = [escapeHtml(opts.labels[i] ?? ''), ...series.map((s) => `${escapeHtml(s.name)} ${formatInt(s.values[i] ?? 0)}`)].join(', ');
    const rects: string[] = [];
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const h = (v / max) * height;
      y -= h;
      rects.push(`<rect x="${f1(i * bar + 0.5)}" y="${f1(y)}" width="${f1(bar - 1)}" height="${f1(h)}" fill="${escapeHtml(s.color)}"/>`);
    }
    // A transparent full-height hit area so that quiet minutes have a tooltip too.
    parts.push(`<g><title>${tip}</title><rect x="${f1(i * bar)}" y="0" width="${f1(bar)}" height="${height}" fill="transparent"/>${rects.join('')}</g>`);
  }
  const legend = series.map((s) => `<span class="key" style="background:${escapeHtml(s.color)}"></span>${escapeHtml(s.name)}`).join(' ');
  return (
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(opts.title)}" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="none">` +
    `<title>${escapeHtml(opts.title)}</title>${parts.join('')}</svg>` +
    `<figcaption>${legend} · max ${formatInt(Math.max(0, ...totals))} per cell · ${escapeHtml(opts.labels[0] ?? '')} → ${escapeHtml(opts.labels[n - 1] ?? '')}</figcaption></figure>`
  );
}

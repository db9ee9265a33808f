import { shorten } from './format.ts';
import { html, type SafeHtml } from './html.ts';

/** Inline SVG charts: no script, no external file, styled by the page's stylesheet, described for screen readers. */

export interface Bar {
  label: string;
  count: number;
}

export interface StackedRow {
  label: string;
  parts: { name: string; count: number }[];
}

const WIDTH = 560;
const LABEL_WIDTH = 220;
const ROW = 30;
/** What fits in LABEL_WIDTH at the chart font size; the full label is in the chart's description. */
const LABEL_CHARS = 26;

/** `id` must be unique in the page: it names the chart's title and description for assistive technology. */
export function barChart(id: string, title: string, bars: Bar[]): SafeHtml {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const barSpace = WIDTH - LABEL_WIDTH - 50;
  const height = bars.length * ROW + 4;
  const summary = bars.map((b) => `${b.label}: ${b.count}`).join('; ');
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">
<title id="${id}-t">${title}</title><desc id="${id}-d">${summary}</desc>
${bars.map((bar, i) => {
  const y = i * ROW + 2;
  const width = Math.round((bar.count / max) * barSpace);
  return html`<g><text class="chart-label" x="${LABEL_WIDTH - 8}" y="${y + 19}" text-anchor="end">${shorten(bar.label, LABEL_CHARS)}</text>
<rect class="chart-bar" x="${LABEL_WIDTH}" y="${y + 4}" width="${Math.max(width, 1)}" height="${ROW - 10}" rx="3"></rect>
<text class="chart-count" x="${LABEL_WIDTH + Math.max(width, 1) + 6}" y="${y + 19}">${bar.count}</text></g>`;
})}
</svg>`;
}

/** One row per item, split into parts (a rating scale, or agree/disagree/pass), with a legend. */
export function stackedChart(
  id: string,
  title: string,
  legend: string[],
  rows: StackedRow[],
  palette: number[] = legend.map((_, i) => i),
): SafeHtml {
  const colour = (p: number) => (palette[p] ?? p) % 7;
  const barSpace = WIDTH - LABEL_WIDTH - 10;
  const height = rows.length * ROW + 4;
  const summary = rows.map((r) => `${r.label}: ${r.parts.map((p) => `${p.name} ${p.count}`).join(', ')}`).join('; ');
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">
<title id="${id}-t">${title}</title><desc id="${id}-d">${summary}</desc>
${rows.map((row, i) => {
  const y = i * ROW + 2;
  const total = row.parts.reduce((sum, p) => sum + p.count, 0);
  let x = LABEL_WIDTH;
  return html`<g><text class="chart-label" x="${LABEL_WIDTH - 8}" y="${y + 19}" text-anchor="end">${shorten(row.label, LABEL_CHARS)}</text>
${
  total === 0
    ? html`<text class="chart-count" x="${LABEL_WIDTH}" y="${y + 19}">no votes yet</text>`
    : row.parts.map((part, p) => {
        const width = (part.count / total) * barSpace;
        const rect = html`<rect class="chart-part chart-part-${colour(p)}" x="${x.toFixed(1)}" y="${y + 4}" width="${width.toFixed(1)}" height="${ROW - 10}"><title>${part.name}: ${part.count}</title></rect>`;
        x += width;
        return rect;
      })
}</g>`;
})}
</svg>
<ul class="chart-legend">${legend.map((name, p) => html`<li><span class="swatch chart-part-${colour(p)}" aria-hidden="true"></span>${name}</li>`)}</ul>`;
}

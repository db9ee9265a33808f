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
/** What fits on one line of LABEL_WIDTH at the chart font size. */
const LABEL_CHARS = 26;
const LINE = 15;

/**
 * A label on at most two lines: whole when it fits, else its start and its end ("More time set aside in the /
 * …colleagues in other schools"), so options that differ only at their end still look different. The full label
 * is in the row's title (shown on hover) and in the table under the chart.
 */
export function labelLines(label: string): string[] {
  const chars = [...label.replace(/\s+/g, ' ').trim()];
  if (chars.length <= LABEL_CHARS) return [chars.join('')];
  const wrapAt = (text: string[]) => {
    const head = text.slice(0, LABEL_CHARS).join('');
    const space = head.lastIndexOf(' ');
    return space > LABEL_CHARS / 2 ? head.slice(0, space) : head;
  };
  const first = wrapAt(chars);
  const rest = chars
    .slice([...first].length)
    .join('')
    .trim();
  if ([...rest].length <= LABEL_CHARS) return [first, rest];
  const tail = [...rest].slice(-(LABEL_CHARS - 1)).join('');
  const space = tail.indexOf(' ');
  return [first, `…${space >= 0 && space < LABEL_CHARS / 2 ? tail.slice(space + 1) : tail}`];
}

function rowHeight(labels: string[]): number {
  return labels.some((l) => labelLines(l).length > 1) ? 40 : 30;
}

function labelText(label: string, y: number, row: number): SafeHtml {
  const lines = labelLines(label);
  const top = y + row / 2 + 4 - ((lines.length - 1) * LINE) / 2;
  return html`<text class="chart-label" x="${LABEL_WIDTH - 8}" y="${top}" text-anchor="end">${lines.map(
    (line, i) => html`<tspan x="${LABEL_WIDTH - 8}" dy="${i === 0 ? 0 : LINE}">${line}</tspan>`,
  )}</text>`;
}

/** The chart's numbers with full labels, for anyone who wants to read rather than look. */
function countsTable(head: string[], rows: (string | number)[][]): SafeHtml {
  return html`<details class="chart-table"><summary>The numbers as a table</summary><div class="table-scroll"><table>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r[0]}</th>${r.slice(1).map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
</table></div></details>`;
}

/** `id` must be unique in the page: it names the chart's title and description for assistive technology. */
export function barChart(id: string, title: string, bars: Bar[]): SafeHtml {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const barSpace = WIDTH - LABEL_WIDTH - 50;
  const ROW = rowHeight(bars.map((b) => b.label));
  const height = bars.length * ROW + 4;
  const summary = bars.map((b) => `${b.label}: ${b.count}`).join('; ');
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">
<title id="${id}-t">${title}</title><desc id="${id}-d">${summary}</desc>
${bars.map((bar, i) => {
  const y = i * ROW + 2;
  const width = Math.round((bar.count / max) * barSpace);
  const middle = y + ROW / 2 + 4;
  return html`<g><title>${bar.label}: ${bar.count}</title>${labelText(bar.label, y, ROW)}
<rect class="chart-bar" x="${LABEL_WIDTH}" y="${y + 5}" width="${Math.max(width, 1)}" height="${ROW - 10}" rx="3"></rect>
<text class="chart-count" x="${LABEL_WIDTH + Math.max(width, 1) + 6}" y="${middle}">${bar.count}</text></g>`;
})}
</svg>
${countsTable(
  ['Option', 'Count'],
  bars.map((b) => [b.label, b.count]),
)}`;
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
  const ROW = rowHeight(rows.map((r) => r.label));
  const height = rows.length * ROW + 4;
  const summary = rows.map((r) => `${r.label}: ${r.parts.map((p) => `${p.name} ${p.count}`).join(', ')}`).join('; ');
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">
<title id="${id}-t">${title}</title><desc id="${id}-d">${summary}</desc>
${rows.map((row, i) => {
  const y = i * ROW + 2;
  const total = row.parts.reduce((sum, p) => sum + p.count, 0);
  let x = LABEL_WIDTH;
  return html`<g><title>${row.label}</title>${labelText(row.label, y, ROW)}
${
  total === 0
    ? html`<text class="chart-count" x="${LABEL_WIDTH}" y="${y + ROW / 2 + 4}">no votes yet</text>`
    : row.parts.map((part, p) => {
        const width = (part.count / total) * barSpace;
        const rect = html`<rect class="chart-part chart-part-${colour(p)}" x="${x.toFixed(1)}" y="${y + 5}" width="${width.toFixed(1)}" height="${ROW - 10}"><title>${part.name}: ${part.count}</title></rect>`;
        x += width;
        return rect;
      })
}</g>`;
})}
</svg>
<ul class="chart-legend">${legend.map((name, p) => html`<li><span class="swatch chart-part-${colour(p)}" aria-hidden="true"></span>${name}</li>`)}</ul>
${countsTable(
  ['Item', ...legend],
  rows.map((r) => [r.label, ...legend.map((name) => r.parts.find((p) => p.name === name)?.count ?? 0)]),
)}`;
}

import { zonedLabel } from '../chat-text.ts';
import { RANKED_SCORING_RULE } from '../consultation/ranked-scoring.ts';
import {
  activityLine,
  attribution,
  barValue,
  counted,
  formatMean,
  n,
  participationLine,
  percent,
  questionMeta,
  quietLine,
  quoteDate,
  repliesNote,
  responseLine,
  soFarLine,
  weekSpan,
} from './describe.ts';
import { escapeHtml as h } from './format-escaping.ts';
import { HEARD_HEADING, heardCells, heardLine, underHeardLine } from './heard.ts';
import type { Count, DigestModel, DigestPositions, DigestQuestion, DigestQuote, PollResults } from './model.ts';
import { opinionMapSvg } from './opinion-map-svg.ts';
import { type PositionsBlock, positionsOutline } from './positions-outline.ts';
import { participationCells, resultCells, type TableCells } from './tables.ts';

/**
 * The digest as one self-contained HTML page: inline CSS, inline SVG bar charts, no script and nothing fetched
 * (a Content-Security-Policy says so), readable on paper. Every text from the store is escaped.
 */

const CSS = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6477; --line: #d9dee8; --bar: #3b6fd4; --new: #0d7a4f; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; } .meta, .note { color: var(--muted); font-size: .9rem; }
section.question { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; break-inside: avoid-page; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; } thead th { font-weight: 600; color: var(--muted); }
blockquote { margin: .75rem 0; padding: .5rem .9rem; border-left: 4px solid var(--bar); background: #f5f7fb; white-space: pre-wrap; }
blockquote footer { white-space: normal; color: var(--muted); font-size: .85rem; margin-top: .35rem; }
.new { color: var(--new); font-weight: 600; } .quiet { font-size: 1.1rem; font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; margin: .25rem 0 1rem; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); } svg .bar { fill: var(--bar); } svg .hidden { fill: var(--muted); font-style: italic; }
h5 { font-size: .95rem; margin: .75rem 0 .25rem; } p.position { margin: .5rem 0 .25rem; font-weight: 600; } p.point { margin: .15rem 0 .15rem 1.1rem; } p.point::before { content: "• "; margin-left: -.8rem; }
@media print { body { padding: 0; max-width: none; font-size: 11pt; } a { color: inherit; } section.question { border-color: #999; } }
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function table({ head, rows }: TableCells): string {
  return `<table><thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const PENDING_NOTE = '<span class="note">(awaiting approval)</span>';

/** A horizontal bar chart; bars for counts hidden as "fewer than 5" are not drawn. */
export function barChart(title: string, bars: { label: string; value: Count; note?: string }[]): string {
  const rowHeight = 24;
  const labelWidth = 260;
  const barWidth = 380;
  const max = Math.max(1, ...bars.map((b) => barValue(b.value)));
  const height = bars.length * rowHeight + 8;
  const rows = bars
    .map((b, i) => {
      const y = 4 + i * rowHeight;
      const width = Math.round((barValue(b.value) / max) * barWidth);
      const label = b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label;
      const value = `${n(b.value)}${b.note ? ` (${b.note})` : ''}`;
      return `<g><title>${h(`${b.label}: ${value}`)}</title><text x="0" y="${y + 15}">${h(label)}</text>${
        width > 0
          ? `<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 8}" rx="2"/>`
          : ''
      }<text x="${labelWidth + width + 6}" y="${y + 15}"${typeof b.value === 'number' ? '' : ' class="hidden"'}>${h(value)}</text></g>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${h(title)}" viewBox="0 0 ${labelWidth + barWidth + 120} ${height}" width="${labelWidth + barWidth + 120}" height="${height}">${rows}</svg>`;
}

function results(r: PollResults): string {
  const cells = table(resultCells(r, h, PENDING_NOTE));
  switch (r.type) {
    case 'choice':
      return `<p>${counted(r.voters, 'voter', 'voters')}${r.multiple ? ' (several choices each)' : ''}.</p>${barChart(
        'Votes per option',
        r.options.map((o) => ({ label: o.label, value: o.votes, note: percent(o.share) })),
      )}${cells}`;
    case 'ranked':
      return `<p>${counted(r.voters, 'voter', 'voters')}. ${RANKED_SCORING_RULE}</p>${barChart(
        'First preferences',
        r.options.map((o) => ({ label: o.label, value: o.firstPreferences, note: percent(o.firstShare) })),
      )}${cells}`;
    case 'likert':
      return `${r.items
        .map(
          (i) =>
            `<p><strong>${h(i.label)}</strong>: ${counted(i.responses, 'answer', 'answers')}, mean ${formatMean(i.mean)}</p>${barChart(
              i.label,
              r.scale.map((point, k) => ({ label: point, value: i.distribution[k] ?? 0 })),
            )}`,
        )
        .join('')}${cells}`;
    case 'statements':
      return `<p>${counted(r.voters, 'voter', 'voters')}.</p>${barChart(
        'Agreement per statement',
        r.statements.map((s) => ({ label: s.label, value: s.agree, note: `${percent(s.agreeShare)} agree` })),
      )}${cells}`;
  }
}

function anchor(text: string, url: string | null): string {
  return url ? `<a href="${h(url)}" rel="noopener noreferrer">${h(text)}</a>` : h(text);
}

function quote(q: DigestQuote): string {
  const replies = repliesNote(q.replies);
  return `<blockquote>${h(q.text)}<footer>— ${h(q.author ?? 'Anonymous')}, ${h(quoteDate(q))}${replies}${
    q.link ? ` · ${anchor('source', q.link)}` : ''
  }${q.isNew ? ' · <span class="new">new</span>' : ''}</footer></blockquote>`;
}

function positionsBlock(block: PositionsBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<h5>${h(block.text)}</h5>`;
    case 'note':
      return `<p class="note">${h(block.text)}</p>`;
    case 'title':
      return `<p class="position">${h(block.text)}</p>`;
    case 'point':
      return `<p class="point">${h(block.text)}</p>`;
    case 'quote':
      return quote(block.quote);
    case 'map':
      return opinionMapSvg(block.map, block.groups);
  }
}

/** A question's positions as HTML (the dashboard shows the same as the digest), saying when, in `timeZone`. */
export function positionsHtml(p: DigestPositions, timeZone = 'UTC'): string {
  return positionsOutline(p, (at) => zonedLabel(at, timeZone))
    .map(positionsBlock)
    .join('\n');
}

function question(q: DigestQuestion, timeZone: string): string {
  const parts = [
    `<h3>${h(q.section ? `${q.section}: ${q.prompt}` : q.prompt)}</h3>`,
    `<p class="meta">${h(questionMeta(q))}</p>`,
    table(participationCells(q.participation.overall, [q.participation.byPlatform, q.participation.byChannel], h)),
  ];
  const responses = responseLine(q);
  if (responses) parts.push(`<p>${h(responses)}</p>`);
  if (q.results) parts.push(results(q.results));
  if (q.positions) parts.push(`<h4>Positions</h4>${positionsHtml(q.positions, timeZone)}`);
  if (q.quotes.length > 0) parts.push(`<h4>From this week</h4>${q.quotes.map(quote).join('')}`);
  return `<section class="question" id="q-${h(q.key)}">${parts.join('\n')}</section>`;
}

function heardHtml(model: DigestModel): string {
  if (!model.heard) return '';
  const cells = model.heard.groups.length ? table(heardCells(model.heard, h)) : '';
  return `<h2>${HEARD_HEADING}</h2><p>${h(heardLine(model.heard))} <strong>${h(underHeardLine(model.heard))}</strong></p>${cells}`;
}

export function renderHtml(model: DigestModel): string {
  const title = `${model.programme.title}: weekly digest, ${model.week.label}`;
  const meta = `${model.programme.organisation ? `${model.programme.organisation} · ` : ''}${weekSpan(model)} (UTC) · generated ${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC${
    model.previousDigest ? ` · previous digest ${model.previousDigest.week}` : ''
  }`;
  const body = model.quiet
    ? `<p class="quiet">${h(quietLine(model))}</p><p>${h(participationLine(model))}</p><ul>${model.questions
        .map((q) => `<li>${h(q.prompt)}: ${h(soFarLine(q))}</li>`)
        .join('')}</ul>${heardHtml(model)}`
    : `<h2>At a glance</h2><p>${h(participationLine(model))} ${h(activityLine(model))}</p>${table(
        participationCells(model.participation.overall, [model.participation.byPlatform], h),
      )}${heardHtml(model)}<h2>Questions</h2>${model.questions.map((q) => question(q, model.programme.timezone)).join('\n')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${h(title)}</h1><p class="meta">${h(meta)}</p></header>
<main>
${body}
</main>
<footer><p class="note">${h(attribution(model))}</p></footer>
</body>
</html>
`;
}

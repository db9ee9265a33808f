import type { ProgrammeRecord } from '../../../src/core/records.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * The seam for opinion groups and themes. The dashboard shows whatever a `PositionsSource` gives it; until the
 * positions module is connected (or while too few people have voted) it says so.
 */

export interface PositionsView {
  groups: { label: string; size: number; statements: { text: string; agreePercent: number }[] }[];
  consensus: { text: string; agreePercent: number }[];
  themes: { title: string; quotes: string[] }[];
}

export interface PositionsSource {
  /** Null when there are not enough votes to map opinions. */
  forProgramme(programme: ProgrammeRecord): Promise<PositionsView | null>;
}

export async function positionsSection(source: PositionsSource | undefined, programme: ProgrammeRecord) {
  const view = source ? await source.forProgramme(programme).catch(() => null) : null;
  return html`<section id="positions" aria-labelledby="positions-title">
<h2 id="positions-title">Opinion map and themes</h2>
${view ? positionsView(view) : html`<p class="empty">Not enough votes yet. Opinion groups, the statements each group agrees on and the themes of written answers appear here once people have voted on enough agree/disagree statements.</p>`}
</section>`;
}

function positionsView(view: PositionsView): SafeHtml {
  return html`<div class="positions">
${view.groups.map(
  (g) => html`<article class="group"><h3>${g.label} <span class="count">(${g.size} people)</span></h3>
<ul>${g.statements.map((s) => html`<li>${s.text} <span class="hint">${s.agreePercent}% agree</span></li>`)}</ul></article>`,
)}
${view.consensus.length ? html`<h3>Common ground</h3><ul>${view.consensus.map((s) => html`<li>${s.text} <span class="hint">${s.agreePercent}% agree</span></li>`)}</ul>` : ''}
${view.themes.length ? html`<h3>Themes</h3>${view.themes.map((t) => html`<h4>${t.title}</h4><ul>${t.quotes.map((q) => html`<li><q>${q}</q></li>`)}</ul>`)}` : ''}
</div>`;
}

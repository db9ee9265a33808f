import { HEARD_HEADING, heardCells, heardLine, underHeardLine } from '../../../src/core/digest/heard.ts';
import type { DigestHeard } from '../../../src/core/digest/model.ts';
import type { ProgrammeRecord, QuestionRecord } from '../../../src/core/records.ts';
import { html, type SafeHtml } from '../outbound/html.ts';
import { csrfField } from '../outbound/layout.ts';
import { questionPath } from './stats-view.ts';

/**
 * "Who has been heard" against the roster, in the digest's words, with a button per open question that reminds
 * the under-heard groups' members who have not answered it. Nothing when the programme has no roster.
 */
export function heardSection(
  heard: DigestHeard | null,
  csrf: string,
  programme: ProgrammeRecord,
  questions: QuestionRecord[],
): SafeHtml | '' {
  if (!heard) return '';
  const table = heardCells(heard, (text) => text);
  const open = questions.filter((q) => q.status === 'open');
  const anyUnderHeard = heard.groups.some((g) => g.underHeard);
  return html`<section id="heard" aria-labelledby="heard-title">
<h2 id="heard-title">${HEARD_HEADING}</h2>
<p class="lede">${heardLine(heard)} ${underHeardLine(heard)}</p>
${
  table.rows.length
    ? html`<div class="table-scroll"><table class="heard"><caption class="visually-hidden">Roster members who took part, by attribute</caption>
<thead><tr>${table.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${table.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`
    : ''
}
${
  anyUnderHeard && open.length
    ? html`<p class="hint">Reminders go privately to members of the under-heard groups who have not answered, found by the platform ids on the roster, even if they have not taken part yet.</p>
<div class="row-actions">${open.map((q) => html`<form method="post" action="${questionPath(programme.slug, q.key)}/remind-under-heard" class="inline">${csrfField(csrf)}<button type="submit">Remind under-heard: ${q.key}</button></form>`)}</div>`
    : ''
}
</section>`;
}

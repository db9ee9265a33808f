import type { Consultation } from '../../../src/core/consultation/consultation.ts';
import { positionsHtml } from '../../../src/core/digest/render-html.ts';
import type { ProgrammeRecord } from '../../../src/core/records.ts';
import { html, trusted } from '../outbound/html.ts';

/**
 * Where people stand on each open and agree/disagree question that has opened: the opinion map, groups and
 * common ground, or the themes of written answers with verbatim quotes, as the digest shows them.
 */
export async function positionsSection(consultation: Consultation, programme: ProgrammeRecord) {
  const questions = (await consultation.read.questionsOf(programme.id)).filter(
    (q) => (q.kind === 'open' || q.kind === 'statements') && (q.status === 'open' || q.status === 'closed'),
  );
  const shown = [];
  for (const question of questions) {
    const positions = await consultation.organisers.positions(question);
    shown.push(
      html`<article class="positions"><h3>${question.prompt}</h3>${trusted(positionsHtml(positions))}</article>`,
    );
  }
  return html`<section id="positions" aria-labelledby="positions-title">
<h2 id="positions-title">Opinion map and themes</h2>
${shown.length ? shown : html`<p class="empty">No open or agree/disagree question has opened yet. Opinion groups, common ground and the themes of written answers appear here once people answer.</p>`}
</section>`;
}

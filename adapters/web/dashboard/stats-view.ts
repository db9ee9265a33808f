import type { QuestionStats } from '../../../src/core/consultation/question-stats.ts';
import { KIND_LABEL } from '../../../src/core/presentation/question-wording.ts';
import { plural } from '../../../src/core/wording.ts';
import { anonymityNote, formatWhen } from '../outbound/format.ts';
import { html, type SafeHtml } from '../outbound/html.ts';
import { pollChart } from './poll-chart.ts';
import { shownCount } from './stats.ts';

/** One question's live numbers; the element refreshes itself (server-sent events) when its counts change. */

export function questionPath(slug: string, key: string): string {
  return `/dashboard/programmes/${encodeURIComponent(slug)}/questions/${encodeURIComponent(key)}`;
}

/** What organisers can and cannot learn on a pseudonymous question, said where the names are. */
export const PSEUDONYMOUS_ORGANISER_VIEW =
  'Pseudonymous question: organisers see who has not answered yet (by name, below, for reminders) and each answer under its pseudonym, never the name behind a pseudonym. Where few people answered, knowing who answered can be enough to guess who wrote what: treat the list as confidential.';

function nonRespondents(stats: QuestionStats): SafeHtml {
  if (stats.nonRespondents === null)
    return html`<p class="hint">${plural(stats.nonRespondentCount, 'known participant has', 'known participants have')} not answered. Names are not listed for an anonymous question: the list would show who did answer.</p>`;
  if (stats.nonRespondents.length === 0)
    return html`<p class="hint">Everyone known to this programme has answered (people count once they take part in any of its questions).</p>`;
  const pseudonymous =
    stats.question.anonymity === 'pseudonymous' ? html`<p class="hint">${PSEUDONYMOUS_ORGANISER_VIEW}</p>` : '';
  return html`${pseudonymous}<details><summary>${plural(stats.nonRespondents.length, 'person has', 'people have')} not answered yet</summary>
<ul class="people">${stats.nonRespondents.map((p) => html`<li>${p.displayName} <span class="hint">(${p.platform})</span></li>`)}</ul></details>`;
}

/** A question not posted anywhere yet: one line, replaced by its full counts when it opens. */
function notYetPosted(stats: QuestionStats): SafeHtml {
  const { question, programme } = stats;
  const id = `stats-${question.id}`;
  return html`<article class="stats compact" id="${id}" aria-labelledby="${id}-title" data-live="question:${question.id}" data-live-src="${questionPath(programme.slug, question.key)}/stats">
<h3 id="${id}-title"><a href="${questionPath(programme.slug, question.key)}">${question.prompt}</a></h3>
<p class="card-meta">${question.key} · ${KIND_LABEL[question.kind]} · <span class="status status-${question.status}">${question.status}</span>${question.opensAt ? html` · opens <time datetime="${question.opensAt.toISOString()}">${formatWhen(question.opensAt, programme.timezone)}</time>` : ''}</p>
</article>`;
}

/** `h1` for the question's own page (the full view); `h3` in a programme's list, compact until it is posted. */
export function statsView(stats: QuestionStats, headingLevel: 'h1' | 'h3' = 'h3'): SafeHtml {
  const { question, programme } = stats;
  if (headingLevel === 'h3' && stats.byChannel.length === 0 && question.status === 'scheduled')
    return notYetPosted(stats);
  const id = `stats-${question.id}`;
  const path = questionPath(programme.slug, question.key);
  const title =
    headingLevel === 'h1'
      ? html`<h1 id="${id}-title">${question.prompt}</h1>`
      : html`<h3 id="${id}-title"><a href="${path}">${question.prompt}</a></h3>`;
  const isPoll = question.kind !== 'open';
  return html`<article class="stats" id="${id}" aria-labelledby="${id}-title" data-live="question:${question.id}" data-live-src="${path}/stats${headingLevel === 'h1' ? '?full=1' : ''}">
${title}
<p class="card-meta">${question.key} · ${KIND_LABEL[question.kind]} · <span class="status status-${question.status}">${question.status}</span> · ${anonymityNote(question.anonymity, question.kind)}</p>
<dl class="counts" aria-live="polite">
<div><dt>Replies in threads</dt><dd data-count="replies">${stats.replies}</dd></div>
<div><dt>Private answers</dt><dd data-count="private">${shownCount(question, stats.privateAnswers)}</dd></div>
${isPoll ? html`<div><dt>Voters</dt><dd data-count="voters">${stats.voters}</dd></div>` : ''}
</dl>
${
  stats.byChannel.length
    ? html`<div class="table-scroll"><table class="by-channel"><caption>By platform and channel</caption>
<thead><tr><th scope="col">Platform</th><th scope="col">Channel</th><th scope="col">Replies</th></tr></thead>
<tbody>${stats.byChannel.map((row) => html`<tr><td>${row.platform}</td><td>${row.channel}</td><td>${shownCount(question, row.replies)}</td></tr>`)}</tbody></table></div>`
    : html`<p class="hint">Not posted to any channel yet.</p>`
}
${isPoll && stats.votersByPlatform.length ? html`<p class="hint">Voters by platform: ${stats.votersByPlatform.map((v) => `${v.platform} ${shownCount(question, v.voters)}`).join(', ')}</p>` : ''}
${isPoll ? html`<figure class="poll-chart">${pollChart(stats)}<figcaption>${question.resultsVisibility === 'on_close' && question.status !== 'closed' ? 'Participants see these results when the poll closes.' : 'Participants see these results live.'}</figcaption></figure>` : ''}
${nonRespondents(stats)}
</article>`;
}

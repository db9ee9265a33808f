import { RANKED_SCORING_RULE } from '../../../src/core/consultation/ranked-scoring.ts';
import { opinionMapSvg } from '../../../src/core/digest/opinion-map-svg.ts';
import { KIND_LABEL } from '../../../src/core/presentation/question-wording.ts';
import { resultsHiddenText, votedSoFar } from '../../../src/core/presentation/tally-lines.ts';
import type { PostedQuestion } from './channel-data.ts';
import { barChart } from './charts.ts';
import { formStart, textArea } from './fields.ts';
import { anonymityNote, formatWhen } from './format.ts';
import { html, type SafeHtml, trusted } from './html.ts';
import { myVoteText, pollControls } from './poll-controls.ts';
import { threadReplyForm, threadView } from './thread-view.ts';
import { problemFor, type ViewContext } from './view-context.ts';

/** A posted question as the sandbox shows it: what Slack's Block Kit or a Discord embed would show, in HTML. */

function statusLine(item: PostedQuestion): SafeHtml {
  const { card, programme } = item;
  const zone = programme.timezone;
  const when = (label: string, at: Date | null) =>
    at ? html` · ${label} <time datetime="${at.toISOString()}">${formatWhen(at, zone)}</time>` : '';
  if (card.status === 'open')
    return html`<strong class="status status-open">Open</strong>${when('closes', card.closesAt)}`;
  if (card.status === 'closed')
    return html`<strong class="status status-closed">Closed</strong>${when('closed', card.closedAt ?? card.closesAt)}`;
  if (card.status === 'scheduled')
    return html`<strong class="status">Not open yet</strong>${when('opens', card.opensAt)}`;
  return html`<strong class="status">Archived</strong>`;
}

function results(item: PostedQuestion): SafeHtml {
  const { card, question } = item;
  if (card.kind === 'open') return html``;
  if (!card.tally) return html`<p class="results-hidden">${resultsHiddenText(card.voters)}</p>`;
  const voters = votedSoFar(card.voters);
  const chart =
    card.kind === 'statements'
      ? barChart(`tally-${question.id}`, 'People who agree with each statement', card.tally)
      : card.kind === 'likert'
        ? barChart(`tally-${question.id}`, 'Ratings per item', card.tally)
        : barChart(
            `tally-${question.id}`,
            card.kind === 'ranked' ? 'First preferences' : 'Votes per option',
            card.tally,
          );
  return html`<div class="results"><p>${voters} voted${card.kind === 'ranked' ? ' (first preferences shown)' : ''}${card.kind === 'statements' ? ' (counts of "agree")' : ''}.${card.kind === 'ranked' ? ` ${RANKED_SCORING_RULE}` : ''}</p>${chart}</div>`;
}

/** The opinion map, drawn for this page's viewer alone: their own dot is marked "You", no one else's. */
function opinionMap(item: PostedQuestion): SafeHtml {
  const shown = item.opinionMap;
  if (!shown) return html``;
  const caption =
    shown.yours === null
      ? 'Each dot is one voter, coloured by opinion group. Vote on statements to appear on it.'
      : 'Each dot is one voter, coloured by opinion group; yours is marked "You" (only you see which it is).';
  return html`<figure class="opinion-map" id="map-${item.question.id}">${trusted(opinionMapSvg(shown.map, shown.groups, shown.yours))}<figcaption>${caption}</figcaption></figure>`;
}

function privateAnswer(item: PostedQuestion, view: ViewContext): SafeHtml {
  if (!view.visitor || item.card.status !== 'open' || item.card.kind !== 'open') return html``;
  const formId = `private-${item.question.id}`;
  return html`<details class="private-answer"${problemFor(view, formId) ? html` open` : ''}><summary>Answer privately</summary>
${formStart(view, formId, `/sandbox/channels/${view.channel}/questions/${item.question.id}/private`, `q-${item.question.id}`)}
${textArea(view, formId, {
  name: 'body',
  label: 'Your private answer',
  rows: 4,
  hint: 'Only the organisers see it, and it is never shown in the thread.',
})}
<div class="actions"><button type="submit">Send privately</button></div>
</form></details>`;
}

export function questionView(item: PostedQuestion, view: ViewContext): SafeHtml {
  const { card, question } = item;
  const mine = myVoteText(item);
  return html`<article class="card" id="q-${question.id}" aria-labelledby="q-${question.id}-title" data-live="question:${question.id}">
<p class="card-meta">${card.programmeTitle}${card.sectionTitle ? html` · ${card.sectionTitle}` : ''} · ${KIND_LABEL[card.kind]}</p>
<h2 id="q-${question.id}-title">${card.prompt}</h2>
${card.intro ? html`<div class="intro">${card.intro}</div>` : ''}
<p class="card-status">${statusLine(item)}</p>
<p class="anonymity">${anonymityNote(card.anonymity, card.kind)}</p>
<div class="live" id="q-${question.id}-live" aria-live="polite">
${results(item)}
${opinionMap(item)}
${mine ? html`<p class="my-vote">Your vote: ${mine}</p>` : ''}
</div>
${pollControls(item, view)}
${view.visitor ? '' : html`<p class="hint"><a href="#identity-name">Choose a name</a> to reply and vote.</p>`}
${threadView(item, view)}
${threadReplyForm(item, view)}
${privateAnswer(item, view)}
</article>`;
}

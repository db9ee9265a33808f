import { plural } from '../../../src/core/wording.ts';
import type { PostedQuestion } from './channel-data.ts';
import { fieldError, formStart } from './fields.ts';
import { attr, html, type SafeHtml } from './html.ts';
import { statementControls } from './statement-controls.ts';
import { problemFor, type ViewContext } from './view-context.ts';

/** The voting controls of each poll kind, as plain form controls: radios, checkboxes, selects and buttons. */

const ORDINALS = ['1st', '2nd', '3rd'];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;

function labelOf(item: PostedQuestion, key: string): string {
  return item.card.options.find((o) => o.key === key)?.label ?? key;
}

/** What the visitor has voted, in words ("see what I voted"). */
export function myVoteText(item: PostedQuestion): string | null {
  const votes = item.myVotes;
  if (votes.length === 0) return null;
  const { kind, scale } = item.card;
  if (kind === 'likert')
    return votes.map((v) => `${labelOf(item, v.subject)}: ${scale[Number(v.choice[0])] ?? v.choice[0]}`).join('; ');
  if (kind === 'statements') return `${votes.length} of ${plural(item.card.options.length, 'statement')} answered`;
  const [vote] = votes;
  if (!vote) return null;
  if (kind === 'ranked') return vote.choice.map((k, i) => `${ordinal(i + 1)} ${labelOf(item, k)}`).join(', ');
  return vote.choice.map((k) => labelOf(item, k)).join(', ');
}

function wholePollVote(item: PostedQuestion): string[] {
  return item.myVotes.find((v) => v.subject === '')?.choice ?? [];
}

/** The place each option holds: from the refused form when there is one, else from the person's vote. */
function placesOf(current: string[], submitted: Record<string, string[]> | undefined): (key: string) => number {
  if (submitted) return (key) => Number(submitted[`rank:${key}`]?.[0] ?? '') || 0;
  return (key) => current.indexOf(key) + 1;
}

function choiceControls(item: PostedQuestion, formId: string, current: string[]): SafeHtml {
  const { card, question } = item;
  const type = card.kind === 'single_choice' ? 'radio' : 'checkbox';
  const hint =
    card.kind === 'multi_choice'
      ? `Choose ${question.minChoices === question.maxChoices ? plural(question.minChoices, 'option') : `${question.minChoices} to ${plural(question.maxChoices, 'option')}`}.`
      : 'Choose one option; choosing another later changes your vote.';
  return html`<fieldset aria-describedby="${formId}-hint">
<legend>Your vote</legend>
<p class="hint" id="${formId}-hint">${hint}</p>
${card.options.map(
  (o) =>
    html`<div class="choice"><input type="${type}" id="${formId}-${o.key}" name="choice" value="${o.key}"${attr('checked', current.includes(o.key))}${card.kind === 'single_choice' ? html` required` : ''}><label for="${formId}-${o.key}">${o.label}</label></div>`,
)}
</fieldset>`;
}

function rankedControls(item: PostedQuestion, formId: string, placeOf: (key: string) => number): SafeHtml {
  const count = item.card.options.length;
  return html`<fieldset aria-describedby="${formId}-hint">
<legend>Your ranking</legend>
<p class="hint" id="${formId}-hint">Give each option you want to rank a place: 1st is your top priority. Leave out any you do not want to rank.</p>
${item.card.options.map((o) => {
  const place = placeOf(o.key);
  return html`<div class="rank"><label for="${formId}-${o.key}">${o.label}</label>
<select id="${formId}-${o.key}" name="rank:${o.key}"><option value="">Not ranked</option>${Array.from(
    { length: count },
    (_, i) => html`<option value="${i + 1}"${attr('selected', place === i + 1)}>${ordinal(i + 1)}</option>`,
  )}</select></div>`;
})}
</fieldset>`;
}

function likertControls(item: PostedQuestion, formId: string, submitted?: Record<string, string[]>): SafeHtml {
  const { card } = item;
  return html`${card.options.map((o) => {
    const current = submitted
      ? submitted[`item:${o.key}`]?.[0]
      : item.myVotes.find((v) => v.subject === o.key)?.choice[0];
    return html`<fieldset class="likert-item">
<legend>${o.label}</legend>
<div class="scale">${card.scale.map(
      (point, i) =>
        html`<span class="choice"><input type="radio" id="${formId}-${o.key}-${i}" name="item:${o.key}" value="${i}"${attr('checked', current === String(i))}><label for="${formId}-${o.key}-${i}">${point}</label></span>`,
    )}</div>
</fieldset>`;
  })}`;
}

export function pollControls(item: PostedQuestion, view: ViewContext): SafeHtml {
  const { card, question } = item;
  if (card.kind === 'open' || card.status !== 'open' || !view.visitor) return html``;
  if (card.kind === 'statements') return statementControls(item, view);
  const formId = `vote-${question.id}`;
  const action = `/sandbox/channels/${view.channel}/questions/${question.id}/votes`;
  // A refused form, or one that could not be recorded, comes back as the person left it, not as their last vote.
  const submitted = problemFor(view, formId)?.choices;
  const current = wholePollVote(item);
  const body =
    card.kind === 'single_choice' || card.kind === 'multi_choice'
      ? choiceControls(item, formId, submitted ? (submitted.choice ?? []) : current)
      : card.kind === 'ranked'
        ? rankedControls(item, formId, placesOf(current, submitted))
        : likertControls(item, formId, submitted);
  const submit = html`<button type="submit">${card.kind === 'likert' ? 'Save my ratings' : item.myVotes.length ? 'Change my vote' : 'Vote'}</button>`;
  const retract =
    item.myVotes.length && card.kind !== 'likert'
      ? html` <button type="submit" name="retract" value="1" class="secondary" formnovalidate>Withdraw my vote</button>`
      : html``;
  return html`${formStart(view, formId, action, `q-${question.id}`)}
${fieldError(view, formId, 'choice')}
${body}
<div class="actions">${submit}${retract}</div>
</form>`;
}

import type { StatementCard } from '../../../src/core/ports/chat-platform.ts';
import { STATEMENT_MAX_LENGTH } from '../../../src/core/statements/statement-text.ts';
import type { PostedQuestion } from './channel-data.ts';
import { chatHtml } from './chat-text.ts';
import { fieldError, formStart, textArea } from './fields.ts';
import { html, type SafeHtml } from './html.ts';
import { problemFor, type ViewContext } from './view-context.ts';

/**
 * An agree/disagree question in the sandbox, as Pol.is runs it: statements are dealt one at a time to each person
 * (Agree, Disagree or Pass), and people may add statements of their own for others to vote on.
 */

const VOTES = [
  ['agree', 'Agree'],
  ['disagree', 'Disagree'],
  ['pass', 'Pass'],
] as const;

function dealtCard(item: PostedQuestion, view: ViewContext, card: StatementCard): SafeHtml {
  const formId = `statement-${item.question.id}`;
  const action = `/sandbox/channels/${view.channel}/questions/${item.question.id}/statements/answer`;
  return html`${formStart(view, formId, action, `q-${item.question.id}`)}
<input type="hidden" name="statement" value="${card.statementKey}">
${fieldError(view, formId, 'vote')}
<p class="progress">${card.voted} of ${card.total} voted</p>
<p class="statement" id="${formId}-text">${card.text}</p>
${card.source ? html`<p class="source"><a href="${card.source}">From a reply in the thread</a></p>` : ''}
<div class="actions" role="group" aria-labelledby="${formId}-text">${VOTES.map(
    ([vote, label]) => html`<button type="submit" name="vote" value="${vote}">${label}</button>`,
  )}</div>
</form>`;
}

function dealButton(item: PostedQuestion, view: ViewContext, again: boolean): SafeHtml {
  const formId = `deal-${item.question.id}`;
  const action = `/sandbox/channels/${view.channel}/questions/${item.question.id}/statements/deal`;
  return html`${formStart(view, formId, action, `q-${item.question.id}`)}
<div class="actions"><button type="submit">${again ? 'Look for new statements' : 'Vote on statements'}</button></div>
</form>`;
}

/** "Where do I stand": the answer comes under "Only visible to you". */
function standButton(item: PostedQuestion, view: ViewContext): SafeHtml {
  const formId = `stand-${item.question.id}`;
  const action = `/sandbox/channels/${view.channel}/questions/${item.question.id}/statements/stand`;
  return html`${formStart(view, formId, action, 'notices')}
<div class="actions"><button type="submit">Where do I stand</button></div>
</form>`;
}

function addStatementForm(item: PostedQuestion, view: ViewContext): SafeHtml {
  if (!item.card.allowStatements) return html``;
  const formId = `add-statement-${item.question.id}`;
  const action = `/sandbox/channels/${view.channel}/questions/${item.question.id}/statements`;
  return html`<details class="add-statement"${problemFor(view, formId) ? html` open` : ''}><summary>Add a statement</summary>
${formStart(view, formId, action, `q-${item.question.id}`)}
${textArea(view, formId, {
  name: 'text',
  label: 'Your statement',
  rows: 2,
  maxLength: STATEMENT_MAX_LENGTH,
  hint: `One short sentence others can agree or disagree with (at most ${STATEMENT_MAX_LENGTH} characters). Whether it was added appears under "Only visible to you".`,
})}
<div class="actions"><button type="submit">Add statement</button></div>
</form></details>`;
}

export function statementControls(item: PostedQuestion, view: ViewContext): SafeHtml {
  const { dealt } = item;
  return html`<section class="dealt" id="dealt-${item.question.id}" aria-label="Vote on statements">
${dealt?.kind === 'card' ? dealtCard(item, view, dealt.card) : html`${dealt ? html`<p class="dealt-notice">${chatHtml(dealt.message)}</p>` : ''}${dealButton(item, view, dealt !== null)}`}
${standButton(item, view)}
</section>
${addStatementForm(item, view)}`;
}

import { proposalDraft } from '../../../src/core/statements/proposal-source.ts';
import { plural } from '../../../src/core/wording.ts';
import type { PostedQuestion, ThreadReply } from './channel-data.ts';
import { formStart, textArea } from './fields.ts';
import { formatWhen } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';
import { problemFor, type ViewContext } from './view-context.ts';

/** A question's thread: replies, replies to replies, and for the visitor's own ones, edit and delete. */

function replyForm(item: PostedQuestion, view: ViewContext, parent: ThreadReply | null): SafeHtml {
  const { question } = item;
  const formId = parent ? `reply-${question.id}-${parent.id}` : `reply-${question.id}`;
  const action = `/sandbox/channels/${view.channel}/questions/${question.id}/replies`;
  return html`${formStart(view, formId, action, `q-${question.id}`)}
${parent ? html`<input type="hidden" name="replyTo" value="${parent.ref}">` : ''}
${textArea(view, formId, {
  name: 'body',
  label: parent ? `Reply to ${parent.author}` : 'Reply in the thread',
  rows: parent ? 2 : 3,
})}
<div class="actions"><button type="submit">Send reply</button></div>
</form>`;
}

function ownControls(item: PostedQuestion, view: ViewContext, reply: ThreadReply): SafeHtml {
  const base = `/sandbox/channels/${view.channel}/messages/${reply.id}`;
  const editId = `edit-${reply.id}`;
  const target = `q-${item.question.id}`;
  return html`<details${problemFor(view, editId) ? html` open` : ''}><summary>Edit</summary>
${formStart(view, editId, `${base}/edit`, target)}
${textArea(view, editId, { name: 'body', label: 'Edit your reply', value: reply.response.body, rows: 3 })}
<div class="actions"><button type="submit">Save edit</button></div>
</form></details>
<form method="post" action="${base}/delete" hx-post="${base}/delete" hx-target="#${target}" hx-select="#${target}" hx-swap="outerHTML" hx-confirm="Delete this reply? It disappears from the thread.">
${csrfField(view.csrf)}<button type="submit" class="secondary">Delete</button></form>`;
}

/**
 * "Propose as a statement" on a reply, as on a chat platform's message menu: the reply's words, to edit down. The
 * core says, once sent, whether this visitor may (the reply's author or an organiser, on an agree/disagree question).
 */
function proposeControl(view: ViewContext, reply: ThreadReply): SafeHtml {
  const formId = `propose-${reply.id}`;
  const action = `/sandbox/channels/${view.channel}/messages/${reply.id}/propose`;
  return html`<details${problemFor(view, formId) ? html` open` : ''}><summary>Propose as a statement</summary>
${formStart(view, formId, action, 'notices')}
${textArea(view, formId, { name: 'text', label: "Statement (one sentence, credited to the reply's author)", value: proposalDraft(reply.response.body), rows: 2 })}
<div class="actions"><button type="submit">Propose</button></div>
</form></details>`;
}

function replyView(item: PostedQuestion, view: ViewContext, reply: ThreadReply): SafeHtml {
  const { response } = reply;
  const replyFormId = `reply-${item.question.id}-${reply.id}`;
  const canAct = view.visitor !== null && item.card.status === 'open';
  return html`<li><article class="reply" id="r-${reply.id}" aria-label="Reply from ${reply.author}">
<header><span class="author">${reply.author}</span>${reply.mine ? html` <span class="badge">you</span>` : ''}
<time datetime="${response.createdAt.toISOString()}">${formatWhen(response.createdAt, item.programme.timezone)}</time>${response.editedAt ? html` <span class="edited">(edited)</span>` : ''}</header>
<p class="body">${response.body}</p>
${
  canAct
    ? html`<div class="reply-actions"><details${problemFor(view, replyFormId) ? html` open` : ''}><summary>Reply</summary>${replyForm(item, view, reply)}</details>
${proposeControl(view, reply)}
${reply.mine ? ownControls(item, view, reply) : ''}</div>`
    : ''
}
${reply.children.length ? html`<ol class="replies">${reply.children.map((child) => replyView(item, view, child))}</ol>` : ''}
</article></li>`;
}

export function threadView(item: PostedQuestion, view: ViewContext): SafeHtml {
  const count = item.replyCount;
  return html`<section class="thread" aria-label="Thread">
<h3>Thread <span class="count">(${plural(count, 'reply', 'replies')})</span></h3>
${item.replies.length ? html`<ol class="replies">${item.replies.map((r) => replyView(item, view, r))}</ol>` : html`<p class="empty">No replies yet.</p>`}
</section>`;
}

export function threadReplyForm(item: PostedQuestion, view: ViewContext): SafeHtml {
  if (!view.visitor || item.card.status !== 'open') return html``;
  return replyForm(item, view, null);
}

import type { StatementForReview } from '../../../src/core/ports/chat-platform.ts';
import type { PostedMessage } from './channel-data.ts';
import { chatHtml } from './chat-text.ts';
import { fieldError } from './fields.ts';
import { html, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';
import { parseSandboxRef } from './platform.ts';
import type { ViewContext } from './view-context.ts';

/** A message Agora posted in a channel: a notice, a file, or a statement awaiting an organiser's approval. */

function reviewControls(view: ViewContext, id: string, review: StatementForReview): SafeHtml {
  const action = `/sandbox/channels/${view.channel}/reviews/${id}`;
  return html`<p class="card-meta">Statement awaiting approval</p>
<p class="statement">${review.text}</p>
<p>Added by ${review.author} to "${review.prompt}"${review.source ? html` · <a href="${review.source}">Proposed from a reply</a>` : ''}</p>
${
  view.visitor
    ? html`<form method="post" action="${action}" hx-post="${action}" hx-target="#m-${id}" hx-select="#m-${id}" hx-swap="outerHTML">
${csrfField(view.csrf)}<input type="hidden" name="eventId" value="${view.nextId()}">${fieldError(view, `review-${id}`, 'decision')}<div class="actions"><button type="submit" name="decision" value="approve">Approve</button> <button type="submit" name="decision" value="reject" class="secondary">Reject</button></div>
<p class="hint">Organisers only. Approved statements are dealt to everyone; rejected ones are never shown.</p>
</form>`
    : ''
}`;
}

/** A statement's review, once decided (here, in another channel or on another platform), shows the decision. */
function decided(review: StatementForReview, decision: 'approved' | 'rejected'): SafeHtml {
  const source = review.source ? html` · <a href="${review.source}">Proposed from a reply</a>` : '';
  return html`<p class="body">${decision === 'approved' ? 'Approved' : 'Rejected'}: "${review.text}"${source}</p>`;
}

export function channelMessageView(item: PostedMessage, view: ViewContext): SafeHtml {
  const { message, decision } = item;
  const id = parseSandboxRef(message.messageRef)?.id ?? '';
  return html`<article class="bot-message" id="m-${id}" aria-label="Message from Agora"><p class="author">Agora</p>${
    message.review
      ? decision === 'pending'
        ? reviewControls(view, id, message.review)
        : decided(message.review, decision)
      : html`<p class="body">${chatHtml(message.text)}</p>`
  }${message.file ? html`<p><a href="/sandbox/files/${message.file.id}" download>${message.file.title}</a></p>` : ''}</article>`;
}

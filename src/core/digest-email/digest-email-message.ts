import { escapeHtml } from '../digest/format-escaping.ts';
import type { DigestModel } from '../digest/model.ts';
import { renderHtml } from '../digest/render-html.ts';
import { renderMarkdown } from '../digest/render-markdown.ts';
import type { MailAttachment, OutgoingMail } from '../ports/mailer.ts';
import type { DigestRecipient } from './plan-digest-emails.ts';

/** Why this person receives the e-mail, and (for a reader) how to stop it. */
function footer(recipient: DigestRecipient, unsubscribeUrl: string | null): { html: string; text: string } {
  const why =
    recipient.role === 'organiser'
      ? 'You receive this digest as an organiser of this programme.'
      : 'You receive this digest because the organisers listed you as a reader.';
  if (!unsubscribeUrl) return { html: `<p>${escapeHtml(why)}</p>`, text: why };
  return {
    html: `<p>${escapeHtml(why)} <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe from these e-mails</a>.</p>`,
    text: `${why} To stop receiving it, open ${unsubscribeUrl}`,
  };
}

/**
 * The weekly digest as an e-mail: the HTML digest as the body, its Markdown as the plain-text alternative, the
 * workbook attached; readers get an unsubscribe link in the body and in the List-Unsubscribe headers (RFC 8058).
 */
export function digestEmailMessage(
  model: DigestModel,
  recipient: DigestRecipient,
  workbook: MailAttachment,
  unsubscribeUrl: string | null,
): OutgoingMail {
  const end = footer(recipient, recipient.role === 'reader' ? unsubscribeUrl : null);
  const page = renderHtml(model);
  const html = page.includes('</body>')
    ? page.replace('</body>', `<footer class="email-footer">${end.html}</footer>\n</body>`)
    : `${page}${end.html}`;
  const headers: Record<string, string> =
    recipient.role === 'reader' && unsubscribeUrl
      ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : {};
  return {
    to: recipient.email,
    subject: `${model.programme.title}: weekly digest, ${model.week.label}`,
    html,
    text: `${renderMarkdown(model)}\n\n---\n${end.text}\n`,
    attachments: [workbook],
    headers,
  };
}

import type { CoreDeps } from '../consultation/deps.ts';
import { findProgramme } from '../digest/build-digest.ts';
import type { ExportChunk, ExportFormats } from '../digest/export-formats.ts';
import { prepareExport } from '../digest/prepare-export.ts';
import { AgoraError } from '../errors.ts';
import type { MailAttachment, Mailer } from '../ports/mailer.ts';
import type { SummaryDeps } from '../summaries/summarise-question.ts';
import { digestEmailMessage } from './digest-email-message.ts';
import type { DigestRecipient } from './plan-digest-emails.ts';
import type { UnsubscribeSubject } from './unsubscribe-token.ts';

export interface DigestEmailDeps extends CoreDeps, Pick<SummaryDeps, 'summaryWriter' | 'summaryWriterTimeoutMs'> {
  mailer: Mailer;
  /** The export formats; the workbook is the `xlsx` one. */
  formats: ExportFormats;
  /** The signed unsubscribe link for a reader, or null when the server has no public address to link to. */
  unsubscribeUrl(subject: UnsubscribeSubject): string | null;
}

export interface DigestEmailRequest extends DigestRecipient {
  programmeId: string;
  week: string;
}

export type DigestEmailOutcome = { sent: true; messageId: string } | { sent: false; why: string };

async function bytesOf(chunks: AsyncIterable<ExportChunk>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  return Buffer.concat(parts);
}

/**
 * Sends one recipient a week's digest by e-mail, and records the send (or the refusal) in the audit log. A reader
 * who unsubscribed after the send was planned is skipped. Throws when the mail server refuses, so the job retries.
 */
export async function sendDigestEmail(deps: DigestEmailDeps, request: DigestEmailRequest): Promise<DigestEmailOutcome> {
  const { store, logger } = deps;
  const programme = await findProgramme(store, request.programmeId);
  if (request.role === 'reader' && (await store.emailOptOuts.has(programme.id, request.email)))
    return { sent: false, why: `${request.email} has unsubscribed` };
  const prepared = await prepareExport(deps, deps.formats, {
    programme: programme.id,
    week: request.week,
    format: 'xlsx',
  });
  const [file] = prepared.files;
  if (!prepared.model || !file) throw new AgoraError('EXPORT_INVALID', 'the xlsx export gave no digest workbook');
  const workbook: MailAttachment = {
    filename: file.name,
    contentType: file.mediaType,
    content: await bytesOf(file.render(prepared.source)),
  };
  const link = deps.unsubscribeUrl({ programmeId: programme.id, email: request.email });
  const mail = digestEmailMessage(prepared.model, request, workbook, link);
  const detail = { week: request.week, to: request.email, role: request.role };
  try {
    const { messageId } = await deps.mailer.send(mail);
    await store.audit.record({
      programmeId: programme.id,
      actor: 'scheduler',
      action: 'digest.email.sent',
      detail: { ...detail, messageId },
    });
    return { sent: true, messageId };
  } catch (error) {
    const message = (error as Error).message || String(error);
    logger.warn({ err: error, programme: programme.slug, ...detail }, 'the mail server did not take the digest');
    await store.audit.record({
      programmeId: programme.id,
      actor: 'scheduler',
      action: 'digest.email.refused',
      detail: { ...detail, error: message.slice(0, 500) },
    });
    throw new AgoraError(
      'MAIL_REFUSED',
      `the mail server did not take the digest for ${request.email}: ${message}`,
      {},
      { cause: error },
    );
  }
}

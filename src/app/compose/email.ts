import type { HttpServer } from '../../../adapters/http/server.ts';
import { UNSUBSCRIBE_PATH, unsubscribeRoute } from '../../../adapters/http/unsubscribe-route.ts';
import { SmtpMailer } from '../../../adapters/mail/smtp-mailer.ts';
import { digestEmailJobHandler } from '../../../adapters/scheduler/digest-email-jobs.ts';
import type { JobHandler } from '../../../adapters/scheduler/scheduler.ts';
import type { CoreDeps } from '../../core/consultation/deps.ts';
import type { ExportFormats } from '../../core/digest/export-formats.ts';
import { DIGEST_EMAIL_JOB, planDigestEmails } from '../../core/digest-email/plan-digest-emails.ts';
import { type DigestEmailDeps, sendDigestEmail } from '../../core/digest-email/send-digest-email.ts';
import { unsubscribeReader, unsubscribeTarget } from '../../core/digest-email/unsubscribe-reader.ts';
import { signUnsubscribeToken } from '../../core/digest-email/unsubscribe-token.ts';
import type { Mailer } from '../../core/ports/mailer.ts';
import type { Config } from '../config.ts';

export interface DigestEmail {
  /** The scheduler's handler for `digest-email` jobs. */
  handlers: Record<string, JobHandler>;
  /** Plans a week's e-mails for a programme (one job per recipient); 0 when e-mail is off. */
  plan(programmeId: string, week: string): Promise<number>;
  close(): void;
}

/**
 * Wires e-mailed digests when SMTP_URL is set: the SMTP mailer, the job that sends each e-mail, and the unsubscribe
 * route on the one HTTP server. `mailer` replaces SMTP (tests). Without SMTP_URL, programmes' lists are ignored
 * with a warning.
 */
export function mountDigestEmail(input: {
  config: Config;
  deps: CoreDeps & Pick<DigestEmailDeps, 'summaryWriter' | 'summaryWriterTimeoutMs'>;
  http: HttpServer;
  formats: ExportFormats;
  mailer?: Mailer;
}): DigestEmail {
  const { config, deps, http, formats } = input;
  const { SMTP_URL, MAIL_FROM, PUBLIC_URL, UNSUBSCRIBE_SECRET } = config;
  if (!SMTP_URL || !MAIL_FROM || !PUBLIC_URL || !UNSUBSCRIBE_SECRET) {
    return {
      handlers: {},
      async plan(programmeId, week) {
        const programme = await deps.store.programmes.findById(programmeId);
        if (programme?.settings.digestEmail)
          deps.logger.warn(
            { programme: programme.slug, week },
            'the programme lists digest e-mail recipients, but SMTP_URL is not set: nothing e-mailed',
          );
        return 0;
      },
      close() {},
    };
  }
  const smtp = input.mailer ? null : new SmtpMailer(SMTP_URL, MAIL_FROM);
  const secret = UNSUBSCRIBE_SECRET;
  const base = PUBLIC_URL.replace(/\/+$/, '');
  const emailDeps: DigestEmailDeps = {
    ...deps,
    mailer: input.mailer ?? (smtp as SmtpMailer),
    formats,
    unsubscribeUrl: (subject) => `${base}${UNSUBSCRIBE_PATH}?t=${signUnsubscribeToken(secret, subject)}`,
  };
  http.mount(
    UNSUBSCRIBE_PATH,
    unsubscribeRoute({
      async target(token) {
        const found = await unsubscribeTarget(deps, secret, token);
        return found ? { programmeTitle: found.programme.title, email: found.email } : null;
      },
      async unsubscribe(token) {
        const done = await unsubscribeReader(deps, secret, token);
        return done.status === 'invalid'
          ? null
          : { programmeTitle: done.programme.title, email: done.email, already: done.status === 'already' };
      },
    }),
  );
  return {
    handlers: { [DIGEST_EMAIL_JOB]: digestEmailJobHandler((request) => sendDigestEmail(emailDeps, request)) },
    async plan(programmeId, week) {
      const programme = await deps.store.programmes.findById(programmeId);
      return programme ? planDigestEmails(deps, programme, week) : 0;
    },
    close: () => smtp?.close(),
  };
}

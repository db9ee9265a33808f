import ExcelJS from 'exceljs';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { HttpServer } from '../../adapters/http/server.ts';
import { createConsultationScheduler } from '../../adapters/scheduler/create-scheduler.ts';
import { digestsSection } from '../../adapters/web/dashboard/digests.ts';
import { mountDigestEmail } from '../../src/app/compose/email.ts';
import { readConfig } from '../../src/app/config.ts';
import { signUnsubscribeToken } from '../../src/core/digest-email/unsubscribe-token.ts';
import { LocalSmtpServer, type ReceivedMail } from '../fakes/smtp/local-smtp-server.ts';
import { DIGEST_WEEK, digestFixture, QUIET_WEEK } from '../support/digest-fixture.ts';
import { readingConsultation } from '../support/reading-consultation.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const SECRET = 'unsubscribe-secret-for-tests';
const ORGANISER = 'chair@example.org';
const READER = 'Council@Example.org';

const to = (r: ReceivedMail, address: string) => r.envelopeTo[0]?.toLowerCase() === address.toLowerCase();

/** A header's value as sent (mailparser folds List-* headers into one structured `list` header). */
const rawHeader = (mail: ParsedMail | undefined, name: string) =>
  mail?.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
const unsubscribeHeader = (mail: ParsedMail | undefined) => rawHeader(mail, 'list-unsubscribe')?.replace(/^<|>$/g, '');

type Fixture = Awaited<ReturnType<typeof digestFixture>>;

describe('digests by e-mail, through a local SMTP server', () => {
  let f: Fixture;
  let smtp: LocalSmtpServer;
  let http: HttpServer;
  let base: string;
  let email: ReturnType<typeof mountDigestEmail>;
  let scheduler: ReturnType<typeof createConsultationScheduler>;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    f = await digestFixture({
      digest: { cron: '0 8 * * 1', email: { organisers: [ORGANISER], readers: [READER] } },
    });
    smtp = new LocalSmtpServer();
    const smtpUrl = await smtp.start();
    http = new HttpServer(logger);
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    const config = readConfig({
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Agora digests <digests@example.org>',
      PUBLIC_URL: `${base}/`,
      UNSUBSCRIBE_SECRET: SECRET,
    });
    const deps = { ...f.deps, logger };
    email = mountDigestEmail({ config, deps, http, formats: allExportFormats() });
    scheduler = createConsultationScheduler(deps, {
      quietHours: null,
      deliverDigest: async () => {},
      handlers: email.handlers,
      workerId: 'test-worker',
      retryDelaysMs: [60_000, 300_000],
      maxAttempts: 3,
    });
    f.clock.set('2026-12-14T08:00:00Z');
  }, 120_000);

  afterAll(async () => {
    email?.close();
    await http?.close();
    await smtp?.stop();
    await f?.close();
  });

  it('sends organisers and readers the HTML digest, a plain-text part and the workbook, and audits each send', async () => {
    expect(await email.plan(f.programme.id, DIGEST_WEEK)).toBe(2);
    const run = await scheduler.runDue();
    expect(run.done).toBe(2);
    expect(smtp.received.map((r) => r.envelopeTo[0]?.toLowerCase()).sort()).toEqual([
      'chair@example.org',
      'council@example.org',
    ]);

    const toReader = smtp.received.find((r) => to(r, READER))?.mail;
    const toOrganiser = smtp.received.find((r) => to(r, ORGANISER))?.mail;
    if (!toReader || !toOrganiser) throw new Error('a message did not arrive');
    expect(toReader.from?.text).toBe('"Agora digests" <digests@example.org>');
    expect(toReader.subject).toBe(`Staff voice: weekly digest, ${DIGEST_WEEK}`);
    // Both parts: the HTML digest and its text alternative.
    expect(toReader.html).toContain('<h2>At a glance</h2>');
    expect(toReader.html).toContain('What would most reduce your workload?');
    expect(toReader.text).toContain('What would most reduce your workload?');
    expect(toReader.text).not.toContain('<h2>');
    // Readers can unsubscribe, in the body and by the List-Unsubscribe headers; organisers are not offered it.
    const link = unsubscribeHeader(toReader);
    expect(link).toMatch(new RegExp(`^${base}/email/unsubscribe\\?t=`));
    expect(rawHeader(toReader, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(toReader.html).toContain('Unsubscribe from these e-mails');
    expect(toReader.text).toContain(link);
    expect(unsubscribeHeader(toOrganiser)).toBeUndefined();
    expect(toOrganiser.text).toContain('as an organiser of this programme');

    // The workbook, opened with exceljs.
    const [attachment] = toReader.attachments;
    expect(attachment?.filename).toBe(`digest-staff-voice-${DIGEST_WEEK}.xlsx`);
    expect(attachment?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment?.content as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toContain('Summary');
    const cells = workbook.getWorksheet('Summary')?.getSheetValues().flat().map(String) ?? [];
    expect(cells.some((c) => c.includes('Is marking policy clear?'))).toBe(true);

    const audit = await f.store.audit.list(f.programme.id);
    const sent = audit.filter((e) => e.action === 'digest.email.sent').map((e) => e.detail.to);
    expect(sent.sort()).toEqual([ORGANISER, READER].sort());

    // Planning the same week again sends nothing twice.
    await email.plan(f.programme.id, DIGEST_WEEK);
    expect((await scheduler.runDue()).claimed).toBe(0);
    expect(smtp.received).toHaveLength(2);
  });

  it('a reader unsubscribes by the link: a GET only asks, a POST stops the next e-mails, a forged link stores nothing', async () => {
    const link = unsubscribeHeader(smtp.received.find((r) => to(r, READER))?.mail) as string;
    const asked = await fetch(link);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Stop sending the weekly digest of <strong>Staff voice</strong>');
    expect(await f.store.emailOptOuts.list(f.programme.id)).toEqual([]);

    const forged = signUnsubscribeToken('another-secret-entirely', { programmeId: f.programme.id, email: ORGANISER });
    const refused = await fetch(`${base}/email/unsubscribe?t=${forged}`, { method: 'POST' });
    expect(refused.status).toBe(400);
    const altered = await fetch(`${link.slice(0, -3)}abc`, { method: 'POST' });
    expect(altered.status).toBe(400);
    expect(await f.store.emailOptOuts.list(f.programme.id)).toEqual([]);

    // One-click, as a mail client does it (RFC 8058).
    const done = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('council@example.org is now off the list');
    expect(await f.store.emailOptOuts.list(f.programme.id)).toEqual(['council@example.org']);
    const audit = await f.store.audit.list(f.programme.id);
    expect(audit.some((e) => e.action === 'digest.email.unsubscribed')).toBe(true);

    expect(await email.plan(f.programme.id, QUIET_WEEK)).toBe(1);
    await scheduler.runDue();
    expect(smtp.received.filter((r) => to(r, READER))).toHaveLength(1);
    expect(smtp.received.filter((r) => to(r, ORGANISER))).toHaveLength(2);
  });

  it('a mail server that refuses: the job retries with back-off, the dashboard says so, and a later try succeeds', async () => {
    smtp.refuse(452, 'Mailbox full, try again later');
    const before = smtp.received.length;
    f.clock.set('2026-12-21T08:00:00Z');
    await email.plan(f.programme.id, '2026-W52');
    const first = await scheduler.runDue();
    expect(first.failed).toBe(1);
    const [job] = await f.store.jobs.list({ prefix: `digest-email:${f.programme.id}:2026-W52:` });
    expect(job?.status).toBe('pending');
    expect(job?.lastError).toContain('Mailbox full');
    expect(job?.runAt.toISOString()).toBe('2026-12-21T08:01:00.000Z');
    const audit = await f.store.audit.list(f.programme.id);
    expect(audit.some((e) => e.action === 'digest.email.refused' && String(e.detail.error).includes('452'))).toBe(true);

    const dashboard = String(await digestsSection(readingConsultation(f.deps), undefined, f.programme, f.clock.now()));
    expect(dashboard).toContain('e-mailed to 0 of 1; 1 refused by the mail server, retrying');
    expect(dashboard).toContain('Mailbox full');

    // Not before its time; then the server takes it.
    expect((await scheduler.runDue()).claimed).toBe(0);
    smtp.accept();
    f.clock.advance(60_000);
    expect((await scheduler.runDue()).done).toBe(1);
    expect(smtp.received.length).toBe(before + 1);
    const after = String(await digestsSection(readingConsultation(f.deps), undefined, f.programme, f.clock.now()));
    expect(after).toContain('e-mailed to 1 of 1');
  });
});

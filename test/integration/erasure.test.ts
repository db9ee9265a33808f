import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { HttpServer } from '../../adapters/http/server.ts';
import { createWebAdapter } from '../../adapters/web/index.ts';
import { runCommand } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { collect } from '../../src/core/digest/export-formats.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import { type InboundEvent, toInboxEntry } from '../../src/core/inbound/inbound-event.ts';
import type { InboxRepository } from '../../src/core/ports/inbox.ts';
import { DIGEST_WEEK, digestFixture, PREVIOUS_WEEK } from '../support/digest-fixture.ts';
import { readingConsultation } from '../support/reading-consultation.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

/** Every export of every week, every file of each, as text (XLSX read back cell by cell). */
async function everyExport(f: Awaited<ReturnType<typeof digestFixture>>): Promise<Map<string, string>> {
  const formats = allExportFormats();
  const out = new Map<string, string>();
  for (const week of [PREVIOUS_WEEK, DIGEST_WEEK]) {
    for (const name of formats.names()) {
      const prepared = await prepareExport(f.deps, formats, { programme: 'staff-voice', week, format: name });
      for (const file of prepared.files) {
        const bytes = await collect(file.render(prepared.source));
        let text = Buffer.from(bytes).toString('utf8');
        if (name === 'xlsx') {
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
          const cells: string[] = [];
          book.eachSheet((sheet) => {
            cells.push(sheet.name);
            sheet.eachRow((row) => {
              row.eachCell((cell) => {
                cells.push(String(cell.text));
              });
            });
          });
          text = cells.join('\n');
        }
        out.set(`${week} ${name} ${file.name}`, text);
      }
    }
  }
  return out;
}

/** Every inbox row of every status, as text. */
async function wholeInbox(inbox: InboxRepository): Promise<string> {
  const rows = [
    ...(await inbox.list('pending', 10_000)),
    ...(await inbox.list('applied', 10_000)),
    ...(await inbox.list('parked', 10_000)),
  ];
  return JSON.stringify(rows);
}

describe('erasure that erases', () => {
  let f: Awaited<ReturnType<typeof digestFixture>>;
  let http: HttpServer;
  let base: string;
  let web: ReturnType<typeof createWebAdapter>;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    f = await digestFixture();
    Object.assign(f.deps, { logger });
    web = createWebAdapter({
      consultation: readingConsultation(f.deps),
      commands: createCommandRegistry(null),
      sandbox: true,
    });
    http = new HttpServer(logger);
    for (const prefix of web.prefixes) http.mount(prefix, web.listener);
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  }, 120_000);
  afterAll(async () => {
    web.close();
    await http.close();
    await f.close();
  });

  const page = async (path: string) => (await fetch(`${base}${path}`)).text();

  it('leaves no id, name or pseudonym of the erased person in any export, page or log line, and their answers gone', async () => {
    // Eilidh MacLeod (U05) replied in a thread, answered privately on an anonymous question, voted in every kind of
    // poll, and added a statement that others then agreed with.
    const person = await f.store.participants.find('slack', 'U05');
    if (!person) throw new Error('no participant U05');
    const responses = await f.store.responses.listByParticipant(person.id);
    expect(responses.length).toBeGreaterThan(0);
    const before = await everyExport(f);
    // Links back to their messages name them on their platform too: none may be left.
    const links: string[] = [];
    for (const r of responses) {
      const posting = (await f.store.postings.listByQuestion(r.questionId)).find((p) => p.id === r.postingId);
      const link = await f.deps.platforms.permalink(r.messageRef, posting?.threadRef ?? null);
      if (link) links.push(link);
    }
    expect(links.length).toBeGreaterThan(0);
    const messageIds = responses.flatMap((r) =>
      r.messageRef ? [r.messageRef, r.messageRef.split(':').at(-1) as string] : [],
    );
    const secrets = [
      person.id,
      person.pseudonym,
      person.displayName,
      'U05',
      ...responses.map((r) => r.id),
      ...links,
      ...messageIds,
    ];
    const written = ['+1 to fewer meetings', 'Cover at short notice.'];
    const anyExport = [...before.values()].join('\n');
    for (const secret of [person.pseudonym, person.displayName, '+1 to fewer meetings', links[0] as string])
      expect(anyExport).toContain(secret);

    // The inbound inbox holds copies of what they did as it arrived: applied, parked as poison, and still waiting.
    const now = f.deps.clock.now();
    const author = { platform: 'slack' as const, platformUserId: 'U05', displayName: person.displayName };
    const envelope = { platform: 'slack' as const, notice: { platformUserId: 'U05', workspaceId: 'T1' } };
    const arrived: InboundEvent[] = responses.map((r, i) =>
      r.messageRef
        ? {
            ...envelope,
            kind: 'response.posted',
            key: `k-post-${i}`,
            orderingKey: `thread:${r.questionId}`,
            notice: null,
            payload: {
              platform: 'slack',
              containerRef: `thread:${r.questionId}`,
              messageRef: r.messageRef,
              author,
              body: r.body,
              replyToRef: null,
              attachments: [],
              idempotencyKey: r.idempotencyKey,
              at: r.createdAt,
            },
          }
        : {
            ...envelope,
            kind: 'answer.private',
            key: `k-private-${i}`,
            orderingKey: `question:${r.questionId}`,
            payload: { questionId: r.questionId, author, body: r.body, idempotencyKey: `k-private-${i}`, at: now },
          },
    );
    const replied = responses.find((r) => r.messageRef)?.messageRef as string;
    arrived.push(
      {
        ...envelope,
        kind: 'response.edited',
        key: 'k-edit',
        orderingKey: 'thread:edit',
        notice: null,
        payload: { messageRef: replied, body: '+1 to fewer meetings, edited', idempotencyKey: 'k-edit', at: now },
      },
      {
        ...envelope,
        kind: 'vote.cast',
        key: 'k-vote',
        orderingKey: `question:${f.question('q-multi').id}`,
        payload: {
          questionId: f.question('q-multi').id,
          author,
          subject: '',
          choice: ['planning'],
          idempotencyKey: 'k-vote',
          at: now,
        },
      },
      {
        ...envelope,
        kind: 'response.deleted',
        key: 'k-delete',
        orderingKey: 'thread:delete',
        notice: null,
        payload: { messageRef: replied, at: now },
      },
    );
    const someoneElse: InboundEvent = {
      kind: 'answer.private',
      platform: 'slack',
      key: 'k-other',
      orderingKey: 'question:other',
      notice: { platformUserId: 'U06', workspaceId: 'T1' },
      payload: {
        questionId: f.question('q-open').id,
        author: { platform: 'slack', platformUserId: 'U06', displayName: 'Someone else' },
        body: 'Longer lunch breaks.',
        idempotencyKey: 'k-other',
        at: now,
      },
    };
    await f.store.inbox.append([...arrived, someoneElse].map((event) => toInboxEntry(event, now)));
    const held = await f.store.inbox.claim('w-erasure', now, 60_000, 100);
    const [first, second] = held;
    await f.store.inbox.markApplied(first?.id as number, 'w-erasure', 'recorded', now);
    await f.store.inbox.park(second?.id as number, 'w-erasure', `TypeError: ${person.displayName}`);
    const inboxBefore = await wholeInbox(f.store.inbox);
    for (const secret of [person.displayName, '+1 to fewer meetings', 'Cover at short notice.', 'U05'])
      expect(inboxBefore).toContain(secret);

    const registry = createCommandRegistry(null);
    const invocation = (text: string) => ({
      actor: { platform: 'slack' as const, platformUserId: 'U05', displayName: person.displayName },
      actorIsOrganiser: false,
      text,
      channel: null,
      invocationId: `i-${text}`,
    });
    const warning = await runCommand(f.deps, registry, invocation('mydata delete'));
    expect(warning.text).toContain('those others voted on stay, with no author');
    const done = await runCommand(f.deps, registry, invocation('mydata delete confirm'));
    expect(done.text).toMatch(
      /erased \d+ responses?, \d+ votes?, your name and your pseudonym; 1 statement stays with no author, because others voted on it; \d+ actions of yours not yet recorded were dropped/,
    );

    expect(await f.store.participants.find('slack', 'U05')).toBeNull();
    expect(await f.store.votes.listByParticipant(person.id)).toEqual([]);
    expect(await f.store.responses.listByParticipant(person.id)).toEqual([]);
    const statements = await f.store.questions.options(f.question('q-statements').id);
    const kept = statements.find((s) => s.label === 'We need a marking policy @here');
    expect(kept?.authorId).toBeNull();

    const after = await everyExport(f);
    const programme = f.programme;
    const questions = await f.store.questions.listByProgramme(programme.id);
    const pages = new Map<string, string>([
      ['dashboard', await page('/dashboard')],
      ['programme', await page(`/dashboard/programmes/${programme.slug}`)],
      ...(await Promise.all(
        questions.map(
          async (q) =>
            [`question ${q.key}`, await page(`/dashboard/programmes/${programme.slug}/questions/${q.key}`)] as const,
        ),
      )),
      ['sandbox', await page('/sandbox/channels/staffroom')],
    ]);
    const stored = JSON.stringify([
      await f.store.digests.find(programme.id, PREVIOUS_WEEK),
      await f.store.audit.list(null, 1000),
      await f.store.audit.list(programme.id, 1000),
    ]);
    const positions = await Promise.all(
      ['q-open', 'q-statements'].map(async (key) => {
        const reply = await runCommand(f.deps, registry, {
          ...invocation(`positions staff-voice/${key}`),
          actor: { platform: 'slack' as const, platformUserId: 'UORG', displayName: 'Organiser' },
          actorIsOrganiser: true,
        });
        return [`/agora positions ${key}`, reply.text] as const;
      }),
    );
    const logs = logger.lines.map((l) => JSON.stringify(l)).join('\n');
    const everywhere = new Map<string, string>([
      ...after,
      ...pages,
      ...positions,
      ['stored digests and audit', stored],
      ['inbound inbox', await wholeInbox(f.store.inbox)],
      ['logs', logs],
    ]);
    for (const [where, text] of everywhere) {
      for (const secret of [...secrets, ...written])
        expect(text, `${where} still holds "${secret}"`).not.toContain(secret);
    }
    expect(pages.get('programme')).toContain('Staff voice');
    expect(everywhere.get('inbound inbox')).toContain('Longer lunch breaks.');
    expect(
      after.get(`${DIGEST_WEEK} json digest-staff-voice-${DIGEST_WEEK}.json`) ?? [...after.values()][0],
    ).toBeTruthy();
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { runCommand } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { collect } from '../../src/core/digest/export-formats.ts';
import type { DigestModel, DigestQuote } from '../../src/core/digest/model.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import { DIGEST_WEEK, digestFixture } from '../support/digest-fixture.ts';

const SCHEMA = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '..', '..', 'docs', 'schemas', 'digest-v2.schema.json'), 'utf8'),
);
const formats = allExportFormats();

type Fixture = Awaited<ReturnType<typeof digestFixture>>;

/** Every quote in a digest: under each question, in its themes and its written summary. */
function quotesOf(model: DigestModel): { question: string; quote: DigestQuote }[] {
  return model.questions.flatMap((q) =>
    [
      ...q.quotes,
      ...(q.positions?.items.flatMap((i) => i.quotes) ?? []),
      ...(q.positions?.written?.points.flatMap((p) => p.quotes) ?? []),
    ].map((quote) => ({ question: q.key, quote })),
  );
}

describe('quotes link back to the message they came from, in every format', () => {
  let f: Fixture;
  /** Response id -> the link its own platform gives for it, worked out from the store and the platform itself. */
  const expected = new Map<string, string | null>();
  const bodies = new Map<string, string>();
  const files = new Map<string, Uint8Array>();
  const text = (name: string) => new TextDecoder().decode(files.get(name));

  const exportAll = async (deps: Fixture['deps']) => {
    const out = new Map<string, Uint8Array>();
    for (const format of formats.names()) {
      const prepared = await prepareExport(deps, formats, { programme: 'staff-voice', week: DIGEST_WEEK, format });
      for (const file of prepared.files) out.set(`${format}:${file.name}`, await collect(file.render(prepared.source)));
    }
    return out;
  };

  beforeAll(async () => {
    f = await digestFixture();
    for (const key of ['q-open', 'q-anon', 'q-single']) {
      const question = f.question(key);
      const postings = await f.store.postings.listByQuestion(question.id);
      for (const r of await f.store.responses.listByQuestion(question.id)) {
        const posting = postings.find((p) => p.id === r.postingId);
        const platform = [f.slack, f.discord].find((p) => r.messageRef && p.owns(r.messageRef));
        const link =
          question.anonymity === 'anonymous' || r.private || !r.messageRef || !platform
            ? null
            : await platform.permalink(r.messageRef, posting?.threadRef ?? null);
        expected.set(r.id, link);
        bodies.set(r.body.slice(0, 40), r.id);
      }
    }
    for (const [name, bytes] of await exportAll(f.deps)) files.set(name, bytes);
  }, 120_000);
  afterAll(async () => f.close());

  it('has replies on both platforms, some in a thread, to check against', () => {
    const links = [...expected.values()].filter((l): l is string => l !== null);
    expect(links.some((l) => l.startsWith('https://slack.example/'))).toBe(true);
    expect(links.some((l) => l.startsWith('https://discord.example/'))).toBe(true);
    expect(links.some((l) => l.includes('?thread='))).toBe(true);
    expect([...expected.values()].filter((l) => l === null).length).toBeGreaterThan(0);
  });

  it('JSON (valid against docs/schemas/digest-v2.schema.json): every quote and response row carries its link', () => {
    const document = JSON.parse(text(`json:digest-staff-voice-${DIGEST_WEEK}.json`));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(SCHEMA);
    expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const quotes = quotesOf(document);
    expect(quotes.length).toBeGreaterThan(3);
    for (const { question, quote } of quotes) {
      if (question === 'q-anon') expect(quote.link).toBeNull();
      else expect(quote.link, quote.text).toBe(expected.get(quote.responseId as string));
    }
    const rows = document.responses as { question: string; id: string; link: string | null }[];
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows)
      expect(row.link, row.id).toBe(row.question === 'q-anon' ? null : (expected.get(row.id) ?? null));
  });

  it('CSV (read with csv-parse): the link column of each response is its message link, empty when it has none', () => {
    const rows = parse(text('csv:responses.csv'), { bom: true, columns: true }) as Record<string, string>[];
    const named = rows.filter((r) => r.question !== 'q-anon');
    expect(named.length).toBeGreaterThan(3);
    for (const row of named) expect(row.link, row.body).toBe(expected.get(row.response_id as string) ?? '');
    for (const row of rows.filter((r) => r.question === 'q-anon')) expect(row.link).toBe('');
    expect(named.filter((r) => r.private === 'true').every((r) => r.link === '')).toBe(true);
  });

  it('XLSX (read with exceljs): the link cell is a hyperlink to the message', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = files.get(`xlsx:digest-staff-voice-${DIGEST_WEEK}.xlsx`) as Uint8Array;
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('q-open');
    let header = -1;
    let checked = 0;
    sheet?.eachRow((row, n) => {
      const values = row.values as unknown[];
      if (values[1] === 'question' && values[2] === 'response_id') header = n;
      else if (header > 0 && values[1] === 'q-open') {
        const link = expected.get(String(values[2]));
        const cell = row.getCell(13);
        if (link) {
          expect(cell.type).toBe(ExcelJS.ValueType.Hyperlink);
          expect(cell.hyperlink).toBe(link);
        } else expect(cell.value ?? null).toBeNull();
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(3);
  });

  it('Markdown and HTML: each quote links to its message; anonymous quotes link nowhere', () => {
    const md = text(`markdown:digest-staff-voice-${DIGEST_WEEK}.md`);
    const html = text(`html:digest-staff-voice-${DIGEST_WEEK}.html`);
    const document: DigestModel = JSON.parse(text(`json:digest-staff-voice-${DIGEST_WEEK}.json`));
    for (const { quote } of quotesOf(document).filter((q) => q.quote.link)) {
      const link = quote.link as string;
      expect(md).toContain(`[source](<${link}>)`);
      expect(html).toContain(`<a href="${link.replace(/&/g, '&amp;')}" rel="noopener noreferrer">source</a>`);
    }
    const anonymous = html.slice(
      html.indexOf('id="q-q-anon"'),
      html.indexOf('</section>', html.indexOf('id="q-q-anon"')),
    );
    expect(anonymous).not.toContain('<a ');
    const anonymousMd = md.slice(md.indexOf('What worries you most'), md.indexOf('Is marking policy clear'));
    expect(anonymousMd).not.toMatch(/\]\(https?:/);
  });

  it('/agora positions links each quote to its message', async () => {
    const reply = await runCommand(f.deps, createCommandRegistry(null), {
      text: 'positions staff-voice/q-open',
      actor: { platform: 'slack', platformUserId: 'UORG', displayName: 'Organiser' },
      actorIsOrganiser: true,
      channel: null,
      invocationId: 'positions-1',
    });
    const shown = JSON.stringify(reply);
    const links = [...shown.matchAll(/https:\/\/(slack|discord)\.example\/[^\s"\\]+/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(0);
    const known = new Set(expected.values());
    for (const link of links) expect(known.has(link), link).toBe(true);
  });

  it('a platform that is not connected gives no link, never a wrong one', async () => {
    const onlySlack = new PlatformRegistry();
    onlySlack.register(f.slack);
    const out = await exportAll({ ...f.deps, platforms: onlySlack });
    const rows = parse(new TextDecoder().decode(out.get('csv:responses.csv')), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const discordRows = rows.filter((r) => r.platform === 'discord');
    expect(discordRows.length).toBeGreaterThan(0);
    expect(discordRows.every((r) => r.link === '')).toBe(true);
    const slackRows = rows.filter((r) => r.platform === 'slack' && r.private === 'false');
    for (const row of slackRows) expect(row.link).toBe(expected.get(row.response_id as string));
    const document: DigestModel = JSON.parse(
      new TextDecoder().decode(out.get(`json:digest-staff-voice-${DIGEST_WEEK}.json`)),
    );
    for (const { quote } of quotesOf(document))
      if (quote.link) expect(quote.link.startsWith('https://slack.example/')).toBe(true);
  });
});

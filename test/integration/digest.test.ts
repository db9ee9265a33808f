import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { runCommand } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { registerDigestCommands } from '../../src/core/commands/digest-commands.ts';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { deliverDigest } from '../../src/core/digest/deliver-digest.ts';
import { collect, type ExportFile } from '../../src/core/digest/export-formats.ts';
import { digestExportSchema } from '../../src/core/digest/export-schema.ts';
import { digestModelSchema } from '../../src/core/digest/model.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import { FEWER_THAN_5 } from '../../src/core/small-counts.ts';
import { DIGEST_WEEK, digestFixture, normalise, PREVIOUS_WEEK, QUIET_WEEK } from '../support/digest-fixture.ts';

const GOLDEN = path.resolve(import.meta.dirname, '..', 'fixtures', 'digest');
const SCHEMA_FILE = path.resolve(import.meta.dirname, '..', '..', 'docs', 'schemas', 'digest-v2.schema.json');
const update = process.env.UPDATE_GOLDEN === '1';
const formats = allExportFormats();

/** Compares with the golden file (or writes it, with UPDATE_GOLDEN=1). */
function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (update) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'));
}

async function xlsxText(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    lines.push(`## ${sheet.name}`);
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      lines.push(values.map((v) => JSON.stringify(v ?? null)).join('\t'));
    });
  });
  return `${lines.join('\n')}\n`;
}

type Fixture = Awaited<ReturnType<typeof digestFixture>>;

describe('the weekly digest of a fixed data set', () => {
  let f: Fixture;
  const files = new Map<string, Uint8Array>();
  const text = (name: string) => new TextDecoder().decode(files.get(name));

  beforeAll(async () => {
    f = await digestFixture();
    for (const format of formats.names()) {
      const prepared = await prepareExport(f.deps, formats, { programme: 'staff-voice', week: DIGEST_WEEK, format });
      for (const file of prepared.files)
        files.set(`${format}:${file.name}`, await collect(file.render(prepared.source)));
    }
  }, 120_000);
  afterAll(async () => f.close());

  it('renders every format like its golden file', async () => {
    golden('digest.md', normalise(text('markdown:digest-staff-voice-2026-W50.md')));
    golden('digest.html', normalise(text('html:digest-staff-voice-2026-W50.html')));
    golden('digest.json', normalise(text('json:digest-staff-voice-2026-W50.json')));
    golden('responses.csv', normalise(text('csv:responses.csv')));
    golden('votes.csv', normalise(text('csv:votes.csv')));
    for (const name of ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv'])
      golden(`polis/${name}`, normalise(text(`polis:q-statements/${name}`)));
    golden(
      'digest.xlsx.txt',
      normalise(await xlsxText(files.get('xlsx:digest-staff-voice-2026-W50.xlsx') as Uint8Array)),
    );
    golden('summary-2026-W49.txt', `${f.slack.messages[0]?.text}\n`);
  });

  it('says what is new since the previous digest, which is kept in the Digest table', async () => {
    const model = digestModelSchema.parse(JSON.parse(text('json:digest-staff-voice-2026-W50.json')));
    expect(model.previousDigest?.week).toBe(PREVIOUS_WEEK);
    const open = model.questions.find((q) => q.key === 'q-open');
    expect(open?.responses).toEqual({ total: 8, thisWeek: 5, sinceLastDigest: 5, previousTotal: 3 });
    expect(open?.quotes.every((q) => q.isNew)).toBe(true);
    // Last week's three answers made no theme; this week's make one, so it is new.
    expect(open?.positions?.items.map((p) => [p.summary, p.isNew])).toEqual([['Meetings', true]]);
    expect(await f.store.digests.weeks(f.programme.id)).toEqual([PREVIOUS_WEEK]);
  });

  it('leaves deleted responses and withdrawn votes out of every format', () => {
    for (const [name, bytes] of files) {
      if (name.endsWith('.xlsx')) continue;
      expect(new TextDecoder().decode(bytes), name).not.toContain('This one is deleted');
    }
    const votes = parse(text('csv:votes.csv'), { bom: true, columns: true }) as Record<string, string>[];
    expect(votes.filter((v) => v.question === 'q-statements' && v.subject === 's2')).toHaveLength(2);
  });

  it('neutralises formula injection in every cell of the CSVs meant for spreadsheets (RFC 4180, read back with csv-parse)', () => {
    const csvs = [...files].filter(([name]) => name.startsWith('csv:'));
    expect(csvs.length).toBe(2);
    for (const [name, bytes] of csvs) {
      const rows = parse(new TextDecoder().decode(bytes), { bom: true, relax_column_count: false }) as string[][];
      for (const row of rows.slice(1))
        for (const cell of row) {
          if (/^-?\d+(\.\d+)?$/.test(cell)) continue; // numbers we wrote (Pol.is votes are -1, 0, 1)
          expect(cell, `${name}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
        }
    }
    const responses = parse(text('csv:responses.csv'), { bom: true, columns: true }) as Record<string, string>[];
    const bodies = responses.map((r) => r.body);
    expect(bodies).toContain(
      `'=HYPERLINK("http://evil.example","click") and @everyone <!channel> <@U0123> <@123456789> <script>alert(1)</script> | [x](http://y)`,
    );
    expect(bodies).toContain("'+1 to fewer meetings");
    expect(bodies).toContain("'-2+3 hours of marking a night\nSecond line with # heading");
    expect(bodies).toContain("'@SUM(A1:A9) planning time, please");
    expect(bodies).toContain("'\t=1+1 tabbed");
    expect(responses.map((r) => r.participant)).toContain(`'=cmd|"/C calc"!A0`);
    // The Pol.is files are for tools: their text is exactly as written.
    const comments = parse(text('polis:q-statements/comments.csv'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(comments.map((c) => c['comment-body'])).toContain('-5% cover is fine');
  });

  it('writes text as text in XLSX, never as a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(files.get('xlsx:digest-staff-voice-2026-W50.xlsx') as Uint8Array) as unknown as ArrayBuffer,
    );
    let formulas = 0;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas++;
        }),
      ),
    );
    expect(formulas).toBe(0);
    const injected: ExcelJS.Cell[] = [];
    workbook.getWorksheet('q-open')?.eachRow((row) =>
      row.eachCell((cell) => {
        if (String(cell.value).startsWith('=HYPERLINK')) injected.push(cell);
      }),
    );
    expect(injected).toHaveLength(1);
    expect(injected[0]?.type).toBe(ExcelJS.ValueType.String);
  });

  it('escapes everything in HTML and keeps it self-contained', () => {
    const html = text('html:digest-staff-voice-2026-W50.html');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(html).not.toMatch(/\bsrc=|url\(/);
    expect(html).toContain('<svg');
    expect(html).toContain('Content-Security-Policy');
  });

  it('respects anonymity in every format: "fewer than 5", and no names on anonymous answers', async () => {
    const model = digestModelSchema.parse(JSON.parse(text('json:digest-staff-voice-2026-W50.json')));
    const anon = model.questions.find((q) => q.key === 'q-anon');
    const likert = model.questions.find((q) => q.key === 'q-likert');
    expect(anon?.responses?.total).toBe(FEWER_THAN_5);
    expect(anon?.participation.byPlatform.every((b) => b.counts.people === FEWER_THAN_5)).toBe(true);
    expect(anon?.quotes.length).toBeGreaterThan(0);
    expect(anon?.quotes.every((q) => q.author === null && q.link === null && q.responseId === null)).toBe(true);
    expect(likert?.results?.type === 'likert' && likert.results.items[1]?.responses).toBe(FEWER_THAN_5);
    expect(likert?.results?.type === 'likert' && likert.results.items[1]?.mean).toBeNull();
    expect(likert?.results?.type === 'likert' && likert.results.items[0]?.responses).toBe(6);

    const people = await f.store.reporting.participants();
    const identities: string[] = [];
    for await (const batch of people)
      for (const p of batch) identities.push(p.displayName, p.pseudonym, p.platformUserId);
    const anonymousAnswers = ['Being judged on one observation', 'Cover at short notice', 'nobody asking how we are'];
    const noIdentity = (where: string, fragment: string) => {
      for (const identity of identities) expect(fragment, `${where} names ${identity}`).not.toContain(identity);
    };
    // Markdown and HTML: the anonymous questions' sections.
    const md = text('markdown:digest-staff-voice-2026-W50.md');
    noIdentity('markdown', md.slice(md.indexOf('What worries you most'), md.indexOf('Is marking policy clear')));
    expect(md).toContain(FEWER_THAN_5);
    const html = text('html:digest-staff-voice-2026-W50.html');
    for (const id of ['q-anon', 'q-likert']) {
      const section = html.slice(
        html.indexOf(`id="q-${id}"`),
        html.indexOf('</section>', html.indexOf(`id="q-${id}"`)),
      );
      noIdentity(`html ${id}`, section);
    }
    expect(html).toContain(FEWER_THAN_5);
    noIdentity('json', JSON.stringify([anon, likert]));
    // CSV and XLSX rows of anonymous questions.
    for (const name of ['csv:responses.csv', 'csv:votes.csv']) {
      const rows = parse(text(name), { bom: true, columns: true }) as Record<string, string>[];
      for (const row of rows.filter((r) => r.question === 'q-anon' || r.question === 'q-likert')) {
        noIdentity(name, JSON.stringify(row));
        expect(row.participant ?? '').toMatch(/^(Anonymous \d+)?$/);
        expect(row.platform ?? '').toBe('');
        expect(row.link ?? '').toBe('');
      }
    }
    const xlsx = await xlsxText(files.get('xlsx:digest-staff-voice-2026-W50.xlsx') as Uint8Array);
    for (const id of ['q-anon', 'q-likert']) {
      const start = xlsx.indexOf(`## ${id}`);
      noIdentity(`xlsx ${id}`, xlsx.slice(start, xlsx.indexOf('\n## ', start + 1)));
    }
    for (const answer of anonymousAnswers) expect(text('csv:responses.csv')).toContain(answer);
  });

  it('matches the documented JSON schema, kept as a JSON Schema file too', () => {
    const generated = `${JSON.stringify(z.toJSONSchema(digestExportSchema), null, 2)}\n`;
    if (update) {
      mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
      writeFileSync(SCHEMA_FILE, generated);
    }
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
    const json = JSON.parse(text('json:digest-staff-voice-2026-W50.json'));
    expect(json.schemaVersion).toBe(2);
    expect(digestExportSchema.safeParse(json).success).toBe(true);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('gives a short "no new responses" digest for a week with no activity', async () => {
    f.clock.set('2026-12-21T08:00:00Z');
    const model = await buildDigest(f.deps, f.programme.id, QUIET_WEEK);
    expect(model.quiet).toBe(true);
    const prepared = await prepareExport(f.deps, formats, {
      programme: 'staff-voice',
      week: QUIET_WEEK,
      format: 'markdown',
    });
    const file = prepared.files[0] as ExportFile;
    const md = new TextDecoder().decode(await collect(file.render(prepared.source)));
    golden('quiet.md', normalise(md));
    expect(md).toContain('No new responses or votes this week');
    f.clock.set('2026-12-14T08:00:00Z');
  });

  it('names the valid programmes, weeks, formats and files when asked for an unknown one', async () => {
    const ask = (request: { programme: string; week?: string; format: string; file?: string }) =>
      prepareExport(f.deps, formats, request);
    await expect(ask({ programme: 'nope', format: 'html' })).rejects.toMatchObject({
      code: 'PROGRAMME_NOT_FOUND',
      details: { valid: ['staff-voice'] },
    });
    await expect(ask({ programme: 'staff-voice', week: '2027-W40', format: 'html' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('2026-W49, 2026-W50, 2026-W51'),
      details: { field: 'week', valid: ['2026-W49', '2026-W50', '2026-W51'] },
    });
    await expect(ask({ programme: 'staff-voice', week: 'last week', format: 'html' })).rejects.toMatchObject({
      details: { field: 'week' },
    });
    await expect(ask({ programme: 'staff-voice', format: 'pdf' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'format', valid: ['markdown', 'html', 'json', 'csv', 'polis', 'xlsx'] },
    });
    await expect(ask({ programme: 'staff-voice', format: 'csv', file: 'nope.csv' })).rejects.toMatchObject({
      details: { field: 'file', valid: ['responses.csv', 'votes.csv'] },
    });
  });
});

describe('delivering digests and answering organisers in chat', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await digestFixture();
  }, 120_000);
  afterAll(async () => f.close());

  it('posts a summary and the HTML file to the organisers channel, and keeps the model', async () => {
    const before = f.slack.messages.length;
    const outcome = await deliverDigest(f.deps, f.programme.id, DIGEST_WEEK);
    expect(outcome.posted).toEqual(['slack:T1/C0ORG']);
    expect(outcome.filesPosted).toEqual(['slack:T1/C0ORG']);
    const message = f.slack.messages[before];
    expect(message?.channel.channelId).toBe('C0ORG');
    expect(message?.text).toContain('Weekly digest for Staff voice, 2026-W50');
    expect(message?.text).not.toMatch(/@(everyone|here|channel)\b|<[!@]/);
    expect(f.slack.files.at(-1)?.name).toBe('digest-staff-voice-2026-W50.html');
    expect(f.discord.messages).toHaveLength(0);
    const stored = await f.store.digests.find(f.programme.id, DIGEST_WEEK);
    expect(digestModelSchema.parse(stored?.model).week.label).toBe(DIGEST_WEEK);
  });

  it('fails so the job retries when the organisers channel cannot be reached, keeping the model', async () => {
    f.slack.postMessage = async () => {
      throw new Error('channel_not_found');
    };
    await expect(deliverDigest(f.deps, f.programme.id, DIGEST_WEEK)).rejects.toMatchObject({ code: 'PLATFORM_ERROR' });
    expect(await f.store.digests.find(f.programme.id, DIGEST_WEEK)).not.toBeNull();
  });

  it('answers `digest` and `export` for organisers, with the file, and refuses participants', async () => {
    const registry = createCommandRegistry(null);
    registerDigestCommands(registry, formats);
    const run = (text: string, organiser = true) =>
      runCommand(f.deps, registry, {
        actor: { platform: 'slack', platformUserId: 'U09', displayName: 'Organiser' },
        actorIsOrganiser: organiser,
        text,
        channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C0ORG' },
        invocationId: `i-${text}`,
      });
    const digest = await run(`digest ${DIGEST_WEEK}`);
    expect(digest.visibility).toBe('private');
    expect(digest.file?.name).toBe('digest-staff-voice-2026-W50.html');
    expect(String(digest.file?.content)).toContain('<!doctype html>');
    const votes = await run(`export csv votes.csv ${DIGEST_WEEK}`);
    expect(votes.file?.name).toBe('staff-voice-2026-W50-votes.csv');
    expect(String(votes.file?.content)).toContain('question,participant,subject');
    const xlsx = await run('export xlsx staff-voice');
    expect(xlsx.file?.content).toBeInstanceOf(Uint8Array);
    await expect(run('export pdf')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('xlsx'),
    });
    await expect(run('digest', false)).rejects.toMatchObject({ code: 'NOT_ORGANISER' });
  });
});

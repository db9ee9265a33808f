import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { digestsSection } from '../../adapters/web/dashboard/digests.ts';
import { recordResponse } from '../../src/core/consultation/record-response.ts';
import { collect } from '../../src/core/digest/export-formats.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import type { Platform } from '../../src/core/types.ts';
import { DIGEST_WEEK, digestFixture } from '../support/digest-fixture.ts';
import { readingConsultation } from '../support/reading-consultation.ts';

/**
 * Replies written in a poll's thread (a single-choice poll on Slack, agree/disagree statements on Discord) are
 * responses like any other: every export has them, with their question.
 */

const SCHEMA = path.resolve(import.meta.dirname, '..', '..', 'docs', 'schemas', 'digest-v2.schema.json');
const formats = allExportFormats();

const REPLIES = [
  { key: 'q-single', platform: 'slack' as Platform, user: 'U09', body: 'The marking policy page is out of date' },
  { key: 'q-statements', platform: 'discord' as Platform, user: '7009', body: 'Statement two depends on the meeting' },
];

describe('replies in a poll thread, in every export', () => {
  let f: Awaited<ReturnType<typeof digestFixture>>;
  const files = new Map<string, Uint8Array>();
  const text = (name: string) => new TextDecoder().decode(files.get(name));

  beforeAll(async () => {
    f = await digestFixture();
    let n = 0;
    for (const reply of REPLIES) {
      const platform = reply.platform === 'slack' ? f.slack : f.discord;
      const posted = platform.posted.find((p) => p.card.questionId === f.question(reply.key).id);
      const messageRef = `${reply.platform}:poll-thread-reply-${++n}`;
      const outcome = await recordResponse(f.deps, {
        platform: reply.platform,
        containerRef: posted?.ref.threadRef as string,
        messageRef,
        author: { platform: reply.platform, platformUserId: reply.user, displayName: `Replier ${n}` },
        body: reply.body,
        replyToRef: null,
        attachments: [],
        idempotencyKey: messageRef,
        at: new Date(`2026-12-1${n}T12:00:00Z`),
      });
      expect(outcome.status).toBe('recorded');
    }
    for (const format of formats.names()) {
      const prepared = await prepareExport(f.deps, formats, { programme: 'staff-voice', week: DIGEST_WEEK, format });
      for (const file of prepared.files)
        files.set(`${format}:${file.name}`, await collect(file.render(prepared.source)));
    }
  }, 120_000);
  afterAll(async () => f.close());

  it('lists them in responses.csv, with their question (read with csv-parse)', () => {
    const rows = parse(text('csv:responses.csv'), { bom: true, columns: true }) as Record<string, string>[];
    for (const reply of REPLIES)
      expect(rows.filter((r) => r.body === reply.body).map((r) => [r.question, r.platform])).toEqual([
        [reply.key, reply.platform],
      ]);
  });

  it('lists them in the JSON export, which matches docs/schemas/digest-v2.schema.json', () => {
    const json = JSON.parse(text('json:digest-staff-voice-2026-W50.json'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    for (const reply of REPLIES) {
      expect(
        json.responses
          .filter((r: { body: string }) => r.body === reply.body)
          .map((r: { question: string }) => r.question),
      ).toEqual([reply.key]);
      const question = json.questions.find((q: { key: string }) => q.key === reply.key);
      expect(question.responses.total).toBe(1);
      expect(question.quotes.map((q: { text: string }) => q.text)).toContain(reply.body);
    }
  });

  it('puts them on their question sheet in the XLSX, as text cells', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(files.get('xlsx:digest-staff-voice-2026-W50.xlsx') as Uint8Array) as never);
    for (const reply of REPLIES) {
      const found: ExcelJS.Cell[] = [];
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.value === reply.body) found.push(cell);
          }),
        ),
      );
      expect(found.map((c) => [c.worksheet.name, c.type])).toEqual([[reply.key, ExcelJS.ValueType.String]]);
    }
  });

  it('quotes them under their question in the Markdown and HTML digests and the dashboard preview', async () => {
    const md = text('markdown:digest-staff-voice-2026-W50.md');
    const html = text('html:digest-staff-voice-2026-W50.html');
    for (const [key, prompt] of [
      ['q-single', 'Is marking policy clear?'],
      ['q-statements', 'Agree or disagree?'],
    ] as const) {
      const reply = REPLIES.find((r) => r.key === key)?.body as string;
      const section = html.slice(
        html.indexOf(`id="q-${key}"`),
        html.indexOf('</section>', html.indexOf(`id="q-${key}"`)),
      );
      expect(section).toContain(reply);
      expect(section).toContain('1 response in its thread in total');
      const lines = md.split('\n');
      const heading = lines.findIndex((line) => line.startsWith('### ') && line.endsWith(prompt));
      const end = lines.findIndex((line, i) => i > heading && line.startsWith('### '));
      expect(lines.slice(heading, end < 0 ? undefined : end).join('\n')).toContain(reply);
    }
    const page = await digestsSection(
      readingConsultation(f.deps),
      {
        exportFile: async (request) => {
          const prepared = await prepareExport(f.deps, formats, request);
          const file = prepared.files[0];
          if (!file) throw new Error('no file');
          return { name: file.name, mediaType: file.mediaType, chunks: file.render(prepared.source) };
        },
      },
      f.programme,
      // During the week, so the preview is this week's digest so far.
      new Date('2026-12-13T12:00:00Z'),
    );
    for (const reply of REPLIES) expect(String(page)).toContain(reply.body);
  });
});

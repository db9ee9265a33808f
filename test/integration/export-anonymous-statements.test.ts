import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { collect } from '../../src/core/digest/export-formats.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import { ANONYMOUS_STATEMENTS, DIGEST_WEEK, digestFixture } from '../support/digest-fixture.ts';

const KEY = ANONYMOUS_STATEMENTS.id;
const formats = allExportFormats();

async function xlsxSheets(bytes: Uint8Array): Promise<Map<string, string>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets = new Map<string, string>();
  workbook.eachSheet((sheet) => {
    const rows: string[] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push(JSON.stringify((row.values as unknown[]).slice(1))));
    sheets.set(sheet.name, rows.join('\n'));
  });
  return sheets;
}

/** The part of one exported file that is about the anonymous question, read the way its format is read. */
async function aboutTheQuestion(format: string, name: string, bytes: Uint8Array): Promise<string[]> {
  const text = new TextDecoder().decode(bytes);
  if (format === 'polis') return name.startsWith(`${KEY}/`) ? [text] : [];
  if (name.endsWith('.csv')) {
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    return rows.filter((row) => Object.values(row).includes(KEY)).map((row) => JSON.stringify(row));
  }
  if (name.endsWith('.json')) {
    const model = JSON.parse(text) as { questions?: { key: string }[] };
    return (model.questions ?? []).filter((q) => q.key === KEY).map((q) => JSON.stringify(q));
  }
  if (name.endsWith('.xlsx')) {
    const sheets = await xlsxSheets(bytes);
    return [...sheets].filter(([sheet]) => sheet.startsWith(KEY)).map(([, rows]) => rows);
  }
  if (name.endsWith('.html')) {
    const start = text.indexOf(`id="q-${KEY}"`);
    return start < 0 ? [] : [text.slice(start, text.indexOf('</section>', start))];
  }
  if (name.endsWith('.md')) {
    const start = text.indexOf(ANONYMOUS_STATEMENTS.prompt);
    if (start < 0) return [];
    const next = text.indexOf('\n#', start);
    return [text.slice(start, next < 0 ? undefined : next)];
  }
  return [text];
}

describe('an anonymous agree/disagree question in every export format', () => {
  let f: Awaited<ReturnType<typeof digestFixture>>;
  const parts = new Map<string, string[]>();
  const identities: string[] = [];

  beforeAll(async () => {
    f = await digestFixture({}, { anonymousStatements: true });
    for (const format of formats.names()) {
      const prepared = await prepareExport(f.deps, formats, { programme: 'staff-voice', week: DIGEST_WEEK, format });
      for (const file of prepared.files) {
        const found = await aboutTheQuestion(format, file.name, await collect(file.render(prepared.source)));
        if (found.length > 0) parts.set(`${format}:${file.name}`, found);
      }
    }
    for await (const batch of await f.store.reporting.participants())
      for (const p of batch) identities.push(p.id, p.displayName, p.pseudonym, p.platformUserId);
  }, 120_000);
  afterAll(async () => f.close());

  it('is in every format', () => {
    const covered = new Set([...parts.keys()].map((name) => name.split(':')[0]));
    expect([...covered].sort()).toEqual(formats.names().sort());
  });

  it('names nobody: no participant id, platform id, name or pseudonym', () => {
    expect(identities.length).toBeGreaterThan(20);
    for (const [file, fragments] of parts) {
      for (const fragment of fragments) {
        for (const identity of identities) expect(fragment, `${file} names ${identity}`).not.toContain(identity);
      }
    }
  });
});

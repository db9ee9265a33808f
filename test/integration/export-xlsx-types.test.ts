import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { collect } from '../../src/core/digest/export-formats.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import { DIGEST_WEEK, digestFixture } from '../support/digest-fixture.ts';

/** The XLSX export read back with exceljs, cell by cell: what a spreadsheet computes with must be typed. */

const formats = allExportFormats();
const { ValueType } = ExcelJS;

async function render(f: Awaited<ReturnType<typeof digestFixture>>, format: string): Promise<Uint8Array> {
  const prepared = await prepareExport(f.deps, formats, { programme: 'staff-voice', week: DIGEST_WEEK, format });
  return collect((prepared.files[0] as (typeof prepared.files)[number]).render(prepared.source));
}

describe('XLSX that spreadsheets compute with', () => {
  let f: Awaited<ReturnType<typeof digestFixture>>;
  const workbook = new ExcelJS.Workbook();
  let html = '';

  beforeAll(async () => {
    f = await digestFixture();
    await workbook.xlsx.load(Buffer.from(await render(f, 'xlsx')) as never);
    html = new TextDecoder().decode(await render(f, 'html'));
  }, 120_000);
  afterAll(async () => f.close());

  /** The row whose first cell is `label`, on a sheet. */
  const row = (sheet: string, label: string): ExcelJS.Row => {
    let found: ExcelJS.Row | undefined;
    workbook.getWorksheet(sheet)?.eachRow((r) => {
      if (!found && r.getCell(1).value === label) found = r;
    });
    if (!found) throw new Error(`no row "${label}" on ${sheet}`);
    return found;
  };
  /** Column `name` of the first data row under the header row that starts with `first`. */
  const under = (sheet: string, header: string, name: string): ExcelJS.Cell => {
    const head = row(sheet, header);
    const column = (head.values as unknown[]).indexOf(name);
    return workbook
      .getWorksheet(sheet)
      ?.getRow(head.number + 1)
      .getCell(column) as ExcelJS.Cell;
  };

  it('stores counts as numbers and shares as numbers formatted as percentages', () => {
    const yes = row('q-single', 'Yes');
    expect(yes.getCell(2).type).toBe(ValueType.Number);
    expect(yes.getCell(2).value).toBe(5);
    expect(yes.getCell(3).type).toBe(ValueType.Number);
    expect(yes.getCell(3).value).toBeCloseTo(5 / 9, 10);
    expect(yes.getCell(3).numFmt).toBe('0%');
    const agree = row('q-statements', 'Marking takes too long');
    expect(agree.getCell(6).type).toBe(ValueType.Number);
    expect(agree.getCell(6).numFmt).toBe('0%');
    const everyone = row('Summary', 'Everyone');
    for (const column of [2, 3, 4, 5]) expect(everyone.getCell(column).type).toBe(ValueType.Number);
  });

  it('stores Borda points, ranks and means as numbers, and leaves hidden counts as "fewer than 5"', () => {
    const ranked = row('q-ranked', 'Time');
    expect(ranked.getCell(4).type).toBe(ValueType.Number);
    expect(ranked.getCell(5).type).toBe(ValueType.Number);
    const goals = row('q-likert', 'Clear goals');
    expect(goals.getCell(8).type).toBe(ValueType.Number);
    expect(goals.getCell(8).value).toBeCloseTo(3.67, 2);
    expect(goals.getCell(8).numFmt).toBe('0.00');
    const data = row('q-likert', 'Good data');
    expect(data.getCell(2).value).toBe('fewer than 5');
    expect(data.getCell(8).value).toBeNull();
  });

  it('stores yes/no values as booleans and times as dates', () => {
    for (const name of ['created_at', 'edited_at']) {
      const at = under('q-open', 'question', name);
      expect(at.type, name).toBe(ValueType.Date);
      expect(at.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    }
    expect((under('q-open', 'question', 'created_at').value as Date).toISOString()).toBe('2026-12-02T10:01:00.000Z');
    expect(under('q-open', 'question', 'private').type).toBe(ValueType.Boolean);
    expect(under('q-open', 'question', 'new_this_week').type).toBe(ValueType.Boolean);
    expect(under('q-single', 'question', 'cast_at').type).toBe(ValueType.Date);
    expect(under('q-single', 'question', 'new_this_week').type).toBe(ValueType.Boolean);
  });

  it("gives the week's range as the HTML digest does, in words and as dates", () => {
    const span = /(\d+ \w{3} \d{4} to \d+ \w{3} \d{4}) \(UTC\)/.exec(html)?.[1];
    expect(span).toBe('7 Dec 2026 to 13 Dec 2026');
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const cells: unknown[] = [];
    summary.eachRow((r) => r.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain(`${span} (UTC)`);
    const from = row('Summary', 'From');
    expect(from.getCell(2).type).toBe(ValueType.Date);
    expect((from.getCell(2).value as Date).toISOString().slice(0, 10)).toBe('2026-12-07');
    expect((from.getCell(4).value as Date).toISOString().slice(0, 10)).toBe('2026-12-13');
  });
});

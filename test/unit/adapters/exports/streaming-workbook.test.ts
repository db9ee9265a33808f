import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Cell, StreamingWorkbook } from '../../../../adapters/exports/streaming-workbook.ts';
import { collect } from '../../../../src/core/digest/export-formats.ts';

/** The streaming XLSX writer read back with exceljs: every kind of cell as it was given, on every sheet. */

async function written(sheets: { name: string; rows: Cell[][]; widths?: number[] }[]): Promise<ExcelJS.Workbook> {
  const book = new StreamingWorkbook('Agora', new Date('2026-12-14T08:00:00Z'));
  const writing = (async () => {
    for (const sheet of sheets) {
      await book.addSheet(sheet.name, sheet.widths);
      for (const row of sheet.rows) book.addRow(row);
      await book.drained();
    }
    await book.finish();
  })();
  const bytes = await collect(book.output);
  await writing;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

describe('the streaming XLSX writer', () => {
  it('keeps text as text (formulas too), numbers, booleans, dates, formats and links typed', async () => {
    const at = new Date('2026-12-02T10:01:02.345Z');
    const workbook = await written([
      {
        name: 'Q & A <1>',
        widths: [40, 12],
        rows: [
          ['=HYPERLINK("http://evil.example","click")', '+1', '@SUM(A1)', ' padded ', 'line\nbreak'],
          [5, 0.5555, true, false, { value: 0.25, style: 'percent' }, { value: 3.675, style: 'mean' }],
          [
            { value: at, style: 'instant' },
            { value: new Date('2026-12-07T00:00:00Z'), style: 'day' },
          ],
          [],
          [null, 'after a gap', '', 'bell\u0007 and <tag> & "quotes"'],
          [{ link: 'https://slack.example/T1/C1/1.2?thread=1&x="y"' }],
        ],
      },
      { name: 'Second', rows: [['only row']] },
    ]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Q & A <1>', 'Second']);
    const sheet = workbook.getWorksheet('Q & A <1>') as ExcelJS.Worksheet;
    const row = (n: number) => sheet.getRow(n);
    expect(row(1).values).toEqual([
      undefined,
      '=HYPERLINK("http://evil.example","click")',
      '+1',
      '@SUM(A1)',
      ' padded ',
      'line\nbreak',
    ]);
    expect(row(1).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row(2).getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(row(2).getCell(2).value).toBe(0.5555);
    expect(row(2).getCell(3).value).toBe(true);
    expect(row(2).getCell(4).value).toBe(false);
    expect(row(2).getCell(5).numFmt).toBe('0%');
    expect(row(2).getCell(6).numFmt).toBe('0.00');
    expect(row(3).getCell(1).type).toBe(ExcelJS.ValueType.Date);
    expect((row(3).getCell(1).value as Date).toISOString()).toBe(at.toISOString());
    expect(row(3).getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row(3).getCell(2).numFmt).toBe('yyyy-mm-dd');
    expect(row(4).cellCount).toBe(0);
    expect(row(5).getCell(1).value).toBeNull();
    expect(row(5).getCell(2).value).toBe('after a gap');
    expect(row(5).getCell(3).value).toBeNull();
    expect(row(5).getCell(4).value).toBe('bell and <tag> & "quotes"');
    const link = row(6).getCell(1);
    expect(link.type).toBe(ExcelJS.ValueType.Hyperlink);
    expect(link.hyperlink).toBe('https://slack.example/T1/C1/1.2?thread=1&x="y"');
    expect(sheet.getColumn(1).width).toBe(40);
    expect(workbook.getWorksheet('Second')?.getRow(1).getCell(1).value).toBe('only row');
    expect(workbook.creator).toBe('Agora');
  });

  it('holds many links per sheet, each on its own cell', async () => {
    const rows: Cell[][] = Array.from({ length: 20_000 }, (_, i) => [i, { link: `https://x.example/${i}` }]);
    const workbook = await written([
      { name: 'Links', rows },
      { name: 'More', rows: rows.slice(0, 3) },
    ]);
    for (const [name, count] of [
      ['Links', 20_000],
      ['More', 3],
    ] as const) {
      const sheet = workbook.getWorksheet(name) as ExcelJS.Worksheet;
      expect(sheet.rowCount).toBe(count);
      for (const n of [1, count])
        expect(sheet.getRow(n).getCell(2).hyperlink, `${name} row ${n}`).toBe(`https://x.example/${n - 1}`);
    }
  });
});

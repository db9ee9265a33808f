import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportSource } from '../src/core/digest/export-source.ts';
import { RESPONSE_COLUMNS, responseValues } from '../src/core/digest/render-csv.ts';

/**
 * The baseline of the XLSX benchmark: the responses sheet written as the export wrote it before, with exceljs's
 * streaming writer at its fastest settings (styles shared by reference, no shared strings, zlib level 1), the
 * same typed cells (dates, booleans, hyperlinks) and the same wait for its queue to drain between batches.
 */

const PLAIN: Partial<ExcelJS.Style> = {};
const INSTANT: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd hh:mm:ss' };
const LINK: Partial<ExcelJS.Style> = { font: { color: { argb: 'FF0563C1' }, underline: true } };

type Queue = Writable & { _writableState?: { needDrain?: boolean; length?: number; highWaterMark?: number } };

async function drained(sheet: ExcelJS.Worksheet): Promise<void> {
  const pending = (sheet as unknown as { stream?: { pipes?: Queue[] } }).stream?.pipes?.[0];
  const state = pending?._writableState;
  if (
    !pending ||
    !(pending.writableNeedDrain ?? state?.needDrain ?? (state?.length ?? 0) > (state?.highWaterMark ?? Infinity))
  )
    return;
  await new Promise<void>((resolve) => {
    const done = () => {
      pending.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    pending.on('drain', done).on('close', done).on('error', done);
  });
}

export async function* renderWithExceljs(source: ExportSource): AsyncIterable<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  const writing = (async () => {
    for (const question of source.questions) {
      const sheet = workbook.addWorksheet(question.key);
      sheet.addRow(RESPONSE_COLUMNS).commit();
      for await (const batch of source.responses(question)) {
        await drained(sheet);
        for (const r of batch) {
          const values: unknown[] = responseValues(r);
          values[2] = new Date(r.createdAt);
          values[3] = r.editedAt === null ? null : new Date(r.editedAt);
          values[12] = r.link === null ? null : { text: r.link, hyperlink: r.link };
          const row = sheet.addRow(values);
          row.eachCell((c, column) => {
            c.style = column === 13 ? LINK : column === 3 || column === 4 ? INSTANT : PLAIN;
          });
          row.commit();
        }
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  for await (const chunk of out) yield chunk as Uint8Array;
  await writing;
}

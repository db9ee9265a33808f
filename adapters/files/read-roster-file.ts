import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { RosterProblem, RosterRow } from '../../src/core/roster/parse-roster.ts';

export type RosterFile =
  | { ok: true; header: string[]; headerLine: number; rows: RosterRow[] }
  | { ok: false; problems: RosterProblem[] };

/** A roster CSV (UTF-8, a header row first, blank lines ignored) as rows, each with the line it starts on. */
export async function readRosterFile(file: string): Promise<RosterFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ line: 0, message: `cannot read the file: ${(error as Error).message}` }] };
  }
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, problems: [{ line, message: `not valid CSV: ${(error as Error).message}` }] };
  }
  // csv-parse counts lines to the end of each record (a quoted cell may span several), and a record's raw text
  // starts with the blank lines skipped before it.
  const rows = records.map((r) => ({
    line: r.info.lines - (r.raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0),
    cells: r.record,
  }));
  const [header, ...body] = rows;
  if (!header) return { ok: false, problems: [{ line: 1, message: 'the file is empty: it needs a header row' }] };
  return { ok: true, header: header.cells, headerLine: header.line, rows: body };
}

import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ANONYMITY_LABELS, activityLine, KIND_LABELS, lastDayOf, weekSpan } from '../../src/core/digest/describe.ts';
import { baseName, type ExportChunk, type ExportFormat } from '../../src/core/digest/export-formats.ts';
import { digestOf, type ExportSource, type ResponseRow, type VoteRow } from '../../src/core/digest/export-source.ts';
import type { Count, DigestModel, DigestQuestion, Participation, PollResults } from '../../src/core/digest/model.ts';
import { RESPONSE_COLUMNS, responseValues, VOTE_COLUMNS, voteValues } from '../../src/core/digest/render-csv.ts';
import type { QuestionRecord } from '../../src/core/records.ts';

/**
 * The digest as an Excel workbook, written with exceljs's streaming writer so rows go to the output as they are
 * read: a Summary sheet (participation and results, small counts of anonymous questions hidden as in every
 * format), then one sheet per question with its results, every vote (polls) and every response (a poll's thread
 * replies too). Cells are typed so a spreadsheet computes with them: counts and points are numbers, shares are
 * numbers formatted as percentages, means numbers with two decimals, yes/no values booleans, times dates (UTC).
 * Text is stored as text cells, never as formulas. A sheet holds at most 1,048,576 rows; longer questions continue
 * on "KEY (2)", and so on.
 */

const MAX_ROWS = 1_048_576;
const MAX_CELL = 32_767;

/**
 * Styles shared by reference: exceljs looks a style object up by identity before serialising it, so cells that
 * share one cost nothing per row (a fresh style object per cell is what makes its writer slow).
 */
const PLAIN: Partial<ExcelJS.Style> = {};
const FORMATS = {
  instant: { numFmt: 'yyyy-mm-dd hh:mm:ss' },
  day: { numFmt: 'yyyy-mm-dd' },
  percent: { numFmt: '0%' },
  mean: { numFmt: '0.00' },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** A link back to a source message, as a hyperlink cell that opens it. */
const LINK: Partial<ExcelJS.Style> = { font: { color: { argb: 'FF0563C1' }, underline: true } };

type Formatted = { value: number | Date; style: keyof typeof FORMATS };
type Link = { link: string };
type Cell = string | number | boolean | null | Formatted | Link;
type Sheet = ExcelJS.Worksheet;

const cell = (count: Count): Cell => count;
const share = (value: number | null): Cell => (value === null ? null : { value, style: 'percent' });
const mean = (value: number | null): Cell => (value === null ? null : { value, style: 'mean' });
const instant = (iso: string | null): Cell => (iso === null ? null : { value: new Date(iso), style: 'instant' });
const day = (iso: string): Cell => ({ value: new Date(iso), style: 'day' });
const text = (value: string | null): string | null =>
  value === null ? null : value.length > MAX_CELL ? `${value.slice(0, MAX_CELL - 1)}…` : value;

/** Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

function participationRows(label: string, p: Participation): Cell[] {
  return [
    label,
    cell(p.people),
    cell(p.active),
    cell(p.new),
    cell(p.returning),
    p.nonRespondents === null ? null : cell(p.nonRespondents),
  ];
}

function resultRows(r: PollResults): Cell[][] {
  switch (r.type) {
    case 'choice':
      return [['Option', 'Votes', 'Share'], ...r.options.map((o) => [o.label, cell(o.votes), share(o.share)])];
    case 'ranked':
      return [
        ['Option', 'First preferences', 'Share', 'Borda points', 'Borda rank'],
        ...r.options.map((o) => [o.label, cell(o.firstPreferences), share(o.firstShare), o.bordaPoints, o.bordaRank]),
      ];
    case 'likert':
      return [
        ['Item', 'Answers', ...r.scale, 'Mean'],
        ...r.items.map((i) => [i.label, cell(i.responses), ...i.distribution.map(cell), mean(i.mean)]),
      ];
    case 'statements':
      return [
        ['Statement', 'Votes', 'Agree', 'Disagree', 'Pass', 'Agree share'],
        ...r.statements.map((s) => [
          s.label,
          cell(s.votes),
          cell(s.agree),
          cell(s.disagree),
          cell(s.pass),
          share(s.agreeShare),
        ]),
      ];
  }
}

const isFormatted = (value: Cell): value is Formatted =>
  typeof value === 'object' && value !== null && 'style' in value;
const isLink = (value: Cell): value is Link => typeof value === 'object' && value !== null && 'link' in value;
const link = (url: string | null): Cell => (url && /^https?:\/\//.test(url) ? { link: url } : text(url));

/** Row values as typed cells, typed the same way in every sheet: the CSV columns' times become dates. */
function typedResponse(r: ResponseRow): Cell[] {
  const values: Cell[] = responseValues(r, text);
  values[2] = instant(r.createdAt);
  values[3] = instant(r.editedAt);
  values[12] = link(r.link);
  return values;
}

function typedVote(v: VoteRow, kind: QuestionRecord['kind']): Cell[] {
  const values: Cell[] = voteValues(v, kind);
  values[6] = instant(v.castAt);
  return values;
}

function add(sheet: Sheet, values: Cell[]): void {
  const row = sheet.addRow(
    values.map((v) => (isLink(v) ? { text: v.link, hyperlink: v.link } : isFormatted(v) ? v.value : v)),
  );
  row.eachCell((c, column) => {
    const value = values[column - 1] as Cell;
    c.style = isLink(value) ? LINK : isFormatted(value) ? FORMATS[value.style] : PLAIN;
  });
  row.commit();
}

function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, model: DigestModel, used: Set<string>): void {
  const sheet = workbook.addWorksheet(sheetName('Summary', used));
  sheet.columns = [{ width: 48 }, { width: 14 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 16 }];
  add(sheet, [`${model.programme.title}: weekly digest, ${model.week.label}`]);
  // The same range, in the same words, as the HTML and Markdown digests; then as dates a spreadsheet can use.
  add(sheet, [`${weekSpan(model)} (UTC)`]);
  add(sheet, ['From', day(model.week.start), 'To', day(lastDayOf(model)), 'Generated', instant(model.generatedAt)]);
  add(sheet, [model.quiet ? 'No new responses or votes this week.' : activityLine(model)]);
  add(sheet, []);
  add(sheet, ['Participation', 'People', 'Active this week', 'New', 'Returning', 'Not yet answered']);
  add(sheet, participationRows('Everyone', model.participation.overall));
  for (const b of model.participation.byPlatform) add(sheet, participationRows(b.label, b.counts));
  add(sheet, []);
  add(sheet, ['Question', 'Kind', 'Anonymity', 'People', 'Active this week', 'Responses', 'Responses this week']);
  for (const q of model.questions)
    add(sheet, [
      q.prompt,
      KIND_LABELS[q.kind],
      q.anonymity,
      cell(q.participation.overall.people),
      cell(q.participation.overall.active),
      q.responses ? cell(q.responses.total) : null,
      q.responses ? cell(q.responses.thisWeek) : null,
    ]);
  sheet.commit();
}

type Queue = Writable & { _writableState?: { needDrain?: boolean; length?: number; highWaterMark?: number } };

/**
 * exceljs queues each sheet's XML in an unbounded buffer until the zip reaches it: waiting for that buffer to
 * drain between batches keeps memory flat however many rows there are.
 */
async function drained(sheet: Sheet): Promise<void> {
  const pending = (sheet as unknown as { stream?: { pipes?: Queue[] } }).stream?.pipes?.[0];
  // archiver's queue is a readable-stream PassThrough, older than Node's `writableNeedDrain`.
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

async function writeQuestion(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  source: ExportSource,
  question: DigestQuestion,
  record: QuestionRecord,
  used: Set<string>,
): Promise<void> {
  let part = 1;
  let sheet = workbook.addWorksheet(sheetName(question.key, used));
  let rows = 0;
  const put = (values: Cell[]) => {
    if (rows === MAX_ROWS) {
      sheet.commit();
      part++;
      sheet = workbook.addWorksheet(sheetName(`${question.key} (${part})`, used));
      rows = 0;
    }
    add(sheet, values);
    rows++;
  };
  put([question.prompt]);
  put([`${KIND_LABELS[question.kind]}, ${ANONYMITY_LABELS[question.anonymity]}, ${question.status}`]);
  put(participationRows('People (active this week, new, returning, not yet answered)', question.participation.overall));
  if (question.results) for (const values of resultRows(question.results)) put(values);
  put([]);
  if (question.kind !== 'open') {
    put(VOTE_COLUMNS);
    for await (const batch of source.votes(record)) {
      await drained(sheet);
      for (const v of batch) put(typedVote(v, question.kind));
    }
    put([]);
    put(['Responses: replies in the thread and private answers']);
  }
  put(RESPONSE_COLUMNS);
  for await (const batch of source.responses(record)) {
    await drained(sheet);
    for (const r of batch) put(typedResponse(r));
  }
  sheet.commit();
}

async function* renderXlsx(source: ExportSource): AsyncIterable<ExportChunk> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    // Fast compression: the zip, not the rows, is what holds a big export back.
    zip: { zlib: { level: 1 } },
  });
  workbook.creator = 'Agora';
  const model = digestOf(source);
  workbook.created = new Date(model.generatedAt);
  workbook.modified = new Date(model.generatedAt);
  const writing = (async () => {
    const used = new Set<string>();
    writeSummary(workbook, model, used);
    for (const question of model.questions) {
      const record = source.questions.find((q) => q.id === question.id);
      if (record) await writeQuestion(workbook, source, question, record, used);
    }
    await workbook.commit();
  })().catch((error: unknown) => {
    out.destroy(error as Error);
  });
  for await (const chunk of out) yield chunk as Uint8Array;
  await writing;
}

export const xlsxFormat: ExportFormat = {
  name: 'xlsx',
  description:
    'an Excel workbook of typed cells: a summary sheet and one sheet per question with every vote and response',
  needs: 'digest',
  files: (outline) => [
    {
      name: `${baseName(outline)}.xlsx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      render: renderXlsx,
    },
  ],
};

import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ANONYMITY_LABELS, formatMean, KIND_LABELS, percent } from '../core/digest/describe.ts';
import { baseName, type ExportChunk, type ExportFormat } from '../core/digest/export-formats.ts';
import { digestOf, type ExportSource } from '../core/digest/export-source.ts';
import type { Count, DigestModel, DigestQuestion, Participation, PollResults } from '../core/digest/model.ts';
import { RESPONSE_COLUMNS, responseValues, VOTE_COLUMNS, voteValues } from '../core/digest/render-csv.ts';
import type { QuestionRecord } from '../core/records.ts';

/**
 * The digest as an Excel workbook, written with exceljs's streaming writer so rows go to the output as they are
 * read: a Summary sheet (participation and results, small counts of anonymous questions hidden as in every
 * format), then one sheet per question with its results and every response or vote. Text is stored as text cells,
 * never as formulas, and without styles (they make exceljs's writer several times slower). A sheet holds at most 1,048,576 rows; longer questions continue on "KEY (2)", and so on.
 */

const MAX_ROWS = 1_048_576;
const MAX_CELL = 32_767;

type Cell = string | number | boolean | null;
type Sheet = ExcelJS.Worksheet;

const cell = (count: Count): Cell => count;
const text = (value: string | null): Cell =>
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
      return [['Option', 'Votes', 'Share'], ...r.options.map((o) => [o.label, cell(o.votes), percent(o.share)])];
    case 'ranked':
      return [
        ['Option', 'First preferences', 'Share', 'Borda points', 'Borda rank'],
        ...r.options.map((o) => [o.label, cell(o.firstPreferences), percent(o.firstShare), o.bordaPoints, o.bordaRank]),
      ];
    case 'likert':
      return [
        ['Item', 'Answers', ...r.scale, 'Mean'],
        ...r.items.map((i) => [i.label, cell(i.responses), ...i.distribution.map(cell), formatMean(i.mean)]),
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
          percent(s.agreeShare),
        ]),
      ];
  }
}

function add(sheet: Sheet, values: Cell[]): void {
  sheet.addRow(values).commit();
}

function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, model: DigestModel, used: Set<string>): void {
  const sheet = workbook.addWorksheet(sheetName('Summary', used));
  sheet.columns = [{ width: 48 }, { width: 14 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 16 }];
  add(sheet, [`${model.programme.title}: weekly digest, ${model.week.label}`]);
  add(sheet, [
    `${model.week.start.slice(0, 10)} to ${model.week.end.slice(0, 10)} (UTC, end exclusive); generated ${model.generatedAt}`,
  ]);
  add(sheet, [
    model.quiet
      ? 'No new responses or votes this week.'
      : `${model.totals.responsesThisWeek} responses and ${model.totals.votesThisWeek} votes this week.`,
  ]);
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
  if (question.kind === 'open') {
    put(RESPONSE_COLUMNS);
    for await (const batch of source.responses(record)) {
      await drained(sheet);
      for (const r of batch) put(responseValues(r, text));
    }
  } else {
    put(VOTE_COLUMNS);
    for await (const batch of source.votes(record)) {
      await drained(sheet);
      for (const v of batch) put(voteValues(v, question.kind));
    }
  }
  sheet.commit();
}

async function* renderXlsx(source: ExportSource): AsyncIterable<ExportChunk> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
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
  description: 'an Excel workbook: a summary sheet and one sheet per question with every response or vote',
  needs: 'digest',
  files: (outline) => [
    {
      name: `${baseName(outline)}.xlsx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      render: renderXlsx,
    },
  ],
};

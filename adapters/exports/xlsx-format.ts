import { ANONYMITY_LABELS, activityLine, lastDayOf, weekSpan } from '../../src/core/digest/describe.ts';
import { baseName, type ExportChunk, type ExportFormat } from '../../src/core/digest/export-formats.ts';
import { digestOf, type ExportSource, type ResponseRow, type VoteRow } from '../../src/core/digest/export-source.ts';
import type { Count, DigestModel, DigestQuestion, Participation, PollResults } from '../../src/core/digest/model.ts';
import { RESPONSE_COLUMNS, responseValues, VOTE_COLUMNS, voteValues } from '../../src/core/digest/render-csv.ts';
import { KIND_LABEL } from '../../src/core/presentation/question-wording.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import { type Cell, StreamingWorkbook } from './streaming-workbook.ts';

/**
 * The digest as an Excel workbook, written as a stream (streaming-workbook.ts) so rows go to the output as they
 * are read: a Summary sheet (participation and results, small counts of anonymous questions hidden as in every
 * format), then one sheet per question with its results, every vote (polls) and every response (a poll's thread
 * replies too). Cells are typed so a spreadsheet computes with them: counts and points are numbers, shares are
 * numbers formatted as percentages, means numbers with two decimals, yes/no values booleans, times dates (UTC).
 * Text is stored as text cells, never as formulas. A sheet holds at most 1,048,576 rows; longer questions continue
 * on "KEY (2)", and so on (as they do past 3.5 GB of sheet text, short of a zip entry's 4 GiB).
 */

const MAX_ROWS = 1_048_576;
const MAX_CELL = 32_767;
const MAX_SHEET_BYTES = 3.5 * 1024 ** 3;

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

async function writeSummary(book: StreamingWorkbook, model: DigestModel, used: Set<string>): Promise<void> {
  await book.addSheet(sheetName('Summary', used), [48, 14, 16, 12, 12, 16]);
  const add = (values: Cell[]) => book.addRow(values);
  add([`${model.programme.title}: weekly digest, ${model.week.label}`]);
  // The same range, in the same words, as the HTML and Markdown digests; then as dates a spreadsheet can use.
  add([`${weekSpan(model)} (UTC)`]);
  add(['From', day(model.week.start), 'To', day(lastDayOf(model)), 'Generated', instant(model.generatedAt)]);
  add([model.quiet ? 'No new responses or votes this week.' : activityLine(model)]);
  add([]);
  add(['Participation', 'People', 'Active this week', 'New', 'Returning', 'Not yet answered']);
  add(participationRows('Everyone', model.participation.overall));
  for (const b of model.participation.byPlatform) add(participationRows(b.label, b.counts));
  add([]);
  add(['Question', 'Kind', 'Anonymity', 'People', 'Active this week', 'Responses', 'Responses this week']);
  for (const q of model.questions)
    add([
      q.prompt,
      KIND_LABEL[q.kind],
      q.anonymity,
      cell(q.participation.overall.people),
      cell(q.participation.overall.active),
      q.responses ? cell(q.responses.total) : null,
      q.responses ? cell(q.responses.thisWeek) : null,
    ]);
}

async function writeQuestion(
  book: StreamingWorkbook,
  source: ExportSource,
  question: DigestQuestion,
  record: QuestionRecord,
  used: Set<string>,
): Promise<void> {
  let part = 1;
  await book.addSheet(sheetName(question.key, used));
  const full = () => book.rows === MAX_ROWS || book.sheetBytes > MAX_SHEET_BYTES;
  const next = () => book.addSheet(sheetName(`${question.key} (${++part})`, used));
  const put = async (values: Cell[]) => {
    if (full()) await next();
    book.addRow(values);
  };
  await put([question.prompt]);
  await put([`${KIND_LABEL[question.kind]}, ${ANONYMITY_LABELS[question.anonymity]}, ${question.status}`]);
  await put(
    participationRows('People (active this week, new, returning, not yet answered)', question.participation.overall),
  );
  if (question.results) for (const values of resultRows(question.results)) await put(values);
  await put([]);
  if (question.kind !== 'open') {
    await put(VOTE_COLUMNS);
    for await (const batch of source.votes(record)) {
      await book.drained();
      for (const v of batch) {
        if (full()) await next();
        book.addRow(typedVote(v, question.kind));
      }
    }
    await put([]);
    await put(['Responses: replies in the thread and private answers']);
  }
  await put(RESPONSE_COLUMNS);
  for await (const batch of source.responses(record)) {
    await book.drained();
    for (const r of batch) {
      if (full()) await next();
      book.addRow(typedResponse(r));
    }
  }
}

async function* renderXlsx(source: ExportSource): AsyncIterable<ExportChunk> {
  const model = digestOf(source);
  const book = new StreamingWorkbook('Agora', new Date(model.generatedAt));
  const writing = (async () => {
    const used = new Set<string>();
    await writeSummary(book, model, used);
    for (const question of model.questions) {
      const record = source.questions.find((q) => q.id === question.id);
      if (record) await writeQuestion(book, source, question, record, used);
    }
    await book.finish();
  })().catch((error: unknown) => book.abort(error as Error));
  for await (const chunk of book.output) yield chunk;
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

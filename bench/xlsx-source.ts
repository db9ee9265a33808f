import type { ExportSource, ResponseRow } from '../src/core/digest/export-source.ts';
import type { DigestModel, DigestQuestion, Participation } from '../src/core/digest/model.ts';
import type { QuestionRecord } from '../src/core/records.ts';

/**
 * A made-up export source for the XLSX benchmark: one open question with `rows` responses, each with a link, an
 * edit on one in seven and a reply on one in three, in batches of 1,000 as the store gives them. No database, so
 * only the writing is timed.
 */

const BATCH = 1_000;
const START = Date.UTC(2026, 10, 30);
const WEEK = {
  label: '2026-W49',
  start: new Date(START).toISOString(),
  end: new Date(START + 7 * 86_400_000).toISOString(),
};
const counts: Participation = { people: 5_000, active: 2_000, new: 500, returning: 1_500, nonRespondents: null };

const record: QuestionRecord = {
  id: 'q1',
  programmeId: 'p1',
  sectionId: null,
  key: 'q-open',
  position: 0,
  kind: 'open',
  prompt: 'What would most reduce your workload?',
  intro: '',
  anonymity: 'named',
  resultsVisibility: 'live',
  minChoices: 0,
  maxChoices: 0,
  channels: [],
  opensAt: null,
  closesAt: null,
  reminders: [],
  config: {},
  status: 'open',
  openedAt: new Date(START),
  closedAt: null,
  archivedAt: null,
};

function question(rows: number): DigestQuestion {
  return {
    id: record.id,
    key: record.key,
    section: 'workload',
    prompt: record.prompt,
    kind: 'open',
    anonymity: 'named',
    status: 'open',
    opensAt: null,
    closesAt: null,
    participation: { overall: counts, byPlatform: [], byChannel: [] },
    responses: { total: rows, thisWeek: rows, sinceLastDigest: rows, previousTotal: null },
    results: null,
    positions: null,
    quotes: [],
  };
}

export function response(n: number): ResponseRow {
  const at = new Date(START + n * 1_000).toISOString();
  return {
    question: record.key,
    id: `cm${n.toString(36).padStart(8, '0')}x7k2`,
    createdAt: at,
    editedAt: n % 7 === 0 ? at : null,
    participant: `Participant ${n % 5_000}`,
    platform: 'slack',
    channel: 'slack:T1/C0STAFF',
    private: false,
    replyTo: n % 3 === 0 && n > 0 ? `cm${(n - 1).toString(36).padStart(8, '0')}x7k2` : null,
    newThisWeek: n % 2 === 0,
    body: `Response ${n}: fewer meetings & shorter ones, please; stop double data entry between the MIS and <sheets>.`,
    attachments: '',
    link: `https://slack.example/T1/C0STAFF/${1_796_205_660 + n}.000001?thread=1`,
  };
}

export function syntheticSource(rows: number): ExportSource {
  const model: DigestModel = {
    schemaVersion: 2,
    generatedAt: WEEK.end,
    programme: { id: 'p1', slug: 'bench', title: 'Bench', organisation: 'Bench', timezone: 'UTC' },
    week: WEEK,
    previousDigest: null,
    quiet: false,
    totals: { responsesThisWeek: rows, votesThisWeek: 0 },
    participation: { overall: counts, byPlatform: [] },
    questions: [question(rows)],
  };
  return {
    outline: model,
    model,
    questions: [record],
    async *responses() {
      for (let start = 0; start < rows; start += BATCH)
        yield Array.from({ length: Math.min(BATCH, rows - start) }, (_, i) => response(start + i));
    },
    async *votes() {},
    async *voteCells() {},
    statements: async () => [],
    questionLink: async () => null,
  };
}

import { computeOpinionGroups } from '../positions/opinion-groups.ts';
import type { Vote, VoteValue } from '../positions/vote-matrix.ts';
import type { QuestionRecord } from '../records.ts';
import { OPINION_GROUP_SEED } from '../summaries/opinion-groups-part.ts';
import type { ExportSource, StatementRow } from './export-source.ts';
import { interchangeRecord as csvRecord } from './format-escaping.ts';

/**
 * An agree/disagree question in Pol.is's public export format, so Pol.is tools can reanalyse it: `comments.csv`,
 * `votes.csv`, `participants-votes.csv` and `summary.csv`, with exactly the columns of Pol.is's own exports.
 * Statements are comments (0, 1, 2… in the question's order), moderated 1 when approved, 0 while awaiting approval
 * and -1 when rejected (kept, as Pol.is keeps comments moderated out). People are numbered 0, 1, 2… by their first
 * statement or vote (0 is the organisers when the programme file seeded statements); on anonymous questions the
 * numbers are drawn at random and times are cut to the week, so neither order nor time links a number to a
 * person. Votes are 1 agree, -1 disagree, 0 pass. `group-id` is the person's opinion group (0 the largest), as the
 * digest computes it from the same votes, empty when they were not placed. Text is exactly as written: these files
 * are for tools, so no spreadsheet formula guard is applied.
 */

export const POLIS_COMMENT_COLUMNS = [
  'timestamp',
  'datetime',
  'comment-id',
  'author-id',
  'agrees',
  'disagrees',
  'moderated',
  'comment-body',
];
export const POLIS_VOTE_COLUMNS = ['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote'];
export const POLIS_PARTICIPANT_COLUMNS = ['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree'];
/** summary.csv's rows (a key and its value each, no header), in Pol.is's order. */
export const POLIS_SUMMARY_KEYS = [
  'topic',
  'url',
  'views',
  'voters',
  'voters-in-conv',
  'commenters',
  'comments',
  'groups',
  'conversation-description',
];
const MODERATED = { approved: 1, pending: 0, rejected: -1 } as const;

const VOTE_CODES: Record<string, number> = { agree: 1, disagree: -1, pass: 0 };
const ORGANISERS = '\u0000organisers';

export interface PolisConversation {
  comments: {
    id: number;
    label: string;
    status: 'approved' | 'pending' | 'rejected';
    createdAtMs: number;
    author: number;
  }[];
  /** Votes in time order: parallel arrays. */
  votes: { at: Float64Array; comment: Int32Array; voter: Int32Array; vote: Int8Array; length: number };
  participants: number;
  /** participant * comments + comment -> vote + 2 (0 = not seen). */
  matrix: Int8Array;
  /** Each participant's opinion group (0 the largest), -1 when not placed. */
  groups: Int32Array;
  groupCount: number;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Pol.is's `datetime` column (Java's Date.toString), in UTC: `Tue Dec 01 10:00:00 UTC 2026`. */
export function polisDatetime(ms: number): string {
  const d = new Date(ms);
  const two = (v: number) => String(v).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const conversations = new WeakMap<ExportSource, Map<string, Promise<PolisConversation>>>();

/** Reads a statements question once per export (its three files share it): compact arrays, one byte per cell. */
export function polisConversation(source: ExportSource, question: QuestionRecord): Promise<PolisConversation> {
  let cache = conversations.get(source);
  if (!cache) {
    cache = new Map();
    conversations.set(source, cache);
  }
  let found = cache.get(question.id);
  if (!found) {
    found = readConversation(source, question);
    cache.set(question.id, found);
  }
  return found;
}

async function readConversation(source: ExportSource, question: QuestionRecord): Promise<PolisConversation> {
  const statements = await source.statements(question);
  const commentIds = new Map(statements.map((s, i) => [s.key, i]));
  const firstSeen = new Map<string, { at: number; order: number }>();
  const see = (key: string, at: number) => {
    const seen = firstSeen.get(key);
    if (!seen) firstSeen.set(key, { at, order: firstSeen.size });
    else if (at < seen.at) seen.at = at;
  };
  for (const s of statements) see(s.authorKey ?? ORGANISERS, s.createdAtMs);
  let capacity = 1024;
  let at = new Float64Array(capacity);
  let comment = new Int32Array(capacity);
  let voterKeys: string[] = [];
  let vote = new Int8Array(capacity);
  let length = 0;
  for await (const batch of source.voteCells(question)) {
    for (const v of batch) {
      const id = commentIds.get(v.subject);
      const code = VOTE_CODES[v.choice[0] ?? ''];
      if (id === undefined || code === undefined) continue;
      if (length === capacity) {
        capacity *= 2;
        const grow = <T extends Float64Array | Int32Array | Int8Array>(old: T, make: (n: number) => T) => {
          const next = make(capacity);
          next.set(old);
          return next;
        };
        at = grow(at, (n) => new Float64Array(n));
        comment = grow(comment, (n) => new Int32Array(n));
        vote = grow(vote, (n) => new Int8Array(n));
      }
      at[length] = v.castAtMs;
      comment[length] = id;
      vote[length] = code;
      voterKeys.push(v.participantKey);
      see(v.participantKey, v.castAtMs);
      length++;
    }
  }
  const anonymous = question.anonymity === 'anonymous';
  const ordered = [...firstSeen].sort((a, b) => a[1].at - b[1].at || a[1].order - b[1].order);
  if (anonymous) shuffle(ordered);
  const numbers = new Map(ordered.map(([key], i) => [key, i]));
  const voter = new Int32Array(length);
  for (let i = 0; i < length; i++) voter[i] = numbers.get(voterKeys[i] as string) as number;
  voterKeys = [];
  // On anonymous questions the store's order would tell who voted first within a week: ties go by number instead.
  const tieBreak = anonymous
    ? (a: number, b: number) =>
        (voter[a] as number) - (voter[b] as number) || (comment[a] as number) - (comment[b] as number)
    : (a: number, b: number) => a - b;
  const order = Array.from({ length }, (_, i) => i).sort(
    (a, b) => (at[a] as number) - (at[b] as number) || tieBreak(a, b),
  );
  const sorted = {
    at: Float64Array.from(order, (i) => at[i] as number),
    comment: Int32Array.from(order, (i) => comment[i] as number),
    voter: Int32Array.from(order, (i) => voter[i] as number),
    vote: Int8Array.from(order, (i) => vote[i] as number),
    length,
  };
  const matrix = new Int8Array(numbers.size * statements.length);
  for (let i = 0; i < length; i++)
    matrix[(sorted.voter[i] as number) * statements.length + (sorted.comment[i] as number)] =
      (sorted.vote[i] as number) + 2;
  const { groups, groupCount } = opinionGroupsOf(sorted, statements, numbers.size);
  return {
    comments: statements.map((s, i) => ({
      id: i,
      label: s.label,
      status: s.status,
      createdAtMs: s.createdAtMs,
      author: numbers.get(s.authorKey ?? ORGANISERS) as number,
    })),
    votes: sorted,
    participants: numbers.size,
    matrix,
    groups,
    groupCount,
  };
}

/** Fisher-Yates, in place. */
function shuffle<T>(list: T[]): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
}

/**
 * The opinion groups of the votes as written to votes.csv (voter and comment numbers as ids, in file order), so
 * that a Pol.is reader grouping these files finds the same groups. Only approved statements carry opinion, as in
 * the digest; votes on the others count as participation.
 */
function opinionGroupsOf(
  votes: PolisConversation['votes'],
  statements: StatementRow[],
  participants: number,
): { groups: Int32Array; groupCount: number } {
  const engine: Vote[] = [];
  for (let i = 0; i < votes.length; i++)
    engine.push({
      participantId: String(votes.voter[i]),
      statementId: String(votes.comment[i]),
      vote: votes.vote[i] as VoteValue,
      at: votes.at[i] as number,
    });
  const hidden = statements.flatMap((s, i) => (s.status === 'approved' ? [] : [String(i)]));
  const result = computeOpinionGroups(engine, { hiddenStatementIds: hidden, seed: OPINION_GROUP_SEED });
  const groups = new Int32Array(participants).fill(-1);
  if (result.status !== 'grouped') return { groups, groupCount: 0 };
  for (const [id, group] of result.participants) if (group !== null) groups[Number(id)] = group;
  return { groups, groupCount: result.groups.length };
}

export async function* renderPolisComments(source: ExportSource, question: QuestionRecord): AsyncIterable<string> {
  const c = await polisConversation(source, question);
  const agrees = new Int32Array(c.comments.length);
  const disagrees = new Int32Array(c.comments.length);
  for (let i = 0; i < c.votes.length; i++) {
    const id = c.votes.comment[i] as number;
    if (c.votes.vote[i] === 1) agrees[id] = (agrees[id] as number) + 1;
    else if (c.votes.vote[i] === -1) disagrees[id] = (disagrees[id] as number) + 1;
  }
  let out = csvRecord(POLIS_COMMENT_COLUMNS);
  for (const comment of c.comments)
    out += csvRecord([
      comment.createdAtMs,
      polisDatetime(comment.createdAtMs),
      comment.id,
      comment.author,
      agrees[comment.id],
      disagrees[comment.id],
      MODERATED[comment.status],
      comment.label,
    ]);
  yield out;
}

export async function* renderPolisVotes(source: ExportSource, question: QuestionRecord): AsyncIterable<string> {
  const c = await polisConversation(source, question);
  yield csvRecord(POLIS_VOTE_COLUMNS);
  let chunk = '';
  for (let i = 0; i < c.votes.length; i++) {
    const at = c.votes.at[i] as number;
    chunk += csvRecord([at, polisDatetime(at), c.votes.comment[i], c.votes.voter[i], c.votes.vote[i]]);
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export async function* renderPolisParticipants(source: ExportSource, question: QuestionRecord): AsyncIterable<string> {
  const c = await polisConversation(source, question);
  const width = c.comments.length;
  const authored = new Int32Array(c.participants);
  for (const comment of c.comments) authored[comment.author] = (authored[comment.author] as number) + 1;
  yield csvRecord([...POLIS_PARTICIPANT_COLUMNS, ...c.comments.map((comment) => String(comment.id))]);
  let chunk = '';
  for (let p = 0; p < c.participants; p++) {
    const row = c.matrix.subarray(p * width, (p + 1) * width);
    let votes = 0;
    let agree = 0;
    let disagree = 0;
    const cells: (number | null)[] = [];
    for (const cell of row) {
      if (cell === 0) {
        cells.push(null);
        continue;
      }
      votes++;
      if (cell === 3) agree++;
      else if (cell === 1) disagree++;
      cells.push(cell - 2);
    }
    const group = c.groups[p] as number;
    chunk += csvRecord([p, group < 0 ? null : group, authored[p], votes, agree, disagree, ...cells]);
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** summary.csv: what the conversation is and how many took part, one `key,value` row each as Pol.is writes it. */
export async function* renderPolisSummary(source: ExportSource, question: QuestionRecord): AsyncIterable<string> {
  const c = await polisConversation(source, question);
  const voters = new Set<number>();
  for (let i = 0; i < c.votes.length; i++) voters.add(c.votes.voter[i] as number);
  const commenters = new Set(c.comments.map((comment) => comment.author));
  const took = new Set([...voters, ...commenters]);
  const values: (string | number | null)[] = [
    question.prompt,
    await source.questionLink(question),
    took.size,
    voters.size,
    voters.size,
    commenters.size,
    c.comments.length,
    c.groupCount,
    question.intro,
  ];
  yield POLIS_SUMMARY_KEYS.map((key, i) => csvRecord([key, values[i]])).join('');
}

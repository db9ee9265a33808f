import type { QuestionRecord } from '../records.ts';
import type { ExportSource } from './export-source.ts';
import { csvRecord } from './safe-text.ts';

/**
 * An agree/disagree question in Pol.is's export format, so Pol.is tools can reanalyse it: `comments.csv`,
 * `votes.csv` and `participants-votes.csv` with exactly the columns of Pol.is's own exports. Statements are
 * comments (0, 1, 2… in the question's order; approved ones moderated 1, those awaiting approval 0); people are
 * numbered 0, 1, 2… by their first statement or vote (0 is the organisers when the programme file seeded
 * statements); votes are 1 agree, -1 disagree, 0 pass; `group-id` is left empty (no opinion groups yet).
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

const VOTE_CODES: Record<string, number> = { agree: 1, disagree: -1, pass: 0 };
const ORGANISERS = '\u0000organisers';

export interface PolisConversation {
  comments: { id: number; label: string; status: 'approved' | 'pending'; createdAtMs: number; author: number }[];
  /** Votes in time order: parallel arrays. */
  votes: { at: Float64Array; comment: Int32Array; voter: Int32Array; vote: Int8Array; length: number };
  participants: number;
  /** participant * comments + comment -> vote + 2 (0 = not seen). */
  matrix: Int8Array;
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
  const ordered = [...firstSeen].sort((a, b) => a[1].at - b[1].at || a[1].order - b[1].order);
  const numbers = new Map(ordered.map(([key], i) => [key, i]));
  const voter = new Int32Array(length);
  for (let i = 0; i < length; i++) voter[i] = numbers.get(voterKeys[i] as string) as number;
  voterKeys = [];
  const order = Array.from({ length }, (_, i) => i).sort((a, b) => (at[a] as number) - (at[b] as number) || a - b);
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
  };
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
      comment.status === 'approved' ? 1 : 0,
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
    chunk += csvRecord([p, null, authored[p], votes, agree, disagree, ...cells]);
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

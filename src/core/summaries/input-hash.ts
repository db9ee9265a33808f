import { createHash } from 'node:crypto';
import type { WrittenAnswer } from '../ports/reporting.ts';
import type { PollOptionRecord, VoteRecord } from '../records.ts';

const CHUNK = 65_536;

/**
 * What a summary was computed from, as one hash: method and parameters, live responses (with what their quotes
 * carry: author, message and whether private), statements and live votes. The same hash means the stored summary still stands.
 */
export function summaryInputHash(input: {
  method: string;
  parameters: Record<string, unknown>;
  responses: readonly WrittenAnswer[];
  statements: readonly PollOptionRecord[];
  votes: readonly VoteRecord[];
}): string {
  const hash = createHash('sha256');
  hash.update(`${input.method}\n${JSON.stringify(input.parameters)}\n`);
  const lines = (rows: string[]) => {
    rows.sort();
    for (const row of rows) hash.update(`${row}\n`);
    hash.update('--\n');
  };
  // In id order, which is the order of these lines sorted (each starts with its id and a tab), without building
  // and sorting a line per answer: a hundred thousand answers are hashed as they are.
  // Lines go to the hash in chunks of about CHUNK characters: one update per line cost more than the hashing.
  const byId = [...input.responses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let chunk = '';
  for (const r of byId) {
    chunk += `${r.id}\t${r.private}\t${r.messageRef ?? ''}\t${r.participantId}\t${r.body}\n`;
    if (chunk.length >= CHUNK) {
      hash.update(chunk);
      chunk = '';
    }
  }
  hash.update(`${chunk}--\n`);
  lines(input.statements.map((s) => `${s.key}\t${s.status}\t${s.label}`));
  lines(
    input.votes
      .filter((v) => !v.retractedAt)
      .map((v) => `${v.questionId}\t${v.participantId}\t${v.subject}\t${v.choice.join(',')}`),
  );
  return hash.digest('hex');
}

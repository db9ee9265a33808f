import { createHash } from 'node:crypto';
import type { WrittenAnswer } from '../ports/reporting.ts';
import type { PollOptionRecord, VoteRecord } from '../records.ts';

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
  lines(input.responses.map((r) => `${r.id}\t${r.private}\t${r.messageRef ?? ''}\t${r.participantId}\t${r.body}`));
  lines(input.statements.map((s) => `${s.key}\t${s.status}\t${s.label}`));
  lines(
    input.votes
      .filter((v) => !v.retractedAt)
      .map((v) => `${v.questionId}\t${v.participantId}\t${v.subject}\t${v.choice.join(',')}`),
  );
  return hash.digest('hex');
}

import type { VoteTallyRow } from '../ports/reporting.ts';
import type { PollOptionRecord } from '../records.ts';

/**
 * Which statement to deal next, as Pol.is chooses (math/src/polismath/math/conversation.clj, priority-metric):
 * statements few people have seen come first, then those that split opinion, weighted rather than strictly
 * ordered so that everyone does not see the same few. Pol.is's "extremity" (how far a statement lies along the
 * opinion map) is stood in for by how evenly it divides agree and disagree, which needs no map. The choice is
 * seeded by person and progress, so the same state always deals the same statement.
 */
export interface StatementTally {
  agree: number;
  disagree: number;
  pass: number;
}

/** Agree, disagree and pass counts per statement, from the store's tally of live votes. */
export function tallyStatements(rows: readonly VoteTallyRow[]): Map<string, StatementTally> {
  const tallies = new Map<string, StatementTally>();
  for (const row of rows) {
    const tally = tallies.get(row.subject) ?? { agree: 0, disagree: 0, pass: 0 };
    const choice = row.choice[0];
    if (choice === 'agree' || choice === 'disagree' || choice === 'pass') tally[choice] += row.count;
    tallies.set(row.subject, tally);
  }
  return tallies;
}

export function statementPriority({ agree, disagree, pass }: StatementTally): number {
  const seen = agree + disagree + pass;
  const passShare = (pass + 1) / (seen + 2);
  const agreeShare = (agree + 1) / (seen + 2);
  const split = agree + disagree === 0 ? 0 : (2 * Math.min(agree, disagree)) / (agree + disagree);
  const importance = (1 - passShare) * (split + 1) * agreeShare;
  const novelty = 1 + 8 * 2 ** (-seen / 5);
  return (importance * novelty) ** 2;
}

/** A number in [0, 1) from a string: FNV-1a, enough to spread choices, not for secrets. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

export function chooseNextStatement(
  statements: readonly PollOptionRecord[],
  tallies: ReadonlyMap<string, StatementTally>,
  alreadyVoted: ReadonlySet<string>,
  seed: string,
): PollOptionRecord | null {
  const unvoted = statements.filter((s) => !alreadyVoted.has(s.key));
  if (unvoted.length === 0) return null;
  const weights = unvoted.map((s) => statementPriority(tallies.get(s.key) ?? { agree: 0, disagree: 0, pass: 0 }));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let point = unitHash(`${seed}\n${alreadyVoted.size}`) * total;
  for (let i = 0; i < unvoted.length; i++) {
    point -= weights[i] as number;
    if (point < 0) return unvoted[i] as PollOptionRecord;
  }
  return unvoted[unvoted.length - 1] as PollOptionRecord;
}

import type { Vote, VoteValue } from '../../../../src/core/positions/vote-matrix.ts';

/** Votes from a table: one string per participant, one character per statement ('+', '-', '0', '.' unseen). */
export function votesFromTable(rows: Record<string, string>, start = 1_000): Vote[] {
  const votes: Vote[] = [];
  let at = start;
  for (const [participantId, row] of Object.entries(rows)) {
    [...row].forEach((mark, s) => {
      if (mark === '.') return;
      const vote: VoteValue = mark === '+' ? 1 : mark === '-' ? -1 : 0;
      votes.push({ participantId, statementId: `s${s + 1}`, vote, at: at++ });
    });
  }
  return votes;
}

/** Two camps of `size` people over 12 statements: one agrees with s1-s6 and rejects s7-s12, the other the reverse. */
export function twoCamps(size: number): { votes: Vote[]; camp: Map<string, 'north' | 'south'> } {
  const rows: Record<string, string> = {};
  const camp = new Map<string, 'north' | 'south'>();
  for (let i = 0; i < size; i++) {
    // A pass or an unseen statement here and there, so that no two people vote quite alike.
    const north = `++++++------`.split('');
    const south = `------++++++`.split('');
    for (const row of [north, south]) {
      row[i % 12] = '0';
      row[(i * 5 + 3) % 12] = '.';
    }
    rows[`n${i}`] = north.join('');
    rows[`s${i}`] = south.join('');
    camp.set(`n${i}`, 'north');
    camp.set(`s${i}`, 'south');
  }
  return { votes: votesFromTable(rows), camp };
}

import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../../../src/core/positions/adjusted-rand-index.ts';
import { computeOpinionGroups } from '../../../../src/core/positions/opinion-groups.ts';
import { votesFromTable } from './votes.ts';

// Three camps over 12 statements, each agreeing with its own four and rejecting the others' eight, with a pass
// and an unseen statement here and there so that no two people vote quite alike.
function threeCamps(size: number) {
  const patterns = {
    east: '++++--------',
    west: '----++++----',
    south: '--------++++',
  } as const;
  const rows: Record<string, string> = {};
  const camp = new Map<string, string>();
  for (const [name, pattern] of Object.entries(patterns)) {
    for (let i = 0; i < size; i++) {
      const row = pattern.split('');
      row[i % 12] = '0';
      row[(i * 5 + 3) % 12] = '.';
      rows[`${name}${i}`] = row.join('');
      camp.set(`${name}${i}`, name);
    }
  }
  return { votes: votesFromTable(rows), camp };
}

describe('opinion groups with more than two camps', () => {
  it('finds three planted camps, each whole', () => {
    const { votes, camp } = threeCamps(12);
    const result = computeOpinionGroups(votes, { restarts: 8 });
    if (result.status !== 'grouped') throw new Error(result.message);
    expect(result.k).toBe(3);
    expect(result.groups.map((g) => g.members.length)).toEqual([12, 12, 12]);
    const ids = [...camp.keys()];
    expect(
      adjustedRandIndex(
        ids.map((id) => camp.get(id)),
        ids.map((id) => result.participants.get(id)),
      ),
    ).toBe(1);
  });
});

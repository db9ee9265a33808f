import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../../../src/core/positions/adjusted-rand-index.ts';
import { computeOpinionGroups, type OpinionGroups } from '../../../../src/core/positions/opinion-groups.ts';
import { twoCamps, votesFromTable } from './votes.ts';

// Fewer clustering runs than the default keep these small cases quick; the camps are plain either way.
const quick = { restarts: 8 };

function grouped(result: ReturnType<typeof computeOpinionGroups>): OpinionGroups {
  if (result.status !== 'grouped') throw new Error(result.message);
  return result;
}

describe('opinion groups', () => {
  it('finds the two camps of a clearly divided conversation', () => {
    const { votes, camp } = twoCamps(12);
    const result = grouped(computeOpinionGroups(votes));
    expect(result.k).toBe(2);
    expect(result.groups.map((g) => g.members.length)).toEqual([12, 12]);
    const ids = [...camp.keys()];
    expect(
      adjustedRandIndex(
        ids.map((id) => camp.get(id)),
        ids.map((id) => result.participants.get(id)),
      ),
    ).toBe(1);
    expect(result.silhouette).toBeGreaterThan(0.5);
    expect(result.map).toHaveLength(24);
  });

  it('describes each camp by what it agrees with and the other rejects', () => {
    const { votes, camp } = twoCamps(12);
    const result = grouped(computeOpinionGroups(votes, quick));
    const north = result.groups.find((g) => camp.get(g.members[0] as string) === 'north');
    const agreed = north?.representative.filter((r) => r.direction === 'agree').map((r) => r.statementId);
    expect(agreed?.length).toBeGreaterThan(0);
    for (const id of agreed ?? []) expect(['s1', 's2', 's3', 's4', 's5', 's6']).toContain(id);
    expect(result.consensus).toEqual([]);
  });

  it('gives the same result for the same votes', () => {
    const { votes } = twoCamps(10);
    const first = computeOpinionGroups(votes, quick);
    const second = computeOpinionGroups(
      votes.map((v) => ({ ...v })),
      quick,
    );
    expect(second).toEqual(first);
  });

  it('says how many more people are needed instead of inventing groups', () => {
    const rows: Record<string, string> = {};
    for (let i = 0; i < 10; i++) rows[`p${i}`] = i % 2 === 0 ? '++++----' : '----++++';
    rows.late = '++......';
    const result = computeOpinionGroups(votesFromTable(rows));
    expect(result).toMatchObject({
      status: 'not-enough-votes',
      peopleWithEnoughVotes: 10,
      peopleNeeded: 15,
      morePeopleNeeded: 5,
      votesEachNeeded: 7,
    });
    if (result.status === 'not-enough-votes') {
      expect(result.message).toBe('Not enough votes yet: 5 more people need to vote on at least 7 statements.');
    }
  });

  it('counts votes on hidden statements as participation but never shows those statements', () => {
    const { votes } = twoCamps(10);
    const hidden = votes.filter((v) => v.statementId === 's1' || v.statementId === 's7');
    const result = grouped(computeOpinionGroups(votes, { ...quick, hiddenStatementIds: ['s1', 's7'] }));
    expect(hidden.length).toBeGreaterThan(0);
    const shown = [
      ...result.groups.flatMap((g) => g.representative.map((r) => r.statementId)),
      ...result.consensus.map((c) => c.statementId),
      ...result.groupInformedConsensus.map((g) => g.statementId),
    ];
    expect(shown).not.toContain('s1');
    expect(shown).not.toContain('s7');
    expect(result.k).toBe(2);
  });

  it('keeps everyone in one group when nobody disagrees', () => {
    const rows: Record<string, string> = {};
    for (let i = 0; i < 16; i++) rows[`p${i}`] = '++++++++';
    const result = grouped(computeOpinionGroups(votesFromTable(rows), quick));
    expect(result.k).toBe(1);
    expect(result.groups[0]?.members).toHaveLength(16);
    expect(result.consensus.filter((c) => c.direction === 'agree')).toHaveLength(5);
  });
});

import { describe, expect, it } from 'vitest';
import { describeGroups } from '../../../../src/core/positions/describe-groups.ts';
import { proportionTest, twoProportionTest } from '../../../../src/core/positions/significance.ts';
import { buildVoteMatrix } from '../../../../src/core/positions/vote-matrix.ts';
import { votesFromTable } from './votes.ts';

/**
 * Four people in group A agree with s1, four in group B disagree, and everyone passes on s2:
 *   group A, s1: pa = (4+1)/(4+2) = 5/6; pat = 2·√5·(5/5 - 1/2) = √5;
 *     ra = (5/6) / ((0+1)/(4+2)) = 5; rat = (5/5 - 1/5) / √(0.6·0.4·(1/5 + 1/5)) = 0.8 / √0.096.
 *   group B mirrors it for disagreement.
 *   group-informed consensus of s1 = 5/6 · 1/6 = 5/36; of s2 = 1/6 · 1/6.
 */
const table = {
  a1: '+0',
  a2: '+0',
  a3: '+0',
  a4: '+0',
  b1: '-0',
  b2: '-0',
  b3: '-0',
  b4: '-0',
};

function describeTable(rows: Record<string, string>, groupOf: (id: string) => number) {
  const matrix = buildVoteMatrix(votesFromTable(rows));
  return describeGroups(matrix, Int32Array.from(matrix.participantIds, groupOf), 2);
}

describe('representative statements', () => {
  it('are computed with Pol.is formulas', () => {
    const { representative } = describeTable(table, (id) => (id.startsWith('a') ? 0 : 1));
    expect(representative[0]).toHaveLength(1);
    const a = representative[0]?.[0];
    expect(a).toMatchObject({ statementId: 's1', direction: 'agree', count: 4, seen: 4, bestAgree: true });
    expect(a?.probability).toBeCloseTo(5 / 6, 12);
    expect(a?.probabilityTest).toBeCloseTo(Math.sqrt(5), 12);
    expect(a?.ratio).toBeCloseTo(5, 12);
    expect(a?.ratioTest).toBe(Math.fround(0.8 / Math.sqrt(0.096)));
    expect(representative[1]).toEqual([{ ...a, direction: 'disagree', bestAgree: false }]);
  });

  it('use the z-tests of Pol.is with one added to every count', () => {
    expect(proportionTest(4, 4)).toBeCloseTo(Math.sqrt(5), 12);
    expect(proportionTest(0, 4)).toBeCloseTo(2 * Math.sqrt(5) * (1 / 5 - 0.5), 12);
    expect(twoProportionTest(4, 0, 4, 4)).toBeCloseTo(2.581988897471611, 12);
    expect(twoProportionTest(4, 4, 4, 4)).toBe(0);
  });

  it('rank by ratio x ratio test x probability x probability test and put agreement first', () => {
    // Group A agrees more strongly with s2 than with s1, and rejects s3.
    const rows = {
      a1: '+++-',
      a2: '++--',
      a3: '-+--',
      a4: '++--',
      a5: '++--',
      b1: '--++',
      b2: '--++',
      b3: '+-++',
      b4: '--++',
      b5: '--+-',
    };
    const { representative } = describeTable(rows, (id) => (id.startsWith('a') ? 0 : 1));
    expect(representative[0]?.map((r) => `${r.statementId} ${r.direction}`)).toEqual([
      's2 agree',
      's1 agree',
      's4 disagree',
      's3 disagree',
    ]);
  });
});

describe('consensus statements', () => {
  it('are those most people agree (or disagree) with, over everyone', () => {
    // s3: all eight agree: p = (8+1)/(8+2) = 0.9, z = 2·√9·(9/9 - 1/2) = 3.
    const rows = Object.fromEntries(Object.entries(table).map(([id, row]) => [id, `${row}+`]));
    const { consensus, groupInformedConsensus } = describeTable(rows, (id) => (id.startsWith('a') ? 0 : 1));
    expect(consensus).toEqual([
      { statementId: 's3', direction: 'agree', count: 8, seen: 8, probability: 0.9, probabilityTest: 3 },
    ]);
    expect(groupInformedConsensus.map((g) => g.statementId)).toEqual(['s3', 's1', 's2']);
    expect(groupInformedConsensus[0]?.value).toBeCloseTo((5 / 6) ** 2, 12);
    expect(groupInformedConsensus[1]?.value).toBeCloseTo(5 / 36, 12);
    expect(groupInformedConsensus[2]?.value).toBeCloseTo(1 / 36, 12);
  });
});

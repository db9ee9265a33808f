import { describe, expect, it } from 'vitest';
import { plantedGroupsConversation } from '../../../../bench/positions-synthetic.ts';
import { adjustedRandIndex } from '../../../../src/core/positions/adjusted-rand-index.ts';
import { computeOpinionGroups } from '../../../../src/core/positions/opinion-groups.ts';
import { groupingClarity } from '../../../../src/core/summaries/grouping-clarity.ts';

/**
 * The number of groups is found, not assumed: conversations with 2 to 5 planted groups of unequal size, where each
 * person votes on under a third of the statements (as in Pol.is conversations), give back that many groups.
 */
const SHARES = [1, 0.75, 0.55, 0.4, 0.3];

describe('the number of opinion groups', () => {
  it.each([2, 3, 4, 5])('finds %i planted groups of unequal size in sparse voting', (planted) => {
    const { votes, plantedGroup } = plantedGroupsConversation({
      participants: 1000,
      statements: 100,
      density: 0.3,
      shares: SHARES.slice(0, planted),
    });
    const result = computeOpinionGroups(votes);
    if (result.status !== 'grouped') throw new Error('expected groups');
    expect(result.k).toBe(planted);
    const ids = [...plantedGroup.keys()];
    const index = adjustedRandIndex(
      ids.map((id) => plantedGroup.get(id) ?? null),
      ids.map((id) => result.participants.get(id) ?? null),
    );
    expect(index).toBeGreaterThanOrEqual(0.9);
    // Unequal groups stay unequal: the largest and the smallest keep roughly their planted proportion.
    const sizes = result.groups.map((g) => g.members.length);
    const plantedRatio = (SHARES[0] as number) / (SHARES[planted - 1] as number);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeGreaterThan(0.8 * plantedRatio);
  });
});

describe('how clear-cut groups are, in words', () => {
  it('says groups most runs found are clear-cut, and warns when few runs agree', () => {
    expect(groupingClarity({ runs: 96, agreeingRuns: 90 })).toBe(
      'These groups are clear-cut: 90 of 96 clustering runs found them.',
    );
    expect(groupingClarity({ runs: 96, agreeingRuns: 35 })).toMatch(/^These groups are not clear-cut: 35 of 96 /);
  });
});

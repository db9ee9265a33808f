import { describe, expect, it } from 'vitest';
import { plantedGroupsConversation } from '../../../../bench/positions-synthetic.ts';
import { adjustedRandIndex } from '../../../../src/core/positions/adjusted-rand-index.ts';
import { computeOpinionGroups, type OpinionGroups } from '../../../../src/core/positions/opinion-groups.ts';

const grouped = (result: ReturnType<typeof computeOpinionGroups>) => {
  if (result.status !== 'grouped') throw new Error('expected groups');
  return result;
};

/** Stated tolerance: an updated grouping agrees with a full recompute to an adjusted Rand index of at least 0.95. */
const TOLERANCE = 0.95;

describe('opinion groups updated from the stored grouping', () => {
  const { votes } = plantedGroupsConversation({ participants: 1500, statements: 60, shares: [3, 2, 1], density: 0.4 });
  // Earlier: every twentieth vote not cast yet, and the last 3% of people not yet arrived.
  const newcomers = new Set(Array.from({ length: 45 }, (_, i) => `p${1500 - 1 - i}`));
  const earlierVotes = votes.filter((v, i) => i % 20 !== 0 && !newcomers.has(v.participantId));
  const earlier = grouped(computeOpinionGroups(earlierVotes));
  const updated = grouped(
    computeOpinionGroups(votes, {
      startFrom: { groups: earlier.groups.map((g) => g.members), stability: earlier.stability },
    }),
  );
  const full = grouped(computeOpinionGroups(votes));

  it(`equal a full recompute to an adjusted Rand index of at least ${TOLERANCE}`, () => {
    const people = [...full.participants.keys()];
    const labels = (r: OpinionGroups) => people.map((p) => r.participants.get(p) ?? null);
    expect(updated.k).toBe(full.k);
    expect(adjustedRandIndex(labels(updated), labels(full))).toBeGreaterThanOrEqual(TOLERANCE);
  });

  it('place the newcomers and keep the earlier grouping’s stability', () => {
    for (const person of newcomers) expect(updated.participants.get(person)).not.toBeNull();
    expect(updated.stability).toEqual(earlier.stability);
  });
});

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PolisExport, readPolisExport, readPolisGroups } from '../../../../adapters/polis/read-export.ts';
import { adjustedRandIndex } from '../../../../src/core/positions/adjusted-rand-index.ts';
import { computeOpinionGroups, type OpinionGroups } from '../../../../src/core/positions/opinion-groups.ts';
import { seededRandom } from '../../../../src/core/positions/seeded-random.ts';
import type { Vote } from '../../../../src/core/positions/vote-matrix.ts';

/**
 * The shipped Seattle conversation has two near-equal ways to split its participants in two; which one a single
 * clustering run finds depends on its seed. On the Canadian one, runs agree on the two groups but not on a few
 * people at the edge between them. The groups must not depend on either: reruns with other seeds, or with the votes
 * read in another order, give the same groups, and those groups are Pol.is's own.
 */
const FIXTURES = path.resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'polis');
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const agreement = (a: OpinionGroups, b: OpinionGroups) => {
  const ids = [...a.participants.keys()];
  return adjustedRandIndex(
    ids.map((id) => a.participants.get(id) ?? null),
    ids.map((id) => b.participants.get(id) ?? null),
  );
};

describe.each(['15-per-hour-seattle', 'canadian-electoral-reform'])(
  'opinion groups a rerun does not change: %s',
  (conversation) => {
    let data: PolisExport;
    let polis: Map<string, string | null>;
    let bySeed: OpinionGroups[];

    function groupsOf(votes: readonly Vote[], seed: number): OpinionGroups {
      const result = computeOpinionGroups(votes, { hiddenStatementIds: data.hiddenStatementIds, seed });
      if (result.status !== 'grouped') throw new Error('expected groups');
      return result;
    }

    beforeAll(async () => {
      data = await readPolisExport(path.join(FIXTURES, conversation));
      polis = await readPolisGroups(path.join(FIXTURES, conversation));
      bySeed = SEEDS.map((seed) => groupsOf(data.votes, seed));
    });

    it('finds the same groups whatever the seed (pairwise adjusted Rand index of at least 0.95 over 10 seeds)', () => {
      expect(new Set(bySeed.map((r) => r.k))).toEqual(new Set([2]));
      for (let a = 0; a < bySeed.length; a++)
        for (let b = a + 1; b < bySeed.length; b++)
          expect(agreement(bySeed[a] as OpinionGroups, bySeed[b] as OpinionGroups)).toBeGreaterThanOrEqual(0.95);
    });

    it("matches Pol.is's own groups (adjusted Rand index of at least 0.9) with every seed", () => {
      const grouped = [...polis].filter(([, group]) => group !== null).map(([id]) => id);
      for (const result of bySeed) {
        const index = adjustedRandIndex(
          grouped.map((id) => polis.get(id) ?? null),
          grouped.map((id) => result.participants.get(id) ?? null),
        );
        expect(index).toBeGreaterThanOrEqual(0.9);
      }
    });

    it('finds the same groups when the votes are read in another order', () => {
      const random = seededRandom(99);
      const shuffled = [...data.votes];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j] as Vote, shuffled[i] as Vote];
      }
      expect(agreement(groupsOf(shuffled, 1), bySeed[0] as OpinionGroups)).toBeGreaterThanOrEqual(0.95);
    });

    it('says how many clustering runs found the groups', () => {
      const { runs, agreeingRuns } = (bySeed[0] as OpinionGroups).stability;
      expect(runs).toBeGreaterThanOrEqual(8);
      expect(agreeingRuns).toBeGreaterThan(0);
      expect(agreeingRuns).toBeLessThanOrEqual(runs);
    });
  },
);

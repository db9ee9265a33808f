import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { opinionGroupsOfExport } from '../../../../adapters/polis/opinion-groups-of-export.ts';
import { readPolisGroups } from '../../../../adapters/polis/read-export.ts';
import { adjustedRandIndex } from '../../../../src/core/positions/adjusted-rand-index.ts';

const seattle = path.resolve(import.meta.dirname, '../../../fixtures/polis/15-per-hour-seattle');

// Pol.is open data, CC BY 4.0 (test/fixtures/polis/README.md). The engine, given only comments.csv and votes.csv,
// should find much the same groups Pol.is found (participants-votes.csv); forcing k = 2 drops this to about 0.38.
describe('opinion groups on a real Pol.is conversation', () => {
  it("agrees with Pol.is's own groups (adjusted Rand index over the people Pol.is grouped)", async () => {
    const { result } = await opinionGroupsOfExport(seattle);
    if (result.status !== 'grouped') throw new Error(result.message);
    const polis = await readPolisGroups(seattle);
    const grouped = [...polis].filter(([, group]) => group !== null).map(([id]) => id);
    const theirs = grouped.map((id) => polis.get(id));
    const ours = grouped.map((id) => result.participants.get(id) ?? null);
    expect(new Set(theirs).size).toBe(result.k);
    expect(adjustedRandIndex(theirs, ours)).toBeGreaterThan(0.75);
  });
});

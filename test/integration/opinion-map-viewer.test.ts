import { afterEach, beforeEach, expect, it } from 'vitest';
import { currentPositions } from '../../src/core/digest/summary-positions.ts';
import { summariseQuestion } from '../../src/core/summaries/summarise-question.ts';
import { yourPlaceOnTheMap } from '../../src/core/summaries/your-place-on-the-map.ts';
import { coreHarness } from '../support/core-harness.ts';
import { type SummaryHarness, seedSummaries } from '../support/summary-fixture.ts';

let h: SummaryHarness;
let seeded: Awaited<ReturnType<typeof seedSummaries>>;

beforeEach(async () => {
  h = await coreHarness();
  seeded = await seedSummaries(h);
});
afterEach(() => h.close());

it("marks only the viewer's own dot, and the map that leaves for digests and chat names no one", async () => {
  const voter = h.person('v3');
  const mine = await yourPlaceOnTheMap(h.deps, seeded.statements, voter);
  if (!mine) throw new Error('no map shown');
  expect(mine.yours).not.toBeNull();
  const me = await h.store.participants.find(voter.platform, voter.platformUserId);
  const { summary } = await summariseQuestion(h.deps, seeded.statements);
  const stored = summary.opinionGroups?.status === 'grouped' ? summary.opinionGroups.map : [];
  expect(stored[mine.yours as number]?.participantId).toBe(me?.id);
  expect(mine.map.every((p) => Object.keys(p).sort().join() === 'group,x,y')).toBe(true);

  const stranger = await yourPlaceOnTheMap(h.deps, seeded.statements, h.person('never-voted'));
  expect(stranger?.yours).toBeNull();
  expect(stranger?.map.map((p) => p.group)).toEqual(mine.map.map((p) => p.group));

  for (const audience of ['organisers', 'participants'] as const) {
    const positions = await currentPositions(h.deps, seeded.statements, audience);
    expect(positions.opinionGroups?.map.length).toBe(mine.map.length);
    expect(JSON.stringify(positions)).not.toContain(me?.id as string);
  }
});

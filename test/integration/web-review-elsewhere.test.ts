import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import type { PlatformDriver } from '../contract/platform-driver.ts';
import { eventually } from '../contract/platform-suite.ts';
import { InProcessPlatform } from '../fakes/in-process-platform.ts';
import { programmeDefinition } from '../support/programme-fixture.ts';
import { createWebDriver, webDirectory } from '../support/web-driver.ts';

/** The sandbox and a second platform share the organisers' channel: a decision made in the sandbox shows on both. */
let driver: PlatformDriver;
let slack: InProcessPlatform;

beforeEach(async () => {
  driver = await createWebDriver();
  slack = new InProcessPlatform('slack');
  driver.deps.platforms.register(slack);
  await loadProgramme(driver.deps.store, programmeDefinition({ statement_approval: true }), 'two-platforms', {
    directory: (placeholder) => [
      ...webDirectory(placeholder),
      ...(placeholder === 'organisers' ? [{ platform: 'slack' as const, workspaceId: 'T1', channelId: 'C_ORG' }] : []),
    ],
  });
});
afterEach(async () => driver.stop());

it('a statement approved in the sandbox shows the decision on its review card on the other platform', async () => {
  const programme = await driver.deps.store.programmes.findBySlug('staff-voice');
  const question = await driver.deps.store.questions.findByKey(programme?.id as string, 'q-statements');
  await openQuestion(driver.deps, question?.id as string);
  await driver.userAddsStatement({ questionKey: 'q-statements', user: 'author', text: 'Reports could be shorter' });
  const [card] = await eventually(async () => {
    expect(slack.reviews).toHaveLength(1);
    return slack.reviews;
  });
  await driver.organiserReviewsStatement({ user: 'head', text: 'Reports could be shorter', decision: 'approve' });
  await eventually(async () =>
    expect(slack.decisions.map((d) => [d.messageRef, d.decision.decision])).toEqual([
      [card?.ref.messageRef, 'approved'],
    ]),
  );
  expect((await driver.reviewCard('Reports could be shorter')).buttons).toEqual([]);
});

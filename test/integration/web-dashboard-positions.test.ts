import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { summariseQuestion } from '../../src/core/summaries/summarise-question.ts';
import { startWebSandbox, WebClient } from '../support/web-driver.ts';

/**
 * The dashboard's positions section shows the same summaries as the digest: the opinion map, groups and themes,
 * from the stored summary the background refresh keeps current, saying how current it is.
 */
describe('the dashboard positions section', () => {
  let sandbox: Awaited<ReturnType<typeof startWebSandbox>>;
  beforeEach(async () => {
    sandbox = await startWebSandbox();
  });
  afterEach(async () => sandbox.stop());

  it('says nothing has opened yet, then, once enough people vote and the summary is refreshed, the opinion map and groups, saying how current they are', async () => {
    const organiser = new WebClient(sandbox.base);
    const before = await organiser.request('/dashboard/programmes/staff-voice');
    expect(before.text).toContain('No open or agree/disagree question has opened yet');

    const statements = await sandbox.question('q-statements');
    await openQuestion(sandbox.deps, statements.id);
    const options = await sandbox.store.questions.options(statements.id);
    const tooFew = await organiser.request('/dashboard/programmes/staff-voice');
    expect(tooFew.text).toContain('Not enough votes yet: 15 more people need');
    for (let i = 0; i < 16; i++) {
      const person = await sandbox.store.participants.upsert({
        platform: 'web',
        platformUserId: `voter-${i}`,
        displayName: `Voter ${i}`,
      });
      for (const [n, option] of options.entries())
        await sandbox.store.votes.set({
          questionId: statements.id,
          participantId: person.id,
          subject: option.key,
          choice: [(n + i) % 2 === 0 ? 'agree' : 'disagree'],
          idempotencyKey: `dash:${i}:${option.key}`,
          at: sandbox.clock.now(),
        });
    }
    const stale = await organiser.request('/dashboard/programmes/staff-voice');
    expect(stale.text).toContain('Not enough votes yet');
    expect(stale.text).toMatch(new RegExp(`Summary as of [^<]+, ${16 * options.length} votes since\\.`));

    // What the background refresh does once the votes settle.
    await summariseQuestion(sandbox.deps, statements);
    const page = await organiser.request('/dashboard/programmes/staff-voice');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Summary as of [^<]+, 0 votes since\./);
    expect(page.text).toMatch(/<svg[^>]+aria-label="Opinion map: 16 voters in 2 groups"/);
    expect(page.text).toContain('Group A (8 people)');
    expect(page.text).toContain('Marking takes too long');
  });
});

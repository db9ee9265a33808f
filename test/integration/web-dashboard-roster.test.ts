import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { startWebSandbox, textOf, WebClient } from '../support/web-driver.ts';

/** The dashboard shows who has been heard against the roster, and reminds the under-heard groups from there. */
describe('the dashboard against the membership roster', () => {
  let sandbox: Awaited<ReturnType<typeof startWebSandbox>>;
  beforeEach(async () => {
    sandbox = await startWebSandbox();
  });
  afterEach(async () => sandbox.stop());

  const member = (name: string, region: string) => ({
    memberKey: name,
    displayName: name,
    email: null,
    platformIds: [`web:${name}`],
    attributes: { region },
  });

  it('names the under-heard group and reminds only its members who have not answered', async () => {
    const single = await sandbox.question('q-single');
    const open = await sandbox.question('q-open');
    await openQuestion(sandbox.deps, single.id);
    await openQuestion(sandbox.deps, open.id);
    const north = ['north-1', 'north-2', 'north-3', 'north-4', 'north-5'];
    const south = ['south-1', 'south-2', 'south-3', 'south-4', 'south-5'];
    await sandbox.store.roster.import(
      single.programmeId,
      [...north.map((n) => member(n, 'North')), ...south.map((n) => member(n, 'South'))],
      sandbox.clock.now(),
    );
    for (const name of [...north, 'south-1']) {
      const person = await sandbox.store.participants.upsert({
        platform: 'web',
        platformUserId: name,
        displayName: name,
      });
      await sandbox.store.votes.set({
        questionId: single.id,
        participantId: person.id,
        subject: '',
        choice: ['yes'],
        idempotencyKey: `roster:${name}`,
        at: sandbox.clock.now(),
      });
    }
    sandbox.clock.advance(60_000);

    const organiser = new WebClient(sandbox.base);
    const page = await organiser.request('/dashboard/programmes/staff-voice');
    const section = textOf(/<section id="heard"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '');
    expect(section).toContain('6 of the 10 members on the roster (60%) have responded or voted so far.');
    expect(section).toContain("Under-heard: region South (20%), below three quarters of the roster's 60%.");

    const button =
      /<form method="post" action="([^"]+)"[^>]*>[^<]*<input[^>]*>\s*<button type="submit">Remind under-heard: q-open<\/button>/.exec(
        page.text,
      );
    expect(button).not.toBeNull();
    const pressed = await organiser.post(button?.[1] ?? '', {});
    expect(pressed.status).toBe(303);
    const after = await organiser.request(pressed.location ?? '');
    expect(textOf(after.text)).toContain('Reminded 5 people in the under-heard groups (region South) privately.');

    const noticesOf = async (name: string) => {
      const client = new WebClient(sandbox.base);
      await client.post('/sandbox/identity', { name, back: '/sandbox' });
      const notices = await client.request('/sandbox/notices');
      return textOf(notices.text);
    };
    expect(await noticesOf('south-2')).toContain('A reminder from');
    expect(await noticesOf('north-1')).not.toContain('A reminder from');
  });
});

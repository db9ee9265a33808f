import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/app/config.ts';
import { plainInstants } from '../../../src/core/chat-text.ts';
import { runCommand } from '../../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../../src/core/commands/default-commands.ts';
import { castVote } from '../../../src/core/consultation/cast-vote.ts';
import { openQuestion } from '../../../src/core/consultation/open-question.ts';
import { parseQuietHours } from '../../../src/core/consultation/quiet-hours.ts';
import { recordPrivateAnswer } from '../../../src/core/consultation/record-response.ts';
import type { ReminderPolicy } from '../../../src/core/consultation/send-reminders.ts';
import { coreHarness } from '../../support/core-harness.ts';

describe('reminders organisers control', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  const policy: ReminderPolicy = { quiet: { from: 20, to: 8 }, intervalHours: 24 };
  const registry = createCommandRegistry(policy);
  beforeEach(async () => {
    h = await coreHarness();
    // Two people known to the programme (they voted on one question) who have not answered the open one.
    await openQuestion(h.deps, h.question('q-open').id);
    await openQuestion(h.deps, h.question('q-single').id);
    for (const user of ['U1', 'U2'])
      await castVote(h.deps, {
        questionId: h.question('q-single').id,
        author: h.person(user),
        subject: '',
        choice: ['yes'],
        idempotencyKey: `vote-${user}`,
        at: h.clock.now(),
      });
  });
  afterEach(async () => h.close());

  const remind = async (text: string) => {
    const reply = await runCommand(h.deps, registry, {
      actor: h.person('U9'),
      actorIsOrganiser: true,
      text,
      channel: null,
      invocationId: `i-${text}-${h.clock.now().getTime()}`,
    });
    return plainInstants(reply.text);
  };
  const reminders = () => h.platform.privateMessages.filter((m) => m.text.startsWith('A reminder'));

  it('reads an empty QUIET_HOURS as no quiet hours, not as the default 20-8', () => {
    expect(parseQuietHours(readConfig({ QUIET_HOURS: '' }).QUIET_HOURS)).toBeNull();
    expect(parseQuietHours(readConfig({}).QUIET_HOURS)).toEqual({ from: 20, to: 8 });
    expect(readConfig({}).REMINDER_INTERVAL_HOURS).toBe(24);
    expect(readConfig({ REMINDER_INTERVAL_HOURS: '0' }).REMINDER_INTERVAL_HOURS).toBe(0);
  });

  it('says when quiet hours apply and end, and sends anyway when the organiser insists', async () => {
    h.clock.set('2026-12-01T21:30:00Z'); // 21:30 in London
    expect(await remind('remind staff-voice/q-open')).toBe(
      'It is quiet hours for this programme (20:00 to 08:00, Europe/London) until Wed, 2 Dec 2026, 08:00 GMT, so nobody was reminded. To send now anyway: `/agora remind staff-voice/q-open anyway`.',
    );
    expect(reminders()).toHaveLength(0);
    expect(await remind('remind staff-voice/q-open anyway')).toBe('Reminded 2 people privately.');
    expect(reminders()).toHaveLength(2);
  });

  it('does not remind a person twice about one question within the interval, unless the organiser insists', async () => {
    expect(await remind('remind staff-voice/q-open')).toBe('Reminded 2 people privately.');
    h.clock.advance(60 * 60_000);
    expect(await remind('remind staff-voice/q-open')).toBe(
      'Reminded 0 people privately; 2 people were reminded less than 24 hours ago. To remind them too: `/agora remind staff-voice/q-open anyway`.',
    );
    expect(reminders()).toHaveLength(2);
    expect(await remind('remind staff-voice/q-open anyway')).toBe('Reminded 2 people privately.');
    expect(reminders()).toHaveLength(4);
    h.clock.advance(25 * 60 * 60_000);
    expect(await remind('remind staff-voice/q-open')).toBe('Reminded 2 people privately.');
  });

  it('counts people in the singular and plural properly', async () => {
    await runCommand(h.deps, registry, {
      actor: h.person('U2'),
      actorIsOrganiser: false,
      text: 'remind off',
      channel: null,
      invocationId: 'off',
    });
    expect(await remind('remind staff-voice/q-open')).toBe('Reminded 1 person privately; 1 person has reminders off.');
  });

  it("names the question's close time in the programme's zone, not bare UTC", async () => {
    await remind('remind staff-voice/q-open');
    const text = reminders()[0]?.text ?? '';
    expect(plainInstants(text)).toContain('It closes Mon, 14 Dec 2026, 17:00 GMT.');
    expect(text).not.toContain('UTC');
  });

  describe("aimed at the roster's under-heard groups", () => {
    const member = (key: string, region: string, platformIds: string[]) => ({
      memberKey: key,
      displayName: key,
      email: null,
      platformIds,
      attributes: { region },
    });
    beforeEach(async () => {
      // North: U1 and U2 took part, 2 of 5. South: nobody yet, and S5 has no platform id on the roster.
      const north = ['U1', 'U2', 'N3', 'N4', 'N5'].map((id) => member(id, 'North', [`slack:${id}`]));
      const south = ['S1', 'S2', 'S3', 'S4'].map((id) => member(id, 'South', [`slack:${id}`]));
      await h.store.roster.import(
        h.question('q-open').programmeId,
        [...north, ...south, member('S5', 'South', [])],
        h.clock.now(),
      );
      h.clock.advance(60_000);
    });
    const remindedIds = () => reminders().map((m) => m.recipient.platformUserId);

    it('reaches members who have never taken part, by their roster ids, and only in the under-heard groups', async () => {
      expect(await remind('remind staff-voice/q-open under-heard')).toBe(
        'Reminded 4 people in the under-heard groups (region South) privately; 1 person could not be reached.',
      );
      expect(remindedIds().sort()).toEqual(['S1', 'S2', 'S3', 'S4']);
    });

    it('skips members who answered the question and members who turned reminders off', async () => {
      await recordPrivateAnswer(h.deps, {
        questionId: h.question('q-open').id,
        author: h.person('S1'),
        body: 'More time for planning.',
        idempotencyKey: 'answer-S1',
        at: h.clock.now(),
      });
      h.clock.advance(60_000);
      await runCommand(h.deps, registry, {
        actor: h.person('S2'),
        actorIsOrganiser: false,
        text: 'remind off',
        channel: null,
        invocationId: 'off-S2',
      });
      // South, 1 of 5 (20%), is still below three quarters of the roster's 3 of 10 (30%).
      expect(await remind('remind staff-voice/q-open under-heard')).toBe(
        'Reminded 2 people in the under-heard groups (region South) privately; 1 person has reminders off; 1 person could not be reached.',
      );
      expect(remindedIds().sort()).toEqual(['S3', 'S4']);
    });

    it('reminds nobody when no group is under-heard', async () => {
      for (const user of ['S1', 'S2'])
        await castVote(h.deps, {
          questionId: h.question('q-single').id,
          author: h.person(user),
          subject: '',
          choice: ['no'],
          idempotencyKey: `vote-${user}`,
          at: h.clock.now(),
        });
      h.clock.advance(60_000);
      // South is now 2 of 5 (40%), as is the roster as a whole (4 of 10).
      expect(await remind('remind staff-voice/q-open under-heard')).toBe(
        'No group on the roster is under-heard, so nobody was reminded.',
      );
      expect(reminders()).toHaveLength(0);
    });

    it('says plainly when the programme has no roster, and rejects words it does not know', async () => {
      await h.store.roster.import(h.question('q-open').programmeId, [], h.clock.now());
      await expect(remind('remind staff-voice/q-open under-heard')).rejects.toThrow(
        'This programme has no roster, so there are no under-heard groups to remind. Load one with `agora roster import`.',
      );
      await expect(remind('remind staff-voice/q-open underheard')).rejects.toThrow('does not know "underheard"');
    });
  });
});

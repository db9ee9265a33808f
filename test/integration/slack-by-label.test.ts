import { afterEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { type SlackHarness, startSlackHarness } from '../support/slack-driver.ts';

// What a person presses is what is recorded, and what Agora says privately arrives whole.

let harness: SlackHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('Slack statement cards pressed by their labels', () => {
  it('records Agree, Disagree and Pass as the buttons read, for three people on the same statement', async () => {
    harness = await startSlackHarness({ mode: 'http' });
    const h = harness;
    const programme = await h.deps.store.programmes.findBySlug('staff-voice');
    const q = await h.deps.store.questions.findByKey(programme?.id as string, 'q-statements');
    if (!q) throw new Error('no question q-statements');
    await openQuestion(h.deps, q.id);
    const options = await h.deps.store.questions.options(q.id);
    const pressed = { alice: 'agree', bob: 'disagree', carol: 'pass' } as const;
    const expected: [string, string, string][] = [];
    for (const [user, vote] of Object.entries(pressed)) {
      const card = await h.userAsksForStatement({ questionKey: 'q-statements', user });
      const subject = options.find((o) => o.label === card.statement)?.key as string;
      await h.userAnswersStatement({ questionKey: 'q-statements', user, vote });
      expected.push([`U_${user}`, subject, vote]);
    }
    const votes = await h.deps.store.votes.listByQuestion(q.id);
    const people = new Map<string, string>();
    for (const v of votes) {
      const person = await h.deps.store.participants.findById(v.participantId);
      people.set(v.participantId, person?.platformUserId ?? '');
    }
    expect(votes.map((v) => [people.get(v.participantId), v.subject, v.choice[0]]).sort()).toEqual(expected.sort());
  });
});

describe('Slack direct messages', () => {
  it('splits a text longer than Slack keeps into several messages, losing nothing', async () => {
    harness = await startSlackHarness({ mode: 'http' });
    const h = harness;
    const paragraph = (n: number) => `Paragraph ${n}: ${'what the week brought, in full. '.repeat(60)}`.trim();
    const text = Array.from({ length: 50 }, (_, i) => paragraph(i + 1)).join('\n\n');
    expect(text.length).toBeGreaterThan(80_000);
    const delivered = await h.adapter.platform.sendPrivate({ platformUserId: 'U_alice', workspaceId: 'T1' }, text);
    expect(delivered).toBe('direct');
    const sent = h.slack.messages(h.slack.dmWith('U_alice')).map((m) => m.text);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const piece of sent) expect(piece.length).toBeLessThan(40_000);
    expect(sent.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});

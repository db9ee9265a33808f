import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../../src/core/commands/default-commands.ts';
import { castVote } from '../../../src/core/consultation/cast-vote.ts';
import { openQuestion } from '../../../src/core/consultation/open-question.ts';
import { coreHarness } from '../../support/core-harness.ts';

describe('/agora mydata, readable by the person it is for', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  beforeEach(async () => {
    h = await coreHarness();
  });
  afterEach(async () => h.close());

  it('lists votes by question prompt and option label, with dates in the programme time zone, and no internal ids', async () => {
    const ranked = h.question('q-ranked');
    const likert = h.question('q-likert');
    await openQuestion(h.deps, ranked.id);
    await openQuestion(h.deps, likert.id);
    const options = await h.store.questions.options(ranked.id);
    const items = await h.store.questions.options(likert.id);
    h.clock.set('2026-07-01T16:30:00Z');
    await castVote(h.deps, {
      questionId: ranked.id,
      author: h.person('U1'),
      subject: '',
      choice: [options[2]?.key as string, options[0]?.key as string],
      idempotencyKey: 'r1',
      at: h.clock.now(),
    });
    await castVote(h.deps, {
      questionId: likert.id,
      author: h.person('U1'),
      subject: items[1]?.key as string,
      choice: ['0'],
      idempotencyKey: 'l1',
      at: h.clock.now(),
    });
    const reply = await runCommand(h.deps, createCommandRegistry(null), {
      actor: h.person('U1'),
      actorIsOrganiser: false,
      text: 'mydata',
      channel: null,
      invocationId: 'i1',
    });
    const text = String(reply.file?.content);
    const data = JSON.parse(text);
    expect(data.votes).toContainEqual(
      expect.objectContaining({ question: 'Rank these priorities', vote: '1st Training, 2nd Pay' }),
    );
    const scale = likert.config.scale ?? [];
    expect(data.votes).toContainEqual(
      expect.objectContaining({ question: 'How well do we do this today?', on: 'Good data', vote: scale[0] }),
    );
    // 16:30 UTC on 1 July is 17:30 in London (BST).
    expect(data.votes[0].when).toBe('Wed, 1 Jul 2026, 17:30 BST (Europe/London)');
    for (const id of [ranked.id, likert.id, ...options.map((o) => `"${o.key}"`)]) expect(text).not.toContain(id);
    expect(text).not.toContain('questionId');
  });
});

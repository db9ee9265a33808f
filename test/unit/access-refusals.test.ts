import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { QuestionRefresher } from '../../src/core/consultation/question-refresher.ts';
import { AgoraError } from '../../src/core/errors.ts';
import { coreHarness } from '../support/core-harness.ts';

const refused = () =>
  new AgoraError('PLATFORM_ERROR', 'Slack refused to update a question (not_in_channel).', {
    access: { where: '#staff (C_STAFF)', advice: 'Invite @Agora there.' },
  });

describe("the organisers are told when a platform refuses a question's channel", () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  beforeEach(async () => {
    h = await coreHarness();
  });
  afterEach(async () => h.close());

  it('tells them once for a card that keeps failing to update, and again after it has updated once', async () => {
    const q = h.question('q-open');
    await openQuestion(h.deps, q.id);
    const refresher = new QuestionRefresher(h.deps, { run: () => {}, platformOf: () => h.platform, delayMs: 1 });
    const update = h.platform.updateQuestion.bind(h.platform);
    let failing = true;
    h.platform.updateQuestion = async (ref, card) => {
      if (failing) throw refused();
      return update(ref, card);
    };
    const notices = () => h.platform.messages.filter((m) => m.text.startsWith('Agora could not'));
    await refresher.refresh(q.id);
    await refresher.refresh(q.id);
    expect(notices().map((m) => [m.channel.channelId, m.text])).toEqual([
      ['C_ORG', `Agora could not update the question "${q.prompt}" in #staff (C_STAFF). Invite @Agora there.`],
    ]);
    failing = false;
    await refresher.refresh(q.id);
    failing = true;
    await refresher.refresh(q.id);
    expect(notices()).toHaveLength(2);
  });

  it('says nothing to them for a failure that is not a refusal of access', async () => {
    const q = h.question('q-open');
    await openQuestion(h.deps, q.id);
    const refresher = new QuestionRefresher(h.deps, { run: () => {}, platformOf: () => h.platform, delayMs: 1 });
    h.platform.updateQuestion = async () => {
      throw new AgoraError('PLATFORM_ERROR', 'Slack could not be reached.', { retryable: true });
    };
    await refresher.refresh(q.id);
    expect(h.platform.messages).toEqual([]);
  });
});

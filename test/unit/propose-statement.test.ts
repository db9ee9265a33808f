import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeQuestion } from '../../src/core/consultation/close-question.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { recordResponse } from '../../src/core/consultation/record-response.ts';
import { eraseParticipant } from '../../src/core/erasure/erase-participant.ts';
import { messageActor, toInboxEntry } from '../../src/core/inbound/inbound-event.ts';
import { sendForReview } from '../../src/core/statements/add-statement.ts';
import { proposalDraft } from '../../src/core/statements/proposal-source.ts';
import { proposeStatement } from '../../src/core/statements/propose-statement.ts';
import { reviewStatement } from '../../src/core/statements/review-statement.ts';
import { coreHarness } from '../support/core-harness.ts';

describe('proposing a statement from a reply (core)', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  beforeEach(async () => {
    h = await coreHarness({ statement_approval: true });
  });
  afterEach(async () => h.close());

  let replies = 0;
  /** A reply by `user` in the thread of the question, as recorded from the platform. */
  const reply = async (questionKey: string, user: string, body: string) => {
    const q = h.question(questionKey);
    await openQuestion(h.deps, q.id);
    const [posting] = await h.store.postings.listByQuestion(q.id);
    const messageRef = `${posting?.threadRef}:r${++replies}`;
    await recordResponse(h.deps, {
      platform: 'slack',
      containerRef: posting?.threadRef as string,
      messageRef,
      author: h.person(user, `Person ${user}`),
      body,
      replyToRef: null,
      attachments: [],
      idempotencyKey: `reply-${replies}`,
      at: h.clock.now(),
    });
    return messageRef;
  };
  /** The use case, then the review it asks for, as the pipeline sends it once applied. */
  const propose = async (replyRef: string, user: string, text: string, organiser = false) => {
    const proposed = await proposeStatement(h.deps, {
      replyRef,
      proposer: h.person(user, user === 'HEAD' ? 'Head Teacher' : `Person ${user}`),
      proposerIsOrganiser: organiser,
      text,
      at: h.clock.now(),
    });
    if (proposed.review) await sendForReview(h.deps, proposed.review);
    return proposed;
  };

  it("holds the author's proposal for approval with a link to the reply, and the approval carries the link", async () => {
    const ref = await reply('q-statements', 'U1', 'Cover lessons eat planning time. Also the photocopier.');
    const { statement, message } = await propose(ref, 'U1', 'Cover lessons eat planning time');
    expect(message).toMatch(/waiting for an organiser's approval/);
    const source = await h.store.responses.findByMessageRef(ref);
    expect(statement).toMatchObject({ status: 'pending', sourceId: source?.id, authorId: source?.participantId });
    const [review] = h.platform.reviews;
    expect(review?.review.source).toBe(await h.deps.platforms.permalink(ref, ref.replace(/:r\d+$/, '')));
    expect(review?.review.source).toMatch(/^https:\/\/slack\.example\/.*\?thread=/);
    const approved = await reviewStatement(h.deps, {
      questionId: statement.questionId,
      statementId: statement.id,
      decision: 'approve',
      reviewer: h.person('HEAD', 'Head Teacher'),
      reviewerIsOrganiser: true,
      at: h.clock.now(),
    });
    expect(approved.message).toBe(
      `Approved by Head Teacher: "Cover lessons eat planning time" (proposed from a reply: ${review?.review.source})`,
    );
  });

  it("lets an organiser propose someone's reply, credited to its author, without approval", async () => {
    const ref = await reply('q-statements', 'U1', 'Reports could be shorter.');
    const { statement, message } = await propose(ref, 'HEAD', 'Reports could be shorter', true);
    const author = await h.store.participants.find('slack', 'U1');
    expect(statement).toMatchObject({ status: 'approved', authorId: author?.id });
    // Pseudonymous question: credited by pseudonym, never by name.
    expect(message).toContain(`credited to ${author?.pseudonym}`);
    expect(message).not.toContain('Person U1');
    expect(h.platform.reviews).toHaveLength(0);
  });

  it("tells the reply's author privately, where they wrote it, when an organiser makes a statement of it", async () => {
    const ref = await reply('q-statements', 'U1', 'Reports could be shorter.');
    const question = h.question('q-statements');
    expect((await propose(ref, 'U1', 'Reports are too long')).alsoTell).toEqual([]);
    const { alsoTell } = await propose(ref, 'HEAD', 'Reports could be shorter', true);
    expect(alsoTell?.map((notice) => notice.text)).toEqual([
      `Head Teacher, an organiser, made a statement from your reply to “${question.prompt}”: “Reports could be shorter”. It is credited to you. It is added: others will now be asked whether they agree, and you can vote on it too.`,
    ]);
    // Nothing is sent from inside the use case: the notice is an effect, sent once the event is applied.
    expect(h.platform.privateMessages).toHaveLength(0);
    const [posting] = await h.store.postings.listByQuestion(question.id);
    const target = await h.store.channels.targetById(posting?.channelTargetId as string);
    expect(alsoTell?.[0]).toMatchObject({
      platform: 'slack',
      recipient: { platformUserId: 'U1', workspaceId: target?.workspaceId, channel: { channelId: target?.channelId } },
    });
  });

  it('refuses anyone but the author or an organiser, replies to other questions, closed questions and bad text', async () => {
    const ref = await reply('q-statements', 'U1', 'Meetings should have agendas.');
    await expect(propose(ref, 'U2', 'Meetings should have agendas')).rejects.toMatchObject({
      code: 'NOT_YOUR_REPLY',
      message: expect.stringMatching(/Only the person who wrote that reply, or an organiser/),
    });
    const open = await reply('q-open', 'U1', 'Fewer meetings.');
    await expect(propose(open, 'U1', 'Fewer meetings')).rejects.toMatchObject({
      code: 'STATEMENT_INVALID',
      message: expect.stringMatching(/without agree\/disagree statements/),
    });
    await expect(propose('slack:T1:C1:nowhere', 'U1', 'Anything')).rejects.toMatchObject({
      code: 'RESPONSE_NOT_FOUND',
    });
    await expect(propose(ref, 'U1', '  ')).rejects.toMatchObject({
      message: expect.stringMatching(/needs some words/),
    });
    await expect(propose(ref, 'U1', 'x'.repeat(281))).rejects.toMatchObject({
      message: expect.stringMatching(/at most 280 characters/),
    });
    await expect(propose(ref, 'U1', 'meetings are USEFUL')).rejects.toMatchObject({
      message: expect.stringMatching(/already there/),
    });
    await closeQuestion(h.deps, h.question('q-statements').id);
    await expect(propose(ref, 'U1', 'Meetings should have agendas')).rejects.toMatchObject({ code: 'POLL_CLOSED' });
    const statements = await h.store.questions.options(h.question('q-statements').id, { includePending: true });
    expect(statements).toHaveLength(2);
  });

  it("erasing the reply's author removes the statement nobody voted on, and unlinks the one others voted on", async () => {
    const first = await reply('q-statements', 'U1', 'Marking policy should be shorter.');
    const second = await reply('q-statements', 'U1', 'Data drops are too frequent.');
    const kept = await propose(first, 'HEAD', 'Marking policy should be shorter', true);
    await propose(second, 'HEAD', 'Data drops are too frequent', true);
    await h.store.votes.set({
      questionId: kept.statement.questionId,
      participantId: (await h.store.participants.upsert(h.person('U3'))).id,
      subject: kept.statement.key,
      choice: ['agree'],
      idempotencyKey: 'vote-u3',
      at: h.clock.now(),
    });
    const author = await h.store.participants.find('slack', 'U1');
    const erased = await eraseParticipant(h.deps, author as NonNullable<typeof author>);
    expect(erased).toMatchObject({ statementsRemoved: 1, statementsUnattributed: 1 });
    const left = await h.store.questions.options(kept.statement.questionId, { includePending: true });
    expect(left.find((s) => s.id === kept.statement.id)).toMatchObject({ authorId: null, sourceId: null });
    expect(left.map((s) => s.label)).not.toContain('Data drops are too frequent');
  });

  it("keeps a proposal in the inbox under its reply, so erasing the reply's author drops it too", () => {
    const entry = toInboxEntry(
      {
        kind: 'statement.proposed',
        platform: 'slack',
        key: 'slack:proposal:T1:V1',
        orderingKey: 'question:q1',
        notice: null,
        payload: {
          replyRef: 'slack:T1:C1:1.000002',
          proposer: h.person('HEAD'),
          proposerIsOrganiser: true,
          text: 'Anything',
          at: h.clock.now(),
        },
      },
      h.clock.now(),
    );
    expect(entry.actor).toBe(messageActor('slack:T1:C1:1.000002'));
  });

  it('starts the form with the reply on one line, cut at a word within 280 characters', () => {
    expect(proposalDraft('  One line.\n\nTwo lines. ')).toBe('One line. Two lines.');
    const long = `${'word '.repeat(70)}end`;
    const draft = proposalDraft(long);
    expect(draft.length).toBeLessThanOrEqual(280);
    expect(draft.endsWith('word')).toBe(true);
  });
});

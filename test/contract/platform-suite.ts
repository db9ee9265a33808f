import { afterEach, beforeEach, expect, it } from 'vitest';
import { castVote } from '../../src/core/consultation/cast-vote.ts';
import { closeQuestion } from '../../src/core/consultation/close-question.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import type { PlatformDriver } from './platform-driver.ts';

/** Waits until `check` stops throwing: platform events are handled asynchronously after they are acknowledged. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The scenarios every chat platform adapter must pass, unchanged, whatever the platform. */
export function platformContract(createDriver: () => Promise<PlatformDriver>): void {
  let driver: PlatformDriver;

  beforeEach(async () => {
    driver = await createDriver();
  });
  afterEach(async () => driver.stop());

  const question = async (key: string) => {
    const programme = await driver.deps.store.programmes.findBySlug('staff-voice');
    const q = await driver.deps.store.questions.findByKey(programme?.id as string, key);
    if (!q) throw new Error(`no question ${key}`);
    return q;
  };
  const open = async (key: string) => {
    const q = await question(key);
    const outcome = await openQuestion(driver.deps, q.id);
    expect(outcome.failed).toEqual([]);
    return q;
  };
  const responses = async (key: string, includeDeleted = false) =>
    driver.deps.store.responses.listByQuestion((await question(key)).id, { includeDeleted });

  it('posts a question with its prompt, and records it as a posting', async () => {
    const q = await open('q-open');
    const posted = await driver.postedQuestion('q-open');
    expect(posted.text).toContain('What would most reduce your workload?');
    expect(await driver.deps.store.postings.listByQuestion(q.id)).toHaveLength(1);
  });

  it('records a reply in the question thread as a response, with its author', async () => {
    await open('q-open');
    await driver.userReplies({ questionKey: 'q-open', user: 'alice', text: 'Fewer meetings, please.' });
    const [response] = await eventually(async () => {
      const found = await responses('q-open');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(response?.body).toBe('Fewer meetings, please.');
    const author = await driver.deps.store.participants.findById(response?.participantId as string);
    expect(author?.platformUserId).toContain('alice');
  });

  it('owns its references, and links a reply to where it was written, inside its thread', async () => {
    await open('q-open');
    const posted = await driver.postedQuestion('q-open');
    const { messageRef } = await driver.userReplies({ questionKey: 'q-open', user: 'alice', text: 'Fewer meetings.' });
    await eventually(async () => expect(await responses('q-open')).toHaveLength(1));
    const platform = driver.deps.platforms.owning(messageRef);
    expect(platform).toBeDefined();
    expect(platform?.owns(posted.messageRef)).toBe(true);
    const others = ['slack:T1:C1:1700000000.000100', 'discord:1:2:3', 'web:sandbox:staffroom:abcdefgh12'];
    for (const ref of others.filter((r) => !r.startsWith(`${platform?.platform}:`)))
      expect(platform?.owns(ref)).toBe(false);
    expect(platform?.owns('not a reference')).toBe(false);
    expect(await platform?.permalink('not a reference')).toBeNull();
    const link = await driver.deps.platforms.permalink(messageRef, posted.threadRef);
    expect(link).toEqual(expect.any(String));
    expect(await driver.linkedMessage(link as string)).toContain('Fewer meetings.');
    const [stored] = await responses('q-open');
    expect(await driver.deps.platforms.permalink(stored?.messageRef ?? null, posted.threadRef)).toBe(link);
  });

  it('stores a redelivered event once', async () => {
    await open('q-open');
    await driver.userReplies({ questionKey: 'q-open', user: 'alice', text: 'Only once' });
    await eventually(async () => expect(await responses('q-open')).toHaveLength(1));
    await driver.redeliverLastReply();
    expect(await responses('q-open')).toHaveLength(1);
  });

  it('keeps the reply chain of a debate', async () => {
    await open('q-open');
    const first = await driver.userReplies({ questionKey: 'q-open', user: 'alice', text: 'Meetings waste time.' });
    await eventually(async () => expect(await responses('q-open')).toHaveLength(1));
    await driver.userReplies({
      questionKey: 'q-open',
      user: 'bob',
      text: 'Some meetings are how we agree things.',
      replyTo: first.messageRef,
    });
    const all = await eventually(async () => {
      const found = await responses('q-open');
      expect(found).toHaveLength(2);
      return found;
    });
    const [a, b] = all;
    expect(b?.replyToId).toBe(a?.id);
  });

  it('adds a revision when a response is edited, and keeps a deleted one out of the live record', async () => {
    await open('q-open');
    const { messageRef } = await driver.userReplies({ questionKey: 'q-open', user: 'alice', text: 'First draft' });
    const [stored] = await eventually(async () => {
      const found = await responses('q-open');
      expect(found).toHaveLength(1);
      return found;
    });
    await driver.userEdits({ messageRef, user: 'alice', text: 'Second draft' });
    await eventually(async () =>
      expect((await driver.deps.store.responses.revisions(stored?.id as string)).map((r) => r.body)).toEqual([
        'Second draft',
      ]),
    );
    await driver.userDeletes({ messageRef, user: 'alice' });
    await eventually(async () => expect(await responses('q-open')).toHaveLength(0));
    expect(await responses('q-open', true)).toHaveLength(1);
  });

  it('casts and changes a vote through the platform controls', async () => {
    const q = await open('q-single');
    await driver.userVotes({ questionKey: 'q-single', user: 'alice', choice: ['yes'] });
    await eventually(async () =>
      expect((await driver.deps.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['yes']]),
    );
    await driver.userVotes({ questionKey: 'q-single', user: 'alice', choice: ['no'] });
    await eventually(async () =>
      expect((await driver.deps.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['no']]),
    );
  });

  it('refuses a vote on a closed poll with a private notice, tally unchanged', async () => {
    const q = await open('q-single');
    await driver.userVotes({ questionKey: 'q-single', user: 'alice', choice: ['yes'] });
    await eventually(async () => expect(await driver.deps.store.votes.listByQuestion(q.id)).toHaveLength(1));
    await closeQuestion(driver.deps, q.id);
    await driver.userVotes({ questionKey: 'q-single', user: 'bob', choice: ['no'] });
    await eventually(async () => expect((await driver.privateNoticesTo('bob')).join('\n')).toMatch(/closed/i));
    // The refusal names the close time as the platform renders instants, never as a bare UTC time or a raw mark.
    expect((await driver.privateNoticesTo('bob')).join('\n')).not.toMatch(/\d{2}:\d{2} UTC(?!>)|[\uE000\uE001]/);
    expect((await driver.deps.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['yes']]);
    expect(await driver.currentQuestionText('q-single')).toMatch(/closed/i);
  });

  it("tells the organisers' channel, in the core's words, when the platform refuses Agora a question's channel", async (context) => {
    if (!driver.refuseStaffroom) return context.skip();
    await driver.refuseStaffroom();
    const q = await question('q-open');
    const outcome = await openQuestion(driver.deps, q.id);
    expect(outcome.failed).toHaveLength(1);
    const notices = await eventually(async () => {
      const found = (await driver.organiserChannelMessages()).filter((m) => m.includes('could not'));
      expect(found).toHaveLength(1);
      return found;
    });
    expect(notices[0]).toMatch(
      /^Agora could not post the question "What would most reduce your workload\?" in \S.*\. \S/,
    );
    expect(await driver.deps.store.postings.listByQuestion(q.id)).toHaveLength(0);
  });

  it('stores a private answer apart from the thread', async () => {
    await open('q-open');
    await driver.userAnswersPrivately({ questionKey: 'q-open', user: 'carol', text: 'Privately: the data drops.' });
    const [response] = await eventually(async () => {
      const found = await responses('q-open');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(response?.private).toBe(true);
    expect(response?.body).toBe('Privately: the data drops.');
  });

  it('answers /agora help, and refuses an organiser command to a participant politely', async () => {
    expect(await driver.userRunsCommand({ user: 'alice', text: 'help' })).toContain('/agora status');
    expect(await driver.userRunsCommand({ user: 'alice', text: 'close staff-voice/q-open' })).toMatch(/organisers/i);
  });

  it('lets an organiser open a question with a command', async () => {
    const reply = await driver.userRunsCommand({ user: 'olive', text: 'open staff-voice/q-open', organiser: true });
    expect(reply).toContain('Opened');
    await driver.postedQuestion('q-open');
  });

  it("shows times in /agora status in the reader's zone: a date token, a timestamp, or the named programme zone", async () => {
    await open('q-open');
    const reply = await driver.userRunsCommand({ user: 'alice', text: 'status' });
    const closes = Date.parse('2026-12-14T17:00:00Z') / 1000;
    const slack = `<!date^${closes}^`;
    const discord = `<t:${closes}:`;
    const sandbox = 'Mon, 14 Dec 2026, 17:00 GMT';
    expect([slack, discord, sandbox].filter((form) => reply.includes(form))).toHaveLength(1);
    expect(reply).not.toMatch(/\d{2}:\d{2} UTC(?!>)|[\uE000\uE001]/);
  });

  it('answers an unknown command helpfully', async () => {
    expect(await driver.userRunsCommand({ user: 'alice', text: 'frobnicate' })).toContain('/agora help');
  });

  it('deals statements one at a time and records Agree, Disagree and Pass as votes', async () => {
    const q = await open('q-statements');
    const first = await driver.userAsksForStatement({ questionKey: 'q-statements', user: 'dealt' });
    expect(['Marking takes too long', 'Meetings are useful']).toContain(first.statement);
    const second = await driver.userAnswersStatement({ questionKey: 'q-statements', user: 'dealt', vote: 'agree' });
    expect(second.statement).not.toBeNull();
    expect(second.statement).not.toBe(first.statement);
    const done = await driver.userAnswersStatement({ questionKey: 'q-statements', user: 'dealt', vote: 'pass' });
    expect(done.statement).toBeNull();
    expect(done.shown).toMatch(/voted on all 2 statements/);
    const options = await driver.deps.store.questions.options(q.id);
    const keyOf = (label: string | null) => options.find((o) => o.label === label)?.key;
    const votes = await driver.deps.store.votes.listByQuestion(q.id);
    expect(votes.map((v) => [v.subject, v.choice]).sort()).toEqual(
      [
        [keyOf(first.statement), ['agree']],
        [keyOf(second.statement), ['pass']],
      ].sort(),
    );
  });

  it('answers "Where do I stand" privately: votes still needed, then the closest group and what is shared with it', async () => {
    const q = await open('q-statements');
    await driver.userAsksForStatement({ questionKey: 'q-statements', user: 'dealt' });
    await driver.userAnswersStatement({ questionKey: 'q-statements', user: 'dealt', vote: 'agree' });
    const early = await driver.userAsksWhereTheyStand({ questionKey: 'q-statements', user: 'dealt' });
    expect(early).toMatch(/voted on 1 statement\. Vote on 1 more statement/);

    // Sixteen others in two camps, enough for opinion groups to form.
    const options = await driver.deps.store.questions.options(q.id);
    for (let person = 0; person < 16; person++) {
      const choice = person % 2 === 0 ? 'agree' : 'disagree';
      for (const statement of options) {
        await castVote(driver.deps, {
          questionId: q.id,
          author: { platform: 'web', platformUserId: `camp-${person}`, displayName: `Camp ${person}` },
          subject: statement.key,
          choice: [choice],
          idempotencyKey: `camp-${person}-${statement.key}`,
          at: driver.deps.clock.now(),
        });
      }
    }
    await driver.userAnswersStatement({ questionKey: 'q-statements', user: 'dealt', vote: 'agree' });
    const placed = await driver.userAsksWhereTheyStand({ questionKey: 'q-statements', user: 'dealt' });
    expect(placed).toMatch(/Your votes are closest to Group \w+ \(9 people; 2 groups in all\)/);
    expect(placed).toMatch(/You and most of Group \w+ agreed: "Marking takes too long"/);
    expect(placed).toContain('Only you see this.');
    expect(placed).not.toMatch(/Camp \d|camp-\d/);
    // Seen by no one else: not in the channel, not in anyone else's private messages, not in the audit log.
    expect(await driver.currentQuestionText('q-statements')).not.toContain('closest to');
    for (const other of ['reader', 'head']) {
      expect((await driver.privateNoticesTo(other)).join('\n')).not.toContain('closest to');
    }
    expect(JSON.stringify(await driver.deps.store.audit.list(null))).not.toContain('stand');
  });

  it("adds a participant's statement and deals it to others; refuses an empty, duplicate or over-long one", async () => {
    const q = await open('q-statements');
    await driver.userAddsStatement({
      questionKey: 'q-statements',
      user: 'author',
      text: 'Planning time should be protected',
    });
    await eventually(async () =>
      expect((await driver.deps.store.questions.options(q.id)).map((o) => o.label)).toContain(
        'Planning time should be protected',
      ),
    );
    const dealt: (string | null)[] = [
      (await driver.userAsksForStatement({ questionKey: 'q-statements', user: 'reader' })).statement,
    ];
    while (dealt.at(-1) !== null) {
      dealt.push(
        (await driver.userAnswersStatement({ questionKey: 'q-statements', user: 'reader', vote: 'disagree' }))
          .statement,
      );
    }
    expect(dealt).toContain('Planning time should be protected');
    expect(dealt).toHaveLength(4);

    await driver.userAddsStatement({
      questionKey: 'q-statements',
      user: 'author',
      text: 'planning time should be PROTECTED!',
    });
    await eventually(async () => expect((await driver.privateNoticesTo('author')).at(-1)).toMatch(/already there/));
    await driver.userAddsStatement({ questionKey: 'q-statements', user: 'author', text: 'x'.repeat(281) });
    await eventually(async () =>
      expect((await driver.privateNoticesTo('author')).at(-1)).toMatch(/at most 280 characters/),
    );
    await driver.userAddsStatement({ questionKey: 'q-statements', user: 'author', text: ' ... ' });
    await eventually(async () => expect((await driver.privateNoticesTo('author')).at(-1)).toMatch(/needs some words/));
    expect(await driver.deps.store.questions.options(q.id, { includePending: true })).toHaveLength(3);
  });

  it('holds a statement for approval where the programme asks, and deals it once an organiser approves', async () => {
    await driver.reloadProgramme({ statement_approval: true });
    const q = await open('q-statements');
    await driver.userAddsStatement({ questionKey: 'q-statements', user: 'author', text: 'Reports could be shorter' });
    await eventually(async () =>
      expect((await driver.privateNoticesTo('author')).at(-1)).toMatch(/waiting for an organiser/),
    );
    const pending = async () =>
      (await driver.deps.store.questions.options(q.id, { includePending: true })).find(
        (o) => o.label === 'Reports could be shorter',
      );
    expect((await pending())?.status).toBe('pending');
    expect((await driver.deps.store.questions.options(q.id)).map((o) => o.label)).not.toContain(
      'Reports could be shorter',
    );

    await driver.organiserReviewsStatement({ user: 'head', text: 'Reports could be shorter', decision: 'approve' });
    await eventually(async () => expect((await pending())?.status).toBe('approved'));
    const approvedCard = await eventually(async () => {
      const card = await driver.reviewCard('Reports could be shorter');
      expect(card.buttons).toEqual([]);
      return card;
    });
    expect(approvedCard.shown).toMatch(/Approved/);
    await driver.userAddsStatement({ questionKey: 'q-statements', user: 'author', text: 'Cover lessons are unfair' });
    await eventually(async () =>
      expect((await driver.privateNoticesTo('author')).at(-1)).toMatch(/Cover lessons are unfair/),
    );
    await driver.organiserReviewsStatement({ user: 'head', text: 'Cover lessons are unfair', decision: 'reject' });
    await eventually(async () =>
      expect(
        (await driver.deps.store.questions.options(q.id, { includePending: true })).map((o) => o.label),
      ).not.toContain('Cover lessons are unfair'),
    );
    const rejectedCard = await eventually(async () => {
      const card = await driver.reviewCard('Cover lessons are unfair');
      expect(card.buttons).toEqual([]);
      return card;
    });
    expect(rejectedCard.shown).toMatch(/Rejected/);
  });

  const optionsOf = async (key: string) =>
    driver.deps.store.questions.options((await question(key)).id, { includePending: true });

  /** With statements awaiting approval, the author replies in the statements question's thread. */
  const authorRepliesWhereApprovalIsAsked = async (text: string) => {
    await driver.reloadProgramme({ statement_approval: true });
    await open('q-statements');
    const posted = await driver.postedQuestion('q-statements');
    const { messageRef } = await driver.userReplies({ questionKey: 'q-statements', user: 'author', text });
    await eventually(async () => expect(await responses('q-statements')).toHaveLength(1));
    return { posted, messageRef };
  };

  it('proposes a sentence of a reply as a statement: the form starts with the reply, credits its author, links to it', async () => {
    const { posted, messageRef } = await authorRepliesWhereApprovalIsAsked(
      'Cover lessons eat planning time. And nobody asks us first.',
    );
    const proposed = await driver.userProposesStatement({
      messageRef,
      user: 'author',
      text: 'Cover lessons eat planning time',
    });
    expect(proposed.prefilled).toBe('Cover lessons eat planning time. And nobody asks us first.');
    // The thanks for the reply itself may be sent after the proposal was answered.
    await eventually(async () =>
      expect(await driver.privateNoticesTo('author')).toContainEqual(
        expect.stringMatching(/waiting for an organiser's approval/),
      ),
    );
    const [reply] = await responses('q-statements');
    const statement = (await optionsOf('q-statements')).find((o) => o.label === 'Cover lessons eat planning time');
    expect(statement).toMatchObject({ status: 'pending', sourceId: reply?.id, authorId: reply?.participantId });
    const link = await driver.deps.platforms.permalink(messageRef, posted.threadRef);
    expect(link).toEqual(expect.any(String));
    expect(await driver.reviewRequestText('Cover lessons eat planning time')).toContain(link);
    expect(await driver.linkedMessage(link as string)).toContain('Cover lessons eat planning time.');

    await driver.organiserReviewsStatement({
      user: 'head',
      text: 'Cover lessons eat planning time',
      decision: 'approve',
    });
    await eventually(async () =>
      expect((await optionsOf('q-statements')).find((o) => o.id === statement?.id)?.status).toBe('approved'),
    );
    // The approval, wherever the platform shows it to the organiser, keeps the link to the reply.
    const approval = async () =>
      [await driver.reviewRequestText('Cover lessons eat planning time'), ...(await driver.privateNoticesTo('head'))]
        .filter((shown) => /Approved by/.test(shown))
        .join('\n')
        // As the person reads it: Slack's text escapes "&" (and shows it as "&").
        .replaceAll('&amp;', '&');
    await eventually(async () => expect(await approval()).toContain(link));
  });

  it('deals a statement proposed from a reply with a link that opens that reply', async () => {
    const { posted, messageRef } = await authorRepliesWhereApprovalIsAsked(
      'Cover lessons eat planning time, every week.',
    );
    await driver.userProposesStatement({ messageRef, user: 'author', text: 'Cover lessons eat planning time' });
    await eventually(async () =>
      expect((await optionsOf('q-statements')).map((o) => o.label)).toContain('Cover lessons eat planning time'),
    );
    await driver.organiserReviewsStatement({
      user: 'head',
      text: 'Cover lessons eat planning time',
      decision: 'approve',
    });
    await eventually(async () =>
      expect((await driver.deps.store.questions.options((await question('q-statements')).id)).length).toBe(3),
    );
    let dealt = await driver.userAsksForStatement({ questionKey: 'q-statements', user: 'reader' });
    const seen: string[] = [];
    while (dealt.statement !== null && dealt.statement !== 'Cover lessons eat planning time') {
      seen.push(dealt.shown);
      dealt = await driver.userAnswersStatement({ questionKey: 'q-statements', user: 'reader', vote: 'pass' });
    }
    expect(dealt.statement).toBe('Cover lessons eat planning time');
    const link = await driver.deps.platforms.permalink(messageRef, posted.threadRef);
    expect(link).toEqual(expect.any(String));
    expect(dealt.shown).toContain(link);
    expect(await driver.linkedMessage(link as string)).toContain('Cover lessons eat planning time, every week.');
    // The fixture's own statements come from no reply, so their cards carry no link to one.
    for (const shown of seen) expect(shown).not.toContain(link);
  });

  it("lets an organiser propose someone else's reply, credited to its author, and refuses anyone else", async () => {
    await open('q-statements');
    const { messageRef } = await driver.userReplies({
      questionKey: 'q-statements',
      user: 'author',
      text: 'Reports could be half as long.',
    });
    await eventually(async () => expect(await responses('q-statements')).toHaveLength(1));
    await driver.userProposesStatement({ messageRef, user: 'reader' });
    await eventually(async () =>
      expect((await driver.privateNoticesTo('reader')).at(-1)).toMatch(/Only the person who wrote that reply/),
    );
    const toldBefore = (await driver.privateNoticesTo('author')).length;
    await driver.userProposesStatement({ messageRef, user: 'olive', organiser: true });
    await eventually(async () => expect((await driver.privateNoticesTo('olive')).at(-1)).toMatch(/credited to/));
    const [reply] = await responses('q-statements');
    const statement = (await optionsOf('q-statements')).find((o) => o.label === 'Reports could be half as long.');
    expect(statement).toMatchObject({ status: 'approved', authorId: reply?.participantId, sourceId: reply?.id });
    // The author is told privately, in the core's words, and only of the organiser's proposal.
    const told = await eventually(async () => {
      const notices = (await driver.privateNoticesTo('author')).slice(toldBefore);
      expect(notices.filter((n) => /made a statement from your reply/.test(n))).toHaveLength(1);
      return notices.find((n) => /made a statement from your reply/.test(n)) as string;
    });
    expect(told).toContain('Reports could be half as long.');
    expect(told).toMatch(/an organiser, made a statement from your reply to .*It is credited to you\. It is added/);
  });

  it('refuses to propose a reply to a question without statements, a duplicate, and empty or over-long text', async () => {
    await open('q-open');
    await open('q-statements');
    const open1 = await driver.userReplies({ questionKey: 'q-open', user: 'author', text: 'Fewer meetings.' });
    const mine = await driver.userReplies({ questionKey: 'q-statements', user: 'author', text: 'Meetings are useful' });
    await eventually(async () => expect(await responses('q-statements')).toHaveLength(1));
    await eventually(async () => expect(await responses('q-open')).toHaveLength(1));
    // Each refusal is looked for among the notices that came after the proposal: the thanks for the two replies
    // may still be arriving.
    const refused = async (input: Parameters<PlatformDriver['userProposesStatement']>[0], reason: RegExp) => {
      const before = (await driver.privateNoticesTo('author')).length;
      await driver.userProposesStatement(input);
      await eventually(async () =>
        expect((await driver.privateNoticesTo('author')).slice(before).some((n) => reason.test(n))).toBe(true),
      );
    };
    await refused({ messageRef: open1.messageRef, user: 'author' }, /without agree\/disagree statements/);
    await refused({ messageRef: mine.messageRef, user: 'author' }, /already there/);
    await refused({ messageRef: mine.messageRef, user: 'author', text: 'x'.repeat(281) }, /at most 280 characters/);
    await refused({ messageRef: mine.messageRef, user: 'author', text: ' ... ' }, /needs some words/);
    expect(await optionsOf('q-statements')).toHaveLength(2);
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { zonedLabel } from '../../src/core/chat-text.ts';
import { closeQuestion } from '../../src/core/consultation/close-question.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { buildQuestionCard } from '../../src/core/consultation/question-card.ts';
import { eventually } from '../contract/platform-suite.ts';
import { postSignedEvent, startFakeSlack } from '../fakes/slack/index.ts';
import { eventCallback } from '../fakes/slack/payloads.ts';
import { sqliteDatabase } from '../support/databases.ts';
import { programmeFile } from '../support/programme-fixture.ts';
import { startAgora } from '../support/run-agora.ts';
import {
  messageText,
  type SlackHarness,
  type SlackHarnessOptions,
  slackUserId,
  startSlackHarness,
} from '../support/slack-driver.ts';

let harness: SlackHarness | undefined;

async function start(options: SlackHarnessOptions): Promise<SlackHarness> {
  harness = await startSlackHarness(options);
  return harness;
}

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function question(h: SlackHarness, key: string) {
  const programme = await h.deps.store.programmes.findBySlug('staff-voice');
  const q = await h.deps.store.questions.findByKey(programme?.id as string, key);
  if (!q) throw new Error(`no question ${key}`);
  return q;
}

async function open(h: SlackHarness, key: string) {
  const q = await question(h, key);
  const outcome = await openQuestion(h.deps, q.id);
  expect(outcome.failed).toEqual([]);
  return q;
}

type Json = Record<string, unknown>;

function blocksOf(call: { args: Json } | undefined): Json[] {
  return (call?.args.blocks as Json[] | undefined) ?? [];
}

function buttons(blocks: Json[]): Json[] {
  return blocks
    .flatMap((b) => (Array.isArray(b.elements) ? (b.elements as Json[]) : []))
    .filter((e) => e.type === 'button');
}

/** A programme whose q-open has a long introduction. */
function withLongIntro(intro: string) {
  const file = programmeFile();
  const [section] = file.sections;
  const questions = section?.questions.map((q) => (q.id === 'q-open' ? { ...q, intro } : q));
  return { sections: [{ ...section, questions }] };
}

/** Sends an Events API callback for the fake workspace, signed, to the app's request URL. */
function sendEvent(h: SlackHarness, event: Json, signing: { forgeSignature?: boolean; staleTimestamp?: boolean } = {}) {
  const callback = eventCallback(h.slack.workspace, event);
  return {
    callback,
    answer: postSignedEvent(`${h.baseUrl}/slack/events`, callback, {
      signingSecret: h.slack.signingSecret,
      ...signing,
    }),
  };
}

describe('posting a question', () => {
  it('posts valid Block Kit with the closing time as a date token and two buttons', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-open');
    const post = await h.slack.waitForCall('chat.postMessage');
    expect(post.response).toMatchObject({ ok: true });
    const text = messageText({ blocks: blocksOf(post) });
    expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|2026-12-14 17:00 UTC>/);
    // The notification text names the time as a token too, never as a bare UTC time.
    expect(post.args.text).toMatch(/\(closes <!date\^\d+\^[^|]+\|2026-12-14 17:00 UTC>\)$/);
    expect(text).toContain('Staff voice');
    expect(text).toContain('Workload');
    expect(text).toContain('Reply in this thread');
    expect(buttons(blocksOf(post)).map((b) => (b.text as Json).text)).toEqual([
      'Answer privately',
      'See where we stand',
    ]);
    const [posting] = await h.deps.store.postings.listByQuestion((await question(h, 'q-open')).id);
    expect(posting?.messageRef).toBe(`slack:T1:C_STAFF:${(post.response as Json).ts}`);
    expect(posting?.threadRef).toBe(posting?.messageRef);
  });

  it('splits a long introduction across sections, and shortens one too long for a message with a note', async () => {
    const paragraph = `${'Workload has grown every year. '.repeat(60)}\n\n`;
    const h = await start({ mode: 'http', programme: withLongIntro(paragraph.repeat(11).slice(0, 20_000)) });
    await open(h, 'q-open');
    const blocks = blocksOf(await h.slack.waitForCall('chat.postMessage'));
    expect(blocks.length).toBeLessThanOrEqual(50);
    const sections = blocks.filter((b) => b.type === 'section').map((b) => (b.text as Json).text as string);
    expect(sections.every((t) => t.length <= 3000)).toBe(true);
    expect(sections.filter((t) => t.includes('Workload has grown')).length).toBeGreaterThan(5);
    expect(h.slack.lastCall('chat.postMessage')?.response).toMatchObject({ ok: true });
  });

  it('posts to several channels through a rate limit, waiting as Retry-After says', async () => {
    const h = await start({ mode: 'http', staffroom: ['C_STAFF', 'C_GENERAL', 'C_MORE'] });
    h.slack.rateLimit('chat.postMessage', { times: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    const outcome = await openQuestion(h.deps, (await question(h, 'q-open')).id);
    expect(outcome.posted).toHaveLength(3);
    expect(outcome.failed).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.slack.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 200, 200, 200]);
    expect(h.logger.lines.some((l) => l.message.startsWith('Slack rate limit'))).toBe(true);
  });

  it('names the channel and what to do when the app is not in it, and reports the error as retryable', async () => {
    const h = await start({ mode: 'http', staffroom: ['C_STAFF', 'C_OUTSIDE'] });
    const q = await question(h, 'q-open');
    const outcome = await openQuestion(h.deps, q.id);
    expect(outcome.posted).toEqual(['slack:T1/C_STAFF']);
    expect(outcome.failed[0]?.channel).toBe('slack:T1/C_OUTSIDE');
    const line = h.logger.lines.find((l) => l.level === 'error' && l.context.channel === 'C_OUTSIDE');
    expect(line?.message).toContain('#outside (C_OUTSIDE)');
    expect(line?.message).toContain('invite @Agora');
    const card = await buildQuestionCard(h.deps.store, q);
    await expect(
      h.adapter.platform.postQuestion({ platform: 'slack', workspaceId: 'T1', channelId: 'C_OUTSIDE' }, card),
    ).rejects.toMatchObject({ code: 'PLATFORM_ERROR', details: { slackError: 'not_in_channel', retryable: true } });
    await expect(
      h.adapter.platform.postQuestion({ platform: 'slack', workspaceId: 'T1', channelId: 'C_NOWHERE' }, card),
    ).rejects.toMatchObject({ code: 'PLATFORM_ERROR', details: { slackError: 'channel_not_found', retryable: false } });
  });
});

describe('what the core sends', () => {
  it('sends private messages as DMs, plain messages safely, and files to a channel', async () => {
    const h = await start({ mode: 'http' });
    const delivery = await h.adapter.platform.sendPrivate(
      {
        platformUserId: slackUserId('bob'),
        workspaceId: 'T1',
        channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C_STAFF' },
      },
      'A reminder: <!here> you have not yet answered "Is A < B?"',
    );
    expect(delivery).toBe('direct');
    const [dm] = h.slack.messages(h.slack.dmWith(slackUserId('bob')));
    expect(dm?.text).toContain('Is A &lt; B?');
    expect(dm?.text).not.toContain('<!here>');
    const posted = await h.adapter.platform.postMessage(
      { platform: 'slack', workspaceId: 'T1', channelId: 'C_ORG' },
      'Digest ready',
    );
    expect(posted.messageRef).toMatch(/^slack:T1:C_ORG:\d+\.\d+$/);
    await h.adapter.platform.postFile?.(
      { platform: 'slack', workspaceId: 'T1', channelId: 'C_ORG' },
      { name: 'digest.csv', title: 'Digest', content: 'a,b\n1,2\n' },
    );
    expect(h.slack.messages('C_ORG').at(-1)?.files?.[0]).toMatchObject({ name: 'digest.csv', size: 8 });
  });
});

describe('responses in the thread', () => {
  it('stores a 40,000-character reply whole, and truncates every echo of it within Slack limits', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-open');
    const long = `<!channel> ${'a'.repeat(39_989)}`;
    expect(long).toHaveLength(40_000);
    await h.userReplies({ questionKey: 'q-open', user: 'alice', text: long });
    const [stored] = await h.deps.store.responses.listByQuestion((await question(h, 'q-open')).id);
    expect(stored?.body).toHaveLength(40_000);

    await sendEvent(h, { type: 'app_home_opened', user: slackUserId('alice'), channel: 'D1', tab: 'home' }).answer;
    const home = await h.slack.waitForCall('views.publish');
    expect(home.response).toMatchObject({ ok: true });
    const homeText = messageText({ blocks: (home.args.view as Json).blocks as unknown[] });
    expect(homeText).toContain('You answered');
    expect(homeText).toContain('…');
    expect(homeText).not.toContain('<!channel>');

    await h.click('q-open', 'alice', (e) => e.action_id === 'agora_where_we_stand');
    const summary = await h.slack.waitForCall('response_url');
    expect(summary.status).toBe(200);
    const summaryText = messageText(summary.args as Json);
    expect(summaryText).toContain('Your answer');
    expect(summaryText).toContain('Themes found in 1 response'); // the positions, as /agora positions shows them
    expect(summaryText).not.toContain('<!channel>');
    expect(summaryText.length).toBeLessThan(6000);
  });

  it('refuses forged and stale signatures with 401 and stores nothing', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-open');
    const { messageRef } = await h.postedQuestion('q-open');
    const threadTs = messageRef.split(':')[3] as string;
    const reply = {
      type: 'message',
      user: slackUserId('bob'),
      text: 'Forged',
      ts: '1800000000.000100',
      thread_ts: threadTs,
      channel: 'C_STAFF',
      channel_type: 'channel',
      event_ts: '1800000000.000100',
    };
    expect((await sendEvent(h, reply, { forgeSignature: true }).answer).status).toBe(401);
    expect((await sendEvent(h, reply, { staleTimestamp: true }).answer).status).toBe(401);
    expect(await h.deps.store.responses.listByQuestion((await question(h, 'q-open')).id)).toHaveLength(0);
  });

  it('answers 500, not 200, for a reply or a vote it could not keep, so that Slack sends it again', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-open');
    await open(h, 'q-single');
    const { messageRef } = await h.postedQuestion('q-open');
    const threadTs = messageRef.split(':')[3] as string;
    // The inbox takes nothing any more (as when the database is away): nothing may be acknowledged.
    await h.pipeline.stop();
    const reply = {
      type: 'message',
      user: slackUserId('bob'),
      text: 'Not kept',
      ts: '1800000000.000200',
      thread_ts: threadTs,
      channel: 'C_STAFF',
      channel_type: 'channel',
      event_ts: '1800000000.000200',
    };
    expect((await sendEvent(h, reply).answer).status).toBe(500);
    const clicked = await h.click('q-single', 'alice', (e) => (e.text as Json | undefined)?.text === 'Yes');
    expect(clicked.delivery.status).toBe(500);
    expect(h.logger.lines.some((l) => /could not be kept; Slack will send it again/.test(l.message))).toBe(true);
  });

  it('stores an event delivered again with X-Slack-Retry-Num once', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-open');
    await h.userReplies({ questionKey: 'q-open', user: 'alice', text: 'Said once' });
    await h.redeliverLastReply();
    await h.redeliverLastReply();
    expect(await h.deps.store.responses.listByQuestion((await question(h, 'q-open')).id)).toHaveLength(1);
  });

  it('ignores bots, joins and top-level messages; keeps shared files as links; links replies by permalink', async () => {
    const h = await start({ mode: 'http' });
    const q = await open(h, 'q-open');
    const { messageRef } = await h.postedQuestion('q-open');
    const threadTs = messageRef.split(':')[3] as string;
    const base = { type: 'message', channel: 'C_STAFF', channel_type: 'channel', thread_ts: threadTs };
    await sendEvent(h, { ...base, bot_id: 'B_OTHER', text: 'I am a bot', ts: '1800000001.000100' }).answer;
    await sendEvent(h, {
      ...base,
      subtype: 'channel_join',
      user: slackUserId('dave'),
      text: 'joined',
      ts: '1800000002.000100',
    }).answer;
    await h.slack.userPosts({ channel: 'C_STAFF', user: slackUserId('dave'), text: 'Not in the thread' });
    await h.settle();
    expect(await h.deps.store.responses.listByQuestion(q.id)).toHaveLength(0);

    const first = await h.slack.userPosts({
      channel: 'C_STAFF',
      user: slackUserId('alice'),
      text: 'Here is our plan',
      thread_ts: threadTs,
      files: [{ name: 'plan.pdf', content: 'PDF' }],
    });
    const link = `https://agora-test.slack.com/archives/C_STAFF/p${first.message.ts.replace('.', '')}?thread_ts=${threadTs}&cid=C_STAFF`;
    await h.slack.userPosts({
      channel: 'C_STAFF',
      user: slackUserId('bob'),
      text: `I disagree with <${link}>`,
      thread_ts: threadTs,
    });
    await h.settle();
    const [plan, answer] = await h.deps.store.responses.listByQuestion(q.id);
    expect(plan?.attachments).toEqual([{ name: 'plan.pdf', url: expect.stringContaining('/plan.pdf') }]);
    expect(answer?.replyToId).toBe(plan?.id);
  });

  it('confirms a first response discreetly, once', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-open');
    await h.userReplies({ questionKey: 'q-open', user: 'carol', text: 'One' });
    await h.userReplies({ questionKey: 'q-open', user: 'carol', text: 'Two' });
    const notes = h.slack.ephemeralMessages('C_STAFF').filter((e) => e.user === slackUserId('carol'));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message.text).toContain('recorded as your response');
    expect(notes[0]?.message.thread_ts).toBeDefined();
  });
});

describe('polls', () => {
  it('shows a live tally after a single-choice vote, with counts and no names', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-single');
    await h.userVotes({ questionKey: 'q-single', user: 'alice', choice: ['yes'] });
    await eventually(async () => expect(await h.currentQuestionText('q-single')).toMatch(/Yes: \*1\*/));
    const notice = await h.privateNoticesTo('alice');
    expect(notice.join('\n')).toContain('Your vote: Yes.');
  });

  it('takes several choices through checkboxes and a submit, and changes them', async () => {
    const h = await start({ mode: 'http' });
    const q = await open(h, 'q-multi');
    const { message } = await h.questionMessage('q-multi');
    expect(JSON.stringify(message.blocks)).toContain('"type":"checkboxes"');
    await h.userVotes({ questionKey: 'q-multi', user: 'bob', choice: ['marking', 'meetings'] });
    await h.userVotes({ questionKey: 'q-multi', user: 'bob', choice: ['planning'] });
    expect((await h.deps.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['planning']]);
    await h.userVotes({ questionKey: 'q-multi', user: 'bob', choice: ['marking', 'planning', 'meetings'] });
    expect((await h.privateNoticesTo('bob')).join('\n')).toContain('Choose between 1 and 2 options');
  });

  it('ranks options through a modal with one select per rank, refusing an option ranked twice', async () => {
    const h = await start({ mode: 'http' });
    const q = await open(h, 'q-ranked');
    await h.userVotes({ questionKey: 'q-ranked', user: 'carol', choice: ['time', 'pay', 'training'] });
    expect((await h.deps.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['time', 'pay', 'training']]);
    await h.submitModal('q-ranked', 'carol', 'agora_rank', { rank_1: 'pay', rank_2: 'pay' });
    expect((await h.privateNoticesTo('carol')).join('\n')).toContain('already ranked');
    expect((await h.deps.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['time', 'pay', 'training']]);
  });

  it('rates Likert items in rows of buttons, hides results until close, shows them on close, never names voters', async () => {
    const h = await start({ mode: 'http' });
    const q = await open(h, 'q-likert');
    const { message } = await h.questionMessage('q-likert');
    const rows = (message.blocks as Json[]).filter((b) => b.type === 'actions');
    expect(rows).toHaveLength(3);
    expect(((rows[0] as Json).elements as Json[]).map((e) => (e.text as Json).text)).toEqual([
      'Strongly disagree',
      'Disagree',
      'Neither agree nor disagree',
      'Agree',
      'Strongly agree',
    ]);
    const [item] = await h.deps.store.questions.options(q.id);
    await h.click('q-likert', 'alice', (e) => e.value === `${q.id}|${item?.key}|3`);
    await h.click('q-likert', 'bob', (e) => e.value === `${q.id}|${item?.key}|4`);
    await h.click('q-likert', 'bob', (e) => e.value === `${q.id}|${item?.key}|1`);
    expect((await h.deps.store.votes.listByQuestion(q.id)).map((v) => v.choice).sort()).toEqual([['1'], ['3']]);
    await h.settle();
    const during = await h.currentQuestionText('q-likert');
    expect(during).toContain('2 people have voted');
    expect(during).toContain('Results are hidden until the poll closes');
    expect(during).not.toContain('average');

    await closeQuestion(h.deps, q.id);
    const after = await h.currentQuestionText('q-likert');
    expect(after).toMatch(/closed/i);
    expect(after).toContain('average 3.0 of 5');
    for (const name of ['alice', 'bob', 'Alice', 'Bob', 'U_alice', 'U_bob']) expect(after).not.toContain(name);
    const { message: closed } = await h.questionMessage('q-likert');
    expect(JSON.stringify(closed.blocks)).not.toContain('agora_vote_');
  });

  it('uses a select per Likert item when the scale has more than five points', async () => {
    const file = programmeFile();
    const [section] = file.sections;
    const scale = ['0', '1', '2', '3', '4', '5', '6'];
    const questions = section?.questions.map((q) => (q.id === 'q-likert' ? { ...q, scale } : q));
    const h = await start({ mode: 'http', programme: { sections: [{ ...section, questions }] } });
    const q = await open(h, 'q-likert');
    const { message } = await h.questionMessage('q-likert');
    const selects = (message.blocks as Json[]).filter(
      (b) => (b.accessory as Json | undefined)?.type === 'static_select',
    );
    expect(selects).toHaveLength(2);
    expect((selects[0]?.accessory as Json | undefined)?.options).toHaveLength(7);
    expect(h.slack.lastCall('chat.postMessage')?.response).toMatchObject({ ok: true });
    expect(q.kind).toBe('likert');
  });
});

describe('statements', () => {
  it('shows a statements question with "Vote on statements" and "Add a statement" instead of rows per statement', async () => {
    const h = await start({ mode: 'http' });
    const q = await open(h, 'q-statements');
    const { message } = await h.questionMessage('q-statements');
    expect(buttons(message.blocks as Json[]).map((b) => [(b.text as Json).text, b.value])).toEqual([
      ['Vote on statements', q.id],
      ['Add a statement', q.id],
      ['See where we stand', q.id],
    ]);
    expect(JSON.stringify(message.blocks)).not.toMatch(/agora_vote_\d/);
    expect(messageText(message)).toContain('Marking takes too long: *0*');
  });

  it('deals a card only the person sees, replaces it with the next, and says privately once the question closes', async () => {
    const h = await start({ mode: 'socket' });
    const q = await open(h, 'q-statements');
    const first = await h.userAsksForStatement({ questionKey: 'q-statements', user: 'alice' });
    expect(first.shown).toContain('0 of 2 voted');
    const [card] = h.slack.ephemeralMessages().filter((e) => e.user === slackUserId('alice'));
    expect(buttons(card?.message.blocks as Json[]).map((b) => (b.text as Json).text)).toEqual([
      'Agree',
      'Disagree',
      'Pass',
      'Add a statement',
      'Where do I stand',
    ]);
    const adding = await h.slack.clickButton({
      user: slackUserId('alice'),
      actionId: 'agora_add_statement',
      channel: card?.channel,
      messageTs: card?.message.ts,
      ephemeral: true,
    });
    await h.slack.waitForCall('views.open', (call) => call.args.trigger_id === adding.triggerId);
    const second = await h.userAnswersStatement({ questionKey: 'q-statements', user: 'alice', vote: 'disagree' });
    expect(second.shown).toContain('1 of 2 voted');
    expect(h.slack.ephemeralMessages().filter((e) => e.user === slackUserId('alice'))).toHaveLength(1);
    await eventually(async () => expect(await h.currentQuestionText('q-statements')).toContain('1 person has voted'));
    await h.userAsksForStatement({ questionKey: 'q-statements', user: 'bob' });
    await h.userAnswersStatement({ questionKey: 'q-statements', user: 'bob', vote: 'agree' });
    const done = await h.userAnswersStatement({ questionKey: 'q-statements', user: 'bob', vote: 'pass' });
    expect(done).toEqual({ statement: null, shown: expect.stringContaining('You have voted on all 2 statements') });
    const [last] = h.slack.ephemeralMessages().filter((e) => e.user === slackUserId('bob'));
    // Nothing left to vote on: only the ways to add a statement of one's own and to see where one stands stay.
    expect(buttons(last?.message.blocks as Json[]).map((b) => (b.text as Json).text)).toEqual([
      'Add a statement',
      'Where do I stand',
    ]);

    await closeQuestion(h.deps, q.id);
    const refused = await h.userAnswersStatement({ questionKey: 'q-statements', user: 'alice', vote: 'agree' });
    expect(refused).toEqual({ statement: null, shown: expect.stringMatching(/closed/) });
    expect(await h.deps.store.votes.listByQuestion(q.id)).toHaveLength(3);
    const later = await h.userAsksForStatement({ questionKey: 'q-statements', user: 'carol' });
    expect(later.shown).toContain('This question is closed, so you cannot vote on its statements now.');
  });

  it('posts a statement for approval with Approve and Reject; refuses a participant privately; an organiser decides', async () => {
    const h = await start({ mode: 'http' });
    await h.reloadProgramme({ statement_approval: true });
    const q = await open(h, 'q-statements');
    await h.userAddsStatement({ questionKey: 'q-statements', user: 'author', text: 'Reports could be shorter' });
    const request = await eventually(async () => {
      const found = h.slack.messages('C_ORG').find((m) => messageText(m).includes('Reports could be shorter'));
      expect(found).toBeDefined();
      return found as NonNullable<typeof found>;
    });
    const author = await h.deps.store.participants.find('slack', slackUserId('author'));
    expect(messageText(request)).toContain(`From ${author?.pseudonym} on “Agree or disagree?”`);
    expect(messageText(request)).not.toContain('Author');
    expect(buttons(request.blocks as Json[]).map((b) => (b.text as Json).text)).toEqual(['Approve', 'Reject']);

    await h.slack.clickButton({
      user: slackUserId('bob'),
      actionId: 'agora_review_approve',
      channel: 'C_ORG',
      messageTs: request.ts,
    });
    await h.settle();
    expect((await h.privateNoticesTo('bob')).at(-1)).toMatch(/Only organisers can approve or reject statements/);
    expect(h.slack.messages('C_ORG').find((m) => m.ts === request.ts)).toEqual(request);

    await h.organiserReviewsStatement({ user: 'head', text: 'Reports could be shorter', decision: 'approve' });
    await eventually(async () => {
      const decided = h.slack.messages('C_ORG').find((m) => m.ts === request.ts);
      expect(messageText(decided)).toContain('Approved by Head: "Reports could be shorter"');
      expect(buttons(decided?.blocks as Json[])).toEqual([]);
    });
    const labels = (await h.deps.store.questions.options(q.id)).map((o) => o.label);
    expect(labels).toContain('Reports could be shorter');
  });

  it('takes blank and over-long statements to the core, keeping the form open with its reason', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-statements');
    const blank = await h.submitModal('q-statements', 'carol', 'agora_add_statement', { statement_text: '   ' });
    expect(blank.delivery.body).toEqual({
      response_action: 'errors',
      errors: { statement: expect.stringContaining('A statement needs some words') },
    });
    const form = h.slack.lastCall('views.open')?.args.view as Json;
    expect(JSON.stringify(form)).not.toContain('max_length');
    const long = await h.submitModal('q-statements', 'carol', 'agora_add_statement', {
      statement_text: 'y'.repeat(400),
    });
    expect(long.delivery.body).toMatchObject({ errors: { statement: expect.stringContaining('yours has 400') } });
    expect((await h.privateNoticesTo('carol')).join('\n')).toContain('Statements are at most 280 characters');
  });
});

describe('refusals in a modal', () => {
  it('names the closing time in plain words, where date tokens and mrkdwn do not render', async () => {
    const h = await start({ mode: 'http' });
    const q = await open(h, 'q-multi');
    const clicked = await h.click('q-multi', 'bob', (e) => e.action_id === 'agora_multi_submit');
    const opened = await h.slack.waitForCall('views.open', (call) => call.args.trigger_id === clicked.triggerId);
    const view = (opened.response as { view?: { id?: string } }).view;
    await closeQuestion(h.deps, q.id);
    const closedAt = (await question(h, 'q-multi')).closedAt as Date;
    const submitted = await h.slack.submitView({ viewId: view?.id as string, values: { choices: ['marking'] } });
    const body = submitted.delivery.body as { response_action?: string; errors?: Record<string, string> };
    expect(body.response_action).toBe('errors');
    const [error] = Object.values(body.errors ?? {});
    expect(error).toBe(`This poll closed ${zonedLabel(closedAt, 'Europe/London')}; your vote was not counted.`);
    expect(error).not.toMatch(/<!date|`/);
    // The notice beside it is a message, where the token shows the time in the reader's zone.
    await eventually(async () =>
      expect((await h.privateNoticesTo('bob')).join('\n')).toMatch(/This poll closed <!date\^\d+\^/),
    );
  });
});

describe('commands and the Home tab', () => {
  it('sends /agora mydata as a file in a direct message', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-open');
    await h.userReplies({ questionKey: 'q-open', user: 'alice', text: 'My view' });
    const reply = await h.userRunsCommand({ user: 'alice', text: 'mydata' });
    expect(reply).toContain('direct messages');
    await h.slack.waitForCall('files.completeUploadExternal');
    const dm = h.slack.messages(h.slack.dmWith(slackUserId('alice')));
    const shared = dm.find((m) => m.files?.length);
    expect(shared?.files?.[0]).toMatchObject({ name: 'agora-my-data.json' });
    expect(h.slack.calls('file_upload')[0]?.status).toBe(200);
  });

  it('treats workspace admins as organisers, and refuses participants politely', async () => {
    const h = await start({ mode: 'http' });
    h.slack.workspace.addUser({ id: 'U_admin', name: 'admin', isAdmin: true });
    for (const channel of ['C_STAFF']) h.slack.workspace.channel(channel)?.members.add('U_admin');
    const use = await h.slack.slashCommand({
      user: 'U_admin',
      channel: 'C_STAFF',
      command: '/agora',
      text: 'open staff-voice/q-single',
    });
    expect(use.delivery.status).toBe(200);
    await eventually(async () =>
      expect(await h.deps.store.postings.listByQuestion((await question(h, 'q-single')).id)).toHaveLength(1),
    );
    expect(await h.userRunsCommand({ user: 'bob', text: 'close staff-voice/q-single' })).toMatch(/organisers/);
  });

  it('publishes a person their open questions and answers in the Home tab', async () => {
    const h = await start({ mode: 'http' });
    await open(h, 'q-open');
    await open(h, 'q-single');
    await h.userVotes({ questionKey: 'q-single', user: 'bob', choice: ['no'] });
    await sendEvent(h, { type: 'app_home_opened', user: slackUserId('bob'), channel: 'D2', tab: 'home' }).answer;
    const home = await h.slack.waitForCall('views.publish');
    expect(home.args.user_id).toBe(slackUserId('bob'));
    const text = messageText({ blocks: (home.args.view as Json).blocks as unknown[] });
    expect(text).toContain('What would most reduce your workload?');
    expect(text).toContain('Not answered yet');
    expect(text).toContain('You voted: No');
  });

  it('answers an unknown button and an unknown command helpfully, and logs them', async () => {
    const h = await start({ mode: 'http' });
    const { WebClient } = (await import('@slack/bolt')).webApi;
    const client = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
    const old = await client.chat.postMessage({
      channel: 'C_STAFF',
      text: 'An old message',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'legacy_vote', text: { type: 'plain_text', text: 'Vote' }, value: 'x' },
          ],
        },
      ],
    });
    const clicked = await h.slack.clickButton({
      user: slackUserId('alice'),
      actionId: 'legacy_vote',
      channel: 'C_STAFF',
      messageTs: String(old.ts),
    });
    expect(clicked.delivery.status).toBe(200);
    expect((await h.privateNoticesTo('alice')).join('\n')).toContain('not one Agora knows');
    expect(h.logger.lines.some((l) => l.level === 'warn' && String(l.context.actions).includes('legacy_vote'))).toBe(
      true,
    );
    const other = await h.slack.slashCommand({
      user: slackUserId('alice'),
      channel: 'C_STAFF',
      command: '/poll',
      text: 'x',
    });
    expect(other.delivery.body).toMatchObject({ text: expect.stringContaining('/agora help') });
  });
});

describe('catching up', () => {
  it('records replies missed while the socket was down, once, with the same key as live events', async () => {
    const h = await start({ mode: 'socket' });
    const q = await open(h, 'q-open');
    await h.userReplies({ questionKey: 'q-open', user: 'alice', text: 'Before the outage' });
    await eventually(async () => expect(await h.deps.store.responses.listByQuestion(q.id)).toHaveLength(1));
    const { messageRef } = await h.postedQuestion('q-open');
    const threadTs = messageRef.split(':')[3] as string;
    const firstTs = (await h.deps.store.responses.listByQuestion(q.id))[0]?.messageRef?.split(':')[3];

    await h.slack.socket.waitForConnections(1);
    h.slack.socket.dropConnections();
    await h.slack.userPostsWhileOffline({
      channel: 'C_STAFF',
      user: slackUserId('bob'),
      text: 'During the outage',
      thread_ts: threadTs,
    });
    await h.slack.userPostsWhileOffline({
      channel: 'C_STAFF',
      user: slackUserId('carol'),
      text: 'Also missed',
      thread_ts: threadTs,
    });
    // Delivered live as well once the socket is back: it must still count once.
    const queued = h.slack.userPosts({
      channel: 'C_STAFF',
      user: slackUserId('dave'),
      text: 'Queued meanwhile',
      thread_ts: threadTs,
    });
    await h.slack.socket.waitForConnections(2, 5000);
    await queued;

    const bodies = await eventually(async () => {
      const found = (await h.deps.store.responses.listByQuestion(q.id)).map((r) => r.body);
      expect(found).toHaveLength(4);
      return found;
    });
    expect(bodies.sort()).toEqual(['Also missed', 'Before the outage', 'During the outage', 'Queued meanwhile']);
    // The whole thread read again (one page here), the reply stored before the outage among it, dropped as a
    // duplicate by the inbox.
    const replies = h.slack.calls('conversations.replies');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.args).toMatchObject({ channel: 'C_STAFF', ts: threadTs });
    expect(replies[0]?.args.oldest).toBeUndefined();
    expect(firstTs).toBeDefined();
    await h.adapter.catchUp();
    await h.settle();
    expect(await h.deps.store.responses.listByQuestion(q.id)).toHaveLength(4);
  });

  it('catches up at start on replies posted while Agora was down', async () => {
    const first = await start({ mode: 'http' });
    const q = await open(first, 'q-open');
    const { messageRef } = await first.postedQuestion('q-open');
    const threadTs = messageRef.split(':')[3] as string;
    await first.slack.userPostsWhileOffline({
      channel: 'C_STAFF',
      user: slackUserId('bob'),
      text: 'While you slept',
      thread_ts: threadTs,
    });
    const summary = await first.adapter.catchUp();
    expect(summary).toMatchObject({ postings: 1, recorded: 1, calls: 1 });
    await first.settle();
    expect((await first.deps.store.responses.listByQuestion(q.id)).map((r) => r.body)).toEqual(['While you slept']);
  });
});

describe('installing with OAuth', () => {
  it('installs into a workspace through /slack/install on the one HTTP server, keeping the token in the database', async () => {
    const oauth = { clientId: '111.222', clientSecret: 'oauth-secret' };
    const h = await start({
      mode: 'http',
      fake: { oauth },
      config: {
        botToken: undefined,
        clientId: oauth.clientId,
        clientSecret: oauth.clientSecret,
        stateSecret: 'state-secret',
      },
    });
    const page = await fetch(`${h.baseUrl}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const state = /state=([^&"]+)/.exec(html)?.[1];
    const cookie = page.headers.get('set-cookie')?.split(';')[0];
    expect(state).toBeDefined();
    const code = h.slack.issueOAuthCode(slackUserId('alice'));
    const done = await fetch(`${h.baseUrl}/slack/oauth_redirect?code=${code}&state=${state}`, {
      headers: { cookie: cookie ?? '' },
      redirect: 'manual',
    });
    expect(done.status).toBeLessThan(400);
    const installation = await h.deps.store.installations.find('slack', 'T1');
    expect((installation?.bot as Json | undefined)?.token).toMatch(/^xoxb-/);

    await open(h, 'q-open');
    await h.userReplies({ questionKey: 'q-open', user: 'bob', text: 'Installed and answering' });
    expect((await h.deps.store.responses.listByQuestion((await question(h, 'q-open')).id)).map((r) => r.body)).toEqual([
      'Installed and answering',
    ]);
  });
});

describe('npm start with Slack configured', () => {
  it('serves Slack over HTTP on its one server, checking signatures', async () => {
    const slack = await startFakeSlack({ teamId: 'T1' });
    const database = sqliteDatabase();
    const { child, port, logs } = await startAgora({
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
    });
    try {
      const url = `http://127.0.0.1:${port}/slack/events`;
      const challenge = await postSignedEvent(
        url,
        { type: 'url_verification', challenge: 'c-123', token: 'x' },
        { signingSecret: slack.signingSecret },
      );
      expect(challenge.json).toEqual({ challenge: 'c-123' });
      const forged = await postSignedEvent(
        url,
        { type: 'url_verification', challenge: 'c-123', token: 'x' },
        { signingSecret: slack.signingSecret, forgeSignature: true },
      );
      expect(forged.status).toBe(401);
      expect(logs.join('')).toContain('Slack requests are served at /slack/events');
      expect(logs.join('')).toContain('"platforms":["slack"]');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await slack.stop();
      await database.drop();
    }
  });
});

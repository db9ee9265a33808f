import { type APIMessage, ChannelType, ComponentType, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCustomId, selectId, voteButtonId } from '../../adapters/discord/custom-ids.ts';
import { messageRef, parseMessageRef, parseThreadRef } from '../../adapters/discord/refs.ts';
import { type CommandRegistry, privateReply } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { closeQuestion } from '../../src/core/consultation/close-question.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { AgoraError } from '../../src/core/errors.ts';
import { eventually } from '../contract/platform-suite.ts';
import { defaultGuilds, defaultIds, defaultUsers } from '../fakes/discord/default-world.ts';
import type { FakeDiscordOptions, GuildSeed } from '../fakes/discord/options.ts';
import {
  type DiscordHarness,
  discordHarness,
  messageText,
  organiserRoleId,
  shownInAnswer,
} from '../support/discord-driver.ts';
import { runAgoraCli } from '../support/run-agora.ts';

const ids = defaultIds;
const dana = '1100000000000000013';
const organisers = '1100000000000000025';
const workloadTag = '1100000000000000033';

/**
 * The default world, plus a forum tag named after the fixture's section, an #organisers channel, and dana, who has
 * the Organiser role.
 */
function world(extra: FakeDiscordOptions = {}): FakeDiscordOptions {
  const [guild] = defaultGuilds as [GuildSeed];
  return {
    users: [...defaultUsers, { id: dana, username: 'dana', globalName: 'Dana' }],
    guilds: [
      {
        ...guild,
        roles: [...(guild.roles ?? []), { id: organiserRoleId, name: 'Organiser', permissions: 0n }],
        members: [...guild.members, { userId: dana, roleIds: [organiserRoleId] }],
        channels: [
          ...guild.channels.map((channel) =>
            channel.type === ChannelType.GuildForum
              ? { ...channel, tags: [...channel.tags, { id: workloadTag, name: 'Workload' }] }
              : channel,
          ),
          { type: ChannelType.GuildText, id: organisers, name: 'organisers' },
        ],
      },
    ],
    ...extra,
  };
}

let harness: DiscordHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start(options: Parameters<typeof discordHarness>[0] = {}): Promise<DiscordHarness> {
  harness = await discordHarness({ world: world(), ...options });
  return harness;
}

async function questionOf(h: DiscordHarness, key: string) {
  const programme = await h.store.programmes.findBySlug('staff-voice');
  const q = await h.store.questions.findByKey(programme?.id as string, key);
  if (!q) throw new Error(`no question ${key}`);
  return q;
}

async function open(h: DiscordHarness, key: string) {
  const q = await questionOf(h, key);
  const outcome = await openQuestion(h.deps, q.id);
  expect(outcome.failed).toEqual([]);
  const [posting] = await h.store.postings.listByQuestion(q.id);
  const at = parseMessageRef(posting?.messageRef);
  const thread = parseThreadRef(posting?.threadRef);
  if (!posting || !at || !thread) throw new Error(`${key} was not posted`);
  return { q, posting, at, thread, message: () => h.fake.message(at.messageId) as APIMessage };
}

const responses = (h: DiscordHarness, questionId: string, includeDeleted = false) =>
  h.store.responses.listByQuestion(questionId, { includeDeleted });

/** Every component of a message, rows unpacked. */
function componentsOf(message: APIMessage): Record<string, unknown>[] {
  return (message.components ?? []).flatMap((row) => ('components' in row ? (row.components as never[]) : []));
}

const errorsLogged = (h: DiscordHarness) => h.logger.lines.filter((l) => l.level === 'error');

describe('Discord adapter: questions', () => {
  it('posts a question as an embed with its controls, a public thread named after it, and its closing time', async () => {
    const h = await start();
    const { q, posting, at, thread, message } = await open(h, 'q-open');

    expect(posting.messageRef).toBe(`discord:${ids.guild}:${ids.general}:${at.messageId}`);
    expect(posting.threadRef).toBe(`discord:${ids.guild}:${thread.threadId}`);
    const embed = message().embeds[0];
    expect(embed?.title).toBe('What would most reduce your workload?');
    expect(embed?.author?.name).toBe('Staff voice');
    const closes = Math.floor((q.closesAt as Date).getTime() / 1000);
    expect(messageText(message())).toContain(`<t:${closes}:F> (<t:${closes}:R>)`);
    expect(componentsOf(message()).map((c) => c.label)).toEqual(['Answer privately']);
    expect(h.fake.channel(thread.threadId)).toMatchObject({ type: ChannelType.PublicThread, name: q.prompt });
    const sends = h.fake.calls({ method: 'POST', route: '/channels/:channelId/messages' });
    expect(sends.every((call) => (call.body as { allowed_mentions?: unknown }).allowed_mentions)).toBe(true);
    expect(sends[0]?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('posts into a forum as a post per question, tagged with its section, and records replies in the post', async () => {
    const h = await start({ staffroom: { platform: 'discord', workspaceId: ids.guild, channelId: ids.forum } });
    const { q, posting, thread } = await open(h, 'q-open');

    const call = await h.fake.waitForCall({ method: 'POST', route: '/channels/:channelId/threads' });
    expect(call.body).toMatchObject({ name: q.prompt, applied_tags: [workloadTag] });
    expect(posting.messageRef).toBe(messageRef(ids.guild, thread.threadId, thread.threadId));
    expect(h.fake.channel(thread.threadId)).toMatchObject({ parent_id: ids.forum, applied_tags: [workloadTag] });
    h.fake.userSendsMessage({ channelId: thread.threadId, userId: ids.bob, content: 'Fewer reports.' });
    await eventually(async () => expect((await responses(h, q.id)).map((r) => r.body)).toEqual(['Fewer reports.']));
  });

  it('names a long question in 100 characters and keeps a long introduction within the embed limits', async () => {
    const h = await start({
      programme: {
        intro: 'x',
        sections: [
          {
            id: 'long',
            title: 'Long',
            questions: [
              {
                id: 'q-long',
                kind: 'open',
                prompt: `Why ${'really '.repeat(60)}?`,
                intro: 'Background. '.repeat(1500),
              },
            ],
          },
        ],
      },
    });
    const { thread, message } = await open(h, 'q-long');
    expect((h.fake.channel(thread.threadId) as { name: string }).name.length).toBeLessThanOrEqual(100);
    expect(messageText(message())).toContain('Shortened');
  });
});

describe('Discord adapter: responses', () => {
  it('records messages in the thread with their reply chain, attachments as links, edits and deletions', async () => {
    const h = await start();
    const { q, thread } = await open(h, 'q-open');
    const first = h.fake.userSendsMessage({
      channelId: thread.threadId,
      userId: ids.alice,
      content: 'Meetings waste time.',
      attachments: [{ filename: 'minutes.txt', content: 'Three hours', contentType: 'text/plain' }],
    });
    await eventually(async () => expect(await responses(h, q.id)).toHaveLength(1));
    h.fake.userSendsMessage({
      channelId: thread.threadId,
      userId: ids.bob,
      content: 'Some are how we agree.',
      replyTo: first.message.id,
    });
    const [a, b] = await eventually(async () => {
      const found = await responses(h, q.id);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(b?.replyToId).toBe(a?.id);
    expect(a?.attachments).toEqual([{ name: 'minutes.txt', url: expect.stringContaining('/attachments/') }]);
    const author = await h.store.participants.findById(a?.participantId as string);
    expect(author).toMatchObject({ platformUserId: ids.alice, displayName: 'Alice' });

    h.fake.userEditsMessage({ messageId: first.message.id, content: 'Most meetings waste time.' });
    await eventually(async () =>
      expect((await h.store.responses.revisions(a?.id as string)).map((r) => r.body)).toEqual([
        'Most meetings waste time.',
      ]),
    );
    h.fake.userDeletesMessage({ messageId: first.message.id });
    await eventually(async () => expect(await responses(h, q.id)).toHaveLength(1));
    expect(await responses(h, q.id, true)).toHaveLength(2);
  });

  it("ignores Agora's own messages and messages outside question threads", async () => {
    const h = await start();
    const { q, thread } = await open(h, 'q-open');
    h.fake.userSendsMessage({ channelId: ids.general, userId: ids.bob, content: 'Not an answer' });
    h.fake.userSendsMessage({ channelId: ids.thread, userId: ids.bob, content: 'Another thread' });
    h.fake.userSendsMessage({ channelId: thread.threadId, userId: ids.bob, content: 'An answer' });
    await eventually(async () => expect((await responses(h, q.id)).map((r) => r.body)).toEqual(['An answer']));
    await h.adapter.platform.postMessage(
      { platform: 'discord', workspaceId: ids.guild, channelId: thread.threadId },
      'Agora speaks',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await responses(h, q.id)).toHaveLength(1);
  });

  it('stores once a MESSAGE_CREATE replayed after a resume', async () => {
    const h = await start();
    const { q, thread } = await open(h, 'q-open');
    const sent = h.fake.userSendsMessage({ channelId: thread.threadId, userId: ids.bob, content: 'Only once' });
    await eventually(async () => expect(await responses(h, q.id)).toHaveLength(1));
    h.fake.dropConnection();
    await eventually(async () =>
      expect(h.logger.lines.some((l) => /caught up/.test(l.message) && /resumed/.test(String(l.context.reason)))).toBe(
        true,
      ),
    );
    h.fake.replay(sent.dispatch as never);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await responses(h, q.id)).toHaveLength(1);
  });

  it('catches up, once, on messages written while the connection was down', async () => {
    const h = await start();
    const { q, thread } = await open(h, 'q-open');
    h.fake.userSendsMessage({ channelId: thread.threadId, userId: ids.bob, content: 'Before' });
    await eventually(async () => expect(await responses(h, q.id)).toHaveLength(1));
    h.fake.dropConnection();
    for (const content of ['Missed one', 'Missed two', 'Missed three']) {
      h.fake.userSendsMessage({ channelId: thread.threadId, userId: ids.alice, content, offline: true });
    }
    await eventually(async () =>
      expect((await responses(h, q.id)).map((r) => r.body)).toEqual([
        'Before',
        'Missed one',
        'Missed two',
        'Missed three',
      ]),
    );
    await h.adapter.catchUp('test');
    expect(await responses(h, q.id)).toHaveLength(4);
    const fetches = h.fake.calls({ method: 'GET', route: '/channels/:channelId/messages' });
    expect(fetches.at(-1)?.query.after).toBeDefined();
  });

  it('catches up at start on postings of its own guilds only, without failing on others', async () => {
    const h = await start();
    const { q } = await open(h, 'q-open');
    const [target] = await h.store.channels.targets(q.programmeId);
    const other = await questionOf(h, 'q-single');
    await h.store.questions.setStatus(other.id, 'open', new Date());
    await h.store.postings.create({
      questionId: other.id,
      channelTargetId: target?.id as string,
      messageRef: messageRef('999', '998', '997'),
      threadRef: 'discord:999:997',
      postedAt: new Date(),
    });
    await h.adapter.catchUp('test');
    const fetched = h.fake
      .calls({ method: 'GET', route: '/channels/:channelId/messages' })
      .map((c) => c.params.channelId);
    expect(fetched).not.toContain('997');
    expect(errorsLogged(h)).toEqual([]);
  });
});

describe('Discord adapter: polls', () => {
  it('casts and changes a single-choice vote with buttons, and shows live results in the embed', async () => {
    const h = await start();
    const { q, at, message } = await open(h, 'q-single');
    const keys = (await h.store.questions.options(q.id)).map((o) => o.key);
    const yes = h.fake.userClicksButton({
      customId: voteButtonId(q.id, '', 'yes', keys),
      userId: ids.bob,
      messageId: at.messageId,
    });
    expect(await shownInAnswer(yes)).toMatch(/^Your vote: Yes\./);
    expect(yes.originalMessage()?.flags).toBe(MessageFlags.Ephemeral);
    // Acknowledged once stored (a private deferral), then filled in with the core's notice, never pinging anyone.
    expect((await yes.response()).data).toEqual({ flags: MessageFlags.Ephemeral });
    const filledIn = h.fake.calls({ method: 'PATCH', route: '/webhooks/:applicationId/:token/messages/:messageId' });
    expect(filledIn.at(-1)?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    await eventually(async () => expect(messageText(message())).toMatch(/Yes: \*\*1\*\*/));
    const no = h.fake.userClicksButton({
      customId: voteButtonId(q.id, '', 'no', keys),
      userId: ids.bob,
      messageId: at.messageId,
    });
    expect(await shownInAnswer(no)).toMatch(/^Your vote: No\./);
    await eventually(async () =>
      expect((await h.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['no']]),
    );
    await eventually(async () => expect(messageText(message())).toMatch(/No: \*\*1\*\*/));
    expect(messageText(message())).not.toMatch(/Bob/);
  });

  it('offers a select with the question’s min and max for several choices, and keeps what was chosen', async () => {
    const h = await start();
    const { q, at, message } = await open(h, 'q-multi');
    const keys = (await h.store.questions.options(q.id)).map((o) => o.key);
    const select = componentsOf(message()).find((c) => c.type === ComponentType.StringSelect);
    expect(select).toMatchObject({ min_values: 1, max_values: 2 });
    expect(() =>
      h.fake.userSelects({
        customId: selectId(q.id, '', keys),
        values: keys.slice(0, 3),
        userId: ids.bob,
        messageId: at.messageId,
      }),
    ).toThrow(/takes 1 to 2/);
    const pick = h.fake.userSelects({
      customId: selectId(q.id, '', keys),
      values: ['marking', 'meetings'],
      userId: ids.bob,
      messageId: at.messageId,
    });
    expect(await shownInAnswer(pick)).toContain('Your choices: Marking, Meetings.');
    await eventually(async () =>
      expect((await h.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['marking', 'meetings']]),
    );
  });

  it('rates Likert items with a row of buttons each, hides results until close, then shows them with controls disabled', async () => {
    const h = await start();
    const { q, at, message } = await open(h, 'q-likert');
    const options = await h.store.questions.options(q.id);
    const keys = options.map((o) => o.key);
    expect(message().components).toHaveLength(2);
    expect(
      componentsOf(message())
        .map((c) => c.label)
        .slice(0, 5),
    ).toEqual(q.config.scale);
    const rate = h.fake.userClicksButton({
      customId: voteButtonId(q.id, keys[0] as string, '3', keys),
      userId: ids.bob,
      messageId: at.messageId,
    });
    expect(await shownInAnswer(rate)).toContain(`Your rating of “${options[0]?.label}”: Agree.`);
    await eventually(async () => expect(messageText(message())).toMatch(/1 person has voted\. Results are hidden/));
    expect(messageText(message())).not.toMatch(/average/);

    await closeQuestion(h.deps, q.id);
    expect(messageText(message())).toMatch(/Results/);
    expect(messageText(message())).toMatch(/average 4\.0 of 5/);
    expect(messageText(message())).toMatch(/closed/i);
    expect(componentsOf(message()).every((c) => c.disabled === true)).toBe(true);
  });

  it('ranks options in an ephemeral flow of successive selects', async () => {
    const h = await start();
    const { q, at } = await open(h, 'q-ranked');
    const keys = (await h.store.questions.options(q.id)).map((o) => o.key);
    const opened = h.fake.userClicksButton({
      customId: encodeCustomId({ kind: 'rank', questionId: q.id }),
      userId: ids.bob,
      messageId: at.messageId,
    });
    expect(await shownInAnswer(opened)).toContain('Pick your first choice.');
    const flow = opened.originalMessage() as APIMessage;
    expect(flow.flags).toBe(MessageFlags.Ephemeral);
    const first = h.fake.userSelects({
      customId: encodeCustomId({ kind: 'rank-step', questionId: q.id, picked: [] }),
      values: [String(keys.indexOf('time'))],
      userId: ids.bob,
      messageId: flow.id,
    });
    await first.response();
    expect(messageText(h.fake.message(flow.id))).toContain('Pick your second choice.');
    const second = h.fake.userSelects({
      customId: encodeCustomId({ kind: 'rank-step', questionId: q.id, picked: [keys.indexOf('time')] }),
      values: [String(keys.indexOf('pay'))],
      userId: ids.bob,
      messageId: flow.id,
    });
    await second.response();
    const save = h.fake.userClicksButton({
      customId: encodeCustomId({
        kind: 'rank-save',
        questionId: q.id,
        picked: [keys.indexOf('time'), keys.indexOf('pay')],
      }),
      userId: ids.bob,
      messageId: flow.id,
    });
    // Saving is stored before it is acknowledged; the core's notice of what was recorded then replaces the flow.
    expect((await save.response()).type).toBe(6);
    await eventually(async () =>
      expect(messageText(h.fake.message(flow.id))).toContain('Your order: 1. Time  2. Pay. Rank again to change it.'),
    );
    expect(h.fake.message(flow.id)?.components).toEqual([]);
    expect((await h.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['time', 'pay']]);
  });

  it('rates many Likert items in a private, paged form', async () => {
    const items = ['Planning', 'Marking', 'Reports', 'Meetings', 'Data', 'Cover', 'Duties'];
    const h = await start({
      programme: {
        sections: [
          {
            id: 'workload',
            title: 'Workload',
            questions: [{ id: 'q-many', kind: 'likert', prompt: 'How manageable is each?', items }],
          },
        ],
      },
    });
    const many = await open(h, 'q-many');
    const options = await h.store.questions.options(many.q.id);
    const keys = options.map((o) => o.key);
    expect(componentsOf(many.message()).map((c) => c.label)).toEqual(['Rate the items']);
    const form = h.fake.userClicksButton({
      customId: encodeCustomId({ kind: 'rate', questionId: many.q.id, page: 0 }),
      userId: ids.bob,
      messageId: many.at.messageId,
    });
    expect(await shownInAnswer(form)).toContain('Items 1–4 of 7');
    const page = form.originalMessage() as APIMessage;
    const next = h.fake.userClicksButton({
      customId: encodeCustomId({ kind: 'rate', questionId: many.q.id, page: 1 }),
      userId: ids.bob,
      messageId: page.id,
    });
    expect((await next.response()).type).toBe(7);
    expect(messageText(h.fake.message(page.id))).toContain('Items 5–7 of 7');
    const rate = h.fake.userSelects({
      customId: selectId(many.q.id, keys[6] as string, keys),
      values: ['4'],
      userId: ids.bob,
      messageId: page.id,
    });
    expect((await rate.response()).type).toBe(7);
    expect((await rate.followUp(0, 5000)).content).toContain('Your rating of “Duties”: Strongly agree.');
    const rated = componentsOf(h.fake.message(page.id) as APIMessage).find(
      (c) => c.custom_id === selectId(many.q.id, keys[6] as string, keys),
    );
    const shownOptions = (rated?.options ?? []) as { value: string; default?: boolean }[];
    expect(shownOptions.find((o) => o.default)?.value).toBe('4');
    expect((await h.store.votes.listByQuestion(many.q.id)).map((v) => [v.subject, v.choice])).toEqual([
      [keys[6], ['4']],
    ]);
  });

  it('refuses a vote on a closed poll privately, and the tally stays as it was', async () => {
    const h = await start();
    const { q, at, message } = await open(h, 'q-single');
    const keys = (await h.store.questions.options(q.id)).map((o) => o.key);
    await shownInAnswer(
      h.fake.userClicksButton({
        customId: voteButtonId(q.id, '', 'yes', keys),
        userId: ids.bob,
        messageId: at.messageId,
      }),
    );
    const open_ = message();
    await closeQuestion(h.deps, q.id);
    expect(() =>
      h.fake.userClicksButton({
        customId: voteButtonId(q.id, '', 'no', keys),
        userId: ids.alice,
        messageId: at.messageId,
      }),
    ).toThrow(/disabled/);
    // A click Discord accepted just before the close arrives after it.
    const closed = message();
    h.fake.world.messages.set(at.messageId, open_);
    const late = h.fake.userClicksButton({
      customId: voteButtonId(q.id, '', 'no', keys),
      userId: ids.alice,
      messageId: at.messageId,
    });
    h.fake.world.messages.set(at.messageId, closed);
    expect(await shownInAnswer(late)).toMatch(/closed/);
    expect(late.originalMessage()?.flags).toBe(MessageFlags.Ephemeral);
    expect((await h.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['yes']]);
  });
});

describe('Discord adapter: statements', () => {
  /** The labels of a message's buttons, row by row. */
  const labels = (message: APIMessage | undefined) =>
    (message?.components ?? []).map((row) =>
      ('components' in row ? (row.components as { label?: string }[]) : []).map((c) => c.label),
    );

  it('deals statements privately from the question, one card at a time, updated in place; refuses once closed', async () => {
    const h = await start();
    const { q, at, message } = await open(h, 'q-statements');
    expect(labels(message())).toEqual([['Vote on the statements', 'Add a statement']]);
    expect(messageText(message())).toContain('Press **Vote on the statements** to be shown them one at a time');

    const asked = h.fake.userClicksButton({
      customId: encodeCustomId({ kind: 'deal', questionId: q.id }),
      userId: ids.bob,
      messageId: at.messageId,
    });
    const first = await shownInAnswer(asked);
    const card = asked.originalMessage() as APIMessage;
    expect(card.flags).toBe(MessageFlags.Ephemeral);
    expect(first).toContain('0 of 2 voted');
    expect(labels(card)).toEqual([['Agree', 'Disagree', 'Pass', 'Add a statement', 'Where do I stand']]);
    const [firstStatement] = (await h.store.questions.options(q.id)).filter((o) => first.includes(o.label));

    const agree = componentsOf(card).find((c) => c.label === 'Agree')?.custom_id as string;
    const answered = h.fake.userClicksButton({ customId: agree, userId: ids.bob, messageId: card.id });
    expect((await answered.response()).type).toBe(7);
    const second = messageText(h.fake.message(card.id));
    expect(second).toContain('1 of 2 voted');
    expect(second).not.toContain(firstStatement?.label);
    const pass = componentsOf(h.fake.message(card.id) as APIMessage).find((c) => c.label === 'Pass');
    await h.fake
      .userClicksButton({ customId: pass?.custom_id as string, userId: ids.bob, messageId: card.id })
      .response();
    expect(messageText(h.fake.message(card.id))).toContain('You have voted on all 2 statements');
    // Nothing left to vote on: only the ways to add a statement of one's own and to see where one stands stay.
    expect(componentsOf(h.fake.message(card.id) as APIMessage).map((c) => c.label)).toEqual([
      'Add a statement',
      'Where do I stand',
    ]);
    await eventually(async () =>
      expect((await h.store.votes.listByQuestion(q.id)).map((v) => v.choice[0]).sort()).toEqual(['agree', 'pass']),
    );
    await eventually(async () => expect(messageText(message())).toMatch(/1 person has voted/));

    const beforeClose = message();
    await closeQuestion(h.deps, q.id);
    expect(componentsOf(message()).every((c) => c.disabled === true)).toBe(true);
    // A click Discord accepted just before the close arrives after it.
    h.fake.world.messages.set(at.messageId, beforeClose);
    const late = h.fake.userClicksButton({
      customId: encodeCustomId({ kind: 'deal', questionId: q.id }),
      userId: ids.alice,
      messageId: at.messageId,
    });
    expect(await shownInAnswer(late)).toBe('This question is closed, so you cannot vote on its statements now.');
  });

  it('takes a statement in a form, holds it for review, and lets only an organiser approve it', async () => {
    const h = await start({
      programme: { statement_approval: true },
      organisersChannel: { platform: 'discord', workspaceId: ids.guild, channelId: organisers },
    });
    const { q, at } = await open(h, 'q-statements');
    const customId = encodeCustomId({ kind: 'add-statement', questionId: q.id });
    expect(
      (await h.fake.userClicksButton({ customId, userId: ids.bob, messageId: at.messageId }).response()).type,
    ).toBe(9);
    const added = h.fake.userSubmitsModal({
      customId,
      fields: { statement: 'Reports could be shorter' },
      userId: ids.bob,
    });
    expect(await shownInAnswer(added)).toMatch(/"Reports could be shorter" is waiting for an organiser's approval/);

    const [review] = h.fake.messagesIn(organisers);
    expect(messageText(review)).toContain('Reports could be shorter');
    expect(messageText(review)).toContain('Agree or disagree?');
    expect(messageText(review)).not.toContain('Bob');
    expect(labels(review)).toEqual([['Approve', 'Reject']]);
    const approve = componentsOf(review as APIMessage).find((c) => c.label === 'Approve')?.custom_id as string;
    expect(approve.length).toBeLessThanOrEqual(100);

    const refused = h.fake.userClicksButton({ customId: approve, userId: ids.bob, messageId: review?.id });
    expect(await shownInAnswer(refused)).toMatch(/^Only organisers can approve or reject statements/);
    expect(refused.originalMessage()?.flags).toBe(MessageFlags.Ephemeral);
    expect(labels(h.fake.message(review?.id as string))).toEqual([['Approve', 'Reject']]);

    const approved = h.fake.userClicksButton({ customId: approve, userId: dana, messageId: review?.id });
    expect(await shownInAnswer(approved)).toBe('Approved by Dana: "Reports could be shorter"');
    expect(approved.originalMessage()?.flags).toBe(MessageFlags.Ephemeral);
    expect((await h.store.questions.options(q.id)).map((o) => o.label)).toContain('Reports could be shorter');
    // Everyone in the channel now sees the decision, with nothing left to press.
    await eventually(async () => expect(labels(h.fake.message(review?.id as string))).toEqual([]));
    expect(messageText(h.fake.message(review?.id as string))).toContain('Approved by Dana');
  });
});

describe('Discord adapter: private answers', () => {
  it('takes an answer in a modal, stores it privately, and fills in the reply with the receipt', async () => {
    const h = await start();
    const { q, at } = await open(h, 'q-open');
    const click = h.fake.userClicksButton({
      customId: encodeCustomId({ kind: 'answer', questionId: q.id }),
      userId: ids.bob,
      messageId: at.messageId,
    });
    expect(await click.response()).toMatchObject({ type: 9, data: { title: 'Answer privately' } });
    const submitted = h.fake.userSubmitsModal({
      customId: encodeCustomId({ kind: 'answer', questionId: q.id }),
      fields: { answer: 'Privately: the data drops. @everyone' },
      userId: ids.bob,
    });
    expect(await shownInAnswer(submitted)).toBe(
      "Thank you: your private answer to “What would most reduce your workload?” is recorded. Only the organisers' digest counts it, never quoted in the channel.",
    );
    expect(submitted.originalMessage()?.flags).toBe(MessageFlags.Ephemeral);
    const [response] = await responses(h, q.id);
    expect(response).toMatchObject({ private: true, body: 'Privately: the data drops. @everyone' });
    expect(h.fake.messagesIn(h.fake.dmChannelId(ids.bob))).toEqual([]);
  });

  it('reaches someone who refuses DMs in the interaction, with the receipt and with later private messages', async () => {
    const h = await start();
    const { q, at } = await open(h, 'q-open');
    await h.fake
      .userClicksButton({
        customId: encodeCustomId({ kind: 'answer', questionId: q.id }),
        userId: ids.carol,
        messageId: at.messageId,
      })
      .response();
    const submitted = h.fake.userSubmitsModal({
      customId: encodeCustomId({ kind: 'answer', questionId: q.id }),
      fields: { answer: 'Mine alone' },
      userId: ids.carol,
    });
    expect(await shownInAnswer(submitted)).toContain('your private answer to');
    expect(submitted.originalMessage()?.flags).toBe(MessageFlags.Ephemeral);
    expect(
      await h.adapter.platform.sendPrivate({ platformUserId: ids.carol, workspaceId: ids.guild }, 'A reminder'),
    ).toBe('ephemeral');
    expect(
      await h.adapter.platform.sendPrivate({ platformUserId: ids.bob, workspaceId: ids.guild }, 'A reminder'),
    ).toBe('direct');
  });
});

describe('Discord adapter: /agora', () => {
  const run = (h: DiscordHarness, userId: string, subcommand: string, options?: Record<string, string>) =>
    h.fake.userRunsSlashCommand({
      name: 'agora',
      subcommand,
      ...(options && { options }),
      userId,
      channelId: ids.general,
    });

  it('runs organiser commands for a member with the organiser role, and refuses a participant politely', async () => {
    const h = await start();
    const refused = await shownInAnswer(run(h, ids.bob, 'open', { question: 'staff-voice/q-open' }));
    expect(refused).toMatch(/for the consultation's organisers/);
    const opened = await shownInAnswer(run(h, dana, 'open', { question: 'staff-voice/q-open' }));
    expect(opened).toContain('Opened "q-open": posted to 1 channel(s)');
    const q = await questionOf(h, 'q-open');
    expect(await h.store.postings.listByQuestion(q.id)).toHaveLength(1);
    const byOwner = await shownInAnswer(run(h, ids.alice, 'close', { question: 'staff-voice/q-open' }));
    expect(byOwner).toContain('Closed "q-open"');
  });

  it('splits a reply over 2,000 characters into messages Discord accepts', async () => {
    const registry: CommandRegistry = createCommandRegistry(null);
    registry.register({
      name: 'long',
      usage: 'long',
      summary: 'a long answer',
      organiserOnly: false,
      run: async () => privateReply(Array.from({ length: 50 }, (_, i) => `Line ${i}: ${'word '.repeat(9)}`).join('\n')),
    });
    const h = await start({ registry });
    const handle = run(h, ids.bob, 'run', { command: 'long' });
    const first = await shownInAnswer(handle);
    const second = await handle.followUp(0);
    expect(first.length).toBeLessThanOrEqual(2000);
    expect(first).toContain('Line 0:');
    expect(second.content).toContain('Line 49:');
    expect(second.flags).toBe(MessageFlags.Ephemeral);
    const refused = h.fake.calls((call) => call.status >= 400 && call.route !== '');
    expect(refused).toEqual([]);
  });

  it('sends mydata as a file attachment', async () => {
    const h = await start();
    const handle = h.fake.userRunsSlashCommand({
      name: 'agora',
      subcommand: 'mydata',
      userId: ids.bob,
      channelId: ids.general,
    });
    expect(await shownInAnswer(handle)).toContain('Here is everything Agora holds from you');
    expect(handle.originalMessage()?.attachments.map((a) => a.filename)).toEqual(['agora-my-data.json']);
  });

  it('registers /agora in a guild from the command line, against the configured API', async () => {
    const h = await start();
    h.fake.world.commands.clear();
    const result = await runAgoraCli(['discord', 'register-commands', '--guild', ids.guild], {
      DISCORD_TOKEN: h.fake.token,
      DISCORD_APPLICATION_ID: h.fake.applicationId,
      DISCORD_API_URL: h.fake.apiUrl,
      NO_COLOR: '1',
    });
    expect(result.output).toContain(`Registered /agora in guild ${ids.guild}`);
    expect(result.code).toBe(0);
    expect(h.fake.world.commands.get(ids.guild)?.map((c) => c.name)).toEqual(['agora']);
    const puts = h.fake.calls({ method: 'PUT', route: '/applications/:applicationId/guilds/:guildId/commands' });
    expect(puts.at(-1)).toMatchObject({ status: 200, body: [{ name: 'agora' }] });
  }, 60_000);
});

describe('Discord adapter: message content, permissions and rate limits', () => {
  it('without the Message Content intent, says what to enable and takes replies through the Respond button', async () => {
    const h = await start({ world: world({ messageContent: 'disabled' }) });
    const advice = h.logger.lines.filter((l) => /Message Content Intent/.test(l.message));
    expect(advice).toHaveLength(1);
    expect(advice[0]?.message).toMatch(/Developer Portal/);
    expect(h.fake.identifies.map((i) => i.intents & (1 << 15))).toEqual([1 << 15, 0]);
    const { q, at, thread } = await open(h, 'q-open');
    const respond = encodeCustomId({ kind: 'respond', questionId: q.id });
    await h.fake.userClicksButton({ customId: respond, userId: ids.bob, messageId: at.messageId }).response();
    const submitted = h.fake.userSubmitsModal({
      customId: respond,
      fields: { answer: 'Through the modal' },
      userId: ids.bob,
    });
    expect(await shownInAnswer(submitted)).toContain('posted in the thread');
    // Answered once stored; applied by the core a moment later.
    const [response] = await eventually(async () => {
      const found = await responses(h, q.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(response).toMatchObject({ body: 'Through the modal', private: false });
    expect(h.fake.messagesIn(thread.threadId).at(-1)?.content).toContain('Through the modal');
  });

  it('notices content arriving empty, says so once, and adds the Respond button', async () => {
    const h = await start({ world: world({ messageContent: 'empty' }) });
    const { thread, message } = await open(h, 'q-open');
    expect(componentsOf(message()).map((c) => c.label)).toEqual(['Answer privately']);
    h.fake.userSendsMessage({ channelId: thread.threadId, userId: ids.bob, content: 'Invisible' });
    h.fake.userSendsMessage({ channelId: thread.threadId, userId: ids.alice, content: 'Also invisible' });
    await eventually(async () =>
      expect(componentsOf(message()).map((c) => c.label)).toEqual(['Respond', 'Answer privately']),
    );
    expect(h.logger.lines.filter((l) => /Message Content Intent/.test(l.message))).toHaveLength(1);
  });

  it('on Missing Permissions, logs the channel and permission, tells the organisers, and fails retryably', async () => {
    const general = { platform: 'discord' as const, workspaceId: ids.guild, channelId: ids.general };
    const h = await start({
      staffroom: { platform: 'discord', workspaceId: ids.guild, channelId: ids.readOnly },
      organisersChannel: general,
    });
    const q = await questionOf(h, 'q-open');
    const outcome = await openQuestion(h.deps, q.id);
    expect(outcome.failed).toHaveLength(1);
    const line = errorsLogged(h).find((l) => /Could not post a question/.test(l.message));
    expect(line?.message).toContain('#announcements');
    expect(line?.context).toMatchObject({
      channel: ids.readOnly,
      permission: expect.stringContaining('Send Messages'),
      discordCode: 50013,
    });
    expect(h.fake.messagesIn(ids.general).at(-1)?.content).toMatch(
      /^Agora could not post the question ".+" in <#1100000000000000024>\. Agora lacks permissions/,
    );
    const error = await h.adapter.platform
      .postQuestion(
        { platform: 'discord', workspaceId: ids.guild, channelId: ids.hidden },
        {
          ...(await import('../../src/core/consultation/question-card.ts').then((m) =>
            m.buildQuestionCard(h.store, q),
          )),
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgoraError);
    expect(error).toMatchObject({
      code: 'PLATFORM_ERROR',
      details: { retryable: true, discordCode: 50001, permission: 'View Channel' },
    });
  });

  it('waits out a 429 and posts anyway (discord.js honours the rate limit)', async () => {
    const h = await start();
    h.fake.rateLimit({ method: 'POST', route: '/channels/:channelId/messages', times: 1, retryAfterSeconds: 0.1 });
    await open(h, 'q-open');
    expect(h.fake.calls({ method: 'POST', route: '/channels/:channelId/messages' }).map((c) => c.status)).toEqual([
      429, 200,
    ]);
  });

  it('identifies with the shard set explicitly and the four intents', async () => {
    const h = await start();
    expect(h.fake.identifies[0]?.shard).toEqual([0, 1]);
    expect(h.fake.identifies[0]?.intents).toBe(1 | (1 << 9) | (1 << 12) | (1 << 15));
  });
});

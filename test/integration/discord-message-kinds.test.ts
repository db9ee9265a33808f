import { type APIMessage, MessageType } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCustomId } from '../../adapters/discord/custom-ids.ts';
import { eventually } from '../contract/platform-suite.ts';
import { defaultIds as ids } from '../fakes/discord/default-world.ts';
import { type DiscordHarness, discordHarness, openedOpenQuestion } from '../support/discord-driver.ts';

// What counts as a response on Discord (adapters/discord/inbound/message-kinds.ts), through the real client and the fake:
// people's messages and replies, with files or written with /me, count; other apps, webhooks and Discord's own
// notices do not; an unfurl is not an edit. And what 15-minute interaction tokens and 2,000 characters do to
// private messages.

let harness: DiscordHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function opened() {
  harness = await discordHarness();
  const h = harness;
  const { q, at, threadId } = await openedOpenQuestion(h);
  const responses = () => h.store.responses.listByQuestion(q.id);
  /** A person's message after the others: once it is recorded, everything sent before it has been handled. */
  const marker = async (count: number) => {
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'Marker' });
    await eventually(async () => expect(await responses()).toHaveLength(count));
  };
  return { h, q, at, threadId, responses, marker };
}

describe('Discord: what counts as a response', () => {
  it('records a message with only a file, and one written with /me, as they were sent', async () => {
    const { h, threadId, responses } = await opened();
    h.fake.userSendsMessage({
      channelId: threadId,
      userId: ids.bob,
      content: '',
      attachments: [{ filename: 'timetable.pdf', content: 'PDF', contentType: 'application/pdf' }],
    });
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.carol, content: '_sighs at the marking_' });
    await eventually(async () => expect(await responses()).toHaveLength(2));
    const [file, me] = await responses();
    expect(file?.body).toBe('');
    expect(file?.attachments).toEqual([expect.objectContaining({ name: 'timetable.pdf' })]);
    expect(me?.body).toBe('_sighs at the marking_');
  });

  it("records nothing from another app's bot, a webhook, or Discord's own notices", async () => {
    const { h, threadId, responses, marker } = await opened();
    h.fake.otherAppPosts({ channelId: threadId, content: 'Standup in 5 minutes', via: 'bot' });
    h.fake.otherAppPosts({ channelId: threadId, content: 'Build passed', via: 'webhook' });
    h.fake.systemMessage({ channelId: threadId, userId: ids.bob, type: MessageType.ChannelPinnedMessage });
    h.fake.systemMessage({ channelId: threadId, userId: ids.bob, type: MessageType.UserJoin });
    await marker(1);
    expect((await responses()).map((r) => r.body)).toEqual(['Marker']);
  });
});

describe('Discord: interaction tokens and message length', () => {
  it('stops following up on an interaction once its 15-minute token has expired, and says it was not delivered', async () => {
    const { h, q, at } = await opened();
    await h.fake
      .userClicksButton({
        customId: encodeCustomId({ kind: 'answer', questionId: q.id }),
        userId: ids.carol,
        messageId: at.messageId,
      })
      .response();
    await h.fake
      .userSubmitsModal({
        customId: encodeCustomId({ kind: 'answer', questionId: q.id }),
        fields: { answer: 'Mine alone' },
        userId: ids.carol,
      })
      .response();
    // Carol refuses DMs: what Agora tells her privately can only go as a follow-up on her latest interaction.
    const carol = { platformUserId: ids.carol, workspaceId: ids.guild };
    h.fake.advanceClock(14 * 60_000);
    expect(await h.adapter.platform.sendPrivate(carol, 'Still within the quarter hour')).toBe('ephemeral');
    h.fake.advanceClock(2 * 60_000);
    expect(await h.adapter.platform.sendPrivate(carol, 'Too late for this token')).toBe('undelivered');
    const refused = h.fake.calls().filter((c) => c.route.startsWith('/webhooks/') && c.status === 401);
    expect(refused).toHaveLength(1);
  });

  it('splits a long direct message at 2,000 characters, losing nothing', async () => {
    const { h } = await opened();
    const paragraph = (n: number) => `Paragraph ${n}: ${'the week ahead, in some detail. '.repeat(20)}`.trim();
    const text = Array.from({ length: 8 }, (_, i) => paragraph(i + 1)).join('\n\n');
    expect(text.length).toBeGreaterThan(4000);
    expect(await h.adapter.platform.sendPrivate({ platformUserId: ids.bob, workspaceId: ids.guild }, text)).toBe(
      'direct',
    );
    const sent = h.fake.messagesIn(h.fake.dmChannelId(ids.bob)).map((m: APIMessage) => m.content);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const piece of sent) expect(piece.length).toBeLessThanOrEqual(2000);
    expect(sent.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});

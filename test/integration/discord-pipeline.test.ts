import { type APIMessage, GatewayDispatchEvents, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCustomId } from '../../adapters/discord/custom-ids.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import type { InboundEvent } from '../../src/core/inbound/inbound-event.ts';
import { eventually } from '../contract/platform-suite.ts';
import { defaultIds as ids } from '../fakes/discord/default-world.ts';
import { type DiscordHarness, discordHarness, openedOpenQuestion, shownInAnswer } from '../support/discord-driver.ts';

// Discord on the inbound pipeline: nothing is acknowledged before it is stored, a failure to store is said plainly,
// catch-up hands the core what was missed (edits and deletions too), and no packet ends the process.

let harness: DiscordHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const CALLBACK = { method: 'POST', route: '/interactions/:interactionId/:token/callback' };

async function openIn(options: Parameters<typeof discordHarness>[0] = {}) {
  harness = await discordHarness(options);
  const h = harness;
  const { q, at, threadId } = await openedOpenQuestion(h);
  const responses = (includeDeleted = false) => h.store.responses.listByQuestion(q.id, { includeDeleted });
  return { h, q, messageId: at.messageId, threadId, responses };
}

/** A consultation whose submissions wait for `release`, telling `entered` each time one arrives. */
function holding() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const entered: InboundEvent[] = [];
  const storedAt = new Map<string, number>();
  const wrap = (inner: Consultation): Consultation => ({
    ...inner,
    async submit(event) {
      entered.push(event);
      await gate;
      const result = await inner.submit(event);
      storedAt.set(event.key, Date.now());
      return result;
    },
  });
  return { wrap, release: () => release(), entered, storedAt };
}

async function submitPrivateAnswer(h: DiscordHarness, questionId: string, messageId: string, text: string) {
  const customId = encodeCustomId({ kind: 'answer', questionId });
  await h.fake.userClicksButton({ customId, userId: ids.bob, messageId }).response();
  return h.fake.userSubmitsModal({ customId, fields: { answer: text }, userId: ids.bob });
}

describe('Discord interactions are answered only once stored', () => {
  it('keeps the interaction unanswered while its event is not in the inbox, then defers and fills it in', async () => {
    const held = holding();
    const { h, q, messageId, responses } = await openIn({ wrap: held.wrap });
    const submitted = await submitPrivateAnswer(h, q.id, messageId, 'Kept before answered');
    await eventually(async () => expect(held.entered.map((e) => e.kind)).toEqual(['answer.private']));
    const key = held.entered[0]?.key as string;
    // Submitted but not committed: Discord has not been told anything, and nothing is in the inbox.
    expect(h.fake.calls(CALLBACK).filter((c) => c.params.interactionId === submitted.id)).toEqual([]);
    expect(await h.store.inbox.list('pending', 10)).toEqual([]);

    held.release();
    const callback = await submitted.response();
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const [answered] = h.fake.calls(CALLBACK).filter((c) => c.params.interactionId === submitted.id);
    expect(answered?.at).toBeGreaterThanOrEqual(held.storedAt.get(key) as number);
    expect(await shownInAnswer(submitted)).toContain('your private answer to');
    expect((await responses()).map((r) => r.body)).toEqual(['Kept before answered']);
  });

  it('tells the person plainly that nothing was recorded when the inbox cannot take it', async () => {
    const { h, q, messageId, responses } = await openIn({
      wrap: (inner) => ({
        ...inner,
        submit: async (event) => {
          if (event.kind === 'answer.private') throw new Error('the database system is shutting down');
          return inner.submit(event);
        },
      }),
    });
    const submitted = await submitPrivateAnswer(h, q.id, messageId, 'Lost?');
    const callback = await submitted.response();
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(String((callback.data as { content?: string }).content)).toMatch(/not recorded.*try again/i);
    expect(await responses()).toEqual([]);
    expect(h.logger.lines.some((l) => l.level === 'error' && /could not be stored/.test(l.message))).toBe(true);
  });
});

describe('Discord catch-up through the pipeline', () => {
  it('picks up messages, edits and deletions made while away, with the keys the live events would have had', async () => {
    const { h, threadId, responses } = await openIn();
    const kept = h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'Before' });
    const doomed = h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'Soon deleted' });
    await eventually(async () => expect(await responses()).toHaveLength(2));
    h.fake.dropConnection();
    h.fake.userEditsMessage({ messageId: kept.message.id, content: 'Before, edited while away', offline: true });
    h.fake.userDeletesMessage({ messageId: doomed.message.id, offline: true });
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.carol, content: 'Missed', offline: true });
    await eventually(async () =>
      expect((await responses()).map((r) => r.body)).toEqual(['Before, edited while away', 'Missed']),
    );
    expect((await responses(true)).find((r) => r.body === 'Soon deleted')?.deletedAt).not.toBeNull();

    // Again: everything is a duplicate in the inbox, so nothing changes.
    const before = (await h.store.inbox.counts()).applied;
    await h.adapter.catchUp('test');
    await h.pipeline.drain();
    expect((await h.store.inbox.counts()).applied).toBe(before);
    const [first] = await responses();
    expect(await h.store.responses.revisions(first?.id as string)).toHaveLength(1);
  });

  it('reads a thread to its end, however many pages, and logs how far it got', async () => {
    const { h, threadId, responses } = await openIn();
    h.fake.dropConnection();
    for (let i = 0; i < 230; i++) {
      h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: `Reply ${i}`, offline: true });
    }
    await eventually(async () => expect(await responses()).toHaveLength(230), 20_000);
    const caughtUp = h.logger.lines.filter((l) => /caught up on Discord threads/.test(l.message)).at(-1);
    expect(caughtUp?.context).toMatchObject({ threads: 1, failed: 0 });
  }, 40_000);
});

describe('Discord packets never end the process', () => {
  it('takes payloads without their optional fields, and malformed ones, and keeps recording', async () => {
    const { h, threadId, responses } = await openIn();
    const sent = h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'Whole' });
    await eventually(async () => expect(await responses()).toHaveLength(1));
    const replay = (t: GatewayDispatchEvents, d: unknown) => h.fake.replay({ t, d } as never);
    replay(GatewayDispatchEvents.MessageUpdate, { id: sent.message.id, channel_id: threadId });
    replay(GatewayDispatchEvents.MessageUpdate, {
      id: sent.message.id,
      channel_id: threadId,
      guild_id: ids.guild,
      content: 'Edited, nothing else',
      edited_timestamp: new Date().toISOString(),
    });
    replay(GatewayDispatchEvents.MessageDelete, { id: '1100000000000009990', channel_id: threadId });
    replay(GatewayDispatchEvents.MessageDeleteBulk, { channel_id: threadId, guild_id: ids.guild });
    replay(GatewayDispatchEvents.MessageCreate, {
      ...(sent.dispatch?.d as APIMessage),
      id: '1100000000000009991',
      timestamp: 'not a time',
      content: 'Odd time',
    });
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'Still here' });
    await eventually(async () =>
      expect((await responses()).map((r) => r.body).sort()).toEqual(['Edited, nothing else', 'Odd time', 'Still here']),
    );
    // discord.js itself cannot read the bulk deletion without its ids: logged with the event, and left.
    expect(h.logger.lines.find((l) => /could not read a gateway packet/.test(l.message))?.context).toMatchObject({
      event: GatewayDispatchEvents.MessageDeleteBulk,
    });
  });
});

import type { APIMessage } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../contract/platform-suite.ts';
import { defaultIds as ids } from '../fakes/discord/default-world.ts';
import { withoutOptionalFields } from '../fakes/discord/simulate-odd-shapes.ts';
import { type DiscordHarness, discordHarness, openedOpenQuestion } from '../support/discord-driver.ts';

// Discord as its documentation shows it, beyond the ordinary reply: forwards, content withheld or not, bulk
// deletions, link unfurls, op 7 Reconnect, payloads without their optional fields, events out of order.

let harness: DiscordHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function openIn(options: Parameters<typeof discordHarness>[0] = {}) {
  harness = await discordHarness(options);
  const h = harness;
  const { q, at, threadId } = await openedOpenQuestion(h);
  const labels = () =>
    ((h.fake.message(at.messageId) as APIMessage).components ?? []).flatMap((row) =>
      'components' in row ? row.components.map((c) => ('label' in c ? c.label : '')) : [],
    );
  const responses = (includeDeleted = false) => h.store.responses.listByQuestion(q.id, { includeDeleted });
  return { h, q, threadId, labels, responses };
}

const warnings = (h: DiscordHarness) => h.logger.lines.filter((l) => /Message Content Intent/.test(l.message));

describe('Discord forwards', () => {
  it('records a forward as a response quoting the forwarded text, not as a reply, and keeps content readable', async () => {
    const { h, threadId, labels, responses } = await openIn();
    const original = h.fake.userSendsMessage({
      channelId: ids.general,
      userId: ids.alice,
      content: 'Marking takes my evenings.\nEvery week.',
    });
    h.fake.userForwardsMessage({ messageId: original.message.id, toChannelId: threadId, userId: ids.bob });
    h.fake.userForwardsMessage({ messageId: original.message.id, toChannelId: threadId, userId: ids.carol });
    await eventually(async () => expect(await responses()).toHaveLength(2));
    const [first] = await responses();
    expect(first?.body).toBe('> Marking takes my evenings.\n> Every week.');
    expect(first?.replyToId).toBeNull();
    expect(labels()).toEqual(['Answer privately']);
    expect(warnings(h)).toHaveLength(0);
  });
});

describe('Discord message content: judged across messages, never from one', () => {
  it('says content is withheld only after empty messages from several people, and switches back without a restart', async () => {
    const { h, threadId, labels, responses } = await openIn({ world: { messageContent: 'empty' } });
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'Invisible' });
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'Also invisible' });
    await eventually(async () => expect(labels()).toEqual(['Respond', 'Answer privately']));
    expect(warnings(h)).toHaveLength(1);

    // The intent is granted in the Developer Portal: messages arrive whole again.
    h.fake.world.messageContent = 'enabled';
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.carol, content: 'Visible again' });
    await eventually(async () => expect((await responses()).map((r) => r.body)).toEqual(['Visible again']));
    await eventually(async () => expect(labels()).toEqual(['Answer privately']));
  });

  it('is not fooled by one empty message when the application holds the intent', async () => {
    const { h, threadId, labels, responses } = await openIn();
    const sent = h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'Soon emptied' });
    // A message that arrives with nothing readable, as a forward of withheld content or a voice message might.
    h.fake.replay({
      t: sent.dispatch?.t as never,
      d: { ...(sent.dispatch?.d as object), id: '1100000000000009999', content: '', attachments: [], embeds: [] },
    });
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'Readable' });
    await eventually(async () => expect((await responses()).map((r) => r.body)).toEqual(['Soon emptied', 'Readable']));
    expect(labels()).toEqual(['Answer privately']);
    expect(warnings(h)).toHaveLength(0);
  });
});

describe('Discord odd shapes', () => {
  it('marks every response of a MESSAGE_DELETE_BULK deleted', async () => {
    const { h, threadId, responses } = await openIn();
    const a = h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'One' });
    const b = h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'Two' });
    await eventually(async () => expect(await responses()).toHaveLength(2));
    h.fake.moderatorBulkDeletes({ channelId: threadId, messageIds: [a.message.id, b.message.id] });
    await eventually(async () => expect(await responses()).toHaveLength(0));
    expect((await responses(true)).every((r) => r.deletedAt !== null)).toBe(true);
  });

  it('does not count a link unfurl (MESSAGE_UPDATE without edited_timestamp) as an edit', async () => {
    const { h, threadId, responses } = await openIn();
    const sent = h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'See https://example.org' });
    await eventually(async () => expect(await responses()).toHaveLength(1));
    h.fake.linkUnfurled({ messageId: sent.message.id, url: 'https://example.org' });
    h.fake.userEditsMessage({ messageId: sent.message.id, content: 'See https://example.org, page 2' });
    await eventually(async () => expect((await responses())[0]?.body).toBe('See https://example.org, page 2'));
    const [response] = await responses();
    expect(await h.store.responses.revisions(response?.id as string)).toHaveLength(1);
  });

  it('reconnects on op 7 and records what was sent meanwhile, once', async () => {
    const { h, threadId, responses } = await openIn();
    h.fake.requestReconnect();
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'During the reconnect' });
    await eventually(async () => expect((await responses()).map((r) => r.body)).toEqual(['During the reconnect']));
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'After it' });
    await eventually(async () => expect(await responses()).toHaveLength(2));
  });

  it('records a MESSAGE_CREATE with only the fields Discord always sends, and survives one without an author', async () => {
    const { h, threadId, responses } = await openIn();
    const held = h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'Bare', held: true });
    h.fake.replay(withoutOptionalFields(held.dispatch as never));
    const broken: Record<string, unknown> = { ...(held.dispatch?.d as object), id: '1100000000000009998' };
    delete broken.author;
    h.fake.replay({ t: held.dispatch?.t as never, d: broken });
    h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'Still here' });
    await eventually(async () => expect((await responses()).map((r) => r.body).sort()).toEqual(['Bare', 'Still here']));
  });
});

describe('Discord events out of order', () => {
  it('applies an edit delivered before its message once the message arrives, once', async () => {
    const { h, threadId, responses } = await openIn();
    const held = h.fake.userSendsMessage({ channelId: threadId, userId: ids.bob, content: 'First words', held: true });
    h.fake.userEditsMessage({ messageId: held.message.id, content: 'Second thoughts' });
    // The edit is kept, and tried against a message that is not there yet.
    await eventually(async () =>
      expect(h.ingested.filter((e) => e.kind === 'edit').map((e) => e.outcome)).toEqual(['stored']),
    );
    await eventually(async () =>
      expect((await h.store.inbox.list('pending', 10)).map((e) => e.lastError)).toEqual([
        expect.stringMatching(/^waiting for discord:/),
      ]),
    );
    expect(await responses()).toEqual([]);
    h.fake.replay(held.dispatch as never);
    await eventually(async () => expect((await responses()).map((r) => r.body)).toEqual(['Second thoughts']), 15_000);
    const [response] = await responses();
    expect((await h.store.responses.revisions(response?.id as string)).map((r) => r.body)).toEqual(['Second thoughts']);
  }, 30_000);

  it('applies a deletion delivered before its message once the message arrives', async () => {
    const { h, threadId, responses } = await openIn();
    const held = h.fake.userSendsMessage({ channelId: threadId, userId: ids.alice, content: 'Gone soon', held: true });
    h.fake.userDeletesMessage({ messageId: held.message.id });
    await eventually(async () =>
      expect(h.ingested.filter((e) => e.kind === 'delete').map((e) => e.outcome)).toEqual(['stored']),
    );
    h.fake.replay(held.dispatch as never);
    await eventually(
      async () => expect((await responses(true)).map((r) => r.deletedAt !== null)).toEqual([true]),
      15_000,
    );
    expect(await responses()).toEqual([]);
  }, 30_000);
});

import { MessageType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { isPersonsEdit as isDiscordEdit, messageKind } from '../../../adapters/discord/inbound/message-kinds.ts';
import { isPersonsEdit as isSlackEdit, messageDecision } from '../../../adapters/slack/inbound/message-subtypes.ts';

describe('Slack: which messages a person wrote', () => {
  const person = { user: 'U123' };
  it.each([
    ['a plain message', {}],
    ['/me', { subtype: 'me_message' }],
    ['a reply also sent to the channel', { subtype: 'thread_broadcast' }],
    ['files', { subtype: 'file_share' }],
  ])('counts %s', (_what, fields) => {
    expect(messageDecision({ ...person, ...fields })).toEqual({ counts: true });
  });

  it.each([
    ["an app's message with its bot user", { ...person, bot_id: 'B1' }],
    ['a legacy bot_message', { subtype: 'bot_message' }],
    ['a join', { ...person, subtype: 'channel_join' }],
    ['a topic change', { ...person, subtype: 'channel_topic' }],
    ['a thread parent left as a tombstone', { ...person, subtype: 'tombstone' }],
    ['a message without an author', {}],
  ])('does not count %s', (_what, fields) => {
    expect(messageDecision(fields).counts).toBe(false);
  });

  it('takes a message_changed for an edit only when it carries edited', () => {
    expect(isSlackEdit({ edited: { user: 'U123', ts: '1717000090.000000' } })).toBe(true);
    expect(isSlackEdit({})).toBe(false);
  });
});

describe('Discord: which messages a person wrote', () => {
  const author = { id: '1', username: 'bo', discriminator: '0', global_name: null, avatar: null };
  it.each([
    ['a message', MessageType.Default],
    ['a reply', MessageType.Reply],
  ])('counts %s', (_what, type) => {
    expect(messageKind({ author, type })).toEqual({ counts: true });
  });

  it.each([
    ['a bot', { author: { ...author, bot: true }, type: MessageType.Default }],
    ['a webhook', { author, webhook_id: '9', type: MessageType.Default }],
    ['an answer to a slash command', { author, type: MessageType.ChatInputCommand }],
    ['a pin notice', { author, type: MessageType.ChannelPinnedMessage }],
    ['a thread starter', { author, type: MessageType.ThreadStarterMessage }],
    ['a payload without an author', { type: MessageType.Default }],
  ])('does not count %s', (_what, message) => {
    expect(messageKind(message).counts).toBe(false);
  });

  it('takes a MESSAGE_UPDATE for an edit only with content and edited_timestamp', () => {
    expect(isDiscordEdit({ content: 'x', edited_timestamp: '2026-12-02T10:00:00.000Z' })).toBe(true);
    expect(isDiscordEdit({ content: 'x', edited_timestamp: null })).toBe(false);
    expect(isDiscordEdit({ edited_timestamp: '2026-12-02T10:00:00.000Z' })).toBe(false);
  });
});

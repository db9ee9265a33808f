import { ApplicationFlags, MessageReferenceType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ContentEvidence, contentSign, intentGranted } from '../../../../adapters/discord/inbound/content-evidence.ts';
import { forwardedContent } from '../../../../adapters/discord/inbound/forwards.ts';
import type { IncomingMessage } from '../../../../adapters/discord/inbound/message-translation.ts';

const message = (fields: Record<string, unknown>) =>
  ({ guild_id: '1', author: { id: '7' }, content: '', mentions: [], ...fields }) as unknown as IncomingMessage;
const forward = (snapshot: Record<string, unknown>) =>
  message({
    message_reference: { type: MessageReferenceType.Forward, message_id: '5', channel_id: '6' },
    message_snapshots: [{ message: { content: '', attachments: [], ...snapshot } }],
  });

describe('what one Discord message says about message content', () => {
  it('reads a forward as readable, and an empty forward of withheld content as no evidence at all', () => {
    expect(contentSign(forward({ content: 'Forwarded words' }), '99')).toBe('readable');
    expect(contentSign(forward({}), '99')).toBe('none');
    expect(contentSign(message({}), '99')).toBe('empty');
  });

  it('counts neither DMs nor messages that mention Agora, whose content always arrives', () => {
    expect(contentSign(message({ guild_id: undefined }), '99')).toBe('none');
    expect(contentSign(message({ mentions: [{ id: '99' }] }), '99')).toBe('none');
  });

  it('reads the intent from the application flags, limited or not', () => {
    expect(intentGranted(ApplicationFlags.GatewayMessageContent)).toBe(true);
    expect(intentGranted(ApplicationFlags.GatewayMessageContentLimited)).toBe(true);
    expect(intentGranted(0)).toBe(false);
    expect(intentGranted(undefined)).toBeUndefined();
  });
});

describe('evidence across messages', () => {
  it('needs empty messages from several people, more of them when the application holds the intent', () => {
    const granted = new ContentEvidence();
    granted.granted(true);
    expect(['a', 'a', 'a', 'b', 'c'].map((who) => granted.observe('empty', who))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(granted.observe('empty', 'd')).toBe('withheld');

    const notGranted = new ContentEvidence();
    notGranted.granted(false);
    expect(notGranted.observe('empty', 'a')).toBeUndefined();
    expect(notGranted.observe('empty', 'b')).toBe('withheld');
  });

  it('starts again after any readable message, and says so', () => {
    const evidence = new ContentEvidence();
    evidence.observe('empty', 'a');
    evidence.observe('empty', 'b');
    expect(evidence.observe('readable', 'c')).toBe('readable');
    expect(evidence.observe('empty', 'd')).toBeUndefined();
    expect(evidence.observe('none', 'e')).toBeUndefined();
  });
});

describe('a forward', () => {
  it('is the forwarded text quoted line by line, with the snapshot’s files', () => {
    const forwarded = forwardedContent(
      forward({ content: 'First line\n\nThird line', attachments: [{ filename: 'a.pdf', url: 'https://cdn/a.pdf' }] }),
    );
    expect(forwarded).toEqual({
      body: '> First line\n>\n> Third line',
      attachments: [{ name: 'a.pdf', url: 'https://cdn/a.pdf' }],
    });
  });

  it('is nothing when the message is a reply, or forwards nothing readable', () => {
    expect(forwardedContent(message({ message_reference: { type: MessageReferenceType.Default } }))).toBeNull();
    expect(forwardedContent(forward({}))).toBeNull();
  });
});

import { ApplicationCommandOptionType, type CommandInteractionOption, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  CUSTOM_ID_MAX,
  type CustomId,
  decodeCustomId,
  encodeCustomId,
  resolveKey,
  voteButtonId,
} from '../../../../adapters/discord/custom-ids.ts';
import { contentSign } from '../../../../adapters/discord/inbound/content-evidence.ts';
import { KeyedQueue } from '../../../../adapters/discord/inbound/keyed-queue.ts';
import {
  type IncomingMessage,
  isPersonMessage,
  responsePosted,
} from '../../../../adapters/discord/inbound/message-translation.ts';
import { commandText } from '../../../../adapters/discord/inbound/slash-commands.ts';
import { tagsForSection } from '../../../../adapters/discord/outbound/forum-tags.ts';
import { answerMessages } from '../../../../adapters/discord/outbound/interaction-replies.ts';
import { questionComponents } from '../../../../adapters/discord/outbound/question-components.ts';
import { embedText, questionEmbed } from '../../../../adapters/discord/outbound/question-embed.ts';
import { splitText, truncateText } from '../../../../adapters/discord/outbound/text.ts';
import type { QuestionCard } from '../../../../src/core/ports/chat-platform.ts';

const QID = 'cm3x1y2z30000abcdefghijkl';

function card(overrides: Partial<QuestionCard> = {}): QuestionCard {
  return {
    questionId: QID,
    programmeTitle: 'Staff voice',
    sectionTitle: 'Workload',
    prompt: 'What would most reduce your workload?',
    intro: '',
    kind: 'open',
    status: 'open',
    opensAt: new Date('2026-12-01T09:00:00Z'),
    closesAt: new Date('2026-12-14T17:00:00Z'),
    closedAt: null,
    anonymity: 'named',
    options: [],
    scale: [],
    tally: null,
    voters: 0,
    responses: 0,
    showWhereWeStand: false,
    allowStatements: false,
    ...overrides,
  };
}

const options = (n: number, label = (i: number) => `Option ${i}`) =>
  Array.from({ length: n }, (_, i) => ({ key: `o${i}`, label: label(i) }));

/** Characters Discord counts against an embed's 6,000. */
const embedSize = (embed: ReturnType<typeof questionEmbed>) =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.author?.name.length ?? 0) +
  (embed.footer?.text.length ?? 0) +
  (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);

describe('custom ids', () => {
  it('round-trip every kind and stay within 100 characters', () => {
    const ids: CustomId[] = [
      { kind: 'vote', questionId: QID, subject: '', choice: 'yes' },
      { kind: 'vote', questionId: QID, subject: 'clear-goals', choice: '3' },
      { kind: 'select', questionId: QID, subject: '' },
      { kind: 'rank', questionId: QID },
      { kind: 'rank-step', questionId: QID, picked: [2, 0, 24] },
      { kind: 'rank-save', questionId: QID, picked: [1] },
      { kind: 'rate', questionId: QID, page: 3 },
      { kind: 'answer', questionId: QID },
      { kind: 'respond', questionId: QID },
      { kind: 'deal', questionId: QID },
      { kind: 'stance', questionId: QID, statementKey: 'k'.repeat(63), vote: 'disagree' },
      { kind: 'stance', questionId: QID, statementKey: 'p3-mgh2k1x0', vote: 'pass' },
      { kind: 'add-statement', questionId: QID },
      { kind: 'review', questionId: QID, statementId: 'cm3x1y2z30001abcdefghijkl', decision: 'reject' },
    ];
    for (const id of ids) {
      const text = encodeCustomId(id);
      expect(text.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
      expect(decodeCustomId(text)).toEqual(id);
    }
    expect(decodeCustomId('someone-elses-button')).toBeUndefined();
    expect(decodeCustomId('ag:v:only-three')).toBeUndefined();
  });

  it('uses positions instead of keys that would make an id too long', () => {
    const long = 'k'.repeat(63);
    const keys = ['a', long];
    const id = voteButtonId(`${QID}${'x'.repeat(20)}`, long, long, keys);
    expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    const decoded = decodeCustomId(id);
    expect(decoded?.kind === 'vote' && resolveKey(decoded.subject, keys)).toBe(long);
  });
});

describe('the question embed', () => {
  it('shows the closing time as Discord timestamps, full and relative', () => {
    const text = embedText(questionEmbed(card()));
    const unix = Date.parse('2026-12-14T17:00:00Z') / 1000;
    expect(text).toContain(`<t:${unix}:F> (<t:${unix}:R>)`);
    expect(text).toContain('Replies in the thread are recorded with your name.');
  });

  it('fits Discord’s limits whatever the lengths: 25 long options, a 20,000-character introduction', () => {
    const tally = options(25, (i) => `${'Long label '.repeat(13)}${i}`).map((o, i) => ({ ...o, count: i }));
    const embed = questionEmbed(
      card({
        kind: 'single_choice',
        prompt: 'Why '.repeat(750),
        intro: 'Background. '.repeat(1700),
        options: tally,
        tally,
        voters: 300,
      }),
    );
    expect(embed.title?.length).toBeLessThanOrEqual(256);
    expect(embed.description?.length).toBeLessThanOrEqual(4096);
    expect(embed.fields?.length).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
    expect(embedSize(embed)).toBeLessThanOrEqual(6000);
  });

  it('never shows a ping from stored text', () => {
    const text = embedText(questionEmbed(card({ prompt: 'Tell @everyone and <@123> and <@&456>' })));
    expect(text).not.toMatch(/@everyone|<@\d+>|<@&\d+>/);
  });

  it('hides results until close, and says so', () => {
    const text = embedText(
      questionEmbed(card({ kind: 'likert', options: options(2), scale: ['No', 'Yes'], voters: 3 })),
    );
    expect(text).toContain('3 people have voted. Results are hidden until the poll closes');
  });
});

describe('the question controls', () => {
  const limits = { minChoices: 1, maxChoices: 2 };
  const rows = (c: QuestionCard, respond = false) => questionComponents(c, limits, { respondButton: respond });

  it('lays out 25 single-choice options as five rows of five buttons', () => {
    const laid = rows(card({ kind: 'single_choice', options: options(25) }));
    expect(laid).toHaveLength(5);
    expect(laid.every((row) => row.components.length === 5)).toBe(true);
  });

  it('gives several-choice polls one select with the question’s min and max', () => {
    const [row] = rows(card({ kind: 'multi_choice', options: options(4) }));
    expect(row?.components[0]).toMatchObject({ type: ComponentType.StringSelect, min_values: 1, max_values: 2 });
  });

  it('gives Likert items a row each: buttons up to five points, a select beyond', () => {
    const five = rows(card({ kind: 'likert', options: options(3), scale: ['1', '2', '3', '4', '5'] }));
    expect(five.map((row) => row.components.map((c) => c.type))).toEqual(
      Array(3).fill(Array(5).fill(ComponentType.Button)),
    );
    const seven = rows(card({ kind: 'likert', options: options(2), scale: ['1', '2', '3', '4', '5', '6', '7'] }));
    expect(seven.map((row) => row.components[0]?.type)).toEqual([
      ComponentType.StringSelect,
      ComponentType.StringSelect,
    ]);
  });

  it('deals statements from one button, however few, with "Add a statement" where participants may add them', () => {
    const labels = (c: QuestionCard) => rows(c).map((row) => row.components.map((b) => ('label' in b ? b.label : '')));
    expect(labels(card({ kind: 'statements', options: options(2), allowStatements: true }))).toEqual([
      ['Vote on the statements', 'Add a statement'],
    ]);
    expect(labels(card({ kind: 'statements', options: options(12) }))).toEqual([['Vote on the statements']]);
    const closed = rows(card({ kind: 'statements', status: 'closed', options: options(2), allowStatements: true }));
    expect(closed.flatMap((row) => row.components).every((c) => 'disabled' in c && c.disabled)).toBe(true);
  });

  it('disables every control once closed, and offers Respond only when content is withheld', () => {
    const closed = rows(card({ kind: 'single_choice', status: 'closed', options: options(3) }));
    expect(closed.flatMap((row) => row.components).every((c) => 'disabled' in c && c.disabled)).toBe(true);
    expect(rows(card(), true)[0]?.components.map((c) => ('label' in c ? c.label : ''))).toEqual([
      'Respond',
      'Answer privately',
    ]);
  });
});

describe('replies to interactions', () => {
  it('splits 2,500 characters into two messages and attaches anything longer than three', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i}: ${'word '.repeat(9)}`).join('\n');
    const two = answerMessages({ text: lines(50) });
    expect(two).toHaveLength(2);
    expect(two.every((m) => m.content.length <= 2000)).toBe(true);
    const filed = answerMessages({ text: lines(200) });
    expect(filed).toHaveLength(1);
    expect(filed[0]?.content.length).toBeLessThanOrEqual(2000);
    expect(filed[0]?.files?.map((f) => f.name)).toEqual(['agora-reply.txt']);
  });
});

describe('/agora options as command text', () => {
  const sub = (name: string, options: Partial<CommandInteractionOption>[] = []): CommandInteractionOption[] => [
    { name, type: ApplicationCommandOptionType.Subcommand, options: options as CommandInteractionOption[] },
  ];
  const str = (name: string, value: string) => ({ name, type: ApplicationCommandOptionType.String, value });

  it('puts the options after the subcommand in their declared order', () => {
    expect(commandText(sub('help'))).toBe('help');
    expect(commandText(sub('close', [str('question', 'staff-voice/q-open')]))).toBe('close staff-voice/q-open');
    expect(
      commandText(sub('export', [str('week', '2026-W49'), str('programme', 'staff-voice'), str('format', 'csv')])),
    ).toBe('export csv staff-voice 2026-W49');
    expect(commandText(sub('mydata'))).toBe('mydata');
    expect(commandText(sub('mydata', [str('action', 'export')]))).toBe('mydata');
    expect(commandText(sub('mydata', [str('action', 'delete confirm')]))).toBe('mydata delete confirm');
    expect(commandText(sub('run', [str('command', ' remind off ')]))).toBe('remind off');
  });
});

describe('forum tags', () => {
  it('matches the section by name, ignoring case and spacing, and creates none', () => {
    const tags = [
      { id: '1', name: 'Workload', moderated: false, emoji_id: null, emoji_name: null },
      { id: '2', name: 'Pay', moderated: false, emoji_id: null, emoji_name: null },
    ];
    expect(tagsForSection(tags, '  workload ')).toEqual(['1']);
    expect(tagsForSection(tags, 'Training')).toEqual([]);
    expect(tagsForSection(tags, '')).toEqual([]);
  });
});

describe('the keyed queue', () => {
  it('runs the work of one key in order and keeps going after a failure', async () => {
    const queue = new KeyedQueue();
    const done: string[] = [];
    const slow = (name: string, ms: number) => async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      done.push(name);
    };
    void queue.run('a', slow('a1', 30));
    void queue.run('a', async () => {
      throw new Error('boom');
    });
    void queue.run('a', slow('a2', 0));
    void queue.run('b', slow('b1', 0));
    await queue.settle(1000);
    expect(done).toEqual(['b1', 'a1', 'a2']);
  });
});

describe('messages as responses', () => {
  const base = {
    id: '300',
    channel_id: '200',
    author: { id: '10', username: 'bob', global_name: 'Bob', discriminator: '0', avatar: null },
    content: '<@999> Fewer meetings @everyone',
    timestamp: '2026-12-02T10:00:00.000Z',
    attachments: [{ id: '1', filename: 'notes.txt', url: 'https://cdn.example/notes.txt', size: 3, proxy_url: '' }],
    embeds: [],
    type: 19,
    message_reference: { message_id: '250', channel_id: '200' },
    member: { nick: 'Bobby' },
  } as unknown as IncomingMessage;

  it('keeps the reply link, attachments as links, and the member’s name; drops a leading mention of Agora', () => {
    expect(responsePosted(base, '100', '999', new Date())).toEqual({
      platform: 'discord',
      containerRef: 'discord:100:200',
      messageRef: 'discord:100:200:300',
      author: { platform: 'discord', platformUserId: '10', displayName: 'Bobby' },
      body: 'Fewer meetings @everyone',
      replyToRef: 'discord:100:200:250',
      attachments: [{ name: 'notes.txt', url: 'https://cdn.example/notes.txt' }],
      idempotencyKey: 'discord:100:200:300',
      at: new Date('2026-12-02T10:00:00.000Z'),
    });
  });

  it('ignores bots, webhooks and system messages, and recognises withheld content', () => {
    expect(isPersonMessage(base)).toBe(true);
    expect(isPersonMessage({ ...base, author: { ...base.author, bot: true } })).toBe(false);
    expect(isPersonMessage({ ...base, webhook_id: '5' } as IncomingMessage)).toBe(false);
    expect(isPersonMessage({ ...base, type: 18 } as IncomingMessage)).toBe(false);
    const inGuild = { ...base, guild_id: '100' };
    expect(contentSign({ ...inGuild, content: '', attachments: [] }, '999')).toBe('empty');
    expect(contentSign({ ...inGuild, content: '' }, '999')).toBe('readable');
  });
});

describe('text cut to fit', () => {
  const token = '<t:1797094800:f>';
  it('never cuts inside a timestamp, when truncating or splitting', () => {
    const text = `This question closes ${token}; reply in its thread.`;
    for (let max = 22; max < text.length; max++) {
      const cut = truncateText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.replace(token, '')).not.toMatch(/<t:|:f>/);
    }
    const long = `${'word '.repeat(10)}${token} ${'more '.repeat(10)}`;
    for (let max = 52; max < 70; max++)
      for (const piece of splitText(long, max)) expect(piece.replace(token, '')).not.toMatch(/<t:|:f>/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ACTION,
  isAgoraAction,
  isAgoraShortcut,
  isAgoraView,
  SHORTCUT,
  VIEW,
} from '../../../../adapters/slack/action-ids.ts';
import { leadingQuote } from '../../../../adapters/slack/inbound/reply-target.ts';
import { fitEscaped, splitMrkdwn, unescapeSlack } from '../../../../adapters/slack/outbound/mrkdwn.ts';
import { longNotice } from '../../../../adapters/slack/outbound/notices.ts';
import { renderQuestion } from '../../../../adapters/slack/outbound/question-blocks.ts';
import { messageRef, parseMessageRef, permalinkTargets, tsToDate } from '../../../../adapters/slack/refs.ts';
import { BOT_SCOPES } from '../../../../adapters/slack/transport/adapter-config.ts';
import { describeSlackError } from '../../../../adapters/slack/transport/platform-errors.ts';
import { RetryAfterQueue } from '../../../../adapters/slack/transport/retry-after-queue.ts';
import type { QuestionCard } from '../../../../src/core/ports/chat-platform.ts';
import { messageBlockProblems } from '../../../fakes/slack/block-validation.ts';

function card(overrides: Partial<QuestionCard> = {}): QuestionCard {
  return {
    questionId: 'cq1',
    programmeTitle: 'Staff voice',
    sectionTitle: 'Workload',
    prompt: 'What would most reduce your workload?',
    intro: '',
    kind: 'open',
    status: 'open',
    opensAt: null,
    closesAt: new Date('2026-12-14T17:00:00Z'),
    closedAt: null,
    anonymity: 'named',
    options: [],
    scale: [],
    tally: null,
    voters: 0,
    responses: 0,
    showWhereWeStand: true,
    allowStatements: false,
    ...overrides,
  };
}

const many = (n: number, label = (i: number) => `Option number ${i} ${'x'.repeat(130)}`) =>
  Array.from({ length: n }, (_, i) => ({ key: `o${i}`, label: label(i) }));

describe('question messages within Block Kit limits', () => {
  const shapes: [string, Partial<QuestionCard>][] = [
    [
      'a 20,000-character intro and a 3,000-character prompt',
      { intro: 'word '.repeat(4000), prompt: 'p'.repeat(3000) },
    ],
    ['25 single-choice options', { kind: 'single_choice', options: many(25) }],
    ['25 multi-choice options (a multi-select past ten)', { kind: 'multi_choice', options: many(25) }],
    ['25 Likert items on five points', { kind: 'likert', options: many(25), scale: ['1', '2', '3', '4', '5'] }],
    ['25 Likert items on ten points', { kind: 'likert', options: many(25), scale: many(10).map((o) => o.label) }],
    [
      '500 statements with a live tally',
      {
        kind: 'statements',
        allowStatements: true,
        options: many(500, (i) => `Statement ${i} ${'s'.repeat(270)}`),
        tally: many(500, (i) => `Statement ${i} ${'s'.repeat(270)}`).map((o) => ({ ...o, count: 2 })),
        voters: 40,
      },
    ],
    [
      'a ranked poll with a live tally',
      { kind: 'ranked', options: many(25), tally: many(25).map((o) => ({ ...o, count: 3 })), voters: 9 },
    ],
    [
      'a closed poll with results and a long intro',
      {
        kind: 'single_choice',
        status: 'closed',
        options: many(25),
        tally: many(25).map((o) => ({ ...o, count: 1 })),
        voters: 25,
        intro: 'i'.repeat(20_000),
      },
    ],
  ];
  for (const [name, shape] of shapes) {
    it(`renders ${name} as a message Slack accepts`, () => {
      const { blocks, text } = renderQuestion(card(shape));
      expect(messageBlockProblems(blocks)).toEqual([]);
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(text.length).toBeLessThanOrEqual(3000);
    });
  }

  it('says how many Likert items did not fit', () => {
    const { blocks } = renderQuestion(card({ kind: 'likert', options: many(60), scale: ['1', '2', '3', '4', '5'] }));
    expect(JSON.stringify(blocks)).toMatch(/and \d+ more/);
  });

  it('deals statements from a button instead of listing them, and offers adding one only where allowed', () => {
    const labels = (shape: Partial<QuestionCard>) =>
      renderQuestion(card({ kind: 'statements', options: many(3), ...shape }))
        .blocks.flatMap((b) => (Array.isArray(b.elements) ? (b.elements as Record<string, unknown>[]) : []))
        .filter((e) => e.type === 'button')
        .map((e) => (e.text as { text: string }).text);
    expect(labels({ allowStatements: true, showWhereWeStand: false })).toEqual([
      'Vote on statements',
      'Add a statement',
    ]);
    expect(labels({ allowStatements: false, showWhereWeStand: false })).toEqual(['Vote on statements']);
    expect(JSON.stringify(renderQuestion(card({ kind: 'statements', options: many(3) })).blocks)).not.toContain(
      'agora_vote_',
    );
  });

  it('neither pings nor breaks on stored text with mentions and markup', () => {
    const { blocks, text } = renderQuestion(card({ prompt: '<!channel> <@U1> Is A < B & C > D?' }));
    const all = JSON.stringify(blocks) + text;
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U1>');
    expect(all).toContain('A &lt; B &amp; C &gt; D');
  });

  it('shows no vote controls once closed', () => {
    const { blocks } = renderQuestion(card({ kind: 'single_choice', status: 'closed', options: many(3) }));
    expect(JSON.stringify(blocks)).not.toContain('agora_vote_');
    expect(JSON.stringify(blocks)).toContain('Closed');
  });
});

describe('Slack references and text', () => {
  it('reads and writes message references, and message timestamps as dates', () => {
    expect(messageRef('T1', 'C2', '1717000020.000200')).toBe('slack:T1:C2:1717000020.000200');
    expect(parseMessageRef('slack:T1:C2:1717000020.000200')).toEqual({
      team: 'T1',
      channel: 'C2',
      ts: '1717000020.000200',
    });
    expect(parseMessageRef('discord:G:C:M')).toBeUndefined();
    expect(tsToDate('1717000020.500000').toISOString()).toBe('2024-05-29T16:27:00.500Z');
  });

  it('finds the messages a text links to, with or without a label', () => {
    const text =
      'see <https://x.slack.com/archives/C0456/p1717000020000200?thread_ts=1717000010.000100&cid=C0456|this>';
    expect(permalinkTargets(text)).toEqual([{ channel: 'C0456', ts: '1717000020.000200' }]);
  });

  it('reads a leading quote, one or several lines, and nothing else', () => {
    expect(leadingQuote('> Meetings *waste* time…\nNo they do not')).toBe('meetings waste time');
    expect(leadingQuote('>>> two\n> lines\nreply')).toBe('two lines');
    expect(leadingQuote('No quote here\n> late quote')).toBeNull();
    expect(leadingQuote('> ab\nshort')).toBeNull();
  });

  it('escapes and cuts without breaking entities, and splits at breaks', () => {
    expect(unescapeSlack('a &lt;b&gt; &amp; c')).toBe('a <b> & c');
    const cut = fitEscaped('&'.repeat(100), 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut).toMatch(/^(&amp;)+…$/);
    const pieces = splitMrkdwn(`${'a'.repeat(2500)}\n\n${'b'.repeat(2500)}`, 3000);
    expect(pieces).toEqual(['a'.repeat(2500), 'b'.repeat(2500)]);
  });
});

describe('long notices', () => {
  it('keep a short reply as text, and give a long one whole as sections a message can hold', () => {
    expect(longNotice('Short & sweet')).toEqual({ text: 'Short &amp; sweet' });
    const paragraph = `${'word '.repeat(199)}end\n\n`;
    const long = paragraph.repeat(10);
    const notice = longNotice(long);
    expect(notice.text.length).toBeLessThanOrEqual(3000);
    const sections = (notice.blocks ?? []).map((b) => (b as { text: { text: string } }).text.text);
    expect(sections.length).toBeGreaterThan(1);
    expect(sections.every((t) => t.length <= 3000)).toBe(true);
    expect(sections.join('\n\n')).toBe(long.trim());
    expect(messageBlockProblems(notice.blocks ?? [])).toEqual([]);
  });
});

describe('Slack failures', () => {
  it('tells an organiser what to do, and whether retrying helps', () => {
    const platform = (error: string) => ({ code: 'slack_webapi_platform_error', data: { ok: false, error } });
    expect(describeSlackError(platform('not_in_channel'), '#staff')).toMatchObject({
      retryable: true,
      advice: expect.stringContaining('invite @Agora'),
    });
    expect(describeSlackError(platform('channel_not_found'), '#x')).toMatchObject({
      retryable: false,
      advice: expect.stringContaining('CHANNEL_MAP'),
    });
    expect(describeSlackError(platform('internal_error'), '#x').retryable).toBe(true);
    expect(describeSlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 3 }, '#x')).toMatchObject({
      slackError: 'ratelimited',
      retryable: true,
    });
    expect(describeSlackError({ code: 'slack_webapi_request_error' }, '#x').retryable).toBe(true);
  });

  it('waits as Retry-After says, holding back other calls to the same method meanwhile', async () => {
    const waits: number[] = [];
    const queue = new RetryAfterQueue({ maxAttempts: 3, sleep: async (ms) => void waits.push(ms) });
    let calls = 0;
    const result = await queue.run('T1:chat.postMessage', async () => {
      calls++;
      if (calls === 1)
        throw Object.assign(new Error('limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 0.05 });
      return 'posted';
    });
    expect(result).toBe('posted');
    expect(calls).toBe(2);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(50);
    const always = () =>
      Promise.reject(Object.assign(new Error('limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 0 }));
    await expect(queue.run('T1:x', always)).rejects.toThrow('limited');
  });
});

describe('the Slack app manifest', () => {
  const manifest = parse(readFileSync(new URL('../../../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));

  it('asks for the scopes the OAuth install asks for, and serves both modes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: '/agora',
      url: expect.stringMatching(/\/slack\/events$/),
    });
    expect(manifest.oauth_config.redirect_urls[0]).toMatch(/\/slack\/oauth_redirect$/);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['message.channels', 'message.groups', 'app_home_opened', 'user_change', 'team_join']),
    );
  });
});

describe('the ids the catch-all leaves to their own listeners', () => {
  it('knows every action, form and shortcut Agora puts in its messages, and nothing else', () => {
    for (const id of ['agora_vote_0', 'agora_vote_12', 'agora_statement_agree', 'agora_review_reject'])
      expect(isAgoraAction(id)).toBe(true);
    for (const id of Object.values(ACTION))
      if (typeof id === 'string' && !id.endsWith('_')) expect(isAgoraAction(id)).toBe(true);
    for (const id of Object.values(VIEW)) expect(isAgoraView(id)).toBe(true);
    expect(isAgoraShortcut(SHORTCUT.proposeStatement)).toBe(true);
    for (const id of ['agora_vote_', 'agora_statement_maybe', 'agora_old_button', 'another_app_button'])
      expect(isAgoraAction(id)).toBe(false);
    expect(isAgoraView('another_app_modal')).toBe(false);
    expect(isAgoraShortcut('another_app_shortcut')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { tallyFields } from '../../adapters/discord/outbound/tally-text.ts';
import { tallyBlocks } from '../../adapters/slack/outbound/tally-blocks.ts';
import type { PostedQuestion } from '../../adapters/web/outbound/channel-data.ts';
import { questionView } from '../../adapters/web/outbound/question-view.ts';
import type { ViewContext } from '../../adapters/web/outbound/view-context.ts';
import type { QuestionCard } from '../../src/core/ports/chat-platform.ts';
import { proposedFromYourReplyNotice } from '../../src/core/presentation/notice-wording.ts';
import { anonymityNote, KIND_LABEL } from '../../src/core/presentation/question-wording.ts';
import { resultsHiddenText, tallyLines } from '../../src/core/presentation/tally-lines.ts';

function card(overrides: Partial<QuestionCard> = {}): QuestionCard {
  return {
    questionId: 'q1',
    programmeTitle: 'Staff voice',
    sectionTitle: '',
    prompt: 'Which day suits the all-hands?',
    intro: '',
    kind: 'single_choice',
    status: 'open',
    opensAt: null,
    closesAt: null,
    closedAt: null,
    anonymity: 'anonymous',
    options: [
      { key: 'mon', label: 'Monday' },
      { key: 'fri', label: 'Friday' },
    ],
    scale: [],
    tally: [
      { key: 'mon', label: 'Monday', count: 3 },
      { key: 'fri', label: 'Friday', count: 1 },
    ],
    voters: 4,
    responses: 0,
    showWhereWeStand: false,
    allowStatements: false,
    ...overrides,
  };
}

const slackText = (c: QuestionCard) => JSON.stringify(tallyBlocks(c));
const discordText = (c: QuestionCard) => JSON.stringify(tallyFields(c));

describe('what every platform says about a question', () => {
  it('gives each kind one label', () => {
    expect(KIND_LABEL.single_choice).toBe('Poll: pick one');
    expect(Object.keys(KIND_LABEL)).toHaveLength(6);
  });

  it('sets the open-question anonymity note in each platform’s own emphasis', () => {
    const style = { strong: (label: string) => `[${label}]`, audience: 'room' };
    expect(anonymityNote('pseudonymous', 'open', style)).toBe(
      "Agora's reports quote answers under a pseudonym, never your name. Thread replies are visible to the room as usual: use [Answer privately] if that matters.",
    );
    expect(anonymityNote('anonymous', 'ranked', style)).toBe(
      'Anonymous poll: results show counts only, never who voted.',
    );
  });

  it('counts, bars and shares each option the same way on Slack and Discord', () => {
    const lines = tallyLines(card(), (line) => `${line.bar}|${line.label}|${line.count}${line.after}`);
    expect(lines).toEqual({
      heading: 'Results so far',
      lines: ['▓▓▓▓▓▓▓▓░░|Monday|3 (75%)', '▓▓▓░░░░░░░|Friday|1 (25%)'],
    });
    expect(slackText(card())).toContain('▓▓▓▓▓▓▓▓░░ Monday: *3* (75%)');
    expect(discordText(card())).toContain('`▓▓▓▓▓▓▓▓░░` Monday: **3** (75%)');
  });

  it('says the same words on Slack, Discord and the web while results wait for the poll to close', () => {
    const hidden = card({ tally: null, voters: 2 });
    const words = resultsHiddenText(2);
    expect(words).toBe('2 people have voted. Results are hidden until the poll closes, so nobody follows the crowd.');
    expect(slackText(hidden)).toContain(words);
    expect(discordText(hidden)).toContain(words);
    // Only what the card view reads: the question's id, the programme's zone, and no thread or votes of one's own.
    const posted = {
      card: hidden,
      question: { id: 'q1' },
      programme: { timezone: 'UTC' },
      replies: [],
      replyCount: 0,
      myVotes: [],
      dealt: null,
    } as unknown as PostedQuestion;
    const view: ViewContext = { channel: 'general', csrf: 'x', visitor: null, problem: null, nextId: () => 'm1' };
    const page = String(questionView(posted, view));
    expect(page).toContain(words);
    expect(page).toContain('Poll: pick one');
  });
});

describe("the notice to a reply's author when an organiser makes a statement of it", () => {
  it('says the words, the credit (never shown on an anonymous question) and whether it awaits approval', () => {
    const notice = proposedFromYourReplyNotice({
      organiser: 'Olive',
      prompt: 'What would help?',
      text: 'Fewer meetings',
      status: 'pending',
      anonymous: true,
    });
    expect(notice).toBe(
      "Olive, an organiser, made a statement from your reply to “What would help?”: “Fewer meetings”. It is credited to you, though on this anonymous question nobody is shown who wrote it. It is waiting for an organiser's approval; once approved, it will be dealt to others.",
    );
  });
});

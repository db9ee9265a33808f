import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import { KIND_LABEL } from '../../../src/core/presentation/question-wording.ts';
import { stripPings } from '../../../src/core/safe-text.ts';
import { ACTION } from '../action-ids.ts';
import { actions, type Block, button, context, type Element, header, LIMITS, section } from './blocks.ts';
import { anonymityNote, howToTakePart } from './card-wording.ts';
import { slackDate } from './date-token.ts';
import { escapeMrkdwn, plainShown, shown, splitMrkdwn } from './mrkdwn.ts';
import { pollControls } from './poll-controls.ts';
import { tallyBlocks } from './tally-blocks.ts';

export interface RenderedQuestion {
  /** The notification and screen-reader text; Slack shows the blocks. */
  text: string;
  blocks: Block[];
}

const INTRO_CUT_NOTE = '\n_(Shortened: the full introduction is longer than Slack shows in one message.)_';

const isClosed = (card: QuestionCard) => card.status === 'closed' || card.status === 'archived';

function whenLine(card: QuestionCard): string {
  if (isClosed(card)) {
    if (card.closedAt) return `*Closed* ${slackDate(card.closedAt)}`;
    return card.closesAt ? `*Closed* (closing time ${slackDate(card.closesAt)})` : '*Closed*';
  }
  return card.closesAt ? `Closes ${slackDate(card.closesAt)}` : 'No closing time set';
}

function buttonsRow(card: QuestionCard): Block[] {
  const buttons: Element[] = [];
  if (card.kind === 'open' && !isClosed(card)) {
    buttons.push(button(ACTION.answerPrivately, 'Answer privately', card.questionId, 'primary'));
  }
  if (card.showWhereWeStand) buttons.push(button(ACTION.whereWeStand, 'See where we stand', card.questionId));
  return buttons.length ? [actions(buttons)] : [];
}

/** Long introductions are split across sections; past what one message holds, cut with a note, never refused. */
function introBlocks(intro: string, budget: number): Block[] {
  const text = intro.trim();
  if (!text || budget <= 0) return [];
  const pieces = splitMrkdwn(escapeMrkdwn(stripPings(text)), LIMITS.sectionText);
  if (pieces.length <= budget) return pieces.map((p) => section(p));
  const kept = pieces.slice(0, budget);
  const last = kept[kept.length - 1] ?? '';
  const room = LIMITS.sectionText - INTRO_CUT_NOTE.length;
  kept[kept.length - 1] = `${last.length > room ? splitMrkdwn(last, room)[0] : last}${INTRO_CUT_NOTE}`;
  return kept.map((p) => section(p));
}

/** A question as a Block Kit message: programme and section, the question, how to take part, controls, results. */
export function renderQuestion(card: QuestionCard): RenderedQuestion {
  const top = [
    header(plainShown(card.programmeTitle, LIMITS.headerText)),
    context(
      [card.sectionTitle ? shown(card.sectionTitle, 150) : '', KIND_LABEL[card.kind], whenLine(card)]
        .filter(Boolean)
        .join('  ·  '),
    ),
  ];
  const prompt = section(`*${shown(card.prompt, LIMITS.sectionText - 2)}*`);
  const guide = context(howToTakePart(card), anonymityNote(card.anonymity, card.kind));
  const results = tallyBlocks(card);
  const bottom = buttonsRow(card);
  const fixed = top.length + 1 + 1 + results.length + bottom.length;
  const hasIntro = card.intro.trim().length > 0;
  const controls =
    card.kind !== 'open' && !isClosed(card)
      ? pollControls(card, LIMITS.messageBlocks - fixed - (hasIntro ? 1 : 0))
      : [];
  const intro = introBlocks(card.intro, LIMITS.messageBlocks - fixed - controls.length);
  const blocks = [...top, ...intro, prompt, guide, ...controls, ...results, ...bottom];
  // The fallback text (notifications, screen readers) names the closing time as a token too, in the reader's zone.
  const status = isClosed(card) ? ' (closed)' : card.closesAt ? ` (closes ${slackDate(card.closesAt)})` : '';
  const text = `${escapeMrkdwn(`${plainShown(card.programmeTitle, 150)}: ${plainShown(card.prompt, 2500)}`)}${status}`;
  return { text, blocks };
}

import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import { resultsHiddenText, tallyLines, votedSoFar } from '../../../src/core/presentation/tally-lines.ts';
import { plural } from '../../../src/core/wording.ts';
import { type Block, context, LIMITS, section } from './blocks.ts';
import { shown, splitMrkdwn } from './mrkdwn.ts';

/**
 * Results as they may be shown now: counts and bars, never names. Null tally means results are hidden until the
 * question closes; then only how many have taken part is said.
 */
export function tallyBlocks(card: QuestionCard): Block[] {
  if (card.kind === 'open') return [context(`${plural(card.responses, 'response')} so far`)];
  const tally = tallyLines(card, (line) => `${line.bar} ${shown(line.label, 180)}: *${line.count}*${line.after}`);
  if (!tally) return [context(resultsHiddenText(card.voters))];
  const pieces = splitMrkdwn(`*${tally.heading}*\n${tally.lines.join('\n')}`, LIMITS.sectionText);
  return [...pieces.map((piece) => section(piece)), context(`${votedSoFar(card.voters)} voted`)];
}

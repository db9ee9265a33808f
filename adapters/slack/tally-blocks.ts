import type { QuestionCard } from '../../src/core/ports/chat-platform.ts';
import { plural } from '../../src/core/wording.ts';
import { type Block, context, LIMITS, section } from './blocks.ts';
import { shown, splitMrkdwn } from './mrkdwn.ts';

const BAR_WIDTH = 10;

function bar(count: number, total: number): string {
  const filled = total > 0 ? Math.round((count / total) * BAR_WIDTH) : 0;
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

function percent(count: number, total: number): string {
  return total > 0 ? ` (${Math.round((count / total) * 100)}%)` : '';
}

/**
 * Results as they may be shown now: counts and bars, never names. Null tally means results are hidden until the
 * question closes; then only how many have taken part is said.
 */
export function tallyBlocks(card: QuestionCard): Block[] {
  if (card.kind === 'open') {
    const n = card.responses;
    return [context(`${plural(n, 'response')} so far`)];
  }
  const people = `${plural(card.voters, 'person has', 'people have')} voted`;
  const tally = card.tally;
  if (!tally) return [context(`${people}. Results are hidden until the poll closes, so nobody follows the crowd.`)];
  const heading = card.status === 'closed' ? '*Results*' : '*Results so far*';
  const unit = card.kind === 'ranked' ? ' first preferences' : card.kind === 'likert' ? ' ratings' : '';
  const denominator = card.kind === 'likert' || card.kind === 'statements' ? 0 : card.voters;
  const scaleTo = denominator || Math.max(1, ...tally.map((l) => l.count));
  const suffix = card.kind === 'statements' ? ' agree' : '';
  const lines = tally.map(
    (line) =>
      `${bar(line.count, scaleTo)} ${shown(line.label, 180)}: *${line.count}*${unit}${percent(line.count, denominator)}${suffix}`,
  );
  const pieces = splitMrkdwn(`${heading}\n${lines.join('\n')}`, LIMITS.sectionText);
  return [...pieces.map((piece) => section(piece)), context(people)];
}

import type { QuestionCard } from '../ports/chat-platform.ts';
import { plural } from '../wording.ts';

/** Results as every platform shows them: counts, bars and shares, never names. */

const BAR_WIDTH = 10;

export function tallyBar(count: number, total: number): string {
  const filled = total > 0 ? Math.round((count / total) * BAR_WIDTH) : 0;
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

/** `2 people have voted`, without the full stop so a platform can set it as it likes. */
export const votedSoFar = (voters: number) => plural(voters, 'person has', 'people have');

/** Said while results wait for the poll to close. */
export const resultsHiddenText = (voters: number) =>
  `${votedSoFar(voters)} voted. Results are hidden until the poll closes, so nobody follows the crowd.`;

export interface TallyLine {
  bar: string;
  label: string;
  count: number;
  /** ` first preferences (40%) agree`: what follows the count. */
  after: string;
}

/** How a platform sets a line: its own emphasis for the count and its own escaping of the label. */
export type LineStyle = (line: TallyLine) => string;

/** The heading and one line per option, or null when results are hidden until the poll closes. */
export function tallyLines(card: QuestionCard, style: LineStyle): { heading: string; lines: string[] } | null {
  const tally = card.tally;
  if (card.kind === 'open' || !tally) return null;
  const unit = card.kind === 'ranked' ? ' first preferences' : card.kind === 'likert' ? ' ratings' : '';
  const denominator = card.kind === 'likert' || card.kind === 'statements' ? 0 : card.voters;
  const scaleTo = denominator || Math.max(1, ...tally.map((l) => l.count));
  const share = (count: number) => (denominator > 0 ? ` (${Math.round((count / denominator) * 100)}%)` : '');
  const suffix = card.kind === 'statements' ? ' agree' : '';
  return {
    heading: card.status === 'closed' ? 'Results' : 'Results so far',
    lines: tally.map((line) =>
      style({
        bar: tallyBar(line.count, scaleTo),
        label: line.label,
        count: line.count,
        after: `${unit}${share(line.count)}${suffix}`,
      }),
    ),
  };
}

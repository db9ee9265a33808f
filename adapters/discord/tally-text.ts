import type { QuestionCard } from '../../src/core/ports/chat-platform.ts';
import { truncateText } from '../../src/core/safe-text.ts';
import { plural } from '../../src/core/wording.ts';
import { LIMITS } from './layout.ts';
import { shown } from './text.ts';

const BAR_WIDTH = 10;

function bar(count: number, total: number): string {
  const filled = total > 0 ? Math.round((count / total) * BAR_WIDTH) : 0;
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

function percent(count: number, total: number): string {
  return total > 0 ? ` (${Math.round((count / total) * 100)}%)` : '';
}

export interface TallyField {
  name: string;
  value: string;
}

/** Groups lines into field values of at most 1,024 characters. */
function packLines(lines: string[]): string[] {
  const values: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncateText(raw, LIMITS.fieldValue);
    if (current && current.length + 1 + line.length > LIMITS.fieldValue) {
      values.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) values.push(current);
  return values;
}

/**
 * Results as they may be shown now: counts and bars, never names. A null tally means results are hidden until the
 * question closes; then only how many have taken part is said.
 */
export function tallyFields(card: QuestionCard): TallyField[] {
  if (card.kind === 'open') {
    const n = card.responses;
    return [{ name: 'Responses', value: `${plural(n, 'response')} so far` }];
  }
  const people = `${plural(card.voters, 'person has', 'people have')} voted.`;
  const tally = card.tally;
  if (!tally) {
    return [
      { name: 'Results', value: `${people} Results are hidden until the poll closes, so nobody follows the crowd.` },
    ];
  }
  const heading = card.status === 'closed' ? 'Results' : 'Results so far';
  const unit = card.kind === 'ranked' ? ' first preferences' : card.kind === 'likert' ? ' ratings' : '';
  const denominator = card.kind === 'likert' || card.kind === 'statements' ? 0 : card.voters;
  const scaleTo = denominator || Math.max(1, ...tally.map((l) => l.count));
  const suffix = card.kind === 'statements' ? ' agree' : '';
  const lines = tally.map(
    (line) =>
      `\`${bar(line.count, scaleTo)}\` ${shown(line.label, 180)}: **${line.count}**${unit}${percent(line.count, denominator)}${suffix}`,
  );
  const values = packLines([...lines, people]);
  return values.map((value, i) => ({ name: i === 0 ? heading : `${heading} (continued)`, value }));
}

import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import { resultsHiddenText, tallyLines, votedSoFar } from '../../../src/core/presentation/tally-lines.ts';
import { truncateText } from '../../../src/core/safe-text.ts';
import { plural } from '../../../src/core/wording.ts';
import { LIMITS } from './layout.ts';
import { shown } from './text.ts';

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
  if (card.kind === 'open') return [{ name: 'Responses', value: `${plural(card.responses, 'response')} so far` }];
  const tally = tallyLines(card, (line) => `\`${line.bar}\` ${shown(line.label, 180)}: **${line.count}**${line.after}`);
  if (!tally) return [{ name: 'Results', value: resultsHiddenText(card.voters) }];
  const values = packLines([...tally.lines, `${votedSoFar(card.voters)} voted.`]);
  return values.map((value, i) => ({ name: i === 0 ? tally.heading : `${tally.heading} (continued)`, value }));
}

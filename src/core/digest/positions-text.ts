import { instantIn } from '../chat-text.ts';
import { plural } from '../wording.ts';
import { quoteDate } from './describe.ts';
import type { DigestPositions } from './model.ts';
import { positionsOutline } from './positions-outline.ts';

/**
 * A question's positions as a chat message: plain lines, quotes with their author and a link to the source, and
 * when the summary was computed (in the reader's zone where the platform can show it, else in `timeZone`, named).
 */
export function positionsText(prompt: string, positions: DigestPositions, timeZone = 'UTC'): string {
  const lines = [`Positions on "${prompt}"`];
  for (const block of positionsOutline(positions, (at) => instantIn(at, timeZone))) {
    switch (block.kind) {
      case 'heading':
        lines.push('', `${block.text}:`);
        break;
      case 'note':
        lines.push(block.text);
        break;
      case 'title':
        lines.push('', block.text);
        break;
      case 'point':
        lines.push(`• ${block.text}`);
        break;
      case 'quote': {
        const q = block.quote;
        lines.push(
          `    "${q.text.replace(/\s+/g, ' ')}" — ${q.author ?? 'anonymous'}, ${quoteDate(q)}${q.link ? ` ${q.link}` : ''}`,
        );
        break;
      }
      case 'map':
        lines.push(`(${plural(block.map.length, 'voter')} on the opinion map; the HTML digest draws it.)`);
        break;
    }
  }
  return lines.join('\n');
}

import { plural } from '../wording.ts';
import type { WhereYouStand } from './where-you-stand.ts';

const quoted = (text: string) => `"${text.replace(/\s+/g, ' ').trim()}"`;
const agreed = (direction: 'agree' | 'disagree' | 'pass') =>
  direction === 'agree' ? 'agreed' : direction === 'disagree' ? 'disagreed' : 'passed';

/** Where a person stands, in plain words, for their eyes only. */
export function whereYouStandText(prompt: string, stand: WhereYouStand): string {
  const lines = [`Where you stand on "${prompt}"`];
  if (stand.status === 'not-placed') {
    const more = stand.votesNeeded - stand.votesCast;
    lines.push(
      `You have voted on ${plural(stand.votesCast, 'statement', 'statements')}. Vote on ${plural(more, 'more statement', 'more statements')} and you will be placed among the opinion groups.`,
    );
    return lines.join('\n');
  }
  if (stand.status === 'no-groups') {
    lines.push(stand.message);
    return lines.join('\n');
  }
  lines.push(
    `Your votes are closest to ${stand.group} (${plural(stand.groupSize, 'person', 'people')}; ${stand.groups} groups in all).`,
  );
  lines.push('', `What you share with ${stand.group}:`);
  if (stand.withYourGroup.length === 0) lines.push('• None of the statements that set your group apart, yet.');
  for (const s of stand.withYourGroup)
    lines.push(`• You and most of ${stand.group} ${agreed(s.direction)}: ${quoted(s.text)}`);
  lines.push('', 'Where you differ from the other groups:');
  if (stand.apartFromOthers.length === 0) lines.push('• Nowhere that sets another group apart.');
  for (const d of stand.apartFromOthers)
    lines.push(`• Most of ${d.group} ${agreed(d.theirs)} with ${quoted(d.text)}; you ${agreed(d.yours)}.`);
  if (stand.commonGround.length > 0) {
    lines.push('', 'Common ground across the groups:');
    for (const c of stand.commonGround) {
      const yours =
        c.yours === null
          ? 'you have not voted on it yet'
          : c.yours === c.direction
            ? 'you too'
            : `you ${agreed(c.yours)}`;
      lines.push(`• Most people ${agreed(c.direction)}: ${quoted(c.text)} (${yours})`);
    }
  }
  lines.push('', 'Only you see this. The groups are worked out from everyone’s votes; no names are attached to them.');
  return lines.join('\n');
}

import type { ConsultationReads } from '../../../src/core/consultation/consultation.ts';
import { positionsText } from '../../../src/core/digest/positions-text.ts';
import { resultsHiddenText } from '../../../src/core/presentation/tally-lines.ts';
import type { QuestionRecord } from '../../../src/core/records.ts';
import { plural } from '../../../src/core/wording.ts';
import { type Block, context, LIMITS, section } from './blocks.ts';
import { shown, splitMrkdwn } from './mrkdwn.ts';

const EXCERPT = 500;

/**
 * "See where we stand": the results as far as they may be shown now, the person's own part, and for open and
 * agree/disagree questions the positions (themes, or opinion groups and common ground). Counts only, never names
 * beyond what the question's anonymity allows; the person's own words are excerpted and made safe to show again.
 */
export async function whereWeStand(
  read: ConsultationReads,
  question: QuestionRecord,
  slackUser: string,
): Promise<{ text: string; blocks: Block[] }> {
  const card = await read.questionCard(question);
  if (!card.showWhereWeStand) {
    const text = 'The organisers of this consultation have chosen not to show interim summaries.';
    return { text, blocks: [section(text)] };
  }
  const person = await read.participant('slack', slackUser);
  const lines: string[] = [`*Where we stand on:* ${shown(question.prompt, 300)}`];
  if (question.kind === 'open') {
    const responses = await read.responsesTo(question.id);
    const people = new Set(responses.map((r) => r.participantId)).size;
    lines.push(`${plural(responses.length, 'response')} from ${plural(people, 'person', 'people')} so far.`);
    const mine = person ? responses.filter((r) => r.participantId === person.id) : [];
    if (mine.length === 0) lines.push('You have not answered yet.');
    for (const response of mine.slice(-3)) {
      lines.push(`${response.private ? 'Your private answer' : 'Your answer'}: “${shown(response.body, EXCERPT)}”`);
    }
  } else {
    const vote = person ? await read.vote(question.id, person.id, '') : null;
    const mine = person ? await read.votesBy(question.id, person.id) : [];
    const label = (key: string) => shown(card.options.find((o) => o.key === key)?.label ?? key, 150);
    if (question.kind === 'likert' || question.kind === 'statements') {
      lines.push(
        mine.length ? `You have answered ${mine.length} of ${card.options.length}.` : 'You have not voted yet.',
      );
    } else if (vote && !vote.retractedAt) {
      lines.push(`Your vote: ${vote.choice.map(label).join(question.kind === 'ranked' ? ' > ' : ', ')}`);
    } else {
      lines.push('You have not voted yet.');
    }
    if (card.tally) {
      for (const line of card.tally) lines.push(`• ${shown(line.label, 200)}: ${line.count}`);
    } else {
      lines.push(resultsHiddenText(card.voters));
    }
  }
  if (question.kind === 'open' || question.kind === 'statements') {
    // Opinion groups or themes, as `/agora positions` shows them (its first line repeats the prompt).
    const positions = positionsText(question.prompt, await read.positions(question, 'participants'));
    lines.push('', shown(positions.split('\n').slice(1).join('\n'), 20_000));
  }
  const pieces = splitMrkdwn(lines.join('\n'), LIMITS.sectionText).slice(0, 10);
  const blocks: Block[] = [...pieces.map((piece) => section(piece)), context('Only you can see this.')];
  return { text: shown(`Where we stand: ${question.prompt}`, 300), blocks };
}

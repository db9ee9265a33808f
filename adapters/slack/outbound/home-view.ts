import type { ConsultationReads } from '../../../src/core/consultation/consultation.ts';
import { KIND_LABEL } from '../../../src/core/presentation/question-wording.ts';
import type { QuestionRecord } from '../../../src/core/records.ts';
import { type Block, context, divider, header, LIMITS, section } from './blocks.ts';
import { slackDate } from './date-token.ts';
import { shown } from './mrkdwn.ts';

const PER_QUESTION = 3;
const EXCERPT = 300;

async function yourPart(
  read: ConsultationReads,
  question: QuestionRecord,
  participantId: string | null,
): Promise<string> {
  if (!participantId) return '○ Not answered yet';
  if (question.kind === 'open') {
    const mine = (await read.responsesOf(participantId)).filter((r) => r.questionId === question.id && !r.deletedAt);
    const last = mine.at(-1);
    if (!last) return '○ Not answered yet';
    const more = mine.length > 1 ? ` (and ${mine.length - 1} more)` : '';
    return `✓ You answered${more}: “${shown(last.body, EXCERPT)}”`;
  }
  const votes = await read.votesBy(question.id, participantId);
  if (votes.length === 0) return '○ Not voted yet';
  if (question.kind === 'likert' || question.kind === 'statements')
    return `✓ You have answered ${votes.length} item(s)`;
  const options = await read.options(question.id);
  const label = (key: string) => shown(options.find((o) => o.key === key)?.label ?? key, 100);
  return `✓ You voted: ${votes[0]?.choice.map(label).join(question.kind === 'ranked' ? ' > ' : ', ')}`;
}

/** The App Home tab: the open questions and, for each, what this person has given. */
export async function homeView(read: ConsultationReads, slackUser: string): Promise<Record<string, unknown>> {
  const person = await read.participant('slack', slackUser);
  const open = await read.openQuestions();
  const programmes = new Map((await read.programmes()).map((p) => [p.id, p]));
  const room = Math.floor((LIMITS.viewBlocks - 4) / PER_QUESTION);
  const blocks: Block[] = [
    header('Agora'),
    section(
      open.length
        ? 'The questions open now, and your part in each. Answer in a question’s thread, or privately from its message.'
        : 'No questions are open right now.',
    ),
  ];
  for (const question of open.slice(0, room)) {
    const programme = programmes.get(question.programmeId);
    const closes = question.closesAt ? `closes ${slackDate(question.closesAt)}` : 'no closing time';
    blocks.push(divider());
    blocks.push(section(`*${shown(question.prompt, 600)}*\n${await yourPart(read, question, person?.id ?? null)}`));
    blocks.push(context(`${shown(programme?.title ?? '', 150)} · ${KIND_LABEL[question.kind]} · ${closes}`));
  }
  if (open.length > room) blocks.push(context(`…and ${open.length - room} more: \`/agora status\` lists them all.`));
  blocks.push(context('`/agora status` · `/agora mydata` (your data as a file) · `/agora remind off`'));
  return { type: 'home', blocks };
}

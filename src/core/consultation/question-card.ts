import { AgoraError } from '../errors.ts';
import type { QuestionCard, TallyLine } from '../ports/chat-platform.ts';
import type { Store } from '../ports/store.ts';
import type { QuestionRecord, VoteRecord } from '../records.ts';

/** Counts of live votes per option (choice polls: any rank counts once for first preference only when ranked). */
export function tally(
  question: QuestionRecord,
  options: { key: string; label: string }[],
  votes: VoteRecord[],
): TallyLine[] {
  const live = votes.filter((v) => v.retractedAt === null);
  if (question.kind === 'likert') {
    const scale = question.config.scale ?? [];
    return options.flatMap((item) => {
      const forItem = live.filter((v) => v.subject === item.key);
      // An item nobody rated has no average: saying "average 0.0" would read as the lowest rating.
      const mean = forItem.length
        ? `average ${(forItem.reduce((sum, v) => sum + Number(v.choice[0]) + 1, 0) / forItem.length).toFixed(1)} of ${scale.length}`
        : 'not rated yet';
      return [{ key: item.key, label: `${item.label} (${mean})`, count: forItem.length }];
    });
  }
  if (question.kind === 'statements') {
    return options.map((s) => ({
      key: s.key,
      label: s.label,
      count: live.filter((v) => v.subject === s.key && v.choice[0] === 'agree').length,
    }));
  }
  const counts = new Map(options.map((o) => [o.key, 0]));
  for (const vote of live) {
    const counted = question.kind === 'ranked' ? vote.choice.slice(0, 1) : vote.choice;
    for (const key of counted) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return options.map((o) => ({ key: o.key, label: o.label, count: counts.get(o.key) ?? 0 }));
}

/** Builds the platform-neutral view of a question, with results only where they may be seen now. */
export async function buildQuestionCard(store: Store, question: QuestionRecord): Promise<QuestionCard> {
  const programme = await store.programmes.findById(question.programmeId);
  if (!programme) throw new AgoraError('PROGRAMME_NOT_FOUND', 'The programme of this question no longer exists.', {});
  const sections = await store.programmes.sections(programme.id);
  const options = (await store.questions.options(question.id)).map((o) => ({ key: o.key, label: o.label }));
  const votes = question.kind === 'open' ? [] : await store.votes.listByQuestion(question.id);
  const resultsVisible =
    question.kind !== 'open' && (question.resultsVisibility === 'live' || question.status === 'closed');
  return {
    questionId: question.id,
    programmeTitle: programme.title,
    sectionTitle: sections.find((s) => s.id === question.sectionId)?.title ?? '',
    prompt: question.prompt,
    intro: question.intro,
    kind: question.kind,
    status: question.status,
    opensAt: question.opensAt,
    closesAt: question.closesAt,
    closedAt: question.status === 'closed' || question.status === 'archived' ? question.closedAt : null,
    anonymity: question.anonymity,
    options,
    scale: question.config.scale ?? [],
    tally: resultsVisible ? tally(question, options, votes) : null,
    voters: new Set(votes.filter((v) => v.retractedAt === null).map((v) => v.participantId)).size,
    responses: question.kind === 'open' ? await store.questions.countResponses(question.id) : 0,
    showWhereWeStand: programme.settings.participantsSeePositions,
    allowStatements: question.kind === 'statements' && question.config.participantStatements !== false,
  };
}

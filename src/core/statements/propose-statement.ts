import type { CoreDeps } from '../consultation/deps.ts';
import type { PlatformIdentity } from '../types.ts';
import { awaitingApproval, countAuthorAgreeing, reviewAuthor, type StatementAdded } from './add-statement.ts';
import { findProposalSource, replyLink } from './proposal-source.ts';
import { replyAuthorNotice } from './reply-author-notice.ts';
import { checkStatement } from './statement-text.ts';

export interface StatementProposed {
  /** The reply the statement is drawn from, as its platform names it. */
  replyRef: string;
  proposer: PlatformIdentity;
  /** What the platform knows of the proposer (organiser role, organisers' list). */
  proposerIsOrganiser: boolean;
  /** The sentence, as the proposer edited it down. */
  text: string;
  at: Date;
}

/**
 * "Propose as a statement": a sentence of a reply in an agree/disagree question's thread becomes one of its
 * statements, credited to the reply's author whoever proposes it (the author, or an organiser), and linked to the
 * reply. It goes through the same approval as any participant's statement; an organiser's proposal needs none.
 */
export async function proposeStatement(deps: CoreDeps, event: StatementProposed): Promise<StatementAdded> {
  const { store } = deps;
  const { response, question, programme, author, byAuthor, byOrganiser } = await findProposalSource(deps, event);
  const existing = await store.questions.options(question.id, { includePending: true });
  const text = checkStatement(event.text, existing);
  const needsApproval = programme.settings.statementApproval && !byOrganiser;
  const status = needsApproval ? 'pending' : 'approved';
  const statement = await store.questions.addStatement({
    questionId: question.id,
    label: text,
    authorId: author.id,
    status,
    sourceId: response.id,
    createdAt: event.at,
  });
  const proposer = byAuthor ? author : await store.participants.upsert(event.proposer);
  await store.audit.record({
    programmeId: programme.id,
    // On an anonymous question the audit log must not say who wrote what; an organiser's own action is theirs.
    actor: byAuthor && question.anonymity === 'anonymous' ? 'participant' : proposer.id,
    action: 'statement.proposed',
    detail: { question: question.key, statement: statement.key, status, fromReply: response.id },
  });
  // Someone else's words made a statement: their author hears of it from Agora, not by chance.
  const notice = byAuthor
    ? null
    : await replyAuthorNotice(deps, { question, response, author, organiser: proposer, statement });
  const alsoTell = notice ? [notice] : [];
  const credited = reviewAuthor(question.anonymity, author);
  if (!needsApproval) {
    // The author agrees with their own words; an organiser's condensed version is theirs to vote on.
    if (byAuthor) await countAuthorAgreeing(deps, question.id, author.id, statement.key, event.at);
    const credit = byAuthor ? '' : ` It is credited to ${credited}, from their reply.`;
    return {
      statement,
      message: `Added: "${text}".${credit} Others will now be asked whether they agree.`,
      alsoTell,
    };
  }
  const review = {
    questionId: question.id,
    statementId: statement.id,
    prompt: question.prompt,
    text,
    author: credited,
    source: await replyLink(deps, response),
  };
  return { ...(await awaitingApproval(deps, programme, statement, review)), alsoTell };
}

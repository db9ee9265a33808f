import type { StatementCard, StatementDecision, StatementForReview } from '../../../src/core/ports/chat-platform.ts';
import type { DealtStatement } from '../../../src/core/statements/deal-statement.ts';
import { ACTION, encodeReview, encodeVote } from '../action-ids.ts';
import { actions, type Block, button, context, LIMITS, plain, section } from './blocks.ts';
import { plainShown, shown } from './mrkdwn.ts';
import { noticeText } from './notices.ts';

export interface StatementMessage {
  text: string;
  blocks: Block[];
}

// No button colours: neither answer should look like the expected one.
const VOTES = [
  { vote: 'agree', label: 'Agree' },
  { vote: 'disagree', label: 'Disagree' },
  { vote: 'pass', label: 'Pass' },
] as const;

/** One statement dealt to one person: the statement, how far they are, Agree / Disagree / Pass. */
function statementCard(card: StatementCard): StatementMessage {
  const answers = VOTES.map((v) =>
    button(
      `${ACTION.answerStatementPrefix}${v.vote}`,
      v.label,
      encodeVote({ questionId: card.questionId, subject: card.statementKey, choice: v.vote }),
    ),
  );
  const add = card.allowStatements ? [button(ACTION.addStatement, 'Add a statement', card.questionId)] : [];
  const stand = button(ACTION.whereIStand, 'Where do I stand', card.questionId);
  return {
    text: noticeText(`Agree or disagree? ${card.text}`),
    blocks: [
      context(
        `*${shown(card.prompt, 2000)}*  ·  ${card.voted} of ${card.total} voted${card.source ? `  ·  <${card.source}|From a reply in the thread>` : ''}`,
      ),
      // Plain text: the statement exactly as written, with nothing in it read as markup.
      { type: 'section', block_id: 'statement', text: plain(plainShown(card.text, LIMITS.sectionText)) },
      actions([...answers, ...add, stand]),
    ],
  };
}

/** What a person is shown when dealt a statement, or told there is none left. */
export function dealtMessage(dealt: DealtStatement): StatementMessage {
  if (dealt.kind === 'card') return statementCard(dealt.card);
  const notice = wholeNotice(dealt.message);
  const add = dealt.allowStatements ? [button(ACTION.addStatement, 'Add a statement', dealt.questionId)] : [];
  const stand = button(ACTION.whereIStand, 'Where do I stand', dealt.questionId);
  return { ...notice, blocks: [...notice.blocks, actions([...add, stand])] };
}

/** A notice that replaces a whole message (blocks too, so no stale buttons stay). */
export function wholeNotice(text: string): StatementMessage {
  const safe = noticeText(text);
  return { text: safe, blocks: [section(safe)] };
}

/** A participant's statement in the organisers' channel, with Approve and Reject. */
export function reviewRequest(review: StatementForReview): StatementMessage {
  const value = encodeReview({ questionId: review.questionId, statementId: review.statementId });
  return {
    text: noticeText(`A statement awaits approval: "${review.text}"`),
    blocks: [
      section(`*A statement awaits approval*\n>${shown(review.text, 2000)}`),
      context(
        `From ${shown(review.author, 150)} on “${shown(review.prompt, 1500)}”${review.source ? ` · <${review.source}|Proposed from a reply>` : ''}`,
      ),
      actions([
        button(`${ACTION.reviewStatementPrefix}approve`, 'Approve', value, 'primary'),
        button(`${ACTION.reviewStatementPrefix}reject`, 'Reject', value, 'danger'),
      ]),
    ],
  };
}

/** The review card once decided: the statement and the decision, with no controls left to press. */
export function reviewDecided(decision: StatementDecision): StatementMessage {
  return {
    text: noticeText(decision.summary),
    blocks: [
      section(
        `*${decision.decision === 'approved' ? 'Statement approved' : 'Statement rejected'}*\n>${shown(decision.text, 2000)}`,
      ),
      context(`${shown(decision.summary, 1500)} · on “${shown(decision.prompt, 1000)}”`),
    ],
  };
}

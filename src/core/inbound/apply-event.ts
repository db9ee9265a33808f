import { castVote } from '../consultation/cast-vote.ts';
import type { CoreDeps } from '../consultation/deps.ts';
import { recordDeletion, recordEdit, recordPrivateAnswer, recordResponse } from '../consultation/record-response.ts';
import { isUserError, messageForUser } from '../errors.ts';
import {
  closedAnswerNotice,
  closedReplyNotice,
  firstResponseThanks,
  privateAnswerThanks,
  voteNotice,
} from '../presentation/notice-wording.ts';
import { addStatement, type StatementAdded } from '../statements/add-statement.ts';
import { proposeStatement } from '../statements/propose-statement.ts';
import { reviewStatement } from '../statements/review-statement.ts';
import type { Effect } from './effects.ts';
import type { InboundEvent } from './inbound-event.ts';
import { withPersonName } from './person-names.ts';

/** How an event was applied (kept with it in the inbox) and what the core does next. */
export interface Applied {
  outcome: string;
  effects: Effect[];
}

/**
 * Thrown when an event cannot be applied yet because what it refers to has not arrived: an edit or a deletion of a
 * reply whose own event is still on its way. The applier tries again for a bounded time, then reports it.
 */
export class WaitingForEarlierEvent extends Error {
  constructor(readonly waitingFor: string) {
    super(`waiting for ${waitingFor}`);
  }
}

function tell(event: InboundEvent, text: string): Effect[] {
  return event.notice ? [{ kind: 'notify', platform: event.platform, recipient: event.notice, text }] : [];
}

/** The review card goes first, so that by the time its author hears a statement waits, the organisers can see it. */
function reviewRequested(added: StatementAdded): Effect[] {
  return added.review ? [{ kind: 'review-requested', ...added.review }] : [];
}

/** Applies one inbound event through its use case. User mistakes are outcomes (`refused:CODE`) with a notice. */
export async function applyEvent(deps: CoreDeps, event: InboundEvent): Promise<Applied> {
  return applyNamedEvent(deps, await withPersonName(deps, event));
}

/** The same, for an event whose author was named already (a batch names its authors before its transaction). */
export async function applyNamedEvent(deps: CoreDeps, event: InboundEvent): Promise<Applied> {
  try {
    return await applyUseCase(deps, event);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { outcome: `refused:${error.code}`, effects: tell(event, messageForUser(error)) };
  }
}

async function applyUseCase(deps: CoreDeps, event: InboundEvent): Promise<Applied> {
  const { store } = deps;
  switch (event.kind) {
    case 'response.posted': {
      const outcome = await recordResponse(deps, event.payload);
      if (outcome.status === 'recorded') {
        const refresh: Effect = { kind: 'refresh', questionId: outcome.response.questionId };
        if (!outcome.firstResponseToQuestion) return { outcome: 'recorded', effects: [refresh] };
        const question = await store.questions.findById(outcome.response.questionId);
        return {
          outcome: 'recorded',
          effects: [...tell(event, firstResponseThanks(question?.prompt ?? null)), refresh],
        };
      }
      if (outcome.status === 'closed')
        return { outcome: 'closed', effects: tell(event, closedReplyNotice(outcome.closedAt)) };
      return { outcome: outcome.status, effects: [] };
    }
    case 'response.edited': {
      const outcome = await recordEdit(deps, event.payload);
      if (outcome === 'unknown') throw new WaitingForEarlierEvent(event.payload.messageRef);
      return { outcome, effects: [] };
    }
    case 'response.deleted': {
      const response = await store.responses.findByMessageRef(event.payload.messageRef);
      if (!response) throw new WaitingForEarlierEvent(event.payload.messageRef);
      const outcome = await recordDeletion(deps, event.payload);
      return { outcome, effects: [{ kind: 'refresh', questionId: response.questionId }] };
    }
    case 'answer.private': {
      const outcome = await recordPrivateAnswer(deps, event.payload);
      if (outcome.status === 'closed')
        return { outcome: 'closed', effects: tell(event, closedAnswerNotice(outcome.closedAt)) };
      if (outcome.status !== 'recorded') return { outcome: outcome.status, effects: [] };
      const question = await store.questions.findById(outcome.response.questionId);
      return {
        outcome: 'recorded',
        effects: [
          ...tell(event, privateAnswerThanks(question?.prompt ?? '')),
          { kind: 'refresh', questionId: outcome.response.questionId },
        ],
      };
    }
    case 'vote.cast': {
      const { question, changed } = await castVote(deps, event.payload);
      const options = await store.questions.options(question.id, { includePending: true });
      const labels = new Map(options.map((o) => [o.key, o.label]));
      const notice = voteNotice(question, labels, event.payload.subject, event.payload.choice);
      return {
        outcome: changed ? 'recorded' : 'duplicate',
        effects: [...tell(event, notice), ...(changed ? [{ kind: 'refresh', questionId: question.id } as const] : [])],
      };
    }
    case 'statement.added': {
      const added = await addStatement(deps, event.payload);
      const refresh: Effect[] =
        added.statement.status === 'approved' ? [{ kind: 'refresh', questionId: event.payload.questionId }] : [];
      return {
        outcome: `statement:${added.statement.status}`,
        effects: [...reviewRequested(added), ...tell(event, added.message), ...refresh],
      };
    }
    case 'statement.proposed': {
      const proposed = await proposeStatement(deps, event.payload);
      const refresh: Effect[] =
        proposed.statement.status === 'approved'
          ? [{ kind: 'refresh', questionId: proposed.statement.questionId }]
          : [];
      return {
        outcome: `statement:${proposed.statement.status}`,
        effects: [
          ...reviewRequested(proposed),
          ...tell(event, proposed.message),
          ...(proposed.alsoTell ?? []).map((notice) => ({ kind: 'notify', ...notice }) as const),
          ...refresh,
        ],
      };
    }
    case 'statement.reviewed': {
      const reviewed = await reviewStatement(deps, event.payload);
      const refresh: Effect[] =
        reviewed.statement.status === 'approved' ? [{ kind: 'refresh', questionId: event.payload.questionId }] : [];
      // Every review card of the statement shows the decision, wherever it was pressed (Teams passes no card ref).
      const card: Effect[] = [
        { kind: 'review-decided', messageRef: event.payload.reviewCardRef ?? null, decision: reviewed.decision },
      ];
      return {
        outcome: `statement:${reviewed.statement.status}`,
        effects: [...tell(event, reviewed.message), ...card, ...refresh],
      };
    }
  }
}

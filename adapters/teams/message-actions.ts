import type { Activity } from '@microsoft/agents-activity';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import { isUserError, messageForUser } from '../../src/core/errors.ts';
import { questionOrder } from '../../src/core/inbound/inbound-event.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { ActionData } from './action-data.ts';
import { channelPlace, personOf, tenantOf } from './activity-reading.ts';
import { proposalDialog } from './cards.ts';
import { cardText } from './chat-text.ts';
import { type BotReply, dialogSays, UNREADABLE } from './invoke-answers.ts';
import { keepEvents } from './keep-events.ts';
import { teamsRef } from './refs.ts';

/** The manifest's message action on a reply (More actions → "Propose as a statement"). */
export const PROPOSE_COMMAND = 'proposeStatement';

interface MessageActionValue {
  commandId?: string;
  messagePayload?: { id?: string };
  data?: unknown;
}

/**
 * "Propose as a statement" on a reply in a question's thread, a message action: `composeExtension/fetchTask` opens
 * the form with the reply's words when the core says this person may propose it (its author, or an organiser),
 * or says why not; `composeExtension/submitAction` hands what was sent to the core, which adds the statement (or
 * holds it for approval) credited to the reply's author, and tells the person in their chat with Agora.
 */
export async function messageAction(
  context: { consultation: Consultation; isOrganiser: (userId: string) => boolean; logger: Logger },
  activity: Activity,
): Promise<BotReply> {
  const value = (activity.value ?? {}) as MessageActionValue;
  const place = channelPlace(activity);
  const messageId = value.messagePayload?.id;
  if (value.commandId !== PROPOSE_COMMAND || !messageId) return dialogSays(UNREADABLE);
  if (!place) return dialogSays('Propose as a statement works on replies in the thread of a question.');
  const tenantId = tenantOf(activity);
  const replyRef = teamsRef({ tenantId, channelId: place.channelId, messageId });
  const proposer = personOf(activity);
  const proposerIsOrganiser = context.isOrganiser(proposer.platformUserId);
  if (activity.name === 'composeExtension/fetchTask') {
    try {
      const proposal = await context.consultation.read.statementProposal({ replyRef, proposer, proposerIsOrganiser });
      return { status: 200, body: proposalDialog(proposal.questionId, cardText(proposal.prompt), proposal.draft) };
    } catch (error) {
      if (!isUserError(error)) context.logger.error({ err: error, replyRef }, 'opening the proposal form failed');
      return dialogSays(cardText(messageForUser(error)));
    }
  }
  const data = ActionData.safeParse(value.data);
  if (!data.success || data.data.agora !== 'propose') return dialogSays(UNREADABLE);
  const problem = await keepEvents(context, [
    {
      kind: 'statement.proposed',
      platform: 'teams',
      key: `teams:invoke:${activity.id}`,
      orderingKey: questionOrder(data.data.questionId),
      notice: {
        platformUserId: proposer.platformUserId,
        workspaceId: tenantId,
        channel: { platform: 'teams', workspaceId: tenantId, channelId: place.channelId },
      },
      payload: {
        replyRef,
        proposer,
        proposerIsOrganiser,
        text: data.data.statement ?? '',
        at: context.consultation.clock.now(),
      },
    },
  ]);
  return dialogSays(problem ?? 'Thank you. Agora tells you in your chat with it what became of the statement.');
}

import type { CoreDeps } from '../consultation/deps.ts';
import { safeChatText } from '../digest/format-escaping.ts';
import { isUserError, messageForUser } from '../errors.ts';
import type { PrivateDelivery, Recipient } from '../ports/chat-platform.ts';
import { findStatementQuestion } from '../statements/statement-question.ts';
import type { PlatformIdentity } from '../types.ts';
import type { SummaryDeps } from './summarise-question.ts';
import { whereParticipantStandsText } from './where-participant-stands.ts';

/** A person pressed "Where do I stand" on an agree/disagree question; `recipient` is where they pressed it. */
export interface StandingRequest {
  questionId: string;
  person: PlatformIdentity;
  recipient: Recipient;
}

/**
 * Tells the person, and only them, where they stand on the question: the group their votes are closest to, what
 * they share with it, where they differ from the others and the common ground, or how many more votes it takes.
 * The answer goes through their own platform's private channel (the interaction's reply while it is valid); nothing
 * is posted, recorded or told to organisers, so on anonymous questions no one learns who asked or what they saw.
 */
export async function tellWhereTheyStand(
  deps: CoreDeps & SummaryDeps,
  request: StandingRequest,
): Promise<PrivateDelivery> {
  const platform = deps.platforms.get(request.person.platform);
  if (!platform) {
    deps.logger.warn({ platform: request.person.platform }, 'a standing was asked for on a platform not connected');
    return 'undelivered';
  }
  let text: string;
  try {
    const { question } = await findStatementQuestion(deps, request.questionId);
    const participant = await deps.store.participants.upsert(request.person);
    text = await whereParticipantStandsText(deps, question, participant.id);
  } catch (error) {
    if (!isUserError(error))
      deps.logger.error({ err: error, questionId: request.questionId }, 'working out where a person stands failed');
    text = messageForUser(error);
  }
  return platform.sendPrivate(request.recipient, safeChatText(text));
}

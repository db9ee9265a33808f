import type { CoreDeps } from '../consultation/deps.ts';
import type { QuestionRefresher } from '../consultation/question-refresher.ts';
import type { Recipient, StatementDecision } from '../ports/chat-platform.ts';
import type { Logger } from '../ports/logger.ts';
import { type ReviewRequest, sendForReview } from '../statements/add-statement.ts';
import type { Platform } from '../types.ts';

/**
 * What follows an applied event, decided by the core and the same on every platform: the person told privately
 * (a confirmation, a refusal), the question's cards refreshed wherever it is posted, a statement put to the
 * organisers and their decision shown on its review cards.
 */
export type Effect =
  | { kind: 'notify'; platform: Platform; recipient: Recipient; text: string }
  | { kind: 'refresh'; questionId: string }
  | ({ kind: 'review-requested' } & ReviewRequest)
  | { kind: 'review-decided'; messageRef: string | null; decision: StatementDecision };

/** Sends effects through the platform registry. Best effort: a platform that fails is logged, the event stays applied. */
export class EffectEmitter {
  constructor(
    private readonly deps: CoreDeps,
    private readonly refresher: QuestionRefresher,
  ) {}

  /** `logger`: the event's own, so a failed notice is logged with the event that brought it. */
  async emit(effects: readonly Effect[], logger = this.deps.logger): Promise<void> {
    for (const effect of effects) {
      if (effect.kind === 'refresh') {
        this.refresher.schedule(effect.questionId);
        continue;
      }
      if (effect.kind === 'review-requested') {
        await sendForReview(this.deps, effect).catch((error: unknown) => {
          logger.warn(
            { err: error, statement: effect.review.statementId },
            'could not put a statement to the organisers',
          );
        });
        continue;
      }
      if (effect.kind === 'review-decided') {
        await this.#showDecision(effect.messageRef, effect.decision, logger);
        continue;
      }
      const platform = this.deps.platforms.get(effect.platform);
      if (!platform) {
        logger.warn({ to: effect.platform }, 'a notice was for a platform that is not connected');
        continue;
      }
      try {
        await platform.sendPrivate(effect.recipient, effect.text);
      } catch (error) {
        logger.warn(
          { err: error, to: effect.platform, user: effect.recipient.platformUserId },
          'could not tell a person what became of what they sent',
        );
      }
    }
  }

  /**
   * Every review card of the statement (in each organisers' channel, on every platform), and the one pressed, shows
   * the decision instead of its controls, each by the platform that made it.
   */
  async #showDecision(pressed: string | null, decision: StatementDecision, logger: Logger): Promise<void> {
    const cards = new Set(pressed ? [pressed] : []);
    try {
      for (const card of await this.deps.store.questions.reviewCards(decision.statementId)) cards.add(card);
    } catch (error) {
      logger.warn({ err: error, statement: decision.statementId }, 'could not read where a statement was reviewed');
    }
    for (const messageRef of cards) {
      const platform = this.deps.platforms.owning(messageRef);
      if (!platform) {
        logger.warn({ messageRef }, 'a review card was on a platform that is not connected');
        continue;
      }
      try {
        await platform.showStatementDecision(messageRef, decision);
      } catch (error) {
        logger.warn({ err: error, messageRef }, 'could not show the decision on a review card');
      }
    }
  }

  /** Runs every pending card refresh now (when stopping). */
  flush(): Promise<void> {
    return this.refresher.flush();
  }
}

import type { CoreDeps } from '../consultation/deps.ts';
import type { QuestionRefresher } from '../consultation/question-refresher.ts';
import type { Recipient } from '../ports/chat-platform.ts';
import type { Platform } from '../types.ts';

/**
 * What follows an applied event, decided by the core and the same on every platform: the person told privately
 * (a confirmation, a refusal), and the question's cards refreshed wherever it is posted.
 */
export type Effect =
  | { kind: 'notify'; platform: Platform; recipient: Recipient; text: string }
  | { kind: 'refresh'; questionId: string };

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

  /** Runs every pending card refresh now (when stopping). */
  flush(): Promise<void> {
    return this.refresher.flush();
  }
}

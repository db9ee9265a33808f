import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import { buildQuestionCard } from '../../src/core/consultation/question-card.ts';
import type { ChatPlatform } from '../../src/core/ports/chat-platform.ts';
import { parseMessageRef } from './refs.ts';
import type { WorkTracker } from './work-tracker.ts';

/**
 * Keeps posted polls' live tallies current. Votes come in bursts and chat.update is rate-limited, so updates of one
 * question are gathered: at most one per `delayMs`, showing every vote cast until then.
 */
export class QuestionRefresher {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: CoreDeps,
    private readonly platform: ChatPlatform,
    private readonly work: WorkTracker,
    private readonly delayMs: number,
  ) {}

  schedule(questionId: string): void {
    if (this.#timers.has(questionId)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(questionId);
      void this.work.run(() => this.refresh(questionId));
    }, this.delayMs);
    this.#timers.set(questionId, timer);
  }

  async refresh(questionId: string): Promise<void> {
    const { store, logger } = this.deps;
    try {
      const question = await store.questions.findById(questionId);
      // Closing shows the results itself; a closed question is left as closing left it.
      if (question?.status !== 'open') return;
      const card = await buildQuestionCard(store, question);
      for (const posting of await store.postings.listByQuestion(questionId)) {
        if (!parseMessageRef(posting.messageRef)) continue;
        await this.platform.updateQuestion(posting.messageRef, card).catch((error: unknown) => {
          logger.warn({ err: error, messageRef: posting.messageRef }, 'could not refresh a poll on Slack');
        });
      }
    } catch (error) {
      logger.warn({ err: error, questionId }, 'could not refresh a poll on Slack');
    }
  }

  /** Runs every pending refresh now (used when stopping). */
  async flush(): Promise<void> {
    const pending = [...this.#timers.keys()];
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all(pending.map((id) => this.refresh(id)));
  }
}

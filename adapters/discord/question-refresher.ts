import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import { buildQuestionCard } from '../../src/core/consultation/question-card.ts';
import type { ChatPlatform } from '../../src/core/ports/chat-platform.ts';
import type { KeyedQueue } from './keyed-queue.ts';
import { parseMessageRef } from './refs.ts';

/**
 * Keeps posted questions current: live tallies after votes, the "Respond" button once message content turns out to
 * be unreadable. Votes come in bursts and message edits are rate-limited, so updates of one question are gathered:
 * at most one per `delayMs`, showing every vote cast until then.
 */
export class QuestionRefresher {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: CoreDeps,
    private readonly platform: ChatPlatform,
    private readonly work: KeyedQueue,
    private readonly delayMs: number,
  ) {}

  schedule(questionId: string): void {
    if (this.#timers.has(questionId)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(questionId);
      void this.work.run(`refresh:${questionId}`, () => this.refresh(questionId));
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
          logger.warn({ err: error, messageRef: posting.messageRef }, 'could not refresh a question on Discord');
        });
      }
    } catch (error) {
      logger.warn({ err: error, questionId }, 'could not refresh a question on Discord');
    }
  }

  /** Every open question with a Discord posting, refreshed now. */
  async refreshAllOpen(): Promise<void> {
    for (const question of await this.deps.store.questions.listByStatus('open')) this.schedule(question.id);
  }

  /** Runs every pending refresh now (when stopping). */
  async flush(): Promise<void> {
    const pending = [...this.#timers.keys()];
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all(pending.map((id) => this.refresh(id)));
  }
}

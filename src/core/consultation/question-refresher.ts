import type { ChatPlatform } from '../ports/chat-platform.ts';
import type { PostingRecord } from '../records.ts';
import { accessRefusal, tellOrganisersOfRefusal } from './access-refusals.ts';
import type { CoreDeps } from './deps.ts';
import { buildQuestionCard } from './question-card.ts';

export interface QuestionRefresherOptions {
  /** Runs a refresh as the adapter runs its background work, so that stopping waits for it. */
  run(key: string, work: () => Promise<void>): void;
  /** The platform that shows a posting and can update it; undefined for postings this refresher leaves alone. */
  platformOf(posting: PostingRecord): Promise<ChatPlatform | undefined> | ChatPlatform | undefined;
  /** At most one refresh of a question per this many milliseconds. */
  delayMs: number;
}

/**
 * Keeps posted questions current: live tallies after votes, and whatever else the card shows. Votes
 * come in bursts and message edits are rate-limited on every platform, so updates of one question are gathered: at
 * most one per `delayMs`, showing every vote cast until then.
 */
export class QuestionRefresher {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Postings whose refusal the organisers were told of, so that each vote does not tell them again. */
  readonly #refused = new Set<string>();

  constructor(
    private readonly deps: CoreDeps,
    private readonly options: QuestionRefresherOptions,
  ) {}

  schedule(questionId: string): void {
    if (this.#timers.has(questionId)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(questionId);
      this.options.run(`refresh:${questionId}`, () => this.refresh(questionId));
    }, this.options.delayMs);
    this.#timers.set(questionId, timer);
  }

  async refresh(questionId: string): Promise<void> {
    const { store, logger } = this.deps;
    const where = 'could not refresh a posted question';
    try {
      const question = await store.questions.findById(questionId);
      // Closing shows the results itself; a closed question is left as closing left it.
      if (question?.status !== 'open') return;
      const card = await buildQuestionCard(store, question);
      for (const posting of await store.postings.listByQuestion(questionId)) {
        const platform = await this.options.platformOf(posting);
        if (!platform) continue;
        try {
          await platform.updateQuestion(posting.messageRef, card);
          this.#refused.delete(posting.id);
        } catch (error) {
          logger.warn({ err: error, messageRef: posting.messageRef, platform: platform.platform }, where);
          if (this.#refused.has(posting.id) || !accessRefusal(error)) continue;
          const target = await store.channels.targetById(posting.channelTargetId);
          const told = await tellOrganisersOfRefusal(this.deps, {
            programmeId: question.programmeId,
            prompt: question.prompt,
            action: 'update the question',
            refused: target,
            error,
          });
          if (told) this.#refused.add(posting.id);
        }
      }
    } catch (error) {
      logger.warn({ err: error, questionId }, where);
    }
  }

  /** Every open question, refreshed soon (after a restart or a change in what cards show). */
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

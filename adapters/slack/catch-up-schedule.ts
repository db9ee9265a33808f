import type { Logger } from '../../src/core/ports/logger.ts';
import {
  CatchUpRunner,
  type CatchUpSummary,
  catchUp,
  mergeWatermarks,
  takeWatermarks,
  type Watermarks,
} from './catch-up.ts';
import type { SlackContext } from './slack-context.ts';
import type { WorkTracker } from './work-tracker.ts';

/**
 * When catch-up runs and where it starts: `markStopped()` notes where each thread stood when Agora stopped
 * listening (at start, when the socket drops), `run()` catches up from there, one run at a time.
 */
export class CatchUpSchedule {
  #marks: Watermarks | undefined;
  #marking: Promise<void> = Promise.resolve();
  #last: CatchUpSummary | undefined;
  readonly #runner: CatchUpRunner;

  constructor(
    private readonly ctx: SlackContext,
    private readonly work: WorkTracker,
    private readonly logger: Logger,
    maxPages: number,
  ) {
    this.#runner = new CatchUpRunner(async () => {
      await this.#marking;
      const from = this.#marks;
      this.#marks = undefined;
      const summary = await catchUp(this.ctx, maxPages, from);
      this.#last = summary;
      if (summary.postings > 0)
        this.logger.info(
          { ...summary },
          'Slack catch-up: recorded thread replies posted while Agora was not listening',
        );
    });
  }

  markStopped(): Promise<void> {
    this.#marking = this.#marking
      .then(async () => {
        this.#marks = mergeWatermarks(this.#marks, await takeWatermarks(this.ctx));
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not note where Slack threads stood'));
    return this.#marking;
  }

  /** Catches up now; never throws (a failure is logged, and the next start or reconnect tries again). */
  async run(): Promise<CatchUpSummary | undefined> {
    try {
      await this.work.run(() => this.#runner.request());
    } catch (error) {
      this.logger.error({ err: error }, 'Slack catch-up failed; it runs again at the next reconnect or start');
    }
    return this.#last;
  }
}

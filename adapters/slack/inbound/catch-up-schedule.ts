import type { Logger } from '../../../src/core/ports/logger.ts';
import type { SlackContext } from '../slack-context.ts';
import type { WorkTracker } from '../transport/work-tracker.ts';
import { CatchUpRunner, type CatchUpSummary, catchUp } from './catch-up.ts';

/** When catch-up runs: at start and after every reconnect, one run at a time. */
export class CatchUpSchedule {
  #last: CatchUpSummary | undefined;
  readonly #runner: CatchUpRunner;

  constructor(
    private readonly ctx: SlackContext,
    private readonly work: WorkTracker,
    private readonly logger: Logger,
  ) {
    this.#runner = new CatchUpRunner(async () => {
      const summary = await catchUp(this.ctx);
      this.#last = summary;
      if (summary.postings > 0)
        this.logger.info({ ...summary }, 'Slack catch-up: read every open question’s thread again');
    });
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

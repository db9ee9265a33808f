import type { Logger } from '../../../src/core/ports/logger.ts';
import { describeSlackError } from '../transport/platform-errors.ts';
import type { SlackApi } from '../transport/slack-api.ts';
import type { SlackUser } from './slack-person.ts';

export interface ListingOptions {
  /** People asked for per page; Slack advises 200 at most. */
  pageSize: number;
  /** Waits before each new try of a page that failed; once they are used up the listing gives up. */
  retryDelaysMs: number[];
  /** Resolves after `ms`, or early once the directory stops. */
  sleep: (ms: number) => Promise<void>;
  stopped: () => boolean;
}

/** How a listing ended: every page read, or given up with Slack's error (the directory asks users.info instead). */
export type ListingEnd = { listed: number } | { failed: string; retryable: boolean };

/**
 * Reads a workspace's people with `users.list`, page by page, through the SlackApi (so a 429 waits as
 * Retry-After says). A page that fails for a passing reason is asked again after a back-off; a refusal that
 * trying again cannot change (`missing_scope`, a revoked token) ends the listing at once.
 */
export async function listWorkspace(
  api: SlackApi,
  team: string,
  onPage: (members: SlackUser[]) => void,
  options: ListingOptions,
  logger: Logger,
): Promise<ListingEnd> {
  let cursor = '';
  let listed = 0;
  let failures = 0;
  for (;;) {
    if (options.stopped()) return { failed: 'stopped', retryable: false };
    try {
      const page = await api.call<{ members?: SlackUser[]; response_metadata?: { next_cursor?: string } }>(
        team,
        'users.list',
        { limit: options.pageSize, ...(cursor ? { cursor } : {}), ...(team ? { team_id: team } : {}) },
      );
      const members = page.members ?? [];
      onPage(members);
      listed += members.length;
      failures = 0;
      cursor = page.response_metadata?.next_cursor ?? '';
      if (!cursor) return { listed };
    } catch (error) {
      const failure = describeSlackError(error, 'the workspace directory');
      const delay = options.retryDelaysMs[failures];
      if (!failure.retryable || delay === undefined)
        return { failed: failure.slackError, retryable: failure.retryable };
      failures++;
      logger.warn(
        { team, slackError: failure.slackError, attempt: failures, retryInMs: delay },
        'a page of the Slack workspace directory (users.list) failed; asking again',
      );
      await options.sleep(delay);
    }
  }
}

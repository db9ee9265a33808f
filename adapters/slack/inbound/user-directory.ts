import type { Logger } from '../../../src/core/ports/logger.ts';
import type { SlackApi } from '../transport/slack-api.ts';
import { type ListingEnd, listWorkspace } from './directory-listing.ts';
import { personOf, type SlackPerson, type SlackUser } from './slack-person.ts';

interface Entry {
  person: SlackPerson;
  /** When a `users.info` answer is asked again; never for people the list or an event gave. */
  until: number;
}

export interface DirectoryOptions {
  /** How long a `users.info` answer is trusted. */
  ttlMs: number;
  /** How long a lookup of someone not listed yet waits for the workspace's list before asking `users.info`. */
  listWaitMs: number;
  /** People per `users.list` page. */
  pageSize: number;
  /** Back-off before each new try of a failed page. */
  retryDelaysMs: number[];
}

const DEFAULT_OPTIONS: DirectoryOptions = {
  ttlMs: 10 * 60_000,
  // Forms look their sender up before Slack's 3-second window closes: the wait leaves room for users.info after it.
  listWaitMs: 1000,
  pageSize: 200,
  retryDelaysMs: [1000, 2000, 4000, 8000, 16_000, 30_000],
};

const UNKNOWN: SlackPerson = { displayName: '', isAdmin: false, isBot: false };
const LISTED = Number.POSITIVE_INFINITY;

/**
 * The people of each workspace Agora serves: names for the record, admin rights for organiser commands. The
 * workspace's list (`users.list`) is read in the background once per workspace and kept current by `user_change`
 * and `team_join`, so a first reply costs no Web API call: at a burst of new people, one `users.info` each held
 * the event loop long enough to delay acknowledgements. `users.info` stays for people the list does not have
 * (guests of Slack Connect channels) and for workspaces whose list cannot be read.
 */
export class UserDirectory {
  readonly #cache = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<SlackPerson>>();
  /** Each workspace's listing while it runs; 'ended' once it has (read whole, or given up). */
  readonly #listings = new Map<string, Promise<void> | 'ended'>();
  readonly #sleepers = new Set<() => void>();
  readonly #options: DirectoryOptions;
  #stopped = false;

  constructor(
    private readonly api: SlackApi,
    private readonly logger: Logger,
    options: Partial<DirectoryOptions> = {},
  ) {
    this.#options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Starts reading the workspace's people, once; resolves when that has ended. Never rejects. */
  list(team: string): Promise<void> {
    const known = this.#listings.get(team);
    if (known === 'ended' || !team) return Promise.resolve();
    if (known) return known;
    const options = {
      pageSize: this.#options.pageSize,
      retryDelaysMs: this.#options.retryDelaysMs,
      sleep: (ms: number) => this.#sleep(ms),
      stopped: () => this.#stopped,
    };
    const running = listWorkspace(this.api, team, (members) => this.#listed(team, members), options, this.logger)
      .catch(
        (error: unknown): ListingEnd => ({
          failed: error instanceof Error ? error.message : String(error),
          retryable: false,
        }),
      )
      .then((end) => this.#ended(team, end));
    this.#listings.set(team, running);
    return running;
  }

  /** A person as a `user_change` or `team_join` event describes them: known from now on, as listed people are. */
  remember(team: string, user: SlackUser): void {
    if (user.id) this.#cache.set(`${team}:${user.id}`, { person: personOf(user), until: LISTED });
  }

  /**
   * The name already known, without waiting for Slack ('' when it is not): what people send is kept first, and
   * named when it is applied. Asking now means the name is usually known by then.
   */
  knownName(team: string, user: string): string {
    const known = this.#fresh(`${team}:${user}`);
    if (known) return known.displayName;
    void this.lookup(team, user);
    return '';
  }

  /** The person's name, or null when Slack does not answer within `budgetMs` (the caller goes on without it). */
  async nameWithin(team: string, user: string, budgetMs: number): Promise<string | null> {
    const person = await this.#within(this.lookup(team, user), budgetMs, null);
    return person?.displayName || null;
  }

  lookup(team: string, user: string): Promise<SlackPerson> {
    const key = `${team}:${user}`;
    const known = this.#fresh(key);
    if (known) return Promise.resolve(known);
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const finding = this.#find(team, user)
      .catch((error: unknown) => {
        this.logger.warn({ err: error, team, user }, 'could not look up a Slack user; going on without their name');
        return UNKNOWN;
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, finding);
    return finding;
  }

  /** Ends listings in progress (a back-off wait included), so that nothing is left running after the adapter. */
  stop(): void {
    this.#stopped = true;
    for (const wake of this.#sleepers) wake();
  }

  async #find(team: string, user: string): Promise<SlackPerson> {
    const key = `${team}:${user}`;
    const listing = this.list(team);
    if (team && this.#listings.get(team) !== 'ended') {
      // Most people will be on the list: waiting for it a little is cheaper than asking about each of them.
      await this.#within(listing, this.#options.listWaitMs, undefined);
      const listed = this.#fresh(key);
      if (listed) return listed;
    }
    const person = await this.#fetch(team, user);
    const now = this.#cache.get(key);
    this.#cache.set(key, { person, until: now?.until === LISTED ? LISTED : Date.now() + this.#options.ttlMs });
    return person;
  }

  #fresh(key: string): SlackPerson | undefined {
    const entry = this.#cache.get(key);
    return entry && entry.until > Date.now() ? entry.person : undefined;
  }

  #listed(team: string, members: SlackUser[]): void {
    for (const member of members) this.remember(team, member);
  }

  #ended(team: string, end: ListingEnd): void {
    this.#listings.set(team, 'ended');
    if ('listed' in end) {
      this.logger.info({ team, people: end.listed }, 'Slack workspace directory read (users.list)');
    } else if (end.failed !== 'stopped') {
      this.logger.warn(
        { team, slackError: end.failed, retryable: end.retryable },
        'could not read the Slack workspace directory (users.list); naming people with users.info instead',
      );
    }
  }

  /** What `work` gives, or `late` once `ms` have passed without it. */
  async #within<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<L>((resolve) => {
      timer = setTimeout(() => resolve(late), ms);
    });
    try {
      return await Promise.race([work, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.#sleepers.add(wake);
    });
  }

  async #fetch(team: string, user: string): Promise<SlackPerson> {
    const result = await this.api.call<{ user?: SlackUser }>(team, 'users.info', { user });
    return personOf(result.user ?? {});
  }
}

import type { Logger } from '../../../src/core/ports/logger.ts';
import type { SlackApi } from '../transport/slack-api.ts';

export interface SlackPerson {
  displayName: string;
  /** Workspace admins and owners count as organisers. */
  isAdmin: boolean;
  isBot: boolean;
}

interface Entry {
  person: SlackPerson;
  until: number;
}

const UNKNOWN: SlackPerson = { displayName: '', isAdmin: false, isBot: false };

/** People as `users.info` describes them, cached: names for the record, admin rights for organiser commands. */
export class UserDirectory {
  readonly #cache = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<SlackPerson>>();

  constructor(
    private readonly api: SlackApi,
    private readonly logger: Logger,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  /**
   * The name already known, without waiting for Slack ('' when it is not): what people send is kept first, and
   * named when it is applied. Asking now means the name is usually known by then.
   */
  knownName(team: string, user: string): string {
    const cached = this.#cache.get(`${team}:${user}`);
    if (cached && cached.until > Date.now()) return cached.person.displayName;
    void this.lookup(team, user);
    return '';
  }

  /** The person's name, or null when Slack does not answer within `budgetMs` (the caller goes on without it). */
  async nameWithin(team: string, user: string, budgetMs: number): Promise<string | null> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), budgetMs);
    });
    try {
      const person = await Promise.race([this.lookup(team, user), late]);
      return person?.displayName || null;
    } finally {
      clearTimeout(timer);
    }
  }

  lookup(team: string, user: string): Promise<SlackPerson> {
    const key = `${team}:${user}`;
    const cached = this.#cache.get(key);
    if (cached && cached.until > Date.now()) return Promise.resolve(cached.person);
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const fetching = this.#fetch(team, user)
      .then((person) => {
        this.#cache.set(key, { person, until: Date.now() + this.ttlMs });
        return person;
      })
      .catch((error: unknown) => {
        this.logger.warn({ err: error, team, user }, 'could not look up a Slack user; going on without their name');
        return UNKNOWN;
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, fetching);
    return fetching;
  }

  async #fetch(team: string, user: string): Promise<SlackPerson> {
    const result = await this.api.call<{
      user?: {
        name?: string;
        real_name?: string;
        is_admin?: boolean;
        is_owner?: boolean;
        is_bot?: boolean;
        profile?: { real_name?: string; display_name?: string };
      };
    }>(team, 'users.info', { user });
    const u = result.user ?? {};
    return {
      displayName: u.profile?.real_name || u.real_name || u.profile?.display_name || u.name || '',
      isAdmin: Boolean(u.is_admin || u.is_owner),
      isBot: Boolean(u.is_bot),
    };
  }
}

import type { ChatPlatform } from '../ports/chat-platform.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { Platform } from '../types.ts';

/** What every use case is given: the store, the time, a logger and the connected chat platforms. */
export interface CoreDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  platforms: PlatformRegistry;
}

export class PlatformRegistry {
  readonly #platforms = new Map<Platform, ChatPlatform>();

  register(platform: ChatPlatform): void {
    this.#platforms.set(platform.platform, platform);
  }

  get(platform: Platform): ChatPlatform | undefined {
    return this.#platforms.get(platform);
  }

  list(): ChatPlatform[] {
    return [...this.#platforms.values()];
  }

  /** The connected platform that made a reference, if any. */
  owning(ref: string): ChatPlatform | undefined {
    return this.list().find((platform) => platform.owns(ref));
  }

  /**
   * A link to the message a reference names, from the platform that made it; null when that platform is not
   * connected here or has no link (never a guessed one).
   */
  async permalink(ref: string | null, threadRef: string | null = null): Promise<string | null> {
    const platform = ref ? this.owning(ref) : undefined;
    if (!ref || !platform) return null;
    return platform.permalink(ref, threadRef && platform.owns(threadRef) ? threadRef : null).catch(() => null);
  }
}

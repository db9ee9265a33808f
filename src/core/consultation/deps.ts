import type { ChatPlatform } from '../ports/chat-platform.ts';
import type { Clock, Logger } from '../ports/logger.ts';
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
}

import type { PlatformRegistry } from '../consultation/deps.ts';
import type { Store } from '../ports/store.ts';

/**
 * Links from quotes and rows back to the messages they came from, asked of the platform that made each message
 * (through the platform registry) when a digest or export is built. The core never reads a reference itself: a
 * platform that is not connected here gives no link rather than a guessed one.
 */
export interface MessageLinks {
  /** The link of a message of a question, written in the thread of `postingId` when it names one. */
  link(questionId: string, messageRef: string | null, postingId: string | null): Promise<string | null>;
}

export const NO_LINKS: MessageLinks = { link: async () => null };

export function messageLinks(store: Store, platforms: PlatformRegistry | undefined): MessageLinks {
  if (!platforms || platforms.list().length === 0) return NO_LINKS;
  const threads = new Map<string, Promise<Map<string, string | null>>>();
  const threadsOf = (questionId: string) => {
    let found = threads.get(questionId);
    if (!found) {
      found = store.postings
        .listByQuestion(questionId)
        .then((postings) => new Map(postings.map((p) => [p.id, p.threadRef ?? p.messageRef])));
      threads.set(questionId, found);
    }
    return found;
  };
  return {
    async link(questionId, messageRef, postingId) {
      if (!messageRef) return null;
      const threadRef = postingId ? ((await threadsOf(questionId)).get(postingId) ?? null) : null;
      return platforms.permalink(messageRef, threadRef);
    },
  };
}

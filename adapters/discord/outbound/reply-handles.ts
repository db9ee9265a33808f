/**
 * Where the core's notice about an interaction lands: carried opaquely in `Recipient.replyHandle` as
 * `MODE:ISSUED_AT_MS:TOKEN`. The interaction token lets Agora edit the interaction's reply or follow it up for
 * 15 minutes; after that the notice goes by DM.
 * - `edit`: the interaction was deferred and its reply waits for the notice (it replaces the "thinking" reply, or
 *   the flow message a deferred update sits on, and takes its controls away);
 * - `follow`: the interaction was answered already (a flow updated in place), so the notice is a private follow-up.
 */

export type ReplyMode = 'edit' | 'follow';

export interface ReplyHandle {
  mode: ReplyMode;
  issuedAt: number;
  token: string;
}

/** Discord accepts an interaction token's edits and follow-ups for 15 minutes; a margin is kept. */
export const TOKEN_LIFETIME_MS = 14.5 * 60_000;

export function encodeReplyHandle(handle: ReplyHandle): string {
  return `${handle.mode}:${handle.issuedAt}:${handle.token}`;
}

export function decodeReplyHandle(text: string | undefined): ReplyHandle | undefined {
  const match = text ? /^(edit|follow):(\d+):(.+)$/.exec(text) : null;
  if (!match) return undefined;
  return { mode: match[1] as ReplyMode, issuedAt: Number(match[2]), token: match[3] as string };
}

/**
 * The interactions of this process that are being acknowledged right now (stored, about to be deferred), so that a
 * notice the core sends for one (it may be applied within milliseconds) waits for Discord to have the deferral
 * before editing it.
 */
export class PendingAnswers {
  readonly #pending = new Map<string, Promise<void>>();

  /** Marks the token as being acknowledged; call the returned function once Discord has been answered (or not). */
  hold(token: string): () => void {
    let release = () => {};
    const done = new Promise<void>((resolve) => {
      release = () => {
        if (this.#pending.get(token) === done) this.#pending.delete(token);
        resolve();
      };
    });
    this.#pending.set(token, done);
    return release;
  }

  /** Resolves once the token's acknowledgement is done, or at once when none is under way; at most `timeoutMs`. */
  async settled(token: string, timeoutMs: number): Promise<void> {
    const pending = this.#pending.get(token);
    if (!pending) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([pending, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }
}

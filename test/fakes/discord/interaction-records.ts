import type { APIInteraction, InteractionResponseType, InteractionType } from 'discord.js';
import type { UploadedFile } from './call-log.ts';
import { Waiters } from './wait.ts';

export interface InteractionCallback {
  type: InteractionResponseType;
  data: Record<string, unknown> | undefined;
  files: UploadedFile[];
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  channelId: string;
  userId: string;
  dispatchedAt: number;
  callback?: InteractionCallback;
  /** The reply, the deferral's placeholder, or for components the message they sit on. */
  originalMessageId?: string;
  /** After a deferred reply, the first follow-up fills the placeholder instead of creating a message. */
  placeholderPending: boolean;
  /** Messages returned by follow-up calls, in order. */
  followUpIds: string[];
  /** For a modal submission, the interaction the modal was shown in answer to. */
  openerId?: string;
  /** The modal shown in answer (callback type 9), and whether the user has submitted it. */
  modal?: { data: Record<string, unknown>; submitted: boolean };
}

/** Interactions sent to the bot, with what the bot answered. */
export class InteractionRecords {
  readonly #records = new Map<string, InteractionRecord>();
  readonly #changes = new Waiters<InteractionRecord>();

  add(record: InteractionRecord): void {
    this.#records.set(record.id, record);
  }

  byId(id: string): InteractionRecord | undefined {
    return this.#records.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    return [...this.#records.values()].find((record) => record.token === token);
  }

  /** The latest unsubmitted modal with this custom_id, optionally only one shown to the given user. */
  openModal(customId: string, userId?: string): InteractionRecord | undefined {
    return [...this.#records.values()]
      .reverse()
      .find(
        (record) =>
          record.modal?.data.custom_id === customId &&
          !record.modal.submitted &&
          (userId === undefined || record.userId === userId),
      );
  }

  changed(record: InteractionRecord): void {
    this.#changes.announce(record);
  }

  /** Resolves once the record satisfies the condition, checking it now and after each change. */
  until<T>(
    record: InteractionRecord,
    read: (record: InteractionRecord) => T | undefined,
    timeoutMs: number,
    what: string,
  ) {
    const now = read(record);
    if (now !== undefined) return Promise.resolve(now);
    return this.#changes
      .wait((changed) => changed === record && read(changed) !== undefined, timeoutMs, what)
      .then((changed) => read(changed) as T);
  }
}

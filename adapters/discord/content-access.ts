import type { Logger } from '../../src/core/ports/logger.ts';

/**
 * Whether Discord lets Agora read what people write in guild channels (the privileged Message Content intent).
 * Without it, replies in threads arrive empty, so each question gets a "Respond" button opening a modal instead,
 * and the consultation still works. The operator is told once, in one line, what to switch on.
 */
export class ContentAccess {
  #readable = true;
  readonly #listeners: (() => void)[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly applicationId: string,
  ) {}

  get readable(): boolean {
    return this.#readable;
  }

  onWithheld(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** The gateway refused the intent at login (close code 4014). */
  refusedAtLogin(): void {
    this.#withhold('Discord refused the Message Content intent at login (4014 Disallowed intents)');
  }

  /** A person's message in a question thread arrived with no content at all. */
  arrivedEmpty(where: { guildId: string; channelId: string }): void {
    this.#withhold('Discord is sending messages in question threads without their content', where);
  }

  #withhold(what: string, where: Record<string, unknown> = {}): void {
    if (!this.#readable) return;
    this.#readable = false;
    this.logger.warn(
      { ...where, applicationId: this.applicationId, intent: 'MessageContent' },
      `${what}: in the Discord Developer Portal, open the application (https://discord.com/developers/applications/${this.applicationId}/bot) and turn on "Message Content Intent" under Privileged Gateway Intents, then restart Agora. Until then, people answer with the "Respond" button on each question.`,
    );
    for (const listener of this.#listeners) listener();
  }
}

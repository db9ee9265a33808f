import type { Logger } from '../../../src/core/ports/logger.ts';
import { ContentEvidence, type ContentSign } from '../inbound/content-evidence.ts';

/**
 * Whether Discord lets Agora read what people write in guild channels (the privileged Message Content intent).
 * Without it, replies in threads arrive empty, so each question gets a "Respond" button opening a modal instead,
 * and the consultation still works. The operator is told once, in one line, what to switch on. Judged from the
 * login and the application's flags, then from the evidence of many messages (ContentEvidence), never from one.
 */
export class ContentAccess {
  #readable = true;
  #refusedAtLogin = false;
  readonly #evidence = new ContentEvidence();
  readonly #listeners: (() => void)[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly applicationId: string,
  ) {}

  get readable(): boolean {
    return this.#readable;
  }

  /** Told each time content turns out withheld, or readable again. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** The gateway refused the intent at login (close code 4014). */
  refusedAtLogin(): void {
    this.#refusedAtLogin = true;
    this.#withhold(
      'Discord refused the Message Content intent at login (4014 Disallowed intents)',
      {},
      'then restart Agora',
    );
  }

  /** What the application's flags say about the intent (undefined when unknown). */
  intentGranted(granted: boolean | undefined): void {
    this.#evidence.granted(granted);
  }

  /** A person's guild message arrived, with or without its content. */
  sawMessage(sign: ContentSign, authorId: string, where: { guildId: string; channelId: string }): void {
    const verdict = this.#evidence.observe(sign, authorId);
    if (verdict === 'withheld') {
      this.#withhold(
        'Discord is sending messages in question threads without their content',
        where,
        'and Agora switches back by itself once messages arrive with their content',
      );
    } else if (verdict === 'readable' && !this.#readable && !this.#refusedAtLogin) {
      this.#readable = true;
      this.logger.info(where, 'Discord is sending message content again: replies in threads are recorded as responses');
      for (const listener of this.#listeners) listener();
    }
  }

  #withhold(what: string, where: Record<string, unknown>, then: string): void {
    if (!this.#readable) return;
    this.#readable = false;
    this.logger.warn(
      { ...where, applicationId: this.applicationId, intent: 'MessageContent' },
      `${what}: in the Discord Developer Portal, open the application (https://discord.com/developers/applications/${this.applicationId}/bot) and turn on "Message Content Intent" under Privileged Gateway Intents, ${then}. Until then, people answer with the "Respond" button on each question.`,
    );
    for (const listener of this.#listeners) listener();
  }
}

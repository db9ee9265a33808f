import { MessageFlags, type RepliableInteraction } from 'discord.js';

/** Discord lets an app follow up on an interaction for 15 minutes; a margin is kept. */
const FOLLOW_UP_WINDOW_MS = 14 * 60_000;
const MAX_PEOPLE = 5_000;

/**
 * The latest answered interaction of each person, so that a private message Discord refuses as a DM (the person
 * does not accept DMs from server members) can still reach them as an ephemeral follow-up while they are active.
 */
export class RecentInteractions {
  readonly #latest = new Map<string, { interaction: RepliableInteraction; at: number }>();

  remember(interaction: RepliableInteraction): void {
    if (!interaction.replied && !interaction.deferred) return;
    const userId = interaction.user.id;
    this.#latest.delete(userId);
    this.#latest.set(userId, { interaction, at: Date.now() });
    if (this.#latest.size > MAX_PEOPLE) {
      const oldest = this.#latest.keys().next().value;
      if (oldest !== undefined) this.#latest.delete(oldest);
    }
  }

  /** Shows `content` to the person as an ephemeral follow-up; false when no recent interaction can carry it. */
  async followUp(userId: string, content: string): Promise<boolean> {
    const recent = this.#latest.get(userId);
    if (!recent || Date.now() - recent.at > FOLLOW_UP_WINDOW_MS) return false;
    await recent.interaction.followUp({ content, flags: MessageFlags.Ephemeral });
    return true;
  }
}

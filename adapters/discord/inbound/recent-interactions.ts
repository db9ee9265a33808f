import { MessageFlags, type RepliableInteraction } from 'discord.js';

/** Discord lets an app follow up on an interaction for 15 minutes; a margin is kept. */
const FOLLOW_UP_WINDOW_MS = 14 * 60_000;
const MAX_PEOPLE = 5_000;
/** Interaction ids kept to drop redeliveries; Discord redelivers within seconds, so a few thousand suffice. */
const MAX_SEEN = 10_000;

/**
 * Interactions seen lately: their ids (to drop redeliveries), and the latest answered interaction of each person,
 * so that a private message Discord refuses as a DM (the person does not accept DMs from server members) can still
 * reach them as an ephemeral follow-up while they are active.
 */
export class RecentInteractions {
  readonly #latest = new Map<string, { interaction: RepliableInteraction; at: number }>();
  readonly #seen = new Set<string>();

  /** True the first time this process sees an interaction id; false for a redelivery. */
  firstSighting(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    if (this.#seen.size > MAX_SEEN) {
      const oldest = this.#seen.values().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    return true;
  }

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

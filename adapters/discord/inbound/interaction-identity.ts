import { type BaseInteraction, GuildMember, PermissionFlagsBits } from 'discord.js';
import type { ChannelAddress, PlatformIdentity } from '../../../src/core/types.ts';

/** Says whether a Discord user is listed as an organiser (ORGANISERS: `discord:123456789`). */
export type OrganiserList = (userId: string, guildId: string | null) => boolean;

/** The person behind an interaction, with the name the server shows for them. */
export function interactionIdentity(interaction: BaseInteraction): PlatformIdentity {
  const { member, user } = interaction;
  const nick = member instanceof GuildMember ? member.displayName : (member?.nick ?? null);
  return { platform: 'discord', platformUserId: user.id, displayName: nick || user.globalName || user.username };
}

export function interactionChannel(interaction: BaseInteraction): ChannelAddress | null {
  if (!interaction.guildId || !interaction.channelId) return null;
  return { platform: 'discord', workspaceId: interaction.guildId, channelId: interaction.channelId };
}

/**
 * Organisers on Discord: members with the configured role (by name or id), members who may Manage Server, and
 * people listed in ORGANISERS.
 */
export function isOrganiserMember(interaction: BaseInteraction, organiserRole: string, listed: OrganiserList): boolean {
  if (listed(interaction.user.id, interaction.guildId)) return true;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const wanted = organiserRole.trim().toLowerCase();
  if (!wanted) return false;
  const { member } = interaction;
  if (member instanceof GuildMember) {
    return member.roles.cache.some((role) => role.id === organiserRole || role.name.toLowerCase() === wanted);
  }
  const roleIds = member?.roles ?? [];
  return roleIds.some((id) => {
    if (id === organiserRole) return true;
    const role = interaction.guild?.roles.cache.get(id);
    return role?.name.toLowerCase() === wanted;
  });
}

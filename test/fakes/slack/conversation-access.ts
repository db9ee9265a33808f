import { fail, type SlackResult } from './method-types.ts';
import type { Channel, Workspace } from './workspace.ts';

export type Access = { channel: Channel; refusal?: undefined } | { channel?: undefined; refusal: SlackResult };

/** The conversation a bot call names, or Slack's refusal: a bot sees private channels only once invited. */
export function visibleConversation(workspace: Workspace, idOrName: string | undefined): Access {
  if (idOrName === undefined) return { refusal: fail('channel_not_found') };
  const channel = workspace.channel(idOrName);
  if (!channel || (channel.isPrivate && !channel.botIsMember)) return { refusal: fail('channel_not_found') };
  return { channel };
}

/** Like visibleConversation, but the bot must also be a member, as it must to post or read history. */
export function joinedConversation(workspace: Workspace, idOrName: string | undefined): Access {
  const access = visibleConversation(workspace, idOrName);
  if (access.channel && !access.channel.botIsMember) return { refusal: fail('not_in_channel') };
  return access;
}

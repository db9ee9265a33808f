import { visibleConversation } from './conversation-access.ts';
import { fail, flagArg, type Method, ok, stringArg } from './method-types.ts';
import type { Channel, UserSpec, Workspace } from './workspace.ts';

function conversationObject(workspace: Workspace, channel: Channel): Record<string, unknown> {
  const blank = { value: '', creator: '', last_set: 0 };
  const common = {
    id: channel.id,
    created: channel.created,
    is_archived: false,
    is_im: channel.isIm,
    is_mpim: channel.isMpim,
    is_private: channel.isPrivate,
    context_team_id: workspace.teamId,
  };
  if (channel.isIm) return { ...common, is_org_shared: false, user: [...channel.members][0], is_user_deleted: false };
  return {
    ...common,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.isMpim,
    is_group: false,
    is_general: channel.name === 'general',
    is_shared: channel.sharedWith.length > 0,
    is_ext_shared: channel.sharedWith.length > 0,
    is_org_shared: false,
    is_member: channel.botIsMember,
    creator: '',
    topic: blank,
    purpose: blank,
    num_members: channel.members.size + (channel.botIsMember ? 1 : 0),
  };
}

function userObject(workspace: Workspace, user: UserSpec): Record<string, unknown> {
  const realName = user.realName ?? user.name;
  return {
    id: user.id,
    team_id: workspace.teamOf(user.id),
    name: user.name,
    deleted: false,
    real_name: realName,
    tz: user.tz ?? 'Europe/London',
    is_admin: user.isAdmin ?? false,
    is_owner: false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    updated: 0,
    profile: {
      real_name: realName,
      display_name: user.name,
      email: user.email,
      team: workspace.teamOf(user.id),
      ...(user.botId ? { bot_id: user.botId } : {}),
    },
  };
}

export const directoryMethods: Record<string, Method> = {
  'conversations.info': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const access = visibleConversation(workspace, stringArg(args, 'channel'));
      if (access.refusal) return access.refusal;
      return ok({ channel: conversationObject(workspace, access.channel) });
    },
  },

  'conversations.open': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const users = (stringArg(args, 'users') ?? '').split(',').filter(Boolean);
      if (users.length === 0) return fail('users_list_not_supplied');
      if (users.length > 8) return fail('too_many_users');
      if (users.some((id) => !workspace.user(id))) return fail('user_not_found');
      const channel = workspace.openConversation(users);
      return ok({ channel: flagArg(args, 'return_im') ? conversationObject(workspace, channel) : { id: channel.id } });
    },
  },

  'users.info': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const user = workspace.user(stringArg(args, 'user') ?? '');
      if (!user) return fail('user_not_found');
      return ok({ user: userObject(workspace, user) });
    },
  },
};

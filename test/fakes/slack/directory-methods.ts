import { visibleConversation } from './conversation-access.ts';
import { fail, flagArg, type Method, ok, stringArg } from './method-types.ts';
import { pageByIdOf } from './pagination.ts';
import { nowSeconds } from './timestamps.ts';
import { userObject } from './user-object.ts';
import type { Channel, Workspace } from './workspace.ts';

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

  // Members of the workspace's own organisation, deactivated people and bots included; not Slack Connect guests.
  // `limit` is capped at the fake's page size (Slack returns fewer than asked when it likes); '' ends the list.
  'users.list': {
    token: 'bot',
    handle: ({ args, state: { workspace, usersPerPage } }) => {
      const page = pageByIdOf(workspace.members(), args, { prefix: 'user', max: usersPerPage });
      if (!page) return fail('invalid_cursor');
      return ok({
        members: page.items.map((user) => userObject(workspace, user)),
        cache_ts: nowSeconds(),
        response_metadata: { next_cursor: page.nextCursor ?? '' },
      });
    },
  },
};

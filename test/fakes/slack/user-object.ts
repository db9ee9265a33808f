import type { UserSpec, Workspace } from './workspace.ts';

/** A person as Slack's `users.info`, `users.list`, `user_change` and `team_join` describe them. */
export function userObject(workspace: Workspace, user: UserSpec): Record<string, unknown> {
  const realName = user.realName ?? user.name;
  return {
    id: user.id,
    team_id: workspace.teamOf(user.id),
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: realName,
    tz: user.tz ?? 'Europe/London',
    is_admin: user.isAdmin ?? false,
    is_owner: user.isOwner ?? false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    updated: user.updated ?? 0,
    profile: {
      real_name: realName,
      display_name: user.name,
      email: user.email,
      team: workspace.teamOf(user.id),
      ...(user.botId ? { bot_id: user.botId } : {}),
    },
  };
}

/** A person as Agora needs them: a name for the record, and whether they count as an organiser. */
export interface SlackPerson {
  displayName: string;
  /** Workspace admins and owners count as organisers; a deactivated one does not. */
  isAdmin: boolean;
  isBot: boolean;
}

/** The fields Agora reads of Slack's user object (`users.info`, `users.list`, `user_change`, `team_join`). */
export interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  profile?: { real_name?: string; display_name?: string };
}

export function personOf(user: SlackUser): SlackPerson {
  return {
    displayName: user.profile?.real_name || user.real_name || user.profile?.display_name || user.name || '',
    isAdmin: !user.deleted && Boolean(user.is_admin || user.is_owner),
    isBot: Boolean(user.is_bot),
  };
}

import type { PlatformIdentity } from '../../../src/core/types.ts';
import type { SlackContext } from '../slack-context.ts';

export interface SlackActor {
  identity: PlatformIdentity;
  /** Listed in ORGANISERS, or a workspace admin or owner. */
  isOrganiser: boolean;
}

/** The person behind a command or a click, as the core knows people. */
export async function slackActor(ctx: SlackContext, team: string, user: string): Promise<SlackActor> {
  const person = await ctx.people.lookup(team, user);
  return {
    identity: { platform: 'slack', platformUserId: user, displayName: person.displayName },
    isOrganiser: ctx.isOrganiser(user, team) || person.isAdmin,
  };
}

/** The workspace an interaction comes from. */
export const teamOf = (body: { team?: { id?: string } | null; user?: { team_id?: string } }) =>
  body.team?.id ?? body.user?.team_id ?? '';

import type { App } from '@slack/bolt';
import type { SlackContext } from '../slack-context.ts';
import { type EventEnvelope, installedTeam } from './installed-team.ts';
import type { SlackUser } from './slack-person.ts';

/**
 * Keeps the workspace's people current after their list was read: a renamed, promoted or deactivated person
 * (`user_change`) and a new one (`team_join`) are known without asking Slack again.
 */
export function listenToDirectoryChanges(app: App, ctx: SlackContext): void {
  for (const type of ['user_change', 'team_join'] as const) {
    app.event(type, async ({ event, body, context }) => {
      const team = installedTeam(body as EventEnvelope, context.teamId);
      ctx.people.remember(team, event.user as SlackUser);
    });
  }
}

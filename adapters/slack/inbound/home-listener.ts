import type { App } from '@slack/bolt';
import { homeView } from '../outbound/home-view.ts';
import type { SlackContext } from '../slack-context.ts';

/** Publishes a person's Home tab each time they open it. */
export function listenToHome(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const team = (body as { team_id?: string }).team_id ?? '';
    try {
      const view = await homeView(ctx.consultation.read, event.user);
      await ctx.api.call(team, 'views.publish', { user_id: event.user, view });
    } catch (error) {
      ctx.logger.warn({ err: error, user: event.user }, 'could not publish the Slack Home tab');
    }
  });
}

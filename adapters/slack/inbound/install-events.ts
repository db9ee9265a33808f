import type { App } from '@slack/bolt';
import type { Logger } from '../../../src/core/ports/logger.ts';
import type { SlackInstallations } from '../transport/installation-store.ts';

/** An uninstall or revoked tokens forget the workspace's installation, so Agora stops using dead tokens. */
export function listenToInstallChanges(app: App, installations: SlackInstallations, logger: Logger): void {
  const forget = async (team: string | undefined, why: string) => {
    if (!team) return;
    const removed = await installations.remove('slack', team);
    if (removed) logger.warn({ team }, `Slack workspace ${why}; its installation was removed`);
  };
  app.event('app_uninstalled', async ({ body }) => forget((body as { team_id?: string }).team_id, 'uninstalled Agora'));
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0)
      await forget((body as { team_id?: string }).team_id, 'revoked Agora’s token');
  });
}

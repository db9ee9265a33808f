import type { App, BlockAction } from '@slack/bolt';
import { isAgoraAction, isAgoraShortcut, isAgoraView } from '../action-ids.ts';
import { notify, type Respond } from '../outbound/notices.ts';
import type { SlackContext } from '../slack-context.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Everything Agora does not know (a button from an older version, another command routed here, a shortcut) is
 * acknowledged at once, explained to the person, and logged; nothing goes unanswered or crashes the app.
 */
export function listenToEverythingElse(app: App, ctx: SlackContext, commandName: string): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, respond }) => {
    const ids = body.actions.map((a) => a.action_id);
    if (ids.every(isAgoraAction)) return;
    await ack();
    ctx.logger.warn({ actions: ids, user: body.user.id }, 'a Slack action Agora does not know was answered');
    await notify(
      ctx.api,
      ctx.logger,
      { team: body.team?.id ?? '', user: body.user.id, respond: respond as Respond },
      'That button is not one Agora knows (it may be from an older message). `/agora help` lists what you can do.',
    );
  });

  app.view(/.*/, async ({ ack, view, body }) => {
    if (isAgoraView(view.callback_id)) return;
    await ack();
    ctx.logger.warn(
      { callbackId: view.callback_id, user: body.user.id },
      'a Slack form Agora does not know was closed',
    );
  });

  app.command(new RegExp(`^(?!${escapeRegExp(commandName)}$)`), async ({ ack, command }) => {
    ctx.logger.warn({ command: command.command, user: command.user_id }, 'a Slack command Agora does not know');
    await ack({
      response_type: 'ephemeral',
      text: `Agora answers \`${commandName}\` only. Try \`${commandName} help\`.`,
    });
  });

  app.shortcut(/.*/, async ({ ack, shortcut }) => {
    if (isAgoraShortcut(shortcut.callback_id)) return;
    await ack();
    ctx.logger.warn({ callbackId: shortcut.callback_id }, 'a Slack shortcut Agora does not know');
  });

  app.options(/.*/, async ({ ack }) => {
    await ack({ options: [] });
  });
}

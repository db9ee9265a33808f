import type { App } from '@slack/bolt';
import type { CommandReply } from '../../../src/core/commands/command-registry.ts';
import { AgoraError, isUserError, messageForUser } from '../../../src/core/errors.ts';
import { longNotice, noticeText } from '../outbound/notices.ts';
import type { SlackContext } from '../slack-context.ts';
import { slackActor } from './slack-actor.ts';

/**
 * `/agora …`: the text goes to the core's command runner as typed. Organisers are the people listed in ORGANISERS
 * and the workspace's admins and owners. The reply is private unless the command says otherwise; a file (such as
 * `mydata`) goes to the person's direct messages with the app.
 */
export function listenToCommands(app: App, ctx: SlackContext, commandName: string): void {
  app.command(commandName, async ({ ack, command, respond }) => {
    await ack();
    const team = command.team_id;
    const user = command.user_id;
    try {
      const actor = await slackActor(ctx, team, user);
      const reply = await ctx.consultation.runCommand(ctx.registry, {
        actor: actor.identity,
        actorIsOrganiser: actor.isOrganiser,
        text: command.text ?? '',
        channel: { platform: 'slack', workspaceId: team, channelId: command.channel_id },
        invocationId: `slack:${team}:${command.trigger_id}`,
      });
      const text = reply.file ? await sendFile(ctx, team, user, reply) : reply.text;
      await respond({
        response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
        ...longNotice(text),
      });
    } catch (error) {
      if (!isUserError(error)) {
        ctx.logger.error({ err: error, team, user, text: command.text }, `${commandName} failed`);
      }
      await respond({ response_type: 'ephemeral', text: noticeText(messageForUser(error)) }).catch(
        (respondError: unknown) => ctx.logger.warn({ err: respondError }, `could not answer ${commandName}`),
      );
    }
  });
}

/** Uploads a command's file to the person's direct messages; returns what to tell them. */
async function sendFile(ctx: SlackContext, team: string, user: string, reply: CommandReply): Promise<string> {
  const file = reply.file;
  if (!file) return reply.text;
  try {
    const opened = await ctx.api.call<{ channel?: { id?: string } }>(team, 'conversations.open', { users: user });
    const channel = opened.channel?.id;
    if (!channel)
      throw new AgoraError('PLATFORM_ERROR', 'Slack opened no direct message channel (conversations.open)', { user });
    await ctx.api.uploadFile(team, {
      channel_id: channel,
      filename: file.name,
      title: file.title,
      content: file.content,
      initial_comment: noticeText(reply.text),
    });
    return `${reply.text}\nThe file (${file.name}) is in your direct messages with Agora.`;
  } catch (error) {
    ctx.logger.error({ err: error, team, user, file: file.name }, 'could not send a file to a Slack user');
    return `${reply.text}\nThe file could not be sent to your direct messages just now; please try again in a few minutes.`;
  }
}

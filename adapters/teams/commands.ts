import type { Activity } from '@microsoft/agents-activity';
import type { CommandRegistry, CommandReply } from '../../src/core/commands/command-registry.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import { isUserError, messageForUser } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { channelPlace, personOf, tenantOf, wordsOf } from './activity-reading.ts';
import { teamsText } from './chat-text.ts';
import type { TeamsConnector } from './connector.ts';
import type { TeamsFiles } from './file-consents.ts';
import { threadConversation } from './refs.ts';

export interface CommandContext {
  consultation: Consultation;
  registry: CommandRegistry;
  connector: TeamsConnector;
  files: TeamsFiles;
  isOrganiser: (userId: string) => boolean;
  logger: Logger;
}

const FILE_IN_CHAT = 'Agora has sent you the file in your chat with it: press **Allow** there to receive it.';
const NO_CHAT = 'Agora could not write to you in a chat. Open Agora from Apps, then ask again.';

/** `agora status`, `/agora status` or `status`: the command's words, whichever way it was typed. */
export const commandText = (words: string) => words.replace(/^\/?agora\b\s*/i, '').trim() || 'help';

/**
 * `agora` commands: anything said to Agora in its 1:1 chat, or a new channel post that @mentions it (the bot menu
 * of the manifest offers the common ones). Private replies go to the person's 1:1 chat; replies meant for the
 * channel go in the thread of the post that asked. A file can only be sent in the 1:1 chat (Teams lets bots send
 * files nowhere else): it goes there with the reply, and a command asked in a channel is answered there saying so.
 */
export async function runCommand(context: CommandContext, activity: Activity): Promise<void> {
  const tenantId = tenantOf(activity);
  const place = channelPlace(activity);
  const actor = personOf(activity);
  let reply: CommandReply;
  try {
    reply = await context.consultation.runCommand(context.registry, {
      actor,
      actorIsOrganiser: context.isOrganiser(actor.platformUserId),
      text: commandText(wordsOf(activity)),
      channel: place ? { platform: 'teams', workspaceId: tenantId, channelId: place.channelId } : null,
      invocationId: `teams:${activity.id}`,
    });
  } catch (error) {
    if (!isUserError(error)) context.logger.error({ err: error, activity: activity.id }, 'a Teams command failed');
    reply = { text: messageForUser(error), visibility: 'private' };
  }
  const text = teamsText(reply.text);
  const conversationId = activity.conversation?.id ?? '';
  if (!place) {
    if (!reply.file) await context.connector.send(tenantId, conversationId, { text }, activity.id);
    else {
      const offer = { tenantId, chat: conversationId, owner: actor.platformUserId, text, file: reply.file };
      await context.files.offer({ ...offer, ...(activity.id && { replyToId: activity.id }) });
    }
    return;
  }
  const thread = threadConversation(place.channelId, activity.id ?? '');
  if (reply.visibility === 'channel') await context.connector.send(tenantId, thread, { text });
  if (!reply.file) {
    if (reply.visibility === 'channel') return;
    const chat = await context.connector.personalChat(tenantId, actor.platformUserId);
    await context.connector.send(tenantId, chat, { text });
    return;
  }
  try {
    const chat = await context.connector.personalChat(tenantId, actor.platformUserId);
    await context.files.offer({ tenantId, chat, owner: actor.platformUserId, text, file: reply.file });
  } catch (error) {
    context.logger.warn({ err: error, activity: activity.id }, 'could not offer a file in a Teams chat');
    await context.connector.send(tenantId, thread, { text: NO_CHAT });
    return;
  }
  await context.connector.send(tenantId, thread, { text: FILE_IN_CHAT });
}

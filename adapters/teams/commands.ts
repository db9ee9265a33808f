import type { Activity } from '@microsoft/agents-activity';
import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import { isUserError, messageForUser } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { channelPlace, personOf, tenantOf, wordsOf } from './activity-reading.ts';
import { teamsText } from './chat-text.ts';
import type { TeamsConnector } from './connector.ts';
import { threadConversation } from './refs.ts';

export interface CommandContext {
  consultation: Consultation;
  registry: CommandRegistry;
  connector: TeamsConnector;
  isOrganiser: (userId: string) => boolean;
  logger: Logger;
}

const NO_FILES = 'Agora cannot attach files in Teams yet: organisers can download exports from the dashboard.';

/** `agora status`, `/agora status` or `status`: the command's words, whichever way it was typed. */
export const commandText = (words: string) => words.replace(/^\/?agora\b\s*/i, '').trim() || 'help';

/**
 * `agora` commands: anything said to Agora in its 1:1 chat, or a new channel post that @mentions it (the bot menu
 * of the manifest offers the common ones). Private replies go to the person's 1:1 chat; replies meant for the
 * channel go in the thread of the post that asked.
 */
export async function runCommand(context: CommandContext, activity: Activity): Promise<void> {
  const tenantId = tenantOf(activity);
  const place = channelPlace(activity);
  const actor = personOf(activity);
  let text: string;
  let inChannel = false;
  try {
    const reply = await context.consultation.runCommand(context.registry, {
      actor,
      actorIsOrganiser: context.isOrganiser(actor.platformUserId),
      text: commandText(wordsOf(activity)),
      channel: place ? { platform: 'teams', workspaceId: tenantId, channelId: place.channelId } : null,
      invocationId: `teams:${activity.id}`,
    });
    text = teamsText(reply.file ? `${reply.text}\n\n${NO_FILES}` : reply.text);
    inChannel = reply.visibility === 'channel';
  } catch (error) {
    if (!isUserError(error)) context.logger.error({ err: error, activity: activity.id }, 'a Teams command failed');
    text = teamsText(messageForUser(error));
  }
  const conversationId = activity.conversation?.id ?? '';
  if (!place) {
    await context.connector.send(tenantId, conversationId, { text }, activity.id);
  } else if (inChannel) {
    await context.connector.send(tenantId, threadConversation(place.channelId, activity.id ?? ''), { text });
  } else {
    const chat = await context.connector.personalChat(tenantId, actor.platformUserId);
    await context.connector.send(tenantId, chat, { text });
  }
}

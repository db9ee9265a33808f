import { joinedConversation, visibleConversation } from './conversation-access.ts';
import { readMessageContent } from './message-content.ts';
import { fail, flagArg, type Method, ok, stringArg } from './method-types.ts';
import { isTs, nextTs } from './timestamps.ts';
import { isReply, type StoredMessage, type Workspace } from './workspace.ts';

function botAuthor(workspace: Workspace) {
  const { bot, appId, teamId } = workspace;
  return {
    user: bot.userId,
    bot_id: bot.botId,
    app_id: appId,
    bot_profile: { id: bot.botId, app_id: appId, name: bot.name, deleted: false, team_id: teamId },
  };
}

function isFromBot(workspace: Workspace, message: StoredMessage): boolean {
  return message.bot_id === workspace.bot.botId;
}

export const chatMethods: Record<string, Method> = {
  'chat.postMessage': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const named = stringArg(args, 'channel');
      // Only chat.postMessage takes a user id for the app's DM with that user.
      const dm = named !== undefined && workspace.user(named) ? workspace.openConversation([named]).id : undefined;
      const access = joinedConversation(workspace, dm ?? named);
      if (access.refusal) return access.refusal;
      const check = readMessageContent(args);
      if (!check.ok) return check.refusal;
      const threadTs = stringArg(args, 'thread_ts');
      if (args.thread_ts !== undefined && !isTs(threadTs)) return fail('invalid_thread_ts');
      // A thread_ts that names no top-level message is accepted, and the reply is visible nowhere: Slack's way.
      const parent = threadTs === undefined ? undefined : workspace.message(access.channel.id, threadTs);
      const message = workspace.post(access.channel.id, {
        ...check.content,
        ...botAuthor(workspace),
        thread_ts: threadTs,
        parent_user_id: parent?.user,
        subtype: threadTs && flagArg(args, 'reply_broadcast') ? 'thread_broadcast' : undefined,
        metadata: args.metadata,
      });
      return ok({ channel: access.channel.id, ts: message.ts, message });
    },
  },

  'chat.update': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const access = visibleConversation(workspace, stringArg(args, 'channel'));
      if (access.refusal) return access.refusal;
      const ts = stringArg(args, 'ts') ?? '';
      const original = workspace.message(access.channel.id, ts);
      if (!original) return fail('message_not_found');
      if (!isFromBot(workspace, original)) return fail('cant_update_message');
      const check = readMessageContent({ blocks: original.blocks, attachments: original.attachments, ...args });
      if (!check.ok) return check.refusal;
      const updated: StoredMessage = {
        ...original,
        ...check.content,
        edited: { user: workspace.bot.userId, ts: nextTs() },
      };
      workspace.replace(access.channel.id, updated);
      return ok({ channel: access.channel.id, ts, text: updated.text, message: updated });
    },
  },

  'chat.postEphemeral': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const access = joinedConversation(workspace, stringArg(args, 'channel'));
      if (access.refusal) return access.refusal;
      const user = stringArg(args, 'user') ?? '';
      if (!workspace.user(user)) return fail('user_not_found');
      if (!access.channel.members.has(user)) return fail('user_not_in_channel');
      const check = readMessageContent(args);
      if (!check.ok) return check.refusal;
      const message: StoredMessage = {
        ...check.content,
        ...botAuthor(workspace),
        type: 'message',
        ts: nextTs(),
        team: workspace.teamId,
        thread_ts: stringArg(args, 'thread_ts'),
      };
      workspace.ephemeral.push({ channel: access.channel.id, user, message });
      return ok({ message_ts: message.ts });
    },
  },

  'chat.delete': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const access = visibleConversation(workspace, stringArg(args, 'channel'));
      if (access.refusal) return access.refusal;
      const ts = stringArg(args, 'ts') ?? '';
      const message = workspace.message(access.channel.id, ts);
      if (!message) return fail('message_not_found');
      if (!isFromBot(workspace, message)) return fail('cant_delete_message');
      workspace.remove(access.channel.id, ts);
      return ok({ channel: access.channel.id, ts });
    },
  },

  'chat.getPermalink': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const access = visibleConversation(workspace, stringArg(args, 'channel'));
      if (access.refusal) return access.refusal;
      const message = workspace.message(access.channel.id, stringArg(args, 'message_ts') ?? '');
      if (!message) return fail('message_not_found');
      const channel = access.channel.id;
      const base = `https://${workspace.teamDomain}.slack.com/archives/${channel}/p${message.ts.replace('.', '')}`;
      const permalink = isReply(message) ? `${base}?thread_ts=${message.thread_ts}&cid=${channel}` : base;
      return ok({ channel, permalink });
    },
  },
};

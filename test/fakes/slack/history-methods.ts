import { joinedConversation } from './conversation-access.ts';
import { fail, type Method, numberArg, ok, stringArg } from './method-types.ts';
import { pageFields, pageOf, withinTimeWindow } from './pagination.ts';
import { isReply } from './workspace.ts';

export const historyMethods: Record<string, Method> = {
  'conversations.history': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const access = joinedConversation(workspace, stringArg(args, 'channel'));
      if (access.refusal) return access.refusal;
      const newestFirst = withinTimeWindow(workspace.timeline(access.channel.id), args).reverse();
      const page = pageOf(newestFirst, args, { fallback: 100, max: 999, newestFirst: true });
      if (!page) return fail('invalid_cursor');
      return ok({ messages: page.items, ...pageFields(page), pin_count: 0 });
    },
  },

  'conversations.replies': {
    token: 'bot',
    handle: ({ args, state: { workspace } }) => {
      const access = joinedConversation(workspace, stringArg(args, 'channel'));
      if (access.refusal) return access.refusal;
      const channel = access.channel.id;
      const named = workspace.message(channel, stringArg(args, 'ts') ?? '');
      if (!named) return fail('thread_not_found');
      // A reply's ts stands for its whole thread.
      const thread = workspace.thread(channel, isReply(named) ? (named.thread_ts ?? '') : named.ts);
      if (!thread) return fail('thread_not_found');
      const [parent, ...replies] = thread;
      // The first page always starts with the parent, whatever the time window; later pages hold replies only.
      const firstPage = stringArg(args, 'cursor') === undefined;
      const limit = numberArg(args, 'limit') ?? 1000;
      const replyArgs = firstPage ? { ...args, limit: Math.max(limit - 1, 1) } : args;
      const page = pageOf(withinTimeWindow(replies, args), replyArgs, {
        fallback: 1000,
        max: 1000,
        newestFirst: false,
      });
      if (!page || !parent) return fail('invalid_cursor');
      const messages = firstPage ? [parent, ...page.items] : page.items;
      return ok({ messages, ...pageFields(page) });
    },
  },
};

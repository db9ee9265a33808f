import { isObject } from './block-validation.ts';
import { joinedConversation } from './conversation-access.ts';
import { fail, invalidArguments, type Method, numberArg, ok, stringArg } from './method-types.ts';
import type { FileObject } from './workspace.ts';

// files.uploadV2 in the SDK is these two methods around a POST of the bytes to the returned upload_url.
export const fileMethods: Record<string, Method> = {
  'files.getUploadURLExternal': {
    token: 'bot',
    handle: ({ args, state }) => {
      const filename = stringArg(args, 'filename');
      const length = numberArg(args, 'length');
      const problems = [
        ...(filename === undefined ? ['missing required field: filename [json-pointer:/filename]'] : []),
        ...(length === undefined ? ['missing required field: length [json-pointer:/length]'] : []),
      ];
      if (filename === undefined || length === undefined) return invalidArguments(problems);
      return ok(state.files.reserve(filename, length, stringArg(args, 'alt_txt')));
    },
  },

  'files.completeUploadExternal': {
    token: 'bot',
    handle: ({ args, state: { files, workspace } }) => {
      const requested = Array.isArray(args.files) ? args.files.filter(isObject) : [];
      if (requested.length === 0) return invalidArguments(['missing required field: files [json-pointer:/files]']);
      const channelId = stringArg(args, 'channel_id') ?? stringArg(args, 'channels');
      const access = channelId === undefined ? undefined : joinedConversation(workspace, channelId);
      if (access?.refusal) return access.refusal;
      const completed: FileObject[] = [];
      for (const entry of requested) {
        const upload = files.upload(String(entry.id));
        if (!upload?.bytes) return fail('file_not_found');
        const title = typeof entry.title === 'string' ? entry.title : upload.filename;
        completed.push(
          files.create({
            id: upload.id,
            name: upload.filename,
            title,
            bytes: upload.bytes,
            user: workspace.bot.userId,
          }),
        );
      }
      if (access?.channel) {
        workspace.post(access.channel.id, {
          subtype: 'file_share',
          text: stringArg(args, 'initial_comment') ?? '',
          files: completed,
          upload: true,
          display_as_bot: false,
          user: workspace.bot.userId,
          bot_id: workspace.bot.botId,
          app_id: workspace.appId,
          thread_ts: stringArg(args, 'thread_ts'),
        });
      }
      return ok({ files: completed });
    },
  },
};

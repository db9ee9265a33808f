import type { webApi } from '@slack/bolt';
import type { RetryAfterQueue } from './retry-after-queue.ts';

/** The bot token for a workspace: the one configured, or the one its OAuth install stored. */
export type TokenSource = (teamId: string) => Promise<string>;

export type ApiResult = Record<string, unknown> & { ok?: boolean };

export interface UploadFile {
  channel_id: string;
  filename: string;
  title: string;
  content: string | Uint8Array;
  initial_comment?: string;
}

/**
 * Every Web API call the adapter makes goes through here: with the right workspace's token, through the queue that
 * honours Retry-After, on the one WebClient whose base URL is SLACK_API_URL.
 */
export class SlackApi {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly tokens: TokenSource,
    private readonly queue: RetryAfterQueue,
  ) {}

  async call<T extends object = ApiResult>(team: string, method: string, args: Record<string, unknown>): Promise<T> {
    const token = await this.tokens(team);
    return (await this.queue.run(`${team}:${method}`, () => this.client.apiCall(method, { ...args, token }))) as T;
  }

  async uploadFile(team: string, file: UploadFile): Promise<void> {
    const token = await this.tokens(team);
    const content = typeof file.content === 'string' ? file.content : Buffer.from(file.content);
    await this.queue.run(`${team}:files.uploadV2`, () =>
      this.client.filesUploadV2({
        token,
        channel_id: file.channel_id,
        filename: file.filename,
        title: file.title,
        ...(typeof content === 'string' ? { content } : { file: content }),
        ...(file.initial_comment ? { initial_comment: file.initial_comment } : {}),
      }),
    );
  }
}

/** What the Slack adapter is configured with; main.ts fills it from the environment (SLACK_*). */
export interface SlackAdapterConfig {
  /** `xoxb-…`: one workspace. Ignored when OAuth is configured. */
  botToken?: string;
  /** HTTP mode: verifies Slack's signed requests to `/slack/events`. */
  signingSecret?: string;
  /** `xapp-…`: Socket Mode, which needs no public URL. */
  appToken?: string;
  /** SLACK_API_URL: the Web API base every client uses (Web API, Socket Mode, OAuth). */
  apiUrl: string;
  /** OAuth: installing into many workspaces; installations are kept in the database. */
  clientId?: string;
  clientSecret?: string;
  stateSecret?: string;
  /** Bot scopes asked for when installing with OAuth; defaults to the manifest's. */
  scopes?: string[];
  /** The slash command; `/agora` unless the manifest names another. */
  commandName?: string;
  /**
   * HTTP mode: hold every answer (commands and clicks too) until the listener is done. Events are answered once
   * kept in the inbox either way.
   */
  processBeforeResponse?: boolean;
  /** How often a failed Web API request (network, 5xx) is retried by the WebClient; rate limits are separate. */
  retries?: number;
  /** Attempts per call when Slack answers 429 with Retry-After. */
  rateLimitAttempts?: number;
  /** Socket Mode: how long a ping may go unanswered before reconnecting (ms). */
  socketPingTimeoutMs?: number;
  /** HTTP mode: how long Bolt waits for a listener to acknowledge before answering itself (ms). */
  unhandledRequestTimeoutMs?: number;
}

export const BOT_SCOPES = [
  'channels:history',
  'channels:read',
  'chat:write',
  'commands',
  'files:write',
  'groups:history',
  'groups:read',
  'im:write',
  'users:read',
];

export type ConnectionMode = 'socket' | 'http';

export function connectionMode(config: SlackAdapterConfig): ConnectionMode {
  return config.appToken ? 'socket' : 'http';
}

export function usesOAuth(config: SlackAdapterConfig): boolean {
  return Boolean(config.clientId && config.clientSecret && config.stateSecret);
}

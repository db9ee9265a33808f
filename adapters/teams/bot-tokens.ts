import { AgoraError } from '../../src/core/errors.ts';

/** The bot's credentials as the Microsoft identity platform knows its app registration. */
export interface TeamsCredentials {
  appId: string;
  appPassword: string;
  tenantId: string;
  /** TEAMS_AUTHORITY, e.g. https://login.microsoftonline.com. */
  authority: string;
}

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';
/** A token is renewed this long before it expires, so that no call goes out with one about to lapse. */
const RENEW_EARLY_MS = 5 * 60_000;

/**
 * The bot's own access token for the Bot Connector (the OAuth 2.0 client-credentials grant), kept until shortly
 * before it expires; concurrent callers share one request. The SDK's MSAL provider insists on instance discovery
 * at login.microsoftonline.com over HTTPS, which an authority set by TEAMS_AUTHORITY (a sovereign cloud's, a
 * proxy's, a local test connector's) may not offer; this grant is the same request without that step.
 */
export class BotTokens {
  #current: { token: string; renewAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(
    private readonly credentials: TeamsCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  token(): Promise<string> {
    if (this.#current && this.#current.renewAt > this.now()) return Promise.resolve(this.#current.token);
    this.#pending ??= this.#request().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #request(): Promise<string> {
    const { appId, appPassword, tenantId, authority } = this.credentials;
    const url = `${authority.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: appId,
        client_secret: appPassword,
        scope: BOT_FRAMEWORK_SCOPE,
      }),
    }).catch((error: unknown) => {
      throw new AgoraError(
        'PLATFORM_ERROR',
        `Could not reach ${url} for the bot's token: ${(error as Error).message}. Check TEAMS_AUTHORITY.`,
        { retryable: true },
        { cause: error },
      );
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error_description?: string;
    };
    if (!response.ok || !body.access_token) {
      throw new AgoraError(
        'PLATFORM_ERROR',
        `Microsoft refused the bot's token (${response.status}: ${body.error_description ?? 'no reason given'}). Check TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID.`,
        { retryable: response.status >= 500 },
      );
    }
    const lifetimeMs = (body.expires_in ?? 3600) * 1000;
    this.#current = { token: body.access_token, renewAt: this.now() + Math.max(lifetimeMs - RENEW_EARLY_MS, 0) };
    return body.access_token;
  }
}

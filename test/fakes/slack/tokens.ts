import { randomHex } from './ids.ts';

export type TokenKind = 'bot' | 'app';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** Which tokens the workspace accepts, and the OAuth codes waiting to be exchanged for new ones. */
export class Tokens {
  readonly oauthClient?: OAuthClient;
  private readonly kinds = new Map<string, TokenKind>();
  private readonly codes = new Map<string, string>();

  constructor(botToken: string, appToken: string, oauthClient?: OAuthClient) {
    this.kinds.set(botToken, 'bot');
    this.kinds.set(appToken, 'app');
    this.oauthClient = oauthClient;
  }

  kindOf(token: string): TokenKind | undefined {
    return this.kinds.get(token);
  }

  /** A code as Slack appends to the redirect URL once `installerUserId` approves the install. */
  issueCode(installerUserId: string): string {
    const code = `${Date.now()}.${randomHex(6)}`;
    this.codes.set(code, installerUserId);
    return code;
  }

  /** The installer of a still unused code; each code works once. */
  redeemCode(code: string): string | undefined {
    const installer = this.codes.get(code);
    this.codes.delete(code);
    return installer;
  }

  issueBotToken(): string {
    const token = `xoxb-${randomHex(12)}`;
    this.kinds.set(token, 'bot');
    return token;
  }
}

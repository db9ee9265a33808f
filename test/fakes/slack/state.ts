import type { FileStore } from './file-store.ts';
import type { ResponseUrls } from './response-urls.ts';
import type { Tokens } from './tokens.ts';
import type { Triggers } from './triggers.ts';
import type { ViewStore } from './view-store.ts';
import type { Workspace } from './workspace.ts';

/** Everything the Web API methods read and change. */
export interface FakeState {
  workspace: Workspace;
  views: ViewStore;
  triggers: Triggers;
  files: FileStore;
  responseUrls: ResponseUrls;
  tokens: Tokens;
  /** The most people one page of `users.list` returns, whatever `limit` asks (Slack: up to 200 is advised). */
  usersPerPage: number;
  /** A fresh Socket Mode URL, as apps.connections.open returns. */
  socketUrl(): string;
}

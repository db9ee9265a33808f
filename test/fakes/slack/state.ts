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
  /** A fresh Socket Mode URL, as apps.connections.open returns. */
  socketUrl(): string;
}

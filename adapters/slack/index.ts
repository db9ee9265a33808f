export type { SlackAdapterConfig } from './adapter-config.ts';
export { BOT_SCOPES } from './adapter-config.ts';
export type { CatchUpSummary } from './catch-up.ts';
export { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './create-slack-adapter.ts';
export { type HttpMount, SLACK_PATHS } from './receivers.ts';
export type { OrganiserCheck } from './slack-context.ts';
export { SlackPlatform } from './slack-platform.ts';

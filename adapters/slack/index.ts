export { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './create-slack-adapter.ts';
export type { CatchUpSummary } from './inbound/catch-up.ts';
export { SlackPlatform } from './outbound/slack-platform.ts';
export type { OrganiserCheck } from './slack-context.ts';
export type { SlackAdapterConfig } from './transport/adapter-config.ts';
export { BOT_SCOPES } from './transport/adapter-config.ts';
export { type HttpMount, SLACK_PATHS } from './transport/receivers.ts';

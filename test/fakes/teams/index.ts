export { ADAPTIVE_CARD, checkAdaptiveCard, checkOutgoingActivity, MESSAGE_SIZE_LIMIT } from './card-rules.ts';
export type { ConnectorCall } from './connector-routes.ts';
export { actionsOf, type BotAnswer, cardOf, type FakeTeams, readableText, startFakeTeams } from './fake-teams.ts';
export type { DriveFile } from './onedrive.ts';
export type { StoredMessage, TeamsPerson } from './world.ts';

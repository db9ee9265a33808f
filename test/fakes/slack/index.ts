export type { CallFailureOptions } from './call-failures.ts';
export type { RecordedCall } from './call-log.ts';
export type { Delivered, DeliveryFailure, ReleaseOptions, Retry } from './event-delivery.ts';
export { FakeSlack, type FakeSlackOptions, startFakeSlack } from './fake-slack.ts';
export { type FixtureName, fixture, type Json } from './fixtures.ts';
export type {
  AppPost,
  ButtonClick,
  CommandUse,
  Happened,
  Interaction,
  LinkUnfurl,
  MessageShortcut,
  PersonDelete,
  PersonEdit,
  PersonPost,
  ProfileChange,
  SharedFile,
  ShortcutUse,
  ViewSubmit,
} from './people.ts';
export type { RateLimitOptions } from './rate-limits.ts';
export {
  type HttpAnswer,
  postSignedCommand,
  postSignedEvent,
  postSignedInteraction,
  type SigningOptions,
  slackSignature,
} from './signed-requests.ts';
export type { EnvelopeOptions, EnvelopeType, SocketAck } from './socket-mode.ts';
export type { ViewAnswers } from './view-state.ts';
export type { ChannelSpec, StoredMessage, UserSpec } from './workspace.ts';

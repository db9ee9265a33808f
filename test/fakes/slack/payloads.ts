// Payloads Slack sends to apps, each built from the documented example in test/fixtures/slack with the
// instance's own ids and content put in.
import { fixture, type Json, part } from './fixtures.ts';
import { randomHex, slackId } from './ids.ts';
import { nextTs, nowSeconds } from './timestamps.ts';
import { userObject } from './user-object.ts';
import type { View } from './view-store.ts';
import type { Channel, StoredMessage, UserSpec, Workspace } from './workspace.ts';

// Fields of the example message that belong to that message only.
const EXAMPLE_MESSAGE_FIELDS = ['client_msg_id', 'text', 'user', 'ts', 'blocks', 'team', 'thread_ts', 'parent_user_id'];

/**
 * The Events API wrapper (`event_callback`) around one event for this workspace's app. In a Slack Connect channel
 * the outer `team_id` and `context_team_id` are the writer's organisation when the writer is a guest; only
 * `authorizations` names the installation that receives it. In Enterprise Grid, the organisation's id comes too.
 */
export function eventCallback(workspace: Workspace, event: Json): Json {
  const template = fixture('message-in-thread');
  const [authorization] = template.authorizations as Json[];
  const channel = workspace.channel(String(event.channel ?? ''));
  const shared = (channel?.sharedWith.length ?? 0) > 0;
  const origin = shared ? workspace.teamOf(writerOf(event)) : workspace.teamId;
  const enterprise = workspace.enterpriseId ?? null;
  return {
    ...template,
    team_id: origin,
    context_team_id: origin,
    context_enterprise_id: enterprise,
    ...(enterprise && { enterprise_id: enterprise }),
    api_app_id: workspace.appId,
    event,
    event_id: slackId('Ev'),
    event_time: nowSeconds(),
    authorizations: [
      { ...authorization, team_id: workspace.teamId, user_id: workspace.bot.userId, enterprise_id: enterprise },
    ],
    is_ext_shared_channel: shared,
    event_context: eventContext(workspace, event),
  };
}

/** Who wrote the message an event is about: the poster, the editor, or the author of what was deleted. */
function writerOf(event: Json): string | undefined {
  const inner = (event.message ?? event.previous_message) as Json | undefined;
  return typeof event.user === 'string' ? event.user : typeof inner?.user === 'string' ? inner.user : undefined;
}

function eventContext(workspace: Workspace, event: Json): string {
  const context = { et: event.type, tid: workspace.teamId, aid: workspace.appId, cid: event.channel };
  return `4-${Buffer.from(JSON.stringify(context)).toString('base64url')}`;
}

/** The rich_text block Slack's clients attach to what a person types. */
export function richText(text: string): unknown[] {
  const [example] = part(fixture('message-in-thread'), 'event').blocks as Json[];
  const section = { type: 'rich_text_section', elements: [{ type: 'text', text }] };
  return [{ ...example, block_id: randomHex(2), elements: [section] }];
}

export function messageEvent(workspace: Workspace, channel: Channel, message: StoredMessage): Json {
  const template = part(fixture('message-in-thread'), 'event');
  for (const field of EXAMPLE_MESSAGE_FIELDS) delete template[field];
  return {
    ...template,
    ...message,
    channel: channel.id,
    event_ts: message.ts,
    channel_type: workspace.channelType(channel),
  };
}

export function messageChangedEvent(
  workspace: Workspace,
  channel: Channel,
  change: { previous: StoredMessage; current: StoredMessage; eventTs: string },
): Json {
  const template = part(fixture('message-changed'), 'event');
  return {
    ...template,
    message: { ...change.current, source_team: change.current.team, user_team: change.current.team },
    previous_message: change.previous,
    channel: channel.id,
    ts: change.eventTs,
    event_ts: change.eventTs,
    channel_type: workspace.channelType(channel),
  };
}

export function messageDeletedEvent(workspace: Workspace, channel: Channel, deleted: StoredMessage): Json {
  const template = part(fixture('message-deleted'), 'event');
  const eventTs = nextTs();
  return {
    ...template,
    previous_message: deleted,
    channel: channel.id,
    deleted_ts: deleted.ts,
    ts: eventTs,
    event_ts: eventTs,
    channel_type: workspace.channelType(channel),
  };
}

function userReference(workspace: Workspace, user: UserSpec): Json {
  return { id: user.id, username: user.name, name: user.name, team_id: workspace.teamOf(user.id) };
}

/** The `actions[0]` entry for a click on an element: a button, as Slack reports it. */
export function elementAction(element: Json, blockId: string): Json {
  const [example] = fixture('block-actions').actions as Json[];
  const action: Json = { ...example, action_id: element.action_id, block_id: blockId, type: element.type };
  for (const field of ['text', 'value', 'style', 'url'] as const) {
    if (element[field] === undefined) delete action[field];
    else action[field] = element[field];
  }
  return { ...action, action_ts: nextTs() };
}

export type ActionSource =
  | { kind: 'message'; channel: Channel; message: StoredMessage; responseUrl: string }
  // Slack does not send an ephemeral message back with a click on it: only where it was and its ts.
  | { kind: 'ephemeral'; channel: Channel; messageTs: string; responseUrl: string }
  | { kind: 'view'; view: View };

export function blockActionsPayload(
  workspace: Workspace,
  click: { user: UserSpec; action: Json; source: ActionSource; triggerId: string },
): Json {
  const template = fixture('block-actions');
  const common: Json = {
    ...template,
    user: userReference(workspace, click.user),
    api_app_id: workspace.appId,
    trigger_id: click.triggerId,
    team: { id: workspace.teamId, domain: workspace.teamDomain },
    actions: [click.action],
  };
  const { source } = click;
  const { channel: _channel, message: _message, response_url: _responseUrl, ...withoutMessage } = common;
  if (source.kind === 'ephemeral') {
    return {
      ...withoutMessage,
      container: { type: 'message', message_ts: source.messageTs, channel_id: source.channel.id, is_ephemeral: true },
      channel: { id: source.channel.id, name: source.channel.name },
      response_url: source.responseUrl,
    };
  }
  if (source.kind === 'view') {
    return {
      ...withoutMessage,
      container: { type: 'view', view_id: source.view.id },
      view: source.view,
      state: source.view.state,
    };
  }
  const { message } = source;
  return {
    ...common,
    container: {
      ...part(template, 'container'),
      message_ts: message.ts,
      channel_id: source.channel.id,
      ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
    },
    channel: { id: source.channel.id, name: source.channel.name },
    message,
    response_url: source.responseUrl,
  };
}

export function viewSubmissionPayload(
  workspace: Workspace,
  submission: { user: UserSpec; view: View; values: Json; triggerId: string },
): Json {
  return {
    ...fixture('view-submission'),
    team: { id: workspace.teamId, domain: workspace.teamDomain },
    user: userReference(workspace, submission.user),
    api_app_id: workspace.appId,
    trigger_id: submission.triggerId,
    view: { ...submission.view, state: { values: submission.values } },
  };
}

/**
 * A message shortcut (`message_action`): the message it was used on as Slack stores it (a reply keeps its
 * `thread_ts`), with a response_url and trigger_id for the app's answer or form.
 */
export function messageActionPayload(
  workspace: Workspace,
  use: {
    user: UserSpec;
    channel: Channel;
    callbackId: string;
    message: StoredMessage;
    responseUrl: string;
    triggerId: string;
  },
): Json {
  return {
    ...fixture('message-action'),
    action_ts: nextTs(),
    team: { id: workspace.teamId, domain: workspace.teamDomain },
    user: userReference(workspace, use.user),
    channel: { id: use.channel.id, name: use.channel.name },
    callback_id: use.callbackId,
    trigger_id: use.triggerId,
    message_ts: use.message.ts,
    message: use.message,
    response_url: use.responseUrl,
  };
}

/** A slash command's fields: all strings, as Slack form-encodes them. */
export function slashCommandPayload(
  workspace: Workspace,
  command: { user: UserSpec; channel: Channel; command: string; text: string; responseUrl: string; triggerId: string },
): Record<string, string> {
  return {
    ...(fixture('slash-command') as Record<string, string>),
    team_id: workspace.teamId,
    team_domain: workspace.teamDomain,
    channel_id: command.channel.id,
    channel_name: command.channel.isIm ? 'directmessage' : command.channel.name,
    user_id: command.user.id,
    user_name: command.user.name,
    command: command.command,
    text: command.text,
    api_app_id: workspace.appId,
    response_url: command.responseUrl,
    trigger_id: command.triggerId,
  };
}

/**
 * `user_change` (a profile changed, a person deactivated) and `team_join` (a new person), as documented: the whole
 * user object, with `event_ts` and `cache_ts`.
 */
export function directoryEvent(type: 'user_change' | 'team_join', workspace: Workspace, user: UserSpec): Json {
  return { type, user: userObject(workspace, user), event_ts: nextTs(), cache_ts: nowSeconds() };
}

import { isObject } from './block-validation.ts';
import type { Delivered, EventDelivery } from './event-delivery.ts';
import type { FileStore } from './file-store.ts';
import type { Json } from './fixtures.ts';
import { uuid } from './ids.ts';
import {
  blockActionsPayload,
  directoryEvent,
  elementAction,
  eventCallback,
  messageActionPayload,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
  richText,
  slashCommandPayload,
  viewSubmissionPayload,
} from './payloads.ts';
import type { ResponseUrls } from './response-urls.ts';
import { nextTs } from './timestamps.ts';
import type { Triggers } from './triggers.ts';
import { type ViewAnswers, viewStateValues } from './view-state.ts';
import type { ViewStore } from './view-store.ts';
import { type Channel, isReply, type StoredMessage, type UserSpec, type Workspace } from './workspace.ts';

export interface SharedFile {
  name: string;
  content?: string | Buffer;
  title?: string;
  mimetype?: string;
}

export interface PersonPost {
  channel: string;
  user: string;
  text: string;
  thread_ts?: string;
  files?: SharedFile[];
  /** Backdates the message, for catch-up tests; defaults to now. */
  ts?: string;
  /**
   * `me_message`: written with /me, shown in italics. `thread_broadcast`: a thread reply also sent to the channel
   * ("Also send to #channel"), which Slack delivers once, as a reply with that subtype.
   */
  subtype?: 'me_message' | 'thread_broadcast';
}

/** Another app's message: a modern app's (its bot user, `bot_id`, `app_id`) or a legacy `bot_message`. */
export interface AppPost {
  channel: string;
  text: string;
  thread_ts?: string;
  legacy?: boolean;
}

/** Slack unfurls a link in a message: `message_changed` with attachments added and no `edited`. */
export interface LinkUnfurl {
  channel: string;
  ts: string;
  url: string;
}

export interface PersonEdit {
  channel: string;
  ts: string;
  text: string;
}

export interface PersonDelete {
  channel: string;
  ts: string;
}

export interface ButtonClick {
  user: string;
  actionId: string;
  /** A button in a message: its channel and ts. */
  channel?: string;
  messageTs?: string;
  /** Whether that message is an ephemeral one shown to this person. */
  ephemeral?: boolean;
  /** Or a button in an open view. */
  viewId?: string;
}

export interface ViewSubmit {
  viewId: string;
  values?: ViewAnswers;
  /** Defaults to the person the view was opened for. */
  user?: string;
}

export interface CommandUse {
  user: string;
  channel: string;
  command: string;
  text?: string;
}

/** A change people made, and how the app answered its event; no delivery when the app is offline or not in the channel. */
export interface Happened {
  message: StoredMessage;
  delivery?: Delivered;
}

export interface Interaction {
  payload: Json;
  delivery: Delivered;
  triggerId: string;
  responseUrl?: string;
}

/** A person picks one of the app's message shortcuts, by the name Slack lists it under, on a message. */
export interface ShortcutUse {
  user: string;
  name: string;
  channel: string;
  messageTs: string;
}

/** A message shortcut the app declares (in its manifest's `features.shortcuts`, type `message`). */
export interface MessageShortcut {
  name: string;
  callbackId: string;
}

/** A change to a person's profile: a new name, an admin made or unmade, a deactivation. */
export type ProfileChange = Partial<Omit<UserSpec, 'id'>>;

export interface PeopleDeps {
  /** Slack lists only the shortcuts the app declares. */
  messageShortcuts: MessageShortcut[];
  /** The bot events the app subscribes to (its manifest's); when given, directory events outside it are not sent. */
  subscribedEvents?: string[];
  workspace: Workspace;
  views: ViewStore;
  triggers: Triggers;
  responseUrls: ResponseUrls;
  files: FileStore;
  delivery: EventDelivery;
}

/** What people do in Slack, stored in the workspace and delivered to the app as Slack would. */
export class People {
  constructor(private readonly deps: PeopleDeps) {}

  async post(post: PersonPost, deliver: boolean): Promise<Happened> {
    const { workspace, files } = this.deps;
    const channel = this.conversationOf(post.channel, post.user);
    const parent = post.thread_ts === undefined ? undefined : workspace.message(channel.id, post.thread_ts);
    if (post.thread_ts !== undefined && (!parent || isReply(parent))) {
      throw new Error(`${post.thread_ts} is not a thread in ${channel.id}`);
    }
    const shared = (post.files ?? []).map((file) =>
      files.create({ ...file, bytes: Buffer.from(file.content ?? ''), user: post.user }),
    );
    const message = workspace.post(channel.id, {
      ts: post.ts,
      client_msg_id: uuid(),
      user: post.user,
      text: post.text,
      blocks: richText(post.text),
      thread_ts: post.thread_ts,
      parent_user_id: parent?.user,
      ...(shared.length > 0 ? { subtype: 'file_share', files: shared, upload: false, display_as_bot: false } : {}),
      ...(post.subtype === undefined ? {} : { subtype: post.subtype }),
      ...(post.subtype === 'thread_broadcast' && parent ? { root: parent } : {}),
    });
    const delivery = deliver ? await this.deliver(channel, messageEvent(workspace, channel, message)) : undefined;
    return { message, delivery };
  }

  async edit(edit: PersonEdit, deliver: boolean): Promise<Happened> {
    const { workspace } = this.deps;
    const previous = this.ownMessage(edit.channel, edit.ts);
    const channel = this.conversationOf(edit.channel, previous.user ?? '');
    const eventTs = nextTs();
    const current: StoredMessage = {
      ...previous,
      text: edit.text,
      blocks: richText(edit.text),
      edited: { user: previous.user ?? '', ts: eventTs },
    };
    workspace.replace(channel.id, current);
    const event = messageChangedEvent(workspace, channel, { previous, current, eventTs });
    return { message: current, delivery: deliver ? await this.deliver(channel, event) : undefined };
  }

  async appPost(post: AppPost): Promise<Happened> {
    const { workspace } = this.deps;
    const channel = workspace.channel(post.channel);
    if (!channel) throw new Error(`no channel ${post.channel}`);
    const app = { botId: 'B_OTHER_APP', appId: 'A_OTHER_APP', userId: 'U_OTHER_APP', name: 'standup-helper' };
    const fields = post.legacy
      ? { subtype: 'bot_message', bot_id: app.botId, username: app.name }
      : {
          user: app.userId,
          bot_id: app.botId,
          app_id: app.appId,
          bot_profile: { id: app.botId, app_id: app.appId, name: app.name, deleted: false, team_id: workspace.teamId },
        };
    const message = workspace.post(channel.id, { ...fields, text: post.text, thread_ts: post.thread_ts });
    return { message, delivery: await this.deliver(channel, messageEvent(workspace, channel, message)) };
  }

  async unfurl(unfurl: LinkUnfurl): Promise<Happened> {
    const { workspace } = this.deps;
    const previous = this.existingMessage(unfurl.channel, unfurl.ts);
    const channel = this.conversationOf(unfurl.channel, previous.user ?? '');
    const preview = {
      id: 1,
      from_url: unfurl.url,
      original_url: unfurl.url,
      service_name: new URL(unfurl.url).hostname,
      title: 'A page linked in the reply',
      title_link: unfurl.url,
      fallback: `${new URL(unfurl.url).hostname}: A page linked in the reply`,
    };
    const current: StoredMessage = { ...previous, attachments: [...(previous.attachments ?? []), preview] };
    workspace.replace(channel.id, current);
    const event = messageChangedEvent(workspace, channel, { previous, current, eventTs: nextTs() });
    return { message: current, delivery: await this.deliver(channel, event) };
  }

  async delete(removal: PersonDelete, deliver: boolean): Promise<Happened> {
    const { workspace } = this.deps;
    const previous = this.ownMessage(removal.channel, removal.ts);
    const channel = this.conversationOf(removal.channel, previous.user ?? '');
    workspace.remove(channel.id, previous.ts);
    const event = messageDeletedEvent(workspace, channel, previous);
    return { message: previous, delivery: deliver ? await this.deliver(channel, event) : undefined };
  }

  async clickButton(click: ButtonClick): Promise<Interaction> {
    const { workspace, views, triggers, responseUrls, delivery } = this.deps;
    const user = this.person(click.user);
    const triggerId = triggers.issue(user.id);
    if (click.viewId !== undefined) {
      const open = views.find(click.viewId);
      if (!open) throw new Error(`no open view ${click.viewId}`);
      const action = elementAction(...findElement(open.view.blocks, click.actionId));
      const payload = blockActionsPayload(workspace, {
        user,
        action,
        triggerId,
        source: { kind: 'view', view: open.view },
      });
      return { payload, delivery: await delivery.interaction(payload), triggerId };
    }
    const channel = this.conversationOf(click.channel ?? '', user.id);
    if (click.ephemeral) {
      const messageTs = click.messageTs ?? '';
      const shown = workspace.ephemeral.find(
        (entry) => entry.channel === channel.id && entry.user === user.id && entry.message.ts === messageTs,
      );
      if (!shown) throw new Error(`no ephemeral message ${messageTs} shown to ${user.id} in ${channel.id}`);
      const action = elementAction(...findElement(shown.message.blocks, click.actionId));
      const responseUrl = responseUrls.issue({ channel: channel.id, user: user.id, messageTs, ephemeral: true });
      const source = { kind: 'ephemeral' as const, channel, messageTs, responseUrl };
      const payload = blockActionsPayload(workspace, { user, action, triggerId, source });
      return { payload, delivery: await delivery.interaction(payload), triggerId, responseUrl };
    }
    const message = this.existingMessage(channel.id, click.messageTs ?? '');
    const action = elementAction(...findElement(message.blocks, click.actionId));
    const responseUrl = responseUrls.issue({ channel: channel.id, user: user.id, messageTs: message.ts });
    const source = { kind: 'message' as const, channel, message, responseUrl };
    const payload = blockActionsPayload(workspace, { user, action, triggerId, source });
    return { payload, delivery: await delivery.interaction(payload), triggerId, responseUrl };
  }

  async submitView(submit: ViewSubmit): Promise<Interaction> {
    const { workspace, views, triggers, delivery } = this.deps;
    const open = views.find(submit.viewId);
    if (!open) throw new Error(`no open view ${submit.viewId}`);
    const user = this.person(submit.user ?? open.userId);
    const values = viewStateValues(open.view.blocks, submit.values ?? {});
    const triggerId = triggers.issue(user.id);
    const payload = viewSubmissionPayload(workspace, { user, view: open.view, values, triggerId });
    const answer = await delivery.interaction(payload);
    if (isObject(answer.body) && answer.body.response_action === 'update' && isObject(answer.body.view)) {
      views.update(submit.viewId, answer.body.view);
    }
    return { payload, delivery: answer, triggerId };
  }

  async messageShortcut(use: ShortcutUse): Promise<Interaction> {
    const { workspace, triggers, responseUrls, delivery, messageShortcuts } = this.deps;
    const shortcut = messageShortcuts.find((s) => s.name === use.name);
    if (!shortcut) throw new Error(`the app declares no message shortcut named "${use.name}"`);
    const user = this.person(use.user);
    const channel = this.conversationOf(use.channel, user.id);
    const message = this.existingMessage(channel.id, use.messageTs);
    const triggerId = triggers.issue(user.id);
    const responseUrl = responseUrls.issue({ channel: channel.id, user: user.id });
    const payload = messageActionPayload(workspace, {
      user,
      channel,
      callbackId: shortcut.callbackId,
      message,
      responseUrl,
      triggerId,
    });
    return { payload, delivery: await delivery.interaction(payload), triggerId, responseUrl };
  }

  async slashCommand(use: CommandUse): Promise<Interaction> {
    const { workspace, triggers, responseUrls, delivery } = this.deps;
    const user = this.person(use.user);
    const channel = this.conversationOf(use.channel, user.id);
    const triggerId = triggers.issue(user.id);
    const responseUrl = responseUrls.issue({ channel: channel.id, user: user.id });
    const fields = slashCommandPayload(workspace, {
      ...use,
      user,
      channel,
      text: use.text ?? '',
      responseUrl,
      triggerId,
    });
    const answer = await delivery.command(fields);
    // Slack shows a command's immediate answer the way it shows one posted to the response_url.
    if (isObject(answer.body) && (answer.body.text !== undefined || answer.body.blocks !== undefined)) {
      responseUrls.respondAt(responseUrl, answer.body);
    }
    return { payload: fields, delivery: answer, triggerId, responseUrl };
  }

  /** A person's profile changes: stored, and `user_change` delivered to an app subscribed to it. */
  async changeProfile(id: string, change: ProfileChange): Promise<Delivered | undefined> {
    const { workspace } = this.deps;
    const user = workspace.changeUser(id, { ...change, updated: Math.floor(Date.now() / 1000) });
    return this.deliverDirectoryEvent(directoryEvent('user_change', workspace, user));
  }

  /** A new person joins the workspace (and its general channel, as Slack adds them): `team_join`. */
  async join(user: UserSpec): Promise<Delivered | undefined> {
    const { workspace } = this.deps;
    workspace.addUser(user);
    workspace.channel('general')?.members.add(user.id);
    return this.deliverDirectoryEvent(directoryEvent('team_join', workspace, user));
  }

  private deliverDirectoryEvent(event: Json): Promise<Delivered> | undefined {
    const subscribed = this.deps.subscribedEvents;
    if (subscribed && !subscribed.includes(String(event.type))) return undefined;
    return this.deps.delivery.event(eventCallback(this.deps.workspace, event));
  }

  // Slack sends message events only for conversations the app is in.
  private deliver(channel: Channel, event: Json): Promise<Delivered> | undefined {
    if (!channel.botIsMember) return undefined;
    return this.deps.delivery.event(eventCallback(this.deps.workspace, event));
  }

  private person(id: string): UserSpec {
    const user = this.deps.workspace.user(id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  }

  private conversationOf(channelId: string, userId: string): Channel {
    this.person(userId);
    const channel = this.deps.workspace.channel(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    if (!channel.members.has(userId)) throw new Error(`${userId} is not a member of ${channel.id}`);
    return channel;
  }

  private ownMessage(channelId: string, ts: string): StoredMessage {
    const message = this.existingMessage(channelId, ts);
    if (message.bot_id !== undefined) throw new Error(`${ts} is the app's message, not a person's`);
    return message;
  }

  private existingMessage(channelId: string, ts: string): StoredMessage {
    const message = this.deps.workspace.message(channelId, ts);
    if (!message) throw new Error(`no message ${ts} in ${channelId}`);
    return message;
  }
}

/** The interactive element with this action_id, and the id of its block. */
function findElement(blocks: unknown, actionId: string): [Json, string] {
  for (const block of Array.isArray(blocks) ? blocks.filter(isObject) : []) {
    const elements = Array.isArray(block.elements) ? block.elements : [block.accessory];
    const element = elements.filter(isObject).find((candidate) => candidate.action_id === actionId);
    if (element) return [element, String(block.block_id)];
  }
  throw new Error(`no element with action_id ${actionId}`);
}

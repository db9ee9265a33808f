import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADAPTIVE_CARD, checkAdaptiveCard } from './card-rules.ts';
import { type ConnectorCall, handleConnector } from './connector-routes.ts';
import { FILE_CONSENT_CARD, FILE_INFO_CARD } from './file-card-rules.ts';
import { messageActionTitled, messagePayloadOf, openedByLink } from './message-links.ts';
import { OneDrive } from './onedrive.ts';
import { SigningKey } from './signing.ts';
import { type StoredMessage, type TeamsPerson, TeamsWorld } from './world.ts';

export interface FakeTeamsOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** Channel names; each gets an id like Teams's (`19:<name>@thread.tacv2`). */
  channels?: string[];
  /** The app's manifest as installed: what Teams offers of it (message actions). */
  manifest?: Record<string, unknown>;
}

/** What the bot answered to one activity the fake delivered. */
export interface BotAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

type Card = Record<string, unknown>;
type Action = Record<string, unknown> & { type: string; title: string; data?: Record<string, unknown> };

/** Every action of a card, in the order a person sees them (ActionSets in the body, then the card's own). */
export function actionsOf(card: Card | undefined): Action[] {
  if (!card) return [];
  const fromElements = (elements: unknown): Action[] =>
    ((elements as Card[] | undefined) ?? []).flatMap((e) =>
      e.type === 'ActionSet'
        ? (e.actions as Action[])
        : e.type === 'Container'
          ? fromElements(e.items)
          : e.type === 'ColumnSet'
            ? ((e.columns as Card[]) ?? []).flatMap((c) => fromElements(c.items))
            : [],
    );
  return [...fromElements(card.body), ...((card.actions as Action[] | undefined) ?? [])];
}

/** The buttons Teams itself puts on a file consent card (the bot names the file; Teams words the question). */
const CONSENT_BUTTONS = { Allow: 'accept', Decline: 'decline' } as const;

const attachmentOf = (message: StoredMessage | undefined, contentType: string) =>
  message?.attachments.find((a) => a.contentType === contentType);

/** What Teams shows of a bot's file cards: the file consent card and its buttons, the file card of a sent file. */
function fileCardWords(message: StoredMessage): string[] {
  const consent = attachmentOf(message, FILE_CONSENT_CARD);
  const info = attachmentOf(message, FILE_INFO_CARD);
  const words: string[] = [];
  if (consent) {
    const content = consent.content as { description?: string; sizeInBytes: number };
    words.push(`Agora wants to send you ${consent.name} (${Math.max(1, Math.round(content.sizeInBytes / 1024))} KB)`);
    if (content.description) words.push(content.description);
    words.push(...Object.keys(CONSENT_BUTTONS).map((title) => `[${title}]`));
  }
  if (info) words.push(`File: ${info.name}`);
  return words;
}

export function cardOf(message: StoredMessage | undefined): Card | undefined {
  return message?.attachments.find((a) => a.contentType === ADAPTIVE_CARD)?.content as Card | undefined;
}

/** What a person reads on a message: its text, and every TextBlock, fact and button title of its card. */
export function readableText(message: StoredMessage | undefined): string {
  if (!message) return '';
  return [message.text, ...cardWords(cardOf(message)), ...fileCardWords(message)].filter(Boolean).join('\n');
}

export function cardWords(card: Card | undefined): string[] {
  if (!card) return [];
  const words: string[] = [];
  const walk = (elements: unknown) => {
    for (const e of (elements as Card[] | undefined) ?? []) {
      if (e.type === 'TextBlock') words.push(e.text as string);
      if (e.type === 'FactSet') for (const f of e.facts as Card[]) words.push(`${f.title} ${f.value}`);
      if (e.type === 'Container') walk(e.items);
      if (e.type === 'ColumnSet') for (const c of (e.columns as Card[]) ?? []) walk(c.items);
      if (e.type?.toString().startsWith('Input.') && typeof e.label === 'string') words.push(e.label);
    }
  };
  walk(card.body);
  for (const action of actionsOf(card)) words.push(`[${action.title}]`);
  return words;
}

/**
 * A fake Microsoft Teams on 127.0.0.1: Entra's keys and token endpoint, the Bot Connector REST API, and the people
 * who post, edit, delete and press buttons. Activities it delivers are signed with its own key for the bot's app id.
 */
export async function startFakeTeams(options: FakeTeamsOptions = {}) {
  const appId = options.appId ?? '00000000-0000-0000-0000-00000000a9a0';
  const appPassword = options.appPassword ?? 'fake-teams-secret';
  const world = new TeamsWorld(options.tenantId ?? 'tenant-1', '19:team-general@thread.tacv2');
  const bots = (options.manifest?.bots as { supportsFiles?: boolean }[] | undefined) ?? [];
  const supportsFiles = bots[0]?.supportsFiles === true;
  for (const name of options.channels ?? ['staffroom', 'organisers'])
    world.channels.set(`19:${name}@thread.tacv2`, name);
  const key = new SigningKey();
  const calls: ConnectorCall[] = [];
  let base = '';
  const onedrive = new OneDrive(() => base);
  let botEndpoint = '';
  const bot = { id: `28:${appId}`, name: 'Agora' };
  const server = createServer((req, res) => {
    void handleConnector(
      {
        world,
        key,
        appId,
        appPassword,
        issuer: `${base}/${world.tenantId}/v2.0`,
        calls,
        botAccount: () => bot,
        supportsFiles,
        onedrive,
      },
      req,
      res,
    ).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const serviceUrl = `${base}/teams/`;

  const tokenForBot = () =>
    key.sign({ aud: appId, iss: `${base}/${world.tenantId}/v2.0`, tid: world.tenantId, serviceurl: serviceUrl });

  /** Delivers an activity to the bot as the Bot Connector does; `token: null` sends none. */
  const deliver = async (
    activity: Record<string, unknown>,
    token: string | null = tokenForBot(),
  ): Promise<BotAnswer> => {
    const response = await fetch(botEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token !== null && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };

  const conversationFor = (message: StoredMessage) => {
    const channel = world.channels.has(message.conversationId);
    return {
      conversation: {
        id: world.conversationOf(message),
        conversationType: channel ? 'channel' : 'personal',
        tenantId: world.tenantId,
        ...(channel && { isGroup: true }),
      },
      channelData: channel
        ? {
            teamsChannelId: message.conversationId,
            teamsTeamId: world.teamId,
            channel: { id: message.conversationId },
            team: { id: world.teamId },
            tenant: { id: world.tenantId },
          }
        : { tenant: { id: world.tenantId } },
    };
  };

  const envelope = (person: TeamsPerson, at: StoredMessage, type: string, id: string) => ({
    type,
    id,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    recipient: bot,
    locale: 'en-GB',
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }],
    ...conversationFor(at),
  });

  const messageActivity = (person: TeamsPerson, message: StoredMessage, type = 'message') => ({
    ...envelope(person, message, type, message.id),
    text: message.text,
    textFormat: 'plain',
    attachments: message.attachments,
    ...(message.rootId && message.rootId !== message.id && { replyToId: message.rootId }),
    ...(type === 'messageUpdate' && {
      channelData: { ...conversationFor(message).channelData, eventType: 'editMessage' },
    }),
    ...(type === 'messageDelete' && {
      channelData: { ...conversationFor(message).channelData, eventType: 'softDeleteMessage' },
    }),
  });

  /** What Teams shows the person of an invoke's answer: a card action's message, or a dialog's closing words. */
  const noteShown = (person: TeamsPerson, answer: BotAnswer) => {
    const body = answer.body as { type?: string; value?: unknown; task?: { type?: string; value?: unknown } } | null;
    const text =
      body?.type === 'application/vnd.microsoft.activity.message'
        ? body.value
        : body?.task?.type === 'message'
          ? body.task.value
          : undefined;
    if (typeof text === 'string') world.notices.push({ person: person.name, text, id: world.nextId() });
  };

  const invoke = async (
    person: TeamsPerson,
    at: StoredMessage,
    name: string,
    value: unknown,
    replyToId: string | undefined = at.id,
  ) => {
    const answer = await deliver({
      ...envelope(person, at, 'invoke', `f:${world.nextId()}`),
      name,
      value,
      ...(replyToId && { replyToId }),
    });
    noteShown(person, answer);
    return answer;
  };

  /**
   * A person presses Allow or Decline on a file consent card in their chat with the bot: Allow opens an upload
   * session in their OneDrive, and either sends `fileConsent/invoke` with the card's context (and, for Allow,
   * where to upload), as Teams does.
   */
  const answerConsent = (person: TeamsPerson, at: StoredMessage, consent: Card, title: string) => {
    if (!Object.hasOwn(CONSENT_BUTTONS, title)) throw new Error(`no button "${title}" on ${readableText(at)}`);
    if (at.conversationId !== world.personalChatOf(person)) throw new Error(`${person.name} is not shown that card`);
    const action = CONSENT_BUTTONS[title as keyof typeof CONSENT_BUTTONS];
    const content = consent.content as { sizeInBytes: number; acceptContext?: Card; declineContext?: Card };
    if (action === 'decline')
      return invoke(person, at, 'fileConsent/invoke', {
        type: 'fileUpload',
        action,
        context: content.declineContext ?? {},
      });
    const file = onedrive.startUpload(person, consent.name as string, content.sizeInBytes);
    return invoke(person, at, 'fileConsent/invoke', {
      type: 'fileUpload',
      action,
      context: content.acceptContext ?? {},
      uploadInfo: {
        contentUrl: file.contentUrl,
        name: file.name,
        uploadUrl: file.uploadUrl,
        uniqueId: file.uniqueId,
        fileType: file.name.split('.').pop() ?? '',
        etag: `"{${file.uniqueId}},1"`,
      },
    });
  };

  const actionTitled = (message: StoredMessage | undefined, title: string): Action => {
    const action = actionsOf(cardOf(message)).find((a) => a.title === title);
    if (!action) throw new Error(`no button "${title}" on ${readableText(message) || 'that message'}`);
    return action;
  };

  return {
    world,
    appId,
    appPassword,
    tenantId: world.tenantId,
    /** The authority the bot validates tokens against and asks for its own (TEAMS_AUTHORITY). */
    authority: base,
    serviceUrl,
    calls,
    bot,
    setBotEndpoint(url: string) {
      botEndpoint = url;
    },
    channelId: (name: string) => `19:${name}@thread.tacv2`,
    tokenForBot,
    deliver,
    message: (id: string) => world.messages.get(id),
    messagesIn: (conversationId: string) => world.inConversation(conversationId),
    personalChat: (name: string) => world.inConversation(world.personalChatOf(world.person(name))),
    /** The files bots put in a person's OneDrive: upload sessions opened by Allow, with their bytes once complete. */
    driveOf: (name: string) => onedrive.files.filter((f) => f.owner === world.person(name).name),
    onedrive,

    /** A person writes in a channel: a new post, or a reply in the thread of `rootId` (quoting `quote` if given). */
    async userPosts(input: {
      channel: string;
      user: string;
      text: string;
      rootId?: string;
      quote?: string;
      /** The post starts with an @mention of the bot, as Teams writes it (`<at>Agora</at>` and a mention entity). */
      mentionsBot?: boolean;
    }) {
      const person = world.person(input.user);
      const quoted = input.quote ? world.messages.get(input.quote) : undefined;
      const mention = `<at>${bot.name}</at>`;
      const text = input.mentionsBot ? `${mention} ${input.text}` : input.text;
      const html = `${quoted ? `<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="${quoted.id}"><strong>${quoted.from.name}</strong><p>${quoted.text}</p></blockquote>` : ''}<p>${text}</p>`;
      const message = world.add({
        conversationId: input.channel,
        rootId: input.rootId ?? null,
        from: { id: person.id, name: person.name, bot: false },
        text,
        attachments: [{ contentType: 'text/html', content: html }],
        replyToId: null,
      });
      const activity = messageActivity(person, message);
      if (input.mentionsBot)
        activity.entities = [...activity.entities, { type: 'mention', text: mention, mentioned: bot }] as never;
      return { message, activity, answer: await deliver(activity) };
    },
    /** A person writes to the bot in their 1:1 chat with it. */
    async userMessagesBot(input: { user: string; text: string }) {
      const person = world.person(input.user);
      const message = world.add({
        conversationId: world.personalChatOf(person),
        rootId: null,
        from: { id: person.id, name: person.name, bot: false },
        text: input.text,
        attachments: [],
        replyToId: null,
      });
      return { message, answer: await deliver(messageActivity(person, message)) };
    },
    async userEdits(input: { messageId: string; text: string }) {
      const message = world.messages.get(input.messageId);
      if (!message) throw new Error(`no message ${input.messageId}`);
      message.text = input.text;
      message.attachments = [{ contentType: 'text/html', content: `<p>${input.text}</p>` }];
      message.editedAt = Date.now();
      const person = world.personById(message.from.id) as TeamsPerson;
      return deliver(messageActivity(person, message, 'messageUpdate'));
    },
    async userDeletes(input: { messageId: string }) {
      const message = world.messages.get(input.messageId);
      if (!message) throw new Error(`no message ${input.messageId}`);
      message.deleted = true;
      const person = world.personById(message.from.id) as TeamsPerson;
      return deliver({ ...messageActivity(person, message, 'messageDelete'), text: '' });
    },
    /**
     * A person presses a card's button by its title, with what they entered in its inputs. Action.Execute is an
     * `adaptiveCard/action` invoke (a card in the answer replaces the one pressed, as Teams does); an Action.Submit
     * that opens a dialog is a `task/fetch` invoke; another Action.Submit is a message carrying the data as `value`;
     * Allow or Decline on a file consent card is a `fileConsent/invoke`.
     */
    async userPresses(input: {
      messageId: string;
      user: string;
      title: string;
      inputs?: Record<string, string>;
      /** The card as the person's client still showed it (a press made before an update reached them). */
      asShown?: Card;
    }) {
      const message = world.messages.get(input.messageId);
      const consent = attachmentOf(message, FILE_CONSENT_CARD);
      if (message && consent) return answerConsent(world.person(input.user), message, consent, input.title);
      const action = actionTitled(
        input.asShown && message
          ? { ...message, attachments: [{ contentType: ADAPTIVE_CARD, content: input.asShown }] }
          : message,
        input.title,
      );
      const person = world.person(input.user);
      const at = message as StoredMessage;
      const data = { ...action.data, ...input.inputs };
      if (action.type === 'Action.Execute') {
        const answer = await invoke(person, at, 'adaptiveCard/action', {
          action: { type: 'Action.Execute', verb: action.verb, data },
          trigger: 'manual',
        });
        const value = answer.body?.value as Card | undefined;
        if (answer.status === 200 && answer.body?.type === ADAPTIVE_CARD && value) {
          checkAdaptiveCard(value, 'value');
          at.attachments = [{ contentType: ADAPTIVE_CARD, content: value }];
          at.editedAt = Date.now();
        }
        return answer;
      }
      const msteams = (action.data as { msteams?: { type?: string } } | undefined)?.msteams;
      if (action.type === 'Action.Submit' && msteams?.type === 'task/fetch')
        return invoke(person, at, 'task/fetch', { data, context: { theme: 'default' } });
      if (action.type === 'Action.Submit')
        return deliver({ ...envelope(person, at, 'message', world.nextId()), value: data, replyToId: at.id });
      throw new Error(`pressing ${action.type} sends nothing to the bot`);
    },
    /**
     * A person uses a message action of the app ("…" → More actions → its title) on a message: Teams sends
     * `composeExtension/fetchTask` with the message, and shows the dialog the bot answers with.
     */
    async userUsesMessageAction(input: { messageId: string; user: string; title: string }) {
      const command = messageActionTitled(options.manifest, input.title);
      const message = world.messages.get(input.messageId);
      if (!message) throw new Error(`no message ${input.messageId}`);
      const value = {
        commandId: command.id,
        commandContext: 'message',
        context: { theme: 'default' },
        messagePayload: messagePayloadOf(world, message),
      };
      const answer = await invoke(world.person(input.user), message, 'composeExtension/fetchTask', value, undefined);
      return { answer, commandId: command.id };
    },
    /** The card of the dialog an answer opens (checked as Teams checks it), or undefined when it opened none. */
    dialogOf(fetched: BotAnswer): Card | undefined {
      const task = fetched.body?.task as { type?: string; value?: { card?: { content?: Card } } } | undefined;
      const card = task?.type === 'continue' ? task.value?.card?.content : undefined;
      if (card) checkAdaptiveCard(card, 'task.value.card.content');
      return card;
    },
    /**
     * A person fills in the dialog an answer opened and presses its button: `task/submit`, or for a message
     * action's dialog `composeExtension/submitAction`. Teams sends every input's value, typed or prefilled.
     */
    async userSubmitsDialog(input: {
      fetched: BotAnswer;
      from: string;
      user: string;
      inputs: Record<string, string>;
      messageAction?: string;
    }) {
      const card = this.dialogOf(input.fetched);
      if (!card) throw new Error(`no dialog was opened: ${JSON.stringify(input.fetched.body)}`);
      const [submit] = actionsOf(card).filter((a) => a.type === 'Action.Submit');
      if (!submit) throw new Error('the dialog has no button to submit it');
      const at = world.messages.get(input.from) as StoredMessage;
      const data = { ...submit.data, ...inputValues(card), ...input.inputs };
      const person = world.person(input.user);
      if (input.messageAction)
        return invoke(
          person,
          at,
          'composeExtension/submitAction',
          {
            commandId: input.messageAction,
            commandContext: 'message',
            context: { theme: 'default' },
            data,
            messagePayload: messagePayloadOf(world, at),
          },
          undefined,
        );
      return invoke(person, at, 'task/submit', { data, context: { theme: 'default' } });
    },
    /** What a person was shown privately: Agora's messages in their 1:1 chat and answers to their invokes, oldest first. */
    shownTo(name: string): string[] {
      const person = world.person(name);
      const chat = world
        .inConversation(world.personalChatOf(person))
        .filter((m) => m.from.bot)
        .map((m) => ({ id: m.id, text: readableText(m) }));
      const notices = world.notices.filter((n) => n.person === person.name);
      return [...chat, ...notices].sort((a, b) => Number(a.id) - Number(b.id)).map((n) => n.text);
    },
    /** What a Teams link opens: the message it names (its text), or null. */
    opensLink: (link: string) => {
      const message = openedByLink(world, link);
      return message ? readableText(message) : null;
    },
    /** The same activity delivered again, as the Bot Connector does when the bot did not answer in time. */
    replay: (activity: Record<string, unknown>) => deliver(activity),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Every input of a card with the value it starts with (what Teams submits when the person leaves it as it is). */
function inputValues(card: Card): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (elements: unknown) => {
    for (const e of (elements as Card[] | undefined) ?? []) {
      if (String(e.type).startsWith('Input.') && typeof e.id === 'string')
        values[e.id] = typeof e.value === 'string' ? e.value : '';
      if (e.type === 'Container') walk(e.items);
    }
  };
  walk(card.body);
  return values;
}

export type FakeTeams = Awaited<ReturnType<typeof startFakeTeams>>;

import type { IncomingMessage, ServerResponse } from 'node:http';
import { CardRuleError, checkOutgoingActivity } from './card-rules.ts';
import { checkFileCards } from './file-card-rules.ts';
import type { OneDrive } from './onedrive.ts';
import { type SigningKey, verifiedClaims } from './signing.ts';
import type { StoredMessage, TeamsWorld } from './world.ts';

/** One REST call the bot made, as the fake answered it. */
export interface ConnectorCall {
  method: string;
  path: string;
  status: number;
  body: Record<string, unknown> | null;
}

export interface ConnectorContext {
  world: TeamsWorld;
  key: SigningKey;
  appId: string;
  appPassword: string;
  issuer: string;
  calls: ConnectorCall[];
  botAccount: () => { id: string; name: string };
  /** Whether the installed manifest declares `supportsFiles` for the bot. */
  supportsFiles: boolean;
  onedrive: OneDrive;
}

type Answer = { status: number; body: unknown };

const send = (res: ServerResponse, { status, body }: Answer) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
};
const error = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});
/** What Teams answers a bot that posts where it is not a member (removed from the team, or never added). */
const notInRoster = () => error(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const PERSONAL_CHAT = 'a:personal-';

/** What a place allows of file cards: the person of a 1:1 chat, or none in a channel. */
const filePlace = (context: ConnectorContext, conversationId: string) => ({
  personalChatOf: conversationId.startsWith(PERSONAL_CHAT) ? conversationId.slice(PERSONAL_CHAT.length) : undefined,
  supportsFiles: context.supportsFiles,
  onedrive: context.onedrive,
});

/** The Entra token endpoint: client credentials for the bot's own app, for the Bot Framework scope only. */
function issueToken(context: ConnectorContext, form: URLSearchParams): Answer {
  if (form.get('grant_type') !== 'client_credentials') return error(400, 'unsupported_grant_type', 'AADSTS70003');
  if (form.get('client_id') !== context.appId || form.get('client_secret') !== context.appPassword)
    return error(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
  if (form.get('scope') !== 'https://api.botframework.com/.default')
    return error(400, 'invalid_scope', 'AADSTS70011: The provided scope is not valid.');
  const token = context.key.sign({ aud: 'https://api.botframework.com', iss: context.issuer, appid: context.appId });
  return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
}

function storeActivity(
  context: ConnectorContext,
  place: { conversationId: string; rootId: string | null },
  activity: Record<string, unknown>,
  replyToId: string | null,
): StoredMessage {
  return context.world.add({
    conversationId: place.conversationId,
    rootId: place.rootId,
    from: { ...context.botAccount(), bot: true },
    text: typeof activity.text === 'string' ? activity.text : '',
    attachments: (activity.attachments as Record<string, unknown>[] | undefined) ?? [],
    replyToId,
  });
}

/** POST /v3/conversations: a new post in a channel (with its first activity), or a 1:1 chat with one person. */
function createConversation(context: ConnectorContext, body: Record<string, unknown>): Answer {
  const channelData = (body.channelData ?? {}) as { channel?: { id?: string }; tenant?: { id?: string } };
  const tenant = channelData.tenant?.id ?? (body.tenantId as string | undefined);
  if (tenant !== context.world.tenantId) return error(400, 'BadArgument', 'tenant id is missing or unknown');
  const channelId = channelData.channel?.id;
  if (channelId) {
    if (!context.world.channels.has(channelId)) return error(404, 'ConversationNotFound', 'Conversation not found.');
    if (context.world.refused.has(channelId)) return notInRoster();
    const activity = body.activity as Record<string, unknown> | undefined;
    if (!activity) return error(400, 'BadArgument', 'a new channel post needs an activity');
    checkOutgoingActivity(activity);
    checkFileCards(activity, filePlace(context, channelId));
    const post = storeActivity(context, { conversationId: channelId, rootId: null }, activity, null);
    return { status: 201, body: { id: `${channelId};messageid=${post.id}`, activityId: post.id } };
  }
  const members = (body.members as { id?: string }[] | undefined) ?? [];
  const person = members.length === 1 ? context.world.personById(members[0]?.id ?? '') : undefined;
  if (body.isGroup || !person) return error(400, 'BadArgument', 'a 1:1 chat needs exactly one known member');
  return { status: 201, body: { id: context.world.personalChatOf(person) } };
}

function conversationRoute(
  context: ConnectorContext,
  method: string,
  conversation: string,
  activityId: string | undefined,
  body: Record<string, unknown>,
): Answer {
  const place = context.world.place(conversation);
  if (!place) return error(404, 'ConversationNotFound', 'Conversation not found.');
  if (context.world.refused.has(place.conversationId)) return notInRoster();
  if (method === 'POST') {
    checkOutgoingActivity(body);
    checkFileCards(body, filePlace(context, place.conversationId));
    const replyTo = activityId ?? null;
    if (replyTo && !context.world.messages.has(replyTo)) return error(404, 'NotFound', 'Activity not found.');
    const target =
      replyTo && place.rootId === null && context.world.channels.has(place.conversationId)
        ? { ...place, rootId: context.world.messages.get(replyTo)?.rootId ?? replyTo }
        : place;
    const stored = storeActivity(context, target, body, replyTo);
    return { status: 201, body: { id: stored.id } };
  }
  const message = activityId ? context.world.messages.get(activityId) : undefined;
  if (!message || message.deleted || message.conversationId !== place.conversationId)
    return error(404, 'NotFound', 'Activity not found.');
  if (!message.from.bot) return error(403, 'Forbidden', 'A bot can only change its own messages.');
  if (method === 'PUT') {
    checkOutgoingActivity(body);
    checkFileCards(body, filePlace(context, place.conversationId));
    message.text = typeof body.text === 'string' ? body.text : '';
    message.attachments = (body.attachments as Record<string, unknown>[] | undefined) ?? [];
    message.editedAt = Date.now();
    return { status: 200, body: { id: message.id } };
  }
  if (method === 'DELETE') {
    message.deleted = true;
    return { status: 200, body: {} };
  }
  return error(405, 'MethodNotAllowed', `${method} is not allowed here`);
}

/** Routes the fake serves: Entra's metadata, keys and token endpoint, and the Bot Connector's REST API. */
export async function handleConnector(context: ConnectorContext, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://fake');
  const method = req.method ?? 'GET';
  const bytes = await readBody(req);
  if (url.pathname.startsWith('/onedrive/upload/')) {
    const answer =
      method === 'PUT'
        ? context.onedrive.put(url.pathname, req.headers, bytes)
        : error(405, 'methodNotAllowed', method);
    return send(res, answer);
  }
  const raw = bytes.toString('utf8');
  const tenant = context.world.tenantId;
  const base = context.issuer.replace(/\/v2\.0$/, '');
  if (method === 'GET' && url.pathname === `/${tenant}/v2.0/.well-known/openid-configuration`) {
    return send(res, {
      status: 200,
      body: {
        issuer: context.issuer,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        id_token_signing_alg_values_supported: ['RS256'],
      },
    });
  }
  if (method === 'GET' && url.pathname === `/${tenant}/discovery/v2.0/keys`)
    return send(res, { status: 200, body: context.key.jwks() });
  if (method === 'POST' && url.pathname === `/${tenant}/oauth2/v2.0/token`)
    return send(res, issueToken(context, new URLSearchParams(raw)));

  const route = /^\/teams\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?$/.exec(url.pathname);
  if (!route) return send(res, error(404, 'NotFound', `no route ${method} ${url.pathname}`));
  let body: Record<string, unknown> = {};
  let answer: Answer;
  try {
    body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const claims = token ? verifiedClaims(context.key, token) : undefined;
    if (claims?.aud !== 'https://api.botframework.com' || claims.appid !== context.appId) {
      answer = error(401, 'Unauthorized', 'Authorization has been denied for this request.');
    } else if (route[1] === undefined) {
      answer = method === 'POST' ? createConversation(context, body) : error(405, 'MethodNotAllowed', method);
    } else {
      const conversation = decodeURIComponent(route[1]);
      const activityId = route[2] === undefined ? undefined : decodeURIComponent(route[2]);
      answer = conversationRoute(context, method, conversation, activityId, body);
    }
  } catch (thrown) {
    answer =
      thrown instanceof CardRuleError
        ? error(thrown.status, thrown.code, thrown.message)
        : error(400, 'BadSyntax', `could not read the request: ${(thrown as Error).message}`);
  }
  context.calls.push({ method, path: url.pathname, status: answer.status, body });
  send(res, answer);
}

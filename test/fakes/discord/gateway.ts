import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import {
  type APIMessage,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayIdentifyData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewayResumeData,
  type UserFlags,
} from 'discord.js';
import { WebSocket, WebSocketServer } from 'ws';
import { contentIsWithheld, withoutContent } from './message-content.ts';
import { guildCreatePayload } from './payloads.ts';
import { applicationFlags, type World } from './world.ts';

/** An event the fake sent (or would have sent) to the bot; `replay` sends it again. */
export interface Dispatch {
  t: GatewayDispatchEvents;
  d: unknown;
}

interface DispatchFrame {
  op: GatewayOpcodes.Dispatch;
  t: GatewayDispatchEvents;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  sequence: number;
  socket: WebSocket | undefined;
  /** Every frame of the session, so that a RESUME can replay what the bot missed. */
  sent: DispatchFrame[];
}

export interface GatewayTiming {
  heartbeatIntervalMs: number;
  guildCreateDelayMs: number;
}

const messageEvents = new Set<string>([
  GatewayDispatchEvents.MessageCreate,
  GatewayDispatchEvents.MessageUpdate,
  GatewayDispatchEvents.MessageDelete,
  GatewayDispatchEvents.MessageDeleteBulk,
]);
const threadEvents = new Set<string>([
  GatewayDispatchEvents.ThreadCreate,
  GatewayDispatchEvents.ThreadUpdate,
  GatewayDispatchEvents.ThreadDelete,
]);

function intentNeeded(t: GatewayDispatchEvents, d: unknown): number {
  if (messageEvents.has(t)) {
    const inGuild = typeof d === 'object' && d !== null && 'guild_id' in d;
    return inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
  }
  return threadEvents.has(t) ? GatewayIntentBits.Guilds : 0;
}

/** The gateway: HELLO, IDENTIFY, heartbeats, READY then GUILD_CREATEs, RESUME, and dispatches by intent. */
export class FakeGateway {
  readonly identifies: GatewayIdentifyData[] = [];
  readonly #sessions = new Map<string, Session>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #server: WebSocketServer | undefined;
  #url = '';

  constructor(
    private readonly world: World,
    private readonly timing: GatewayTiming,
  ) {}

  attach(server: Server, url: string): void {
    this.#url = url;
    this.#server = new WebSocketServer({ server });
    this.#server.on('connection', (socket, request) => {
      const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
      if (query.get('v') !== '10') return socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      if (query.get('encoding') !== 'json' || query.has('compress')) {
        return socket.close(GatewayCloseCodes.DecodeError, 'Only uncompressed JSON is spoken here');
      }
      this.#send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.timing.heartbeatIntervalMs } });
      this.#converse(socket);
    });
  }

  /** Sends an event to every session whose intents cover it, numbering it in each. */
  dispatch(t: GatewayDispatchEvents, d: unknown): Dispatch {
    for (const session of this.#sessions.values()) this.#deliver(session, t, d);
    return { t, d };
  }

  /** Closes the live connections with a resumable code; the bot reconnects and RESUMEs unless told otherwise. */
  dropConnection(options: { code?: number; invalidateSession?: boolean } = {}): void {
    for (const session of this.#sessions.values()) {
      session.socket?.close(options.code ?? GatewayCloseCodes.UnknownError, 'Connection dropped by the test');
      session.socket = undefined;
      if (options.invalidateSession) this.#sessions.delete(session.id);
    }
  }

  /**
   * Sends op 7 Reconnect, as Discord does before it moves a session: the bot closes the connection itself and
   * RESUMEs on a new one, receiving what was dispatched meanwhile.
   */
  requestReconnect(): void {
    for (const session of this.#sessions.values()) {
      if (session.socket) this.#send(session.socket, { op: GatewayOpcodes.Reconnect, d: null });
    }
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const client of this.#server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  #converse(socket: WebSocket): void {
    let session: Session | undefined;
    socket.on('message', (raw) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        return socket.close(GatewayCloseCodes.DecodeError, 'Decode error');
      }
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          return this.#send(socket, { op: GatewayOpcodes.HeartbeatAck });
        case GatewayOpcodes.Identify:
          if (session) return socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
          session = this.#identify(socket, payload.d as GatewayIdentifyData);
          return;
        case GatewayOpcodes.Resume:
          if (session) return socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
          session = this.#resume(socket, payload.d as GatewayResumeData);
          return;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestGuildMembers:
          if (!session) socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
          return;
        default:
          return socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
      }
    });
    // A connection reset also closes the socket, which is all that matters here.
    socket.on('error', () => {});
    socket.on('close', (code) => {
      if (!session || session.socket !== socket) return;
      session.socket = undefined;
      // Discord ends a session closed with 1000 or 1001; any other close leaves it open to a RESUME.
      if (code === 1000 || code === 1001) this.#sessions.delete(session.id);
    });
  }

  #identify(socket: WebSocket, identify: GatewayIdentifyData): Session | undefined {
    this.identifies.push(identify);
    if (identify.token !== this.world.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    if (identify.shard && (identify.shard[0] !== 0 || identify.shard[1] !== 1)) {
      socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return undefined;
    }
    const asksForContent = (identify.intents & GatewayIntentBits.MessageContent) !== 0;
    if (asksForContent && this.world.messageContent === 'disabled') {
      socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return undefined;
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      intents: identify.intents,
      sequence: 0,
      socket,
      sent: [],
    };
    this.#sessions.set(session.id, session);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...this.world.bot, verified: true, mfa_enabled: false, flags: 0 as UserFlags },
      guilds: [...this.world.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.#url,
      shard: [0, 1],
      application: {
        id: this.world.applicationId,
        flags: applicationFlags(this.world),
        flags_new: String(applicationFlags(this.world)),
      },
    };
    this.#deliver(session, GatewayDispatchEvents.Ready, ready);
    // discord.js handles frames asynchronously: a GUILD_CREATE that overtook READY would be lost.
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (session.socket !== socket) return;
      for (const guild of this.world.guilds.values()) {
        this.#deliver(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(this.world, guild));
      }
    }, this.timing.guildCreateDelayMs);
    this.#timers.add(timer);
    return session;
  }

  #resume(socket: WebSocket, resume: GatewayResumeData): Session | undefined {
    if (resume.token !== this.world.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const session = this.#sessions.get(resume.session_id);
    if (!session) {
      this.#send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return undefined;
    }
    if (resume.seq > session.sequence) {
      socket.close(GatewayCloseCodes.InvalidSeq, 'Invalid seq.');
      return undefined;
    }
    session.socket?.close(GatewayCloseCodes.SessionTimedOut, 'Session resumed elsewhere');
    session.socket = socket;
    for (const frame of session.sent.filter((missed) => missed.s > resume.seq)) this.#send(socket, frame);
    this.#deliver(session, GatewayDispatchEvents.Resumed, {});
    return session;
  }

  #deliver(session: Session, t: GatewayDispatchEvents, d: unknown): void {
    if ((session.intents & intentNeeded(t, d)) !== intentNeeded(t, d)) return;
    const frame: DispatchFrame = {
      op: GatewayOpcodes.Dispatch,
      t,
      s: ++session.sequence,
      d: this.#shape(session, t, d),
    };
    session.sent.push(frame);
    if (session.socket) this.#send(session.socket, frame);
  }

  /** Message content as this session may see it, per the MessageContent intent. */
  #shape(session: Session, t: GatewayDispatchEvents, d: unknown): unknown {
    if (t !== GatewayDispatchEvents.MessageCreate && t !== GatewayDispatchEvents.MessageUpdate) return d;
    const message = d as APIMessage & { guild_id?: string };
    const mayRead = this.world.messageContent !== 'empty' && (session.intents & GatewayIntentBits.MessageContent) !== 0;
    const withheld = contentIsWithheld(message, this.world.bot.id, message.guild_id !== undefined);
    return mayRead || !withheld ? d : withoutContent(message);
  }

  #send(socket: WebSocket, payload: object): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }
}

import type { Server } from 'node:http';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { uuid } from './ids.ts';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface EnvelopeOptions {
  retryAttempt?: number;
  retryReason?: string;
}

interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

interface Pending {
  envelope: Envelope;
  socket?: WebSocket;
  settle: (ack: SocketAck) => void;
  abandon: (reason: Error) => void;
}

export interface SocketModeOptions {
  appId: string;
  /** ws://host:port of the fake. */
  origin: string;
  /** How long an envelope waits for its ack, connection time included. */
  ackTimeoutMs: number;
}

/** Slack's Socket Mode endpoint: hands out single-use connection URLs, sends envelopes and collects acks. */
export class SocketModeServer {
  /** Every ack received, in order. */
  readonly acks: SocketAck[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  private opened = 0;
  private openListeners: Array<() => void> = [];

  constructor(private readonly options: SocketModeOptions) {}

  attach(httpServer: Server): void {
    httpServer.on('upgrade', (request, socket, head) => {
      const url = new URL(request.url ?? '/', 'http://fake');
      if (url.pathname !== '/link/' || !this.tickets.delete(url.searchParams.get('ticket') ?? '')) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      this.server.handleUpgrade(request, socket, head, (client) => this.welcome(client));
    });
  }

  /** The URL apps.connections.open returns; each one connects once, like Slack's tickets. */
  connectionUrl(): string {
    const ticket = uuid();
    this.tickets.add(ticket);
    return `${this.options.origin}/link/?ticket=${ticket}&app_id=${this.options.appId}`;
  }

  /** How many connections have been opened so far, closed ones included. */
  get connectionCount(): number {
    return this.opened;
  }

  get isConnected(): boolean {
    return this.openClient() !== undefined;
  }

  /** Resolves once `count` connections have been opened in all and one is open. */
  waitForConnections(count = 1, timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.opened < count || !this.isConnected) return false;
        clearTimeout(timer);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.openListeners = this.openListeners.filter((listener) => listener !== onOpen);
        reject(new Error(`${this.opened} Socket Mode connections within ${timeoutMs} ms, expected ${count}`));
      }, timeoutMs);
      const onOpen = () => {
        if (check()) this.openListeners = this.openListeners.filter((listener) => listener !== onOpen);
      };
      if (!check()) this.openListeners.push(onOpen);
    });
  }

  /**
   * Sends an envelope and resolves with the client's ack. Without an open connection the envelope waits for one;
   * if the connection drops before the ack, it is sent again on the next one with `retry_attempt` raised.
   */
  sendEnvelope(type: EnvelopeType, payload: unknown, options: EnvelopeOptions = {}): Promise<SocketAck> {
    const envelope: Envelope = {
      envelope_id: uuid(),
      type,
      payload,
      accepts_response_payload: acceptsResponsePayload(type, payload),
      ...(type === 'events_api'
        ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
        : {}),
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope.envelope_id);
        reject(new Error(`no ack for ${type} envelope ${envelope.envelope_id} within ${this.options.ackTimeoutMs} ms`));
      }, this.options.ackTimeoutMs);
      const settle = (ack: SocketAck) => {
        clearTimeout(timer);
        resolve(ack);
      };
      const abandon = (reason: Error) => {
        clearTimeout(timer);
        reject(reason);
      };
      this.pending.set(envelope.envelope_id, { envelope, settle, abandon });
      this.flush();
    });
  }

  /** Cuts every connection without a close frame, as a network failure would. */
  dropConnections(): void {
    for (const client of this.server.clients) client.terminate();
  }

  /** Asks clients to reconnect, as Slack does before recycling a server. */
  requestRefresh(): void {
    const message = { type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-fake' } };
    for (const client of this.server.clients) client.send(JSON.stringify(message));
  }

  /** Pings the open connection and resolves when the pong comes back. */
  ping(timeoutMs = 1000): Promise<void> {
    const client = this.openClient();
    if (!client) return Promise.reject(new Error('no open Socket Mode connection'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no pong within ${timeoutMs} ms`)), timeoutMs);
      client.once('pong', () => {
        clearTimeout(timer);
        resolve();
      });
      client.ping();
    });
  }

  /** Closes every connection with a close frame, cutting those that do not answer within `graceMs`. */
  async close(graceMs = 500): Promise<void> {
    for (const pending of this.pending.values()) pending.abandon(new Error('the fake Slack stopped'));
    this.pending.clear();
    const closing = [...this.server.clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => client.terminate(), graceMs);
          client.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          client.close(1001, 'going away');
        }),
    );
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private welcome(client: WebSocket): void {
    this.opened += 1;
    client.on('message', (data) => this.receive(data));
    client.on('close', () => this.requeueFrom(client));
    client.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.server.clients.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: this.options.appId },
      }),
    );
    for (const listener of [...this.openListeners]) listener();
    this.flush();
  }

  private receive(data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || !('envelope_id' in message)) return;
    const ack = message as SocketAck;
    const pending = this.pending.get(ack.envelope_id);
    if (!pending) return;
    this.pending.delete(ack.envelope_id);
    this.acks.push(ack);
    pending.settle(ack);
  }

  private requeueFrom(client: WebSocket): void {
    for (const pending of this.pending.values()) {
      if (pending.socket !== client) continue;
      pending.socket = undefined;
      if (pending.envelope.type === 'events_api') {
        pending.envelope.retry_attempt = (pending.envelope.retry_attempt ?? 0) + 1;
        pending.envelope.retry_reason = 'timeout';
      }
    }
    this.flush();
  }

  private flush(): void {
    const client = this.openClient();
    if (!client) return;
    for (const pending of this.pending.values()) {
      if (pending.socket) continue;
      pending.socket = client;
      client.send(JSON.stringify(pending.envelope));
    }
  }

  private openClient(): WebSocket | undefined {
    return [...this.server.clients].filter((client) => client.readyState === WebSocket.OPEN).at(-1);
  }
}

// The app's ack payload matters only where Slack uses it: command replies and view responses.
function acceptsResponsePayload(type: EnvelopeType, payload: unknown): boolean {
  if (type === 'slash_commands') return true;
  const kind = typeof payload === 'object' && payload !== null && 'type' in payload ? payload.type : undefined;
  return type === 'interactive' && (kind === 'view_submission' || kind === 'block_suggestion');
}

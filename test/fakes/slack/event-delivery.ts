import type { Json } from './fixtures.ts';
import { type HttpAnswer, postSignedCommand, postSignedEvent, postSignedInteraction } from './signed-requests.ts';
import type { EnvelopeType, SocketModeServer } from './socket-mode.ts';

/** How the app answered a delivery: its HTTP status and body, or 200 and the ack's payload over Socket Mode. */
export interface Delivered {
  via: 'socket' | 'http';
  status: number;
  body: unknown;
}

export interface Retry {
  num: number;
  reason: string;
}

/** Sends what Slack sends to the app, over Socket Mode (the default) or signed HTTP requests to a URL. */
export class EventDelivery {
  private httpUrl?: string;
  private readonly sentEvents = new Map<string, Json>();

  constructor(
    private readonly socket: SocketModeServer,
    private readonly signingSecret: string,
  ) {}

  overHttp(url: string): void {
    this.httpUrl = url;
  }

  overSocket(): void {
    this.httpUrl = undefined;
  }

  event(callback: Json, retry?: Retry): Promise<Delivered> {
    this.sentEvents.set(String(callback.event_id), callback);
    if (this.httpUrl === undefined) {
      return this.viaSocket('events_api', callback, { retryAttempt: retry?.num, retryReason: retry?.reason });
    }
    const signing = { signingSecret: this.signingSecret, retryNum: retry?.num, retryReason: retry?.reason };
    return postSignedEvent(this.httpUrl, callback, signing).then(fromHttp);
  }

  /** Delivers an event already sent once, with the same event_id, as Slack's retries do. */
  redeliver(eventId: string, retry: Retry): Promise<Delivered> {
    const callback = this.sentEvents.get(eventId);
    if (!callback) throw new Error(`no event ${eventId} was delivered`);
    return this.event(callback, retry);
  }

  interaction(payload: Json): Promise<Delivered> {
    if (this.httpUrl === undefined) return this.viaSocket('interactive', payload);
    return postSignedInteraction(this.httpUrl, payload, { signingSecret: this.signingSecret }).then(fromHttp);
  }

  command(fields: Record<string, string>): Promise<Delivered> {
    if (this.httpUrl === undefined) return this.viaSocket('slash_commands', fields);
    return postSignedCommand(this.httpUrl, fields, { signingSecret: this.signingSecret }).then(fromHttp);
  }

  private async viaSocket(
    type: EnvelopeType,
    payload: unknown,
    options: { retryAttempt?: number; retryReason?: string } = {},
  ): Promise<Delivered> {
    const ack = await this.socket.sendEnvelope(type, payload, options);
    return { via: 'socket', status: 200, body: ack.payload };
  }
}

function fromHttp(answer: HttpAnswer): Delivered {
  return { via: 'http', status: answer.status, body: answer.json ?? answer.body };
}

import type { Json } from './fixtures.ts';
import { type HttpAnswer, postSignedCommand, postSignedEvent, postSignedInteraction } from './signed-requests.ts';
import type { EnvelopeType, SocketModeServer } from './socket-mode.ts';

/**
 * How the app answered a delivery: its HTTP status and body, or 200 and the ack's payload over Socket Mode. A
 * delivery the test holds back has not been answered yet (`via: 'held'`). Over HTTP, when the app missed Slack's
 * 3-second window or answered with an error, `retries` are the deliveries Slack made after it.
 */
export interface Delivered {
  via: 'socket' | 'http' | 'held';
  status: number;
  body: unknown;
  /** The event_id of an Events API delivery. */
  eventId?: string;
  /** Over HTTP: the app did not answer within the window (Slack's `http_timeout`). */
  late?: boolean;
  retries?: Delivered[];
}

export interface Retry {
  num: number;
  reason: string;
}

/** A delivery Slack counts as failed: not answered 200 within the window. */
export interface DeliveryFailure {
  eventId: string;
  attempt: number;
  reason: 'http_timeout' | 'http_error';
  status?: number;
  elapsedMs: number;
}

export interface DeliveryOptions {
  /** How long Slack waits for an HTTP answer to an event: 3 s. */
  ackWindowMs: number;
  /** Slack retries a failed event three times (at once, after a minute, after five); here after these delays. */
  retryDelaysMs: number[];
}

export interface ReleaseOptions {
  /** The order the held events reach the app in; `reverse` is last-held first. */
  order?: 'as-held' | 'reverse';
  /** Delivers each one twice, the same event_id both times, as an at-least-once delivery sometimes does. */
  twice?: boolean;
}

/** Sends what Slack sends to the app, over Socket Mode (the default) or signed HTTP requests to a URL. */
export class EventDelivery {
  /** Every delivery of an event over HTTP that Slack would count as failed, in order. */
  readonly failures: DeliveryFailure[] = [];
  private httpUrl?: string;
  private readonly sentEvents = new Map<string, Json>();
  private holding = false;
  private held: Json[] = [];

  constructor(
    private readonly socket: SocketModeServer,
    private readonly signingSecret: string,
    private readonly options: DeliveryOptions,
  ) {}

  /** The event_ids of every event sent so far, oldest first. */
  sentEventIds(): string[] {
    return [...this.sentEvents.keys()];
  }

  overHttp(url: string): void {
    this.httpUrl = url;
  }

  overSocket(): void {
    this.httpUrl = undefined;
  }

  /** Keeps events back from now on, until `release`. */
  hold(): void {
    this.holding = true;
  }

  /** Delivers the events held back, one after another, in the order asked for; stops holding. */
  async release(options: ReleaseOptions = {}): Promise<Delivered[]> {
    this.holding = false;
    const events = options.order === 'reverse' ? [...this.held].reverse() : [...this.held];
    this.held = [];
    const answers: Delivered[] = [];
    for (const callback of events) {
      answers.push(await this.event(callback));
      if (options.twice) answers.push(await this.event(callback));
    }
    return answers;
  }

  async event(callback: Json, retry?: Retry): Promise<Delivered> {
    const eventId = String(callback.event_id);
    this.sentEvents.set(eventId, callback);
    if (this.holding && retry === undefined) {
      this.held.push(callback);
      return { via: 'held', status: 0, body: undefined, eventId };
    }
    const delivered =
      this.httpUrl === undefined
        ? await this.viaSocket('events_api', callback, { retryAttempt: retry?.num, retryReason: retry?.reason })
        : await this.viaHttp(this.httpUrl, callback, retry);
    return { ...delivered, eventId };
  }

  /**
   * Delivers an event already sent once, with the same event_id, as Slack's retries do. `alter` changes what is
   * sent under that id, so that a test can tell dropping by event_id from any other deduplication.
   */
  redeliver(eventId: string, retry: Retry, alter?: (callback: Json) => Json): Promise<Delivered> {
    const callback = this.sentEvents.get(eventId);
    if (!callback) throw new Error(`no event ${eventId} was delivered`);
    return this.event(alter ? alter(structuredClone(callback)) : callback, retry);
  }

  interaction(payload: Json): Promise<Delivered> {
    if (this.httpUrl === undefined) return this.viaSocket('interactive', payload);
    return postSignedInteraction(this.httpUrl, payload, { signingSecret: this.signingSecret }).then(fromHttp);
  }

  command(fields: Record<string, string>): Promise<Delivered> {
    if (this.httpUrl === undefined) return this.viaSocket('slash_commands', fields);
    return postSignedCommand(this.httpUrl, fields, { signingSecret: this.signingSecret }).then(fromHttp);
  }

  /**
   * One HTTP delivery and, when Slack would count it failed (no 200 within the window), its retries with
   * `X-Slack-Retry-Num` 1 to 3 and `X-Slack-Retry-Reason`. Slack stops waiting at the window's end.
   */
  private async viaHttp(url: string, callback: Json, retry: Retry | undefined): Promise<Delivered> {
    const started = Date.now();
    const signing = {
      signingSecret: this.signingSecret,
      retryNum: retry?.num,
      retryReason: retry?.reason,
      timeoutMs: this.options.ackWindowMs,
    };
    const answer = await postSignedEvent(url, callback, signing);
    const elapsedMs = Date.now() - started;
    const delivered = fromHttp(answer);
    const reason = answer.timedOut ? 'http_timeout' : answer.status === 200 ? undefined : 'http_error';
    if (reason === undefined) return delivered;
    const attempt = retry?.num ?? 0;
    this.failures.push({
      eventId: String(callback.event_id),
      attempt,
      reason,
      elapsedMs,
      ...(answer.timedOut ? {} : { status: answer.status }),
    });
    if (answer.timedOut) delivered.late = true;
    // Retries are counted from the first delivery: a retry that fails is not retried again by itself.
    if (retry !== undefined) return delivered;
    const retries: Delivered[] = [];
    for (const [index, delay] of this.options.retryDelaysMs.entries()) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const again = await this.viaHttp(url, callback, { num: index + 1, reason });
      retries.push(again);
      if (again.status === 200 && !again.late) break;
    }
    return { ...delivered, retries };
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

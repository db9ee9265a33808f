import { slackId } from './ids.ts';
import { readMessageContent } from './message-content.ts';
import type { Args } from './request-body.ts';
import { nextTs } from './timestamps.ts';
import type { Workspace } from './workspace.ts';

export interface ResponseTarget {
  channel: string;
  user: string;
  /** The message the interaction came from, which `replace_original` and `delete_original` act on. */
  messageTs?: string;
  /** Whether that message is ephemeral: then only the person's own copy changes. */
  ephemeral?: boolean;
}

export interface HttpReply {
  status: number;
  body: unknown;
}

export interface ResponseUrlLimits {
  /** Slack: a response_url works for 30 minutes... */
  lifetimeMs: number;
  /** ...and at most 5 times. */
  maxUses: number;
  /** The fake's clock, in ms since the epoch. */
  now: () => number;
}

interface Issued {
  target: ResponseTarget;
  issuedAt: number;
  uses: number;
}

/** The response_url of each interaction, and what posting to it does to the conversation. */
export class ResponseUrls {
  private readonly issued = new Map<string, Issued>();

  constructor(
    private readonly baseUrl: string,
    private readonly workspace: Workspace,
    private readonly limits: ResponseUrlLimits,
  ) {}

  issue(target: ResponseTarget): string {
    const id = slackId('R');
    this.issued.set(id, { target, issuedAt: this.limits.now(), uses: 0 });
    return `${this.baseUrl}/response/${id}`;
  }

  /** Applies a response to a response_url given in full, as Slack does with a command's immediate answer. */
  respondAt(url: string, body: Args): HttpReply {
    return this.respond(url.slice(url.lastIndexOf('/') + 1), body, { counted: false });
  }

  /** Applies a response; refused once the URL is older than 30 minutes or has been used 5 times. */
  respond(id: string, body: Args, use: { counted: boolean } = { counted: true }): HttpReply {
    const issued = this.issued.get(id);
    if (!issued || this.limits.now() - issued.issuedAt > this.limits.lifetimeMs) {
      return { status: 404, body: { ok: false, error: 'expired_url' } };
    }
    if (issued.uses >= this.limits.maxUses) return { status: 404, body: { ok: false, error: 'used_url' } };
    if (use.counted) issued.uses += 1;
    const { target } = issued;
    const ephemeralChange = target.ephemeral && this.changeEphemeral(target, body);
    if (ephemeralChange) return ephemeralChange;
    const original =
      target.messageTs === undefined ? undefined : this.workspace.message(target.channel, target.messageTs);
    if (body.delete_original === true || body.delete_original === 'true') {
      if (original) this.workspace.remove(target.channel, original.ts);
      return { status: 200, body: { ok: true } };
    }
    const check = readMessageContent(body);
    if (!check.ok) return { status: 400, body: check.refusal };
    const { bot } = this.workspace;
    const fromBot = { ...check.content, user: bot.userId, bot_id: bot.botId, app_id: this.workspace.appId };
    if ((body.replace_original === true || body.replace_original === 'true') && original) {
      this.workspace.replace(target.channel, { ...original, ...fromBot });
    } else if (body.response_type === 'in_channel') {
      const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
      this.workspace.post(target.channel, { ...fromBot, thread_ts: threadTs });
    } else {
      const message = { ...fromBot, type: 'message' as const, ts: nextTs(), team: this.workspace.teamId };
      this.workspace.ephemeral.push({ channel: target.channel, user: target.user, message });
    }
    return { status: 200, body: { ok: true } };
  }

  /** Replaces or deletes the person's own copy of an ephemeral message; false when the body does neither. */
  private changeEphemeral(target: ResponseTarget, body: Args): HttpReply | false {
    const deleting = body.delete_original === true || body.delete_original === 'true';
    const replacing = body.replace_original === true || body.replace_original === 'true';
    if (!deleting && !replacing) return false;
    const { ephemeral } = this.workspace;
    const index = ephemeral.findIndex(
      (entry) =>
        entry.channel === target.channel && entry.user === target.user && entry.message.ts === target.messageTs,
    );
    const original = ephemeral[index];
    if (!original) return { status: 404, body: { ok: false, error: 'message_not_found' } };
    if (deleting) {
      ephemeral.splice(index, 1);
      return { status: 200, body: { ok: true } };
    }
    const check = readMessageContent(body);
    if (!check.ok) return { status: 400, body: check.refusal };
    ephemeral[index] = { ...original, message: { ...original.message, ...check.content } };
    return { status: 200, body: { ok: true } };
  }
}

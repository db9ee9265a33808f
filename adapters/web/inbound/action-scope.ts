import type { Context } from 'hono';
import type { ConsultationReads } from '../../../src/core/consultation/consultation.ts';
import { isUserError, messageForUser } from '../../../src/core/errors.ts';
import type { Settlement } from '../../../src/core/inbound/applied-watch.ts';
import type { InboundEvent } from '../../../src/core/inbound/inbound-event.ts';
import type { Recipient } from '../../../src/core/ports/chat-platform.ts';
import type { PostingRecord, QuestionRecord } from '../../../src/core/records.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { CHANNEL_NAME, type SandboxChannel } from '../outbound/channel-data.ts';
import { MESSAGE_ID, newMessageId } from '../outbound/platform.ts';
import { findChannel, renderChannel, sandboxNotFound } from '../outbound/render.ts';
import { type FormFields, formOf } from './form-data.ts';
import { type Visitor, visitorOf } from './identity.ts';

/**
 * What every sandbox action starts from (the channel it was sent in, who sent it and the submitted form), and how
 * one that failed is reported.
 */

export interface ActionScope {
  c: Context<WebEnv>;
  channel: SandboxChannel;
  visitor: Visitor;
  form: FormFields;
}

/** The form's message id (so a double submit counts once), or a fresh one when it has none or a malformed one. */
export function eventIdOf(form: FormFields): string {
  const id = form.get('eventId');
  return id && MESSAGE_ID.test(id) ? id : newMessageId();
}

/** Where to go back to after an action: the channel page at one of its parts. */
export function channelAnchor(channel: SandboxChannel, anchor: string): string {
  return `/sandbox/channels/${channel.placeholder}#${anchor}`;
}

/** Resolves channel and visitor; a visitor without a name is asked for one beside the name field. */
export async function scoped(
  services: WebServices,
  c: Context<WebEnv>,
  run: (scope: ActionScope) => Promise<Response>,
): Promise<Response> {
  const name = c.req.param('channel') ?? '';
  const channel = CHANNEL_NAME.test(name) ? await findChannel(services, name) : undefined;
  if (!channel) return sandboxNotFound(c, `There is no sandbox channel called "${name}".`);
  const form = await formOf(c);
  const visitor = visitorOf(c);
  if (!visitor) {
    return renderChannel(
      c,
      services,
      channel,
      { formId: 'identity', field: 'name', message: 'Pick a name first, then try again.', values: {} },
      422,
    );
  }
  return run({ c, channel, visitor, form });
}

/** The question and its posting in this channel; undefined when it was never posted here. */
export async function postedHere(
  read: ConsultationReads,
  channel: SandboxChannel,
  questionId: string,
): Promise<{ question: QuestionRecord; posting: PostingRecord } | undefined> {
  const question = await read.question(questionId);
  if (!question) return undefined;
  const targets = new Set(channel.targets.map((t) => t.target.id));
  const posting = (await read.postingsOf(question.id)).find((p) => targets.has(p.channelTargetId));
  return posting ? { question, posting } : undefined;
}

/** The sandbox workspace a channel belongs to. */
export const workspaceOf = (channel: SandboxChannel): string => channel.targets[0]?.target.workspaceId ?? 'sandbox';

/** Where the core tells the visitor what became of what they sent: their notices, beside this channel. */
export function noticeFor(scope: ActionScope): Recipient {
  const workspaceId = workspaceOf(scope.channel);
  return {
    platformUserId: scope.visitor.userId,
    workspaceId,
    channel: { platform: 'web', workspaceId, channelId: scope.channel.placeholder },
  };
}

/** How long a page waits for the person's own action to be applied before it is shown anyway. */
export const APPLY_WAIT_MS = 5000;

/** Shown, beside the form and with what was typed, when the pipeline could not store a submission. */
export const NOT_RECORDED = 'Nothing was recorded: Agora could not save this just now. Please try again.';

/**
 * Hands the events to the core's pipeline and, once they are stored, waits (at most APPLY_WAIT_MS) until they are
 * applied, so the page that follows shows the person's own action and the core's confirmation. Null when they could
 * not be stored: the caller says so and keeps the form as it was.
 */
export async function submitAndWait(services: WebServices, events: InboundEvent[]): Promise<Settlement[] | null> {
  const { consultation } = services.options;
  try {
    await Promise.all(events.map((event) => consultation.submit(event)));
  } catch {
    // The pipeline has logged why; the person is told nothing was recorded.
    return null;
  }
  return Promise.all(events.map((event) => consultation.whenApplied(event.key, APPLY_WAIT_MS)));
}

/** The outcome the core applied an event with ('recorded', 'closed', 'refused:CODE'...); null while pending. */
export const outcomeOf = (settlement: Settlement | undefined): string | null =>
  settlement?.status === 'applied' ? settlement.outcome : null;

/** A refusal is shown to the person under "Only visible to you"; anything else is a bug, logged and apologised for. */
export function reportFailure(services: WebServices, visitor: Visitor, error: unknown, what: string): void {
  if (!isUserError(error)) services.options.consultation.logger.error({ err: error }, what);
  services.platform.notify(visitor.userId, messageForUser(error));
}

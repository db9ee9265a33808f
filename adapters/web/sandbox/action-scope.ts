import type { Context } from 'hono';
import { isAgoraError, messageForUser } from '../../../src/core/errors.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import type { PostingRecord, QuestionRecord } from '../../../src/core/records.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { type FormFields, formOf } from '../form-data.ts';
import { MESSAGE_ID, newMessageId } from '../platform.ts';
import { CHANNEL_NAME, type SandboxChannel } from './channel-data.ts';
import { type Visitor, visitorOf } from './identity.ts';
import { findChannel, renderChannel, sandboxNotFound } from './render.ts';

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
  store: Store,
  channel: SandboxChannel,
  questionId: string,
): Promise<{ question: QuestionRecord; posting: PostingRecord } | undefined> {
  const question = await store.questions.findById(questionId);
  if (!question) return undefined;
  const targets = new Set(channel.targets.map((t) => t.target.id));
  const posting = (await store.postings.listByQuestion(question.id)).find((p) => targets.has(p.channelTargetId));
  return posting ? { question, posting } : undefined;
}

/** A refusal is shown to the person under "Only visible to you"; anything else is a bug, logged and apologised for. */
export function reportFailure(services: WebServices, visitor: Visitor, error: unknown, what: string): void {
  if (!isAgoraError(error) || error.audience !== 'user') services.options.deps.logger.error({ err: error }, what);
  services.platform.notify(visitor.userId, messageForUser(error));
}

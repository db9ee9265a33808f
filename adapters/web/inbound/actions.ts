import type { Context, Hono } from 'hono';
import { questionOrder, threadOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { REPLY_MAX } from '../outbound/fields.ts';
import { characters } from '../outbound/format.ts';
import { MESSAGE_ID, sandboxRef } from '../outbound/platform.ts';
import { organiserState, renderChannel, sandboxNotFound } from '../outbound/render.ts';
import type { FormProblem } from '../outbound/view-context.ts';
import {
  type ActionScope,
  channelAnchor,
  eventIdOf,
  NOT_RECORDED,
  noticeFor,
  outcomeOf,
  postedHere,
  reportFailure,
  scoped,
  submitAndWait,
  workspaceOf,
} from './action-scope.ts';
import { identityOf } from './identity.ts';
import { parseVotes, submittedChoices } from './vote-form.ts';

/**
 * What a sandbox visitor writes and chooses, handed to the core's inbound pipeline as the Slack and Discord adapters
 * hand theirs. The page answers once the event is stored (and, for a few seconds at most, applied); what follows it
 * (a confirmation, a refusal, the card refreshed) is the core's and reaches the page through the sandbox platform.
 */

const COMMAND_MAX = 500;

function checkBody(body: string | undefined, what: string): string | null {
  const text = body ?? '';
  if (!text.trim()) return `Write something before sending: an empty ${what} is not saved.`;
  const length = characters(text);
  if (length > REPLY_MAX)
    return `A ${what} can be at most ${REPLY_MAX.toLocaleString('en-GB')} characters; this one has ${length.toLocaleString('en-GB')}. Nothing was saved.`;
  return null;
}

export function registerSandboxActions(app: Hono<WebEnv>, services: WebServices): void {
  const { consultation, commands } = services.options;
  const { read, clock } = consultation;
  const refuse = (scope: ActionScope, problem: FormProblem, status: 422 | 503 = 422) =>
    renderChannel(scope.c, services, scope.channel, problem, status);
  /** The pipeline could not store it: said beside the form, which keeps what was typed and its message id. */
  const notRecorded = (scope: ActionScope, formId: string, field: string, values: Record<string, string> = {}) =>
    refuse(scope, { formId, field, message: NOT_RECORDED, values: { ...values, eventId: eventIdOf(scope.form) } }, 503);

  app.post('/sandbox/channels/:channel/questions/:questionId/replies', (c) =>
    scoped(services, c, async (scope) => {
      const found = await postedHere(read, scope.channel, c.req.param('questionId'));
      if (!found) return sandboxNotFound(c, `That question has not been posted in #${scope.channel.placeholder}.`);
      const replyTo = scope.form.get('replyTo') || null;
      const parentId = replyTo?.split(':').pop();
      const formId = parentId && replyTo ? `reply-${found.question.id}-${parentId}` : `reply-${found.question.id}`;
      const body = scope.form.get('body') ?? '';
      const problem = checkBody(body, 'reply');
      if (problem) return refuse(scope, { formId, field: 'body', message: problem, values: { body } });
      const eventId = eventIdOf(scope.form);
      const containerRef = found.posting.threadRef ?? found.posting.messageRef;
      const messageRef = sandboxRef(scope.channel.placeholder, eventId, workspaceOf(scope.channel));
      const settled = await submitAndWait(services, [
        {
          kind: 'response.posted',
          platform: 'web',
          key: messageRef,
          orderingKey: threadOrder(containerRef),
          notice: noticeFor(scope),
          payload: {
            platform: 'web',
            containerRef,
            messageRef,
            author: identityOf(scope.visitor),
            body,
            replyToRef: replyTo,
            attachments: [],
            idempotencyKey: `web:message:${eventId}`,
            at: clock.now(),
          },
        },
      ]);
      if (!settled) return notRecorded(scope, formId, 'body', { body });
      const outcome = outcomeOf(settled[0]);
      const shown = outcome === null || outcome === 'recorded' || outcome === 'duplicate';
      return c.redirect(channelAnchor(scope.channel, shown ? `r-${eventId}` : 'notices'), 303);
    }),
  );

  app.post('/sandbox/channels/:channel/questions/:questionId/private', (c) =>
    scoped(services, c, async (scope) => {
      const found = await postedHere(read, scope.channel, c.req.param('questionId'));
      if (!found) return sandboxNotFound(c, `That question has not been posted in #${scope.channel.placeholder}.`);
      const formId = `private-${found.question.id}`;
      const body = scope.form.get('body') ?? '';
      const problem = checkBody(body, 'answer');
      if (problem) return refuse(scope, { formId, field: 'body', message: problem, values: { body } });
      const eventId = eventIdOf(scope.form);
      const settled = await submitAndWait(services, [
        {
          kind: 'answer.private',
          platform: 'web',
          key: `web:private:${eventId}`,
          orderingKey: questionOrder(found.question.id),
          notice: noticeFor(scope),
          payload: {
            questionId: found.question.id,
            author: identityOf(scope.visitor),
            body,
            idempotencyKey: `web:private:${eventId}`,
            at: clock.now(),
          },
        },
      ]);
      if (!settled) return notRecorded(scope, formId, 'body', { body });
      return c.redirect(channelAnchor(scope.channel, 'notices'), 303);
    }),
  );

  app.post('/sandbox/channels/:channel/questions/:questionId/votes', (c) =>
    scoped(services, c, async (scope) => {
      const found = await postedHere(read, scope.channel, c.req.param('questionId'));
      if (!found) return sandboxNotFound(c, `That question has not been posted in #${scope.channel.placeholder}.`);
      const { question } = found;
      const formId = `vote-${question.id}`;
      const parsed = parseVotes(question, scope.form);
      if ('error' in parsed)
        return refuse(scope, {
          formId,
          field: 'choice',
          message: parsed.error,
          values: {},
          choices: submittedChoices(scope.form),
        });
      const eventId = eventIdOf(scope.form);
      const settled = await submitAndWait(
        services,
        parsed.votes.map((vote) => ({
          kind: 'vote.cast' as const,
          platform: 'web' as const,
          key: `web:vote:${eventId}:${vote.subject}`,
          orderingKey: questionOrder(question.id),
          notice: noticeFor(scope),
          payload: {
            questionId: question.id,
            author: identityOf(scope.visitor),
            subject: vote.subject,
            choice: vote.choice,
            idempotencyKey: `web:vote:${eventId}:${vote.subject}`,
            at: clock.now(),
          },
        })),
      );
      if (!settled)
        return refuse(
          scope,
          {
            formId,
            field: 'choice',
            message: NOT_RECORDED,
            values: { eventId },
            choices: submittedChoices(scope.form),
          },
          503,
        );
      // A choice outside the poll's rules is shown beside the choices, as the core worded it.
      const badChoice = settled.find((s) => /^refused:(CHOICE_INVALID|SINGLE_CHOICE_ONLY)$/.test(outcomeOf(s) ?? ''));
      if (badChoice?.status === 'applied')
        return refuse(scope, {
          formId,
          field: 'choice',
          message: badChoice.told.join(' '),
          values: {},
          choices: submittedChoices(scope.form),
        });
      const refused = settled.some((s) => outcomeOf(s)?.startsWith('refused:'));
      return c.redirect(channelAnchor(scope.channel, refused ? 'notices' : `q-${question.id}`), 303);
    }),
  );

  /** Edits and deletions: only the author may, as on a chat platform. */
  async function ownReply(scope: ActionScope, messageId: string) {
    const ref = sandboxRef(scope.channel.placeholder, messageId, workspaceOf(scope.channel));
    const response = MESSAGE_ID.test(messageId) ? await read.responseAt(ref) : null;
    if (!response || response.deletedAt) return { missing: true as const };
    const me = await read.participant('web', scope.visitor.userId);
    const posting = (await read.postingsOf(response.questionId)).find((p) => p.id === response.postingId);
    const thread = threadOrder(posting?.threadRef ?? posting?.messageRef ?? ref);
    return { missing: false as const, ref, response, thread, mine: me?.id === response.participantId };
  }

  const notYours = (c: Context<WebEnv>) =>
    c.html('<!doctype html><title>Not yours</title><p>Only the person who wrote a reply can change it.</p>', 403);

  app.post('/sandbox/channels/:channel/messages/:messageId/edit', (c) =>
    scoped(services, c, async (scope) => {
      const messageId = c.req.param('messageId');
      const own = await ownReply(scope, messageId);
      if (own.missing) return sandboxNotFound(c, 'That reply does not exist, or was deleted.');
      if (!own.mine) return notYours(c);
      const formId = `edit-${messageId}`;
      const body = scope.form.get('body') ?? '';
      const problem = checkBody(body, 'reply');
      if (problem) return refuse(scope, { formId, field: 'body', message: problem, values: { body } });
      const key = `web:edit:${eventIdOf(scope.form)}`;
      const settled = await submitAndWait(services, [
        {
          kind: 'response.edited',
          platform: 'web',
          key,
          orderingKey: own.thread,
          notice: noticeFor(scope),
          payload: { messageRef: own.ref, body, idempotencyKey: key, at: clock.now() },
        },
      ]);
      if (!settled) return notRecorded(scope, formId, 'body', { body });
      return c.redirect(channelAnchor(scope.channel, `r-${messageId}`), 303);
    }),
  );

  app.post('/sandbox/channels/:channel/messages/:messageId/delete', (c) =>
    scoped(services, c, async (scope) => {
      const messageId = c.req.param('messageId');
      const own = await ownReply(scope, messageId);
      if (own.missing) return sandboxNotFound(c, 'That reply does not exist, or was deleted.');
      if (!own.mine) return notYours(c);
      const settled = await submitAndWait(services, [
        {
          kind: 'response.deleted',
          platform: 'web',
          // One deletion per reply, however often Delete is pressed.
          key: `web:delete:${own.ref}`,
          orderingKey: own.thread,
          notice: noticeFor(scope),
          payload: { messageRef: own.ref, at: clock.now() },
        },
      ]);
      if (!settled) return notRecorded(scope, `edit-${messageId}`, 'body', { body: own.response.body });
      return c.redirect(channelAnchor(scope.channel, `q-${own.response.questionId}`), 303);
    }),
  );

  app.post('/sandbox/channels/:channel/commands', (c) =>
    scoped(services, c, async (scope) => {
      const text = (scope.form.get('text') ?? '').trim().replace(/^\/?agora\s*/i, '');
      const length = characters(text);
      if (length > COMMAND_MAX)
        return refuse(scope, {
          formId: 'command',
          field: 'text',
          message: `Commands are at most ${COMMAND_MAX} characters.`,
          values: { text: text.slice(0, COMMAND_MAX) },
        });
      const address = {
        platform: 'web' as const,
        workspaceId: workspaceOf(scope.channel),
        channelId: scope.channel.placeholder,
      };
      try {
        const reply = await consultation.runCommand(commands, {
          actor: identityOf(scope.visitor),
          actorIsOrganiser: organiserState(c, services).active,
          text: text || 'help',
          channel: address,
          invocationId: `web:command:${eventIdOf(scope.form)}`,
        });
        if (reply.visibility === 'private') services.platform.notify(scope.visitor.userId, reply.text, reply.file);
        else {
          await services.platform.postMessage(address, reply.text);
          if (reply.file) await services.platform.postFile(address, reply.file);
        }
      } catch (error) {
        reportFailure(services, scope.visitor, error, 'sandbox command failed');
      }
      return c.redirect(channelAnchor(scope.channel, 'notices'), 303);
    }),
  );
}

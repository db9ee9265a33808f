import type { Context, Hono } from 'hono';
import { runCommand } from '../../../src/core/commands/command-registry.ts';
import { castVote } from '../../../src/core/consultation/cast-vote.ts';
import {
  recordDeletion,
  recordEdit,
  recordPrivateAnswer,
  recordResponse,
} from '../../../src/core/consultation/record-response.ts';
import { isAgoraError } from '../../../src/core/errors.ts';
import { createActivityHook } from '../activity.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { characters } from '../format.ts';
import { MESSAGE_ID, sandboxRef } from '../platform.ts';
import { type ActionScope, channelAnchor, eventIdOf, postedHere, reportFailure, scoped } from './action-scope.ts';
import { REPLY_MAX } from './fields.ts';
import { identityOf, type Visitor } from './identity.ts';
import { organiserState, renderChannel, sandboxNotFound } from './render.ts';
import type { FormProblem } from './view-context.ts';
import { parseVotes, submittedChoices } from './vote-form.ts';

/** What a sandbox visitor does, through the same core use cases the Slack and Discord adapters call. */

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
  const { deps, commands } = services.options;
  const { store, clock } = deps;
  const activity = createActivityHook(services);
  const refuse = (scope: ActionScope, problem: FormProblem) =>
    renderChannel(scope.c, services, scope.channel, problem, 422);
  const tell = (visitor: Visitor, text: string) => services.platform.notify(visitor.userId, text);

  app.post('/sandbox/channels/:channel/questions/:questionId/replies', (c) =>
    scoped(services, c, async (scope) => {
      const found = await postedHere(store, scope.channel, c.req.param('questionId'));
      if (!found) return sandboxNotFound(c, `That question has not been posted in #${scope.channel.placeholder}.`);
      const replyTo = scope.form.get('replyTo') || null;
      const parentId = replyTo?.split(':').pop();
      const formId = parentId && replyTo ? `reply-${found.question.id}-${parentId}` : `reply-${found.question.id}`;
      const body = scope.form.get('body') ?? '';
      const problem = checkBody(body, 'reply');
      if (problem) return refuse(scope, { formId, field: 'body', message: problem, values: { body } });
      const eventId = eventIdOf(scope.form);
      const workspace = scope.channel.targets[0]?.target.workspaceId ?? 'sandbox';
      const outcome = await recordResponse(deps, {
        platform: 'web',
        containerRef: found.posting.threadRef ?? found.posting.messageRef,
        messageRef: sandboxRef(scope.channel.placeholder, eventId, workspace),
        author: identityOf(scope.visitor),
        body,
        replyToRef: replyTo,
        attachments: [],
        idempotencyKey: `web:message:${eventId}`,
        at: clock.now(),
      });
      if (outcome.status === 'closed') tell(scope.visitor, 'This question is closed, so your reply was not recorded.');
      else await activity({ kind: 'response', questionId: found.question.id, channel: scope.channel.placeholder });
      return c.redirect(channelAnchor(scope.channel, outcome.status === 'closed' ? 'notices' : `r-${eventId}`), 303);
    }),
  );

  app.post('/sandbox/channels/:channel/questions/:questionId/private', (c) =>
    scoped(services, c, async (scope) => {
      const found = await postedHere(store, scope.channel, c.req.param('questionId'));
      if (!found) return sandboxNotFound(c, `That question has not been posted in #${scope.channel.placeholder}.`);
      const body = scope.form.get('body') ?? '';
      const problem = checkBody(body, 'answer');
      if (problem)
        return refuse(scope, {
          formId: `private-${found.question.id}`,
          field: 'body',
          message: problem,
          values: { body },
        });
      const outcome = await recordPrivateAnswer(deps, {
        questionId: found.question.id,
        author: identityOf(scope.visitor),
        body,
        idempotencyKey: `web:private:${eventIdOf(scope.form)}`,
        at: clock.now(),
      });
      tell(
        scope.visitor,
        outcome.status === 'closed'
          ? 'This question is closed, so your private answer was not recorded.'
          : 'Thank you: your private answer was saved. Only the organisers can read it; it is not shown in the thread.',
      );
      if (outcome.status !== 'closed') await activity({ kind: 'response', questionId: found.question.id });
      return c.redirect(channelAnchor(scope.channel, 'notices'), 303);
    }),
  );

  app.post('/sandbox/channels/:channel/questions/:questionId/votes', (c) =>
    scoped(services, c, async (scope) => {
      const found = await postedHere(store, scope.channel, c.req.param('questionId'));
      if (!found) return sandboxNotFound(c, `That question has not been posted in #${scope.channel.placeholder}.`);
      const { question } = found;
      const formId = `vote-${question.id}`;
      const parsed = parseVotes(question, scope.form);
      const choices = submittedChoices(scope.form);
      if ('error' in parsed)
        return refuse(scope, { formId, field: 'choice', message: parsed.error, values: {}, choices });
      const eventId = eventIdOf(scope.form);
      try {
        for (const vote of parsed.votes) {
          await castVote(deps, {
            questionId: question.id,
            author: identityOf(scope.visitor),
            subject: vote.subject,
            choice: vote.choice,
            idempotencyKey: `web:vote:${eventId}:${vote.subject}`,
            at: clock.now(),
          });
        }
      } catch (error) {
        if (isAgoraError(error) && (error.code === 'CHOICE_INVALID' || error.code === 'SINGLE_CHOICE_ONLY'))
          return refuse(scope, { formId, field: 'choice', message: error.message, values: {}, choices });
        reportFailure(services, scope.visitor, error, 'sandbox vote failed');
        return c.redirect(channelAnchor(scope.channel, 'notices'), 303);
      }
      await activity({ kind: 'vote', questionId: question.id, channel: scope.channel.placeholder });
      return c.redirect(channelAnchor(scope.channel, `q-${question.id}`), 303);
    }),
  );

  /** Edits and deletions: only the author may, as on a chat platform. */
  async function ownReply(scope: ActionScope, messageId: string) {
    const ref = sandboxRef(scope.channel.placeholder, messageId, scope.channel.targets[0]?.target.workspaceId);
    const response = MESSAGE_ID.test(messageId) ? await store.responses.findByMessageRef(ref) : null;
    if (!response || response.deletedAt) return { missing: true as const };
    const me = await store.participants.find('web', scope.visitor.userId);
    return { missing: false as const, ref, response, mine: me?.id === response.participantId };
  }

  const notYours = (c: Context<WebEnv>) =>
    c.html('<!doctype html><title>Not yours</title><p>Only the person who wrote a reply can change it.</p>', 403);

  app.post('/sandbox/channels/:channel/messages/:messageId/edit', (c) =>
    scoped(services, c, async (scope) => {
      const messageId = c.req.param('messageId');
      const own = await ownReply(scope, messageId);
      if (own.missing) return sandboxNotFound(c, 'That reply does not exist, or was deleted.');
      if (!own.mine) return notYours(c);
      const body = scope.form.get('body') ?? '';
      const problem = checkBody(body, 'reply');
      if (problem)
        return refuse(scope, { formId: `edit-${messageId}`, field: 'body', message: problem, values: { body } });
      await recordEdit(deps, {
        messageRef: own.ref,
        body,
        idempotencyKey: `web:edit:${eventIdOf(scope.form)}`,
        at: clock.now(),
      });
      await activity({ kind: 'response', questionId: own.response.questionId, channel: scope.channel.placeholder });
      return c.redirect(channelAnchor(scope.channel, `r-${messageId}`), 303);
    }),
  );

  app.post('/sandbox/channels/:channel/messages/:messageId/delete', (c) =>
    scoped(services, c, async (scope) => {
      const own = await ownReply(scope, c.req.param('messageId'));
      if (own.missing) return sandboxNotFound(c, 'That reply does not exist, or was deleted.');
      if (!own.mine) return notYours(c);
      await recordDeletion(deps, { messageRef: own.ref, at: clock.now() });
      await activity({ kind: 'response', questionId: own.response.questionId, channel: scope.channel.placeholder });
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
        workspaceId: scope.channel.targets[0]?.target.workspaceId ?? 'sandbox',
        channelId: scope.channel.placeholder,
      };
      try {
        const reply = await runCommand(deps, commands, {
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

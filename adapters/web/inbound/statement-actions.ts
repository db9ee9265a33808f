import type { Context, Hono } from 'hono';
import { STATEMENT_VOTES } from '../../../src/core/consultation/cast-vote.ts';
import { UserError } from '../../../src/core/errors.ts';
import { questionOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { StatementVote } from '../../../src/core/statements/deal-statement.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { MESSAGE_ID, sandboxRef } from '../outbound/platform.ts';
import { organiserState, renderChannel, sandboxNotFound } from '../outbound/render.ts';
import type { FormProblem } from '../outbound/view-context.ts';
import {
  type ActionScope,
  channelAnchor,
  eventIdOf,
  NOT_RECORDED,
  noticeFor,
  postedHere,
  reportFailure,
  scoped,
  submitAndWait,
  workspaceOf,
} from './action-scope.ts';
import { identityOf } from './identity.ts';

/**
 * Agree/disagree questions: "Vote on statements" deals one at a time, "Add a statement" adds one, and "Where do I
 * stand" tells the person privately where they stand.
 */

const isStatementVote = (vote: string | undefined): vote is StatementVote =>
  STATEMENT_VOTES.includes(vote as StatementVote);

export function registerStatementActions(app: Hono<WebEnv>, services: WebServices): void {
  const { consultation } = services.options;
  const { read, clock } = consultation;
  const path = '/sandbox/channels/:channel/questions/:questionId/statements';

  /**
   * Runs the action on a question posted in this channel: it answers with where to go back to, or with the form's
   * problem when the pipeline could not store it. A refusal is told to the person, the card left as it was.
   */
  const onQuestion = (
    c: Context<WebEnv>,
    what: string,
    run: (scope: ActionScope, questionId: string) => Promise<string | FormProblem>,
  ) =>
    scoped(services, c, async (scope) => {
      const found = await postedHere(read, scope.channel, c.req.param('questionId') ?? '');
      if (!found) return sandboxNotFound(c, `That question has not been posted in #${scope.channel.placeholder}.`);
      let anchor: string | FormProblem;
      try {
        anchor = await run(scope, found.question.id);
      } catch (error) {
        reportFailure(services, scope.visitor, error, what);
        anchor = 'notices';
      }
      if (typeof anchor !== 'string') return renderChannel(c, services, scope.channel, anchor, 503);
      return c.redirect(channelAnchor(scope.channel, anchor), 303);
    });

  const deal = async (scope: ActionScope, questionId: string) => {
    const dealt = await consultation.dealStatement({ questionId, participant: identityOf(scope.visitor) });
    services.dealt.show(scope.visitor.userId, questionId, dealt);
  };

  app.post(`${path}/deal`, (c) =>
    onQuestion(c, 'dealing a statement failed', async (scope, questionId) => {
      await deal(scope, questionId);
      return `q-${questionId}`;
    }),
  );

  app.post(`${path}/answer`, (c) =>
    onQuestion(c, 'a statement vote failed', async (scope, questionId) => {
      const vote = scope.form.get('vote');
      if (!isStatementVote(vote)) throw new UserError('CHOICE_INVALID', 'Choose Agree, Disagree or Pass.');
      const eventId = eventIdOf(scope.form);
      const settled = await submitAndWait(services, [
        {
          kind: 'vote.cast',
          platform: 'web',
          key: `web:statement:${eventId}`,
          orderingKey: questionOrder(questionId),
          notice: noticeFor(scope),
          payload: {
            questionId,
            author: identityOf(scope.visitor),
            subject: scope.form.get('statement') ?? '',
            choice: [vote],
            idempotencyKey: `web:statement:${eventId}`,
            at: clock.now(),
          },
        },
      ]);
      if (!settled)
        return { formId: `statement-${questionId}`, field: 'vote', message: NOT_RECORDED, values: { eventId } };
      // The next statement, dealt once this vote is applied (or, after the wait, whatever is due).
      await deal(scope, questionId);
      return `q-${questionId}`;
    }),
  );

  // Nothing is stored: the core works out where the person stands and tells them under "Only visible to you".
  app.post(`${path}/stand`, (c) =>
    onQuestion(c, 'telling a person where they stand failed', async (scope, questionId) => {
      await consultation.tellWhereTheyStand({
        questionId,
        person: identityOf(scope.visitor),
        recipient: noticeFor(scope),
      });
      return 'notices';
    }),
  );

  app.post(path, (c) =>
    onQuestion(c, 'adding a statement failed', async (scope, questionId) => {
      const text = scope.form.get('text') ?? '';
      const eventId = eventIdOf(scope.form);
      const settled = await submitAndWait(services, [
        {
          kind: 'statement.added',
          platform: 'web',
          key: `web:statement-added:${eventId}`,
          orderingKey: questionOrder(questionId),
          notice: noticeFor(scope),
          payload: {
            questionId,
            author: identityOf(scope.visitor),
            authorIsOrganiser: organiserState(c, services).active,
            text,
            at: clock.now(),
          },
        },
      ]);
      if (!settled)
        return {
          formId: `add-statement-${questionId}`,
          field: 'text',
          message: NOT_RECORDED,
          values: { text, eventId },
        };
      return 'notices';
    }),
  );

  // "Propose as a statement" on a reply: the core checks who may propose it and credits the reply's author.
  app.post('/sandbox/channels/:channel/messages/:messageId/propose', (c) =>
    scoped(services, c, async (scope) => {
      const messageId = c.req.param('messageId') ?? '';
      const replyRef = sandboxRef(scope.channel.placeholder, messageId, workspaceOf(scope.channel));
      const reply = MESSAGE_ID.test(messageId) ? await read.responseAt(replyRef) : null;
      if (!reply || reply.deletedAt) return sandboxNotFound(c, 'That reply does not exist, or was deleted.');
      const text = scope.form.get('text') ?? '';
      const eventId = eventIdOf(scope.form);
      const settled = await submitAndWait(services, [
        {
          kind: 'statement.proposed',
          platform: 'web',
          key: `web:statement-proposed:${eventId}`,
          orderingKey: questionOrder(reply.questionId),
          notice: noticeFor(scope),
          payload: {
            replyRef,
            proposer: identityOf(scope.visitor),
            proposerIsOrganiser: organiserState(c, services).active,
            text,
            at: clock.now(),
          },
        },
      ]).catch((error: unknown) => {
        reportFailure(services, scope.visitor, error, 'proposing a statement failed');
        return true;
      });
      if (!settled) {
        const problem = {
          formId: `propose-${messageId}`,
          field: 'text',
          message: NOT_RECORDED,
          values: { text, eventId },
        };
        return renderChannel(c, services, scope.channel, problem, 503);
      }
      return c.redirect(channelAnchor(scope.channel, 'notices'), 303);
    }),
  );
}

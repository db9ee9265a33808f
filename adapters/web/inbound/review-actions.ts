import type { Hono } from 'hono';
import { UserError } from '../../../src/core/errors.ts';
import { questionOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { organiserState, renderChannel, sandboxNotFound } from '../outbound/render.ts';
import {
  channelAnchor,
  eventIdOf,
  NOT_RECORDED,
  noticeFor,
  reportFailure,
  scoped,
  submitAndWait,
} from './action-scope.ts';
import { identityOf } from './identity.ts';

/**
 * Approve or Reject on a statement posted for review: the core decides who may and tells the reviewer; the message
 * shows the statement's decision once it is made (see channel-data.ts), wherever it was made.
 */
export function registerReviewActions(app: Hono<WebEnv>, services: WebServices): void {
  const { consultation } = services.options;

  app.post('/sandbox/channels/:channel/reviews/:messageId', (c) =>
    scoped(services, c, async (scope) => {
      const messageId = c.req.param('messageId');
      const message = services.platform.message(scope.channel.placeholder, messageId);
      const review = message?.review;
      if (!message || !review)
        return sandboxNotFound(c, 'That statement is not waiting for review here: it was decided already.');
      const decision = scope.form.get('decision');
      if (decision !== 'approve' && decision !== 'reject') {
        const problem = new UserError('STATEMENT_INVALID', 'Press Approve or Reject to decide on the statement.');
        reportFailure(services, scope.visitor, problem, 'reviewing a statement failed');
        return c.redirect(channelAnchor(scope.channel, 'notices'), 303);
      }
      const settled = await submitAndWait(services, [
        {
          kind: 'statement.reviewed',
          platform: 'web',
          key: `web:review:${eventIdOf(scope.form)}`,
          orderingKey: questionOrder(review.questionId),
          notice: noticeFor(scope),
          payload: {
            questionId: review.questionId,
            statementId: review.statementId,
            decision,
            reviewer: identityOf(scope.visitor),
            reviewerIsOrganiser: organiserState(c, services).active,
            at: consultation.clock.now(),
            // The core shows the decision on every review card of the statement, on other platforms too.
            reviewCardRef: message.messageRef,
          },
        },
      ]);
      if (!settled)
        return renderChannel(
          c,
          services,
          scope.channel,
          { formId: `review-${messageId}`, field: 'decision', message: NOT_RECORDED, values: {} },
          503,
        );
      return c.redirect(channelAnchor(scope.channel, `m-${messageId}`), 303);
    }),
  );
}

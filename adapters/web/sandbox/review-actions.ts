import type { Hono } from 'hono';
import { AgoraError } from '../../../src/core/errors.ts';
import { reviewStatement } from '../../../src/core/statements/review-statement.ts';
import { createActivityHook } from '../activity.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { channelAnchor, reportFailure, scoped } from './action-scope.ts';
import { identityOf } from './identity.ts';
import { organiserState, sandboxNotFound } from './render.ts';

/** Approve or Reject on a statement posted for review: the core decides who may; the message shows the outcome. */
export function registerReviewActions(app: Hono<WebEnv>, services: WebServices): void {
  const { deps } = services.options;
  const activity = createActivityHook(services);

  app.post('/sandbox/channels/:channel/reviews/:messageId', (c) =>
    scoped(services, c, async (scope) => {
      const messageId = c.req.param('messageId');
      const message = services.platform.message(scope.channel.placeholder, messageId);
      const review = message?.review;
      if (!message || !review)
        return sandboxNotFound(c, 'That statement is not waiting for review here: it was decided already.');
      const decision = scope.form.get('decision');
      try {
        if (decision !== 'approve' && decision !== 'reject')
          throw new AgoraError('STATEMENT_INVALID', 'Press Approve or Reject to decide on the statement.');
        const outcome = await reviewStatement(deps, {
          questionId: review.questionId,
          statementId: review.statementId,
          decision,
          reviewer: identityOf(scope.visitor),
          reviewerIsOrganiser: organiserState(c, services).active,
          at: deps.clock.now(),
        });
        services.platform.settleReview(message, outcome.message);
        await activity({ kind: 'vote', questionId: review.questionId });
      } catch (error) {
        reportFailure(services, scope.visitor, error, 'reviewing a statement failed');
        return c.redirect(channelAnchor(scope.channel, 'notices'), 303);
      }
      return c.redirect(channelAnchor(scope.channel, `m-${messageId}`), 303);
    }),
  );
}

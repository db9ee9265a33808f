import type { Context, Hono } from 'hono';
import { STATEMENT_VOTES } from '../../../src/core/consultation/cast-vote.ts';
import { AgoraError } from '../../../src/core/errors.ts';
import { addStatement } from '../../../src/core/statements/add-statement.ts';
import { answerStatement, dealStatement, type StatementVote } from '../../../src/core/statements/deal-statement.ts';
import { createActivityHook } from '../activity.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { type ActionScope, channelAnchor, eventIdOf, postedHere, reportFailure, scoped } from './action-scope.ts';
import { identityOf } from './identity.ts';
import { organiserState, sandboxNotFound } from './render.ts';

/** Agree/disagree questions: "Vote on statements" deals one at a time, and "Add a statement" adds one. */

const isStatementVote = (vote: string | undefined): vote is StatementVote =>
  STATEMENT_VOTES.includes(vote as StatementVote);

export function registerStatementActions(app: Hono<WebEnv>, services: WebServices): void {
  const { deps } = services.options;
  const { store, clock } = deps;
  const activity = createActivityHook(services);
  const path = '/sandbox/channels/:channel/questions/:questionId/statements';

  /** Runs the action on a question posted in this channel; a failure is told to the person, the card left as it was. */
  const onQuestion = (
    c: Context<WebEnv>,
    what: string,
    run: (scope: ActionScope, questionId: string) => Promise<string>,
  ) =>
    scoped(services, c, async (scope) => {
      const found = await postedHere(store, scope.channel, c.req.param('questionId') ?? '');
      if (!found) return sandboxNotFound(c, `That question has not been posted in #${scope.channel.placeholder}.`);
      let anchor: string;
      try {
        anchor = await run(scope, found.question.id);
      } catch (error) {
        reportFailure(services, scope.visitor, error, what);
        anchor = 'notices';
      }
      return c.redirect(channelAnchor(scope.channel, anchor), 303);
    });

  app.post(`${path}/deal`, (c) =>
    onQuestion(c, 'dealing a statement failed', async (scope, questionId) => {
      const dealt = await dealStatement(deps, { questionId, participant: identityOf(scope.visitor) });
      services.dealt.show(scope.visitor.userId, questionId, dealt);
      return `q-${questionId}`;
    }),
  );

  app.post(`${path}/answer`, (c) =>
    onQuestion(c, 'a statement vote failed', async (scope, questionId) => {
      const vote = scope.form.get('vote');
      if (!isStatementVote(vote)) throw new AgoraError('CHOICE_INVALID', 'Choose Agree, Disagree or Pass.');
      const dealt = await answerStatement(deps, {
        questionId,
        participant: identityOf(scope.visitor),
        statementKey: scope.form.get('statement') ?? '',
        vote,
        idempotencyKey: `web:statement:${eventIdOf(scope.form)}`,
        at: clock.now(),
      });
      services.dealt.show(scope.visitor.userId, questionId, dealt);
      await activity({ kind: 'vote', questionId, channel: scope.channel.placeholder });
      return `q-${questionId}`;
    }),
  );

  app.post(path, (c) =>
    onQuestion(c, 'adding a statement failed', async (scope, questionId) => {
      const added = await addStatement(deps, {
        questionId,
        author: identityOf(scope.visitor),
        authorIsOrganiser: organiserState(c, services).active,
        text: scope.form.get('text') ?? '',
        at: clock.now(),
      });
      services.platform.notify(scope.visitor.userId, added.message);
      await activity({ kind: 'vote', questionId, channel: scope.channel.placeholder });
      return 'notices';
    }),
  );
}

import { resolveQuestion } from '../consultation/resolve-question.ts';
import { UserError } from '../errors.ts';
import { reviewStatement } from '../statements/review-statement.ts';
import type { CommandDefinition } from './command-registry.ts';
import { privateReply } from './command-registry.ts';

/**
 * `/agora statements QUESTION [approve|reject N]`: the organisers' list of statements awaiting approval, and the
 * decision on one of them. The Approve and Reject buttons in the organisers' channel do the same; this serves where
 * no organisers' channel is mapped, or a decision is easier to type.
 */
export const statementsCommand: CommandDefinition = {
  name: 'statements',
  usage: 'statements PROGRAMME/QUESTION [approve|reject NUMBER]',
  summary: 'list statements awaiting approval, and approve or reject one',
  organiserOnly: true,
  async run({ deps, args, invocation }) {
    const question = await resolveQuestion(deps.store, args[0] ?? '');
    const pending = (await deps.store.questions.options(question.id, { includePending: true })).filter(
      (s) => s.status === 'pending',
    );
    const [decision, number] = [args[1]?.toLowerCase(), Number(args[2])];
    if (decision === undefined) {
      if (pending.length === 0) return privateReply(`No statements on "${question.key}" are awaiting approval.`);
      return privateReply(
        [
          `Awaiting approval on "${question.key}":`,
          ...pending.map((s, i) => `${i + 1}. ${s.label}`),
          `Approve one with \`/agora statements ${args[0]} approve 1\`, or reject it with \`reject 1\`.`,
        ].join('\n'),
      );
    }
    const statement = pending[number - 1];
    if ((decision !== 'approve' && decision !== 'reject') || !statement) {
      if (pending.length === 0)
        throw new UserError('STATEMENT_INVALID', `No statements on "${question.key}" are awaiting approval.`);
      const range = pending.length === 1 ? '1' : `1 to ${pending.length}`;
      throw new UserError(
        'STATEMENT_INVALID',
        `Say \`approve\` or \`reject\` and the number of a statement awaiting approval (${range}); \`/agora statements ${args[0]}\` lists them.`,
      );
    }
    const { message } = await reviewStatement(deps, {
      questionId: question.id,
      statementId: statement.id,
      decision,
      reviewer: invocation.actor,
      reviewerIsOrganiser: true,
      at: deps.clock.now(),
    });
    return privateReply(message);
  },
};

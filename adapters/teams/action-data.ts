import { z } from 'zod';

/**
 * What Agora's buttons carry back (Action.Execute `data`, or an Action.Submit's), with what the person entered in
 * the card's inputs merged in by Teams. Read with a schema: a forged or stale payload is refused, never trusted.
 */
const questionId = z.string().min(1).max(100);

export const ActionData = z.discriminatedUnion('agora', [
  z.looseObject({ agora: z.literal('vote'), questionId, option: z.string().max(100).optional() }),
  z.object({ agora: z.literal('deal'), questionId }),
  z.object({ agora: z.literal('stand'), questionId }),
  z.object({
    agora: z.literal('stance'),
    questionId,
    statementKey: z.string().min(1).max(100),
    stance: z.enum(['agree', 'disagree', 'pass']),
  }),
  z.object({
    agora: z.literal('review'),
    questionId,
    statementId: z.string().min(1).max(100),
    decision: z.enum(['approve', 'reject']),
  }),
  z.object({ agora: z.literal('answer'), questionId, answer: z.string().max(40_000).optional() }),
  z.object({ agora: z.literal('add-statement'), questionId, statement: z.string().max(40_000).optional() }),
  z.object({ agora: z.literal('propose'), questionId, statement: z.string().max(40_000).optional() }),
]);
export type ActionData = z.infer<typeof ActionData>;

/** Opens a dialog (task module) when pressed: Teams sends `task/fetch` with the rest of the data. */
export const opensDialog = <T extends object>(data: T) => ({ ...data, msteams: { type: 'task/fetch' } });

import { UserError } from '../errors.ts';
import type { Store } from '../ports/store.ts';
import type { QuestionRecord } from '../records.ts';

/** Where a person asking in chat finds the questions; the command line names its own command instead. */
const CHAT_LIST_HINT = '`/agora status` lists the open ones.';

/** Finds a question from what a person typed: `programme/question` or a question id unique across programmes. */
export async function resolveQuestion(
  store: Store,
  reference: string,
  listHint = CHAT_LIST_HINT,
): Promise<QuestionRecord> {
  const text = reference.trim();
  if (!text) throw new UserError('QUESTION_NOT_FOUND', 'Say which question, like `ascl-blueprint/vision-components`.');
  const [first, second] = text.split('/');
  const programmes = await store.programmes.list();
  const candidates: QuestionRecord[] = [];
  for (const programme of programmes) {
    if (second !== undefined && programme.slug !== first) continue;
    const q = await store.questions.findByKey(programme.id, second ?? (first as string));
    if (q && q.status !== 'archived') candidates.push(q);
  }
  if (candidates.length === 1) return candidates[0] as QuestionRecord;
  if (candidates.length > 1) {
    throw new UserError(
      'QUESTION_NOT_FOUND',
      `"${text}" is in more than one programme; write it as programme/question.`,
    );
  }
  throw new UserError('QUESTION_NOT_FOUND', `There is no question "${text}". ${listHint}`);
}

import type {
  QuestionCard,
  StatementCard,
  StatementDecision,
  StatementForReview,
} from '../../src/core/ports/chat-platform.ts';
import { KIND_LABEL } from '../../src/core/presentation/question-wording.ts';
import { STATEMENT_MAX_LENGTH } from '../../src/core/statements/statement-text.ts';
import { cutAtWord, plural } from '../../src/core/wording.ts';
import { opensDialog } from './action-data.ts';
import { anonymityNote, cardInstant, howToTakePart, isClosed } from './card-wording.ts';
import type { Card } from './connector.ts';

/** Agora's Adaptive Cards, version 1.5 (the newest every Teams client shows), kept well under 28 KB. */

const VERSION = '1.5';
const PROMPT_MAX = 2000;
const LABEL_MAX = 200;

const text = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
const card = (body: unknown[], actions: unknown[] = []): Card => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: VERSION,
  body,
  ...(actions.length > 0 && { actions }),
});
const execute = (title: string, data: Record<string, unknown>) => ({
  type: 'Action.Execute',
  title: cutAtWord(title, LABEL_MAX),
  verb: data.agora,
  data,
});
const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

function timing(q: QuestionCard): string {
  if (isClosed(q)) return q.closedAt ? `Closed ${cardInstant(q.closedAt)}` : 'Closed';
  return q.closesAt ? `Open until ${cardInstant(q.closesAt)}` : 'Open';
}

function results(q: QuestionCard): unknown[] {
  if (q.kind === 'open') return [text(`${plural(q.responses, 'response')} so far`, { isSubtle: true })];
  const people = `${plural(q.voters, 'person has', 'people have')} voted.`;
  if (!q.tally) return [text(`${people} Results are hidden until the poll closes, so nobody follows the crowd.`)];
  const unit =
    q.kind === 'ranked'
      ? ' first preferences'
      : q.kind === 'likert'
        ? ' ratings'
        : q.kind === 'statements'
          ? ' agree'
          : '';
  return [
    text(isClosed(q) ? 'Results' : 'Results so far', { weight: 'Bolder' }),
    {
      type: 'FactSet',
      facts: q.tally.map((line) => ({ title: cutAtWord(line.label, LABEL_MAX), value: `${line.count}${unit}` })),
    },
    text(people, { isSubtle: true }),
  ];
}

/** The controls of an open question: buttons, or inputs and the button that submits them. */
function controls(q: QuestionCard): { inputs: unknown[]; actions: unknown[] } {
  const questionId = q.questionId;
  const choices = q.options.map((o) => ({ title: cutAtWord(o.label, LABEL_MAX), value: o.key }));
  switch (q.kind) {
    case 'open':
      return {
        inputs: [],
        actions: [
          { type: 'Action.Submit', title: 'Answer privately', data: opensDialog({ agora: 'answer', questionId }) },
        ],
      };
    case 'single_choice':
      return {
        inputs: [],
        actions: q.options.map((o) => execute(o.label, { agora: 'vote', questionId, option: o.key })),
      };
    case 'multi_choice':
      return {
        inputs: [
          {
            type: 'Input.ChoiceSet',
            id: 'choices',
            label: 'Your choices',
            isMultiSelect: true,
            style: 'expanded',
            choices,
          },
        ],
        actions: [execute('Submit choices', { agora: 'vote', questionId })],
      };
    case 'ranked':
      return {
        inputs: q.options.map((_, i) => ({
          type: 'Input.ChoiceSet',
          id: `rank-${i + 1}`,
          label: `${ordinal(i + 1)} choice`,
          style: 'compact',
          choices,
        })),
        actions: [execute('Save ranking', { agora: 'vote', questionId })],
      };
    case 'likert':
      return {
        inputs: q.options.map((item) => ({
          type: 'Input.ChoiceSet',
          id: `rate-${item.key}`,
          label: cutAtWord(item.label, LABEL_MAX),
          style: 'compact',
          choices: q.scale.map((point, i) => ({ title: point, value: String(i) })),
        })),
        actions: [execute('Submit ratings', { agora: 'vote', questionId })],
      };
    case 'statements':
      return {
        inputs: [],
        actions: [
          execute('Vote on statements', { agora: 'deal', questionId }),
          ...(q.allowStatements
            ? [
                {
                  type: 'Action.Submit',
                  title: 'Add a statement',
                  data: opensDialog({ agora: 'add-statement', questionId }),
                },
              ]
            : []),
        ],
      };
  }
}

export function questionCard(q: QuestionCard): Card {
  const { inputs, actions } = isClosed(q) ? { inputs: [], actions: [] } : controls(q);
  return card(
    [
      text(`${q.programmeTitle} · ${q.sectionTitle}`, { isSubtle: true, size: 'Small' }),
      text(cutAtWord(q.prompt, PROMPT_MAX), { weight: 'Bolder', size: 'Medium' }),
      ...(q.intro ? [text(cutAtWord(q.intro, PROMPT_MAX))] : []),
      text(`${KIND_LABEL[q.kind]} · ${timing(q)}`, { isSubtle: true }),
      text(`${howToTakePart(q)} ${anonymityNote(q.anonymity, q.kind)}`),
      ...results(q),
      ...inputs,
    ],
    actions,
  );
}

/** One statement dealt to one person, in their chat with Agora. */
export function statementCard(dealt: StatementCard): Card {
  const data = (stance: string) => ({
    agora: 'stance',
    questionId: dealt.questionId,
    statementKey: dealt.statementKey,
    stance,
  });
  return card(
    [
      text(cutAtWord(dealt.prompt, PROMPT_MAX), { weight: 'Bolder' }),
      text(dealt.text, { id: 'statement', size: 'Large' }),
      text(`${dealt.voted} of ${dealt.total} voted`, { isSubtle: true }),
      ...(dealt.source ? [text(`[From a reply in the thread](${dealt.source})`, { isSubtle: true })] : []),
    ],
    [
      execute('Agree', data('agree')),
      execute('Disagree', data('disagree')),
      execute('Pass', data('pass')),
      execute('Where do I stand', { agora: 'stand', questionId: dealt.questionId }),
      ...(dealt.allowStatements
        ? [
            {
              type: 'Action.Submit',
              title: 'Add a statement',
              data: opensDialog({ agora: 'add-statement', questionId: dealt.questionId }),
            },
          ]
        : []),
    ],
  );
}

export function noticeCard(message: string): Card {
  return card([text(message)]);
}

export function reviewCard(review: StatementForReview, decided?: string): Card {
  const data = (decision: string) => ({
    agora: 'review',
    questionId: review.questionId,
    statementId: review.statementId,
    decision,
  });
  return card(
    [
      text('Statement awaiting approval', { weight: 'Bolder' }),
      text(cutAtWord(review.prompt, PROMPT_MAX), { isSubtle: true }),
      text(`"${review.text}"`, { size: 'Medium' }),
      text(`Suggested by ${review.author}`, { isSubtle: true }),
      ...(review.source ? [text(`[Proposed from a reply](${review.source})`, { isSubtle: true })] : []),
      ...(decided ? [text(decided)] : []),
    ],
    decided ? [] : [execute('Approve', data('approve')), execute('Reject', data('reject'))],
  );
}

/** A review card once decided: the statement, its question and the decision in words, with no buttons. */
export function decidedReviewCard(decision: StatementDecision): Card {
  return card(
    [
      text(decision.decision === 'approved' ? 'Statement approved' : 'Statement rejected', { weight: 'Bolder' }),
      text(cutAtWord(decision.prompt, PROMPT_MAX), { isSubtle: true }),
      text(`"${decision.text}"`, { size: 'Medium' }),
      text(decision.summary),
    ],
    [],
  );
}

const inDialog = (title: string, body: Card) => ({
  task: {
    type: 'continue',
    value: {
      title,
      height: 'medium',
      width: 'medium',
      card: { contentType: 'application/vnd.microsoft.card.adaptive', content: body },
    },
  },
});

/** "Propose as a statement": the reply's words, to be edited down to one statement credited to its author. */
export function proposalDialog(questionId: string, prompt: string, draft: string) {
  return inDialog(
    'Propose a statement',
    card(
      [
        text(cutAtWord(prompt, PROMPT_MAX), { weight: 'Bolder' }),
        text(
          `Edit the reply down to one sentence, at most ${STATEMENT_MAX_LENGTH} characters. It is credited to the reply's author.`,
          { isSubtle: true },
        ),
        {
          type: 'Input.Text',
          id: 'statement',
          label: 'Statement',
          isMultiline: true,
          isRequired: true,
          errorMessage: 'Write something first.',
          value: draft,
        },
      ],
      [{ type: 'Action.Submit', title: 'Propose statement', data: { agora: 'propose', questionId } }],
    ),
  );
}

/** The dialog (task module) of a private answer or a new statement. */
export function dialog(kind: 'answer' | 'add-statement', questionId: string, prompt: string) {
  const answer = kind === 'answer';
  const body = card(
    [
      text(cutAtWord(prompt, PROMPT_MAX), { weight: 'Bolder' }),
      text(
        answer
          ? 'Only organisers see this answer; it never appears in the thread.'
          : 'One short sentence others can agree or disagree with (at most 280 characters).',
        { isSubtle: true },
      ),
      {
        type: 'Input.Text',
        id: answer ? 'answer' : 'statement',
        label: answer ? 'Your answer' : 'Your statement',
        isMultiline: answer,
        isRequired: true,
        errorMessage: 'Write something first.',
      },
    ],
    [{ type: 'Action.Submit', title: answer ? 'Send privately' : 'Add statement', data: { agora: kind, questionId } }],
  );
  return inDialog(answer ? 'Answer privately' : 'Add a statement', body);
}

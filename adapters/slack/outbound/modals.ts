import type { PollOptionRecord, QuestionRecord } from '../../../src/core/records.ts';
import { STATEMENT_MAX_LENGTH } from '../../../src/core/statements/statement-text.ts';
import { encodeOrigin, type ModalOrigin, VIEW } from '../action-ids.ts';
import { type Block, context, LIMITS, option, plain, section } from './blocks.ts';
import { plainShown, shown } from './mrkdwn.ts';

export type View = Record<string, unknown>;

const ORDINALS = ['1st', '2nd', '3rd'];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;

function modal(callbackId: string, title: string, submit: string, origin: ModalOrigin, blocks: Block[]): View {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: encodeOrigin(origin),
    title: plain(title),
    submit: plain(submit),
    close: plain('Cancel'),
    blocks,
  };
}

const promptBlock = (question: QuestionRecord) => section(`*${shown(question.prompt, LIMITS.sectionText - 2)}*`);

/** "Answer privately": the answer goes to the record only, never into the thread. */
export function privateAnswerModal(question: QuestionRecord, origin: ModalOrigin): View {
  return modal(VIEW.privateAnswer, 'Answer privately', 'Send', origin, [
    promptBlock(question),
    context('Your answer is kept in the consultation record only. It is not posted in the thread.'),
    {
      type: 'input',
      block_id: 'answer',
      label: plain('Your answer'),
      element: { type: 'plain_text_input', action_id: 'answer_text', multiline: true, max_length: 3000 },
    },
  ]);
}

/** One select per rank; the first is required, later ones optional. The current order is filled in. */
export function rankedModal(
  question: QuestionRecord,
  options: PollOptionRecord[],
  current: string[],
  origin: ModalOrigin,
): View {
  const choices = options.map((o) => option(plainShown(o.label, LIMITS.optionText), o.key));
  const inputs = options.map((_, index) => {
    const initial = choices.find((c) => c.value === current[index]);
    return {
      type: 'input',
      block_id: `rank_${index + 1}`,
      optional: index > 0,
      label: plain(`${ordinal(index + 1)} choice`),
      element: {
        type: 'static_select',
        action_id: `rank_${index + 1}`,
        placeholder: plain('Choose an option'),
        options: choices,
        ...(initial ? { initial_option: initial } : {}),
      },
    };
  });
  return modal(VIEW.ranked, 'Rank the options', 'Save my order', origin, [
    promptBlock(question),
    context('Put the options in your order of preference. Ranking again replaces your order.'),
    ...inputs,
  ]);
}

/** Several choices: checkboxes (or a multi-select past ten options), the current choice ticked. */
export function multiChoiceModal(
  question: QuestionRecord,
  options: PollOptionRecord[],
  current: string[],
  origin: ModalOrigin,
): View {
  const choices = options.map((o) => option(plainShown(o.label, LIMITS.optionText), o.key));
  const initial = choices.filter((c) => current.includes(c.value));
  const element =
    choices.length <= LIMITS.checkboxOptions
      ? { type: 'checkboxes', action_id: 'choices', options: choices }
      : { type: 'multi_static_select', action_id: 'choices', placeholder: plain('Choose options'), options: choices };
  const limits =
    question.minChoices === question.maxChoices
      ? `Choose ${question.maxChoices}.`
      : `Choose between ${question.minChoices} and ${question.maxChoices}.`;
  return modal(VIEW.multi, 'Choose options', 'Submit choices', origin, [
    promptBlock(question),
    context(`${limits} Submitting again replaces your choices.`),
    {
      type: 'input',
      block_id: 'choices',
      optional: question.minChoices === 0,
      label: plain('Your choices'),
      element: { ...element, ...(initial.length ? { initial_options: initial } : {}) },
    },
  ]);
}

/**
 * "Add a statement": one sentence others will agree or disagree with. No max_length, so an over-long statement
 * reaches the core, which says how long it is and by how much to shorten it.
 */
export function addStatementModal(question: QuestionRecord, origin: ModalOrigin): View {
  return modal(VIEW.addStatement, 'Add a statement', 'Add', origin, [
    promptBlock(question),
    context(
      `Write one short sentence (at most ${STATEMENT_MAX_LENGTH} characters) that others can agree or disagree with.`,
    ),
    {
      type: 'input',
      block_id: 'statement',
      label: plain('Your statement'),
      element: { type: 'plain_text_input', action_id: 'statement_text', multiline: true },
    },
  ]);
}

/** "Propose as a statement": the reply's words, to edit down to one sentence others can agree or disagree with. */
export function proposeStatementModal(prompt: string, draft: string, origin: ModalOrigin): View {
  return modal(VIEW.proposeStatement, 'Propose a statement', 'Propose', origin, [
    section(`*${shown(prompt, LIMITS.sectionText - 2)}*`),
    context(
      `Edit the reply down to one short sentence (at most ${STATEMENT_MAX_LENGTH} characters) that others can agree or disagree with. It is credited to the reply's author and links to the reply.`,
    ),
    {
      type: 'input',
      block_id: 'statement',
      label: plain('Statement'),
      element: { type: 'plain_text_input', action_id: 'statement_text', multiline: true, initial_value: draft },
    },
  ]);
}

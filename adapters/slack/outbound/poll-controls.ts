import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import { ACTION, encodeVote } from '../action-ids.ts';
import { actions, type Block, button, type Element, LIMITS, option, plain, rows, section } from './blocks.ts';
import { plainShown, shown, splitMrkdwn } from './mrkdwn.ts';

/**
 * The controls of an open poll, within `budget` blocks: buttons for a single choice, checkboxes and a submit button
 * for several, a button opening the ranking modal, one row of buttons per Likert item (a select beyond five scale
 * points, or when rows would not fit), and for statements a button that deals them one at a time (and one to add
 * a statement, where participants may).
 */
export function pollControls(card: QuestionCard, budget: number): Block[] {
  const ids = idSequence();
  switch (card.kind) {
    case 'single_choice':
      return rows(
        card.options.map((o) =>
          button(
            ids(),
            plainShown(o.label, LIMITS.buttonText),
            encodeVote({ questionId: card.questionId, subject: '', choice: o.key }),
          ),
        ),
        5,
      ).map((row) => actions(row));
    case 'multi_choice':
      return multiChoice(card);
    case 'ranked':
      return [
        ...splitMrkdwn(card.options.map((o, i) => `${i + 1}. ${shown(o.label, 200)}`).join('\n'), LIMITS.sectionText)
          .slice(0, 3)
          .map((text) => section(text)),
        actions([button(ACTION.rank, 'Rank the options', card.questionId, 'primary')]),
      ];
    case 'likert':
      return likertItems(
        card,
        budget,
        ids,
        card.scale.map((label, index) => ({ label, choice: String(index) })),
      );
    case 'statements':
      return [
        actions([
          button(ACTION.dealStatement, 'Vote on statements', card.questionId, 'primary'),
          ...(card.allowStatements ? [button(ACTION.addStatement, 'Add a statement', card.questionId)] : []),
        ]),
      ];
    default:
      return [];
  }
}

function idSequence(): () => string {
  let n = 0;
  return () => `${ACTION.votePrefix}${n++}`;
}

function multiChoice(card: QuestionCard): Block[] {
  const choices = card.options.map((o) => option(plainShown(o.label, LIMITS.optionText), o.key));
  const picker: Element =
    choices.length <= LIMITS.checkboxOptions
      ? { type: 'checkboxes', action_id: ACTION.multiPick, options: choices }
      : {
          type: 'multi_static_select',
          action_id: ACTION.multiPick,
          placeholder: plain('Choose options'),
          options: choices,
        };
  return [
    actions([picker], 'agora_multi'),
    actions([button(ACTION.multiSubmit, 'Submit choices', card.questionId, 'primary')]),
  ];
}

/** Likert items: a label and a row of buttons each, or a label with a select when space is short. */
function likertItems(
  card: QuestionCard,
  budget: number,
  ids: () => string,
  points: { label: string; choice: string }[],
): Block[] {
  const items = card.options;
  const asRows = points.length <= 5 && items.length * 2 <= budget;
  const perItem = asRows ? 2 : 1;
  // When not every item fits, one block is kept for saying how many were left out.
  const shownItems =
    items.length * perItem <= budget ? items : items.slice(0, Math.max(1, Math.floor((budget - 1) / perItem)));
  const blocks: Block[] = [];
  for (const item of shownItems) {
    const value = (choice: string) => encodeVote({ questionId: card.questionId, subject: item.key, choice });
    const label = `*${shown(item.label, 2000)}*`;
    if (asRows) {
      blocks.push(section(label));
      blocks.push(actions(points.map((p) => button(ids(), plainShown(p.label, LIMITS.buttonText), value(p.choice)))));
    } else {
      blocks.push(
        section(label, {
          type: 'static_select',
          action_id: ids(),
          placeholder: plain('Rate…'),
          options: points.map((p) => option(plainShown(p.label, LIMITS.optionText), value(p.choice))),
        }),
      );
    }
  }
  const left = items.length - shownItems.length;
  if (left > 0) {
    blocks.push(
      section(
        `_…and ${left} more. Slack shows ${shownItems.length} in one message; the rest are in the organisers' digest._`,
      ),
    );
  }
  return blocks;
}

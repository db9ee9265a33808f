import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import { encodeCustomId, selectId, voteButtonId } from '../custom-ids.ts';
import { isClosed } from './card-wording.ts';
import { itemsInRows, LIMITS } from './layout.ts';
import { shown } from './text.ts';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface ComponentOptions {
  /** Adds the "Respond" button to open questions: the way to answer when message content cannot be read. */
  respondButton: boolean;
}

export function button(
  customId: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger = ButtonStyle.Secondary,
  disabled = false,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: shown(label, LIMITS.buttonLabel) || '…',
    style,
    ...(disabled && { disabled: true }),
  };
}

/** Opens the form for a statement of one's own: on the question, and on each statement dealt. */
export function whereIStandButton(questionId: string): APIButtonComponentWithCustomId {
  return button(encodeCustomId({ kind: 'stand', questionId }), 'Where do I stand');
}

export function addStatementButton(questionId: string, disabled = false): APIButtonComponentWithCustomId {
  return button(
    encodeCustomId({ kind: 'add-statement', questionId }),
    'Add a statement',
    ButtonStyle.Secondary,
    disabled,
  );
}

export const row = (components: APIComponentInMessageActionRow[]): ActionRow => ({
  type: ComponentType.ActionRow,
  components,
});

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function multiSelect(
  card: QuestionCard,
  minChoices: number,
  maxChoices: number,
  disabled: boolean,
): APIStringSelectComponent {
  const keys = card.options.map((o) => o.key);
  const count = Math.min(card.options.length, LIMITS.selectOptions);
  return {
    type: ComponentType.StringSelect,
    custom_id: selectId(card.questionId, '', keys),
    placeholder: 'Choose your options…',
    min_values: Math.max(0, Math.min(minChoices, count)),
    max_values: Math.max(1, Math.min(maxChoices, count)),
    options: card.options
      .slice(0, LIMITS.selectOptions)
      .map((o) => ({ label: shown(o.label, LIMITS.optionLabel) || o.key, value: o.key })),
    ...(disabled && { disabled: true }),
  };
}

/** One row per Likert item: buttons for up to five points, else a select naming the item. */
function itemRows(card: QuestionCard, disabled: boolean): ActionRow[] {
  const keys = card.options.map((o) => o.key);
  const points = card.scale.map((label, index) => ({ label, choice: String(index) }));
  return card.options.map((item, i) => {
    if (points.length <= LIMITS.buttonsPerRow) {
      return row(
        points.map((p) =>
          button(voteButtonId(card.questionId, item.key, p.choice, keys), p.label, ButtonStyle.Secondary, disabled),
        ),
      );
    }
    return row([
      {
        type: ComponentType.StringSelect,
        custom_id: selectId(card.questionId, item.key, keys),
        placeholder: shown(`${i + 1}. ${item.label}`, LIMITS.placeholder),
        options: points.map((p) => ({ label: shown(p.label, LIMITS.optionLabel), value: p.choice })),
        ...(disabled && { disabled: true }),
      },
    ]);
  });
}

/**
 * The controls under a question: vote buttons, selects, or a button opening a private flow; "Answer privately"
 * for open questions. Once the question closes they stay visible but disabled.
 */
export function questionComponents(
  card: QuestionCard,
  limits: { minChoices: number; maxChoices: number },
  options: ComponentOptions,
): ActionRow[] {
  const closed = isClosed(card);
  const keys = card.options.map((o) => o.key);
  const id = card.questionId;
  switch (card.kind) {
    case 'open': {
      const buttons = [
        button(encodeCustomId({ kind: 'answer', questionId: id }), 'Answer privately', ButtonStyle.Primary, closed),
      ];
      if (options.respondButton && !closed) {
        buttons.unshift(button(encodeCustomId({ kind: 'respond', questionId: id }), 'Respond', ButtonStyle.Success));
      }
      return [row(buttons)];
    }
    case 'single_choice':
      return chunk(card.options.slice(0, LIMITS.rows * LIMITS.buttonsPerRow), LIMITS.buttonsPerRow).map((options) =>
        row(options.map((o) => button(voteButtonId(id, '', o.key, keys), o.label, ButtonStyle.Primary, closed))),
      );
    case 'multi_choice':
      return card.options.length ? [row([multiSelect(card, limits.minChoices, limits.maxChoices, closed)])] : [];
    case 'ranked':
      return [
        row([
          button(encodeCustomId({ kind: 'rank', questionId: id }), 'Rank the options', ButtonStyle.Primary, closed),
        ]),
      ];
    case 'likert':
      if (itemsInRows(card)) return itemRows(card, closed);
      return [
        row([
          button(
            encodeCustomId({ kind: 'rate', questionId: id, page: 0 }),
            'Rate the items',
            ButtonStyle.Primary,
            closed,
          ),
        ]),
      ];
    case 'statements': {
      const buttons = [
        button(encodeCustomId({ kind: 'deal', questionId: id }), 'Vote on the statements', ButtonStyle.Primary, closed),
      ];
      if (card.allowStatements) buttons.push(addStatementButton(id, closed));
      return [row(buttons)];
    }
  }
}

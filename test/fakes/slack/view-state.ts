import { isObject } from './block-validation.ts';
import type { Json } from './fixtures.ts';

/** What a person enters in a view, keyed by each element's action_id: text, an option value, ids or a date. */
export type ViewAnswers = Record<string, string | string[]>;

const SINGLE_SELECTIONS: Record<string, string> = {
  users_select: 'selected_user',
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
};

const MULTIPLE_SELECTIONS: Record<string, string> = {
  multi_users_select: 'selected_users',
  multi_conversations_select: 'selected_conversations',
  multi_channels_select: 'selected_channels',
};

/**
 * The `state.values` Slack sends for a view, from answers keyed by action_id. Throws, as Slack's client would
 * refuse, when a required input is left empty or an answer names an element or option the view lacks.
 */
export function viewStateValues(blocks: unknown, answers: ViewAnswers): Json {
  const values: Record<string, Json> = {};
  const unused = new Set(Object.keys(answers));
  for (const block of Array.isArray(blocks) ? blocks.filter(isObject) : []) {
    const elements =
      block.type === 'input' ? [block.element] : block.type === 'actions' ? block.elements : [block.accessory];
    for (const element of Array.isArray(elements) ? elements.filter(isObject) : []) {
      const actionId = String(element.action_id);
      // Slack submits an input's initial value when the person leaves it as it was.
      const answer = answers[actionId] ?? initialValue(element);
      unused.delete(actionId);
      if (block.type === 'input' && block.optional !== true && (answer === undefined || answer.length === 0)) {
        throw new Error(`input ${actionId} is required`);
      }
      if (block.type !== 'input' && answer === undefined) continue;
      const blockId = String(block.block_id);
      values[blockId] = { ...values[blockId], [actionId]: elementState(element, answer) };
    }
  }
  if (unused.size > 0) throw new Error(`the view has no element ${[...unused].join(', ')}`);
  return values;
}

function initialValue(element: Json): string | undefined {
  return element.type === 'plain_text_input' && typeof element.initial_value === 'string'
    ? element.initial_value
    : undefined;
}

function elementState(element: Json, answer: string | string[] | undefined): Json {
  const type = String(element.type);
  const list = answer === undefined ? [] : [answer].flat();
  if (type === 'static_select' || type === 'radio_buttons') {
    return { type, selected_option: list[0] === undefined ? null : option(element, list[0]) };
  }
  if (type === 'multi_static_select' || type === 'checkboxes') {
    return { type, selected_options: list.map((value) => option(element, value)) };
  }
  const single = SINGLE_SELECTIONS[type];
  if (single) return { type, [single]: list[0] ?? null };
  const multiple = MULTIPLE_SELECTIONS[type];
  if (multiple) return { type, [multiple]: list };
  return { type, value: list[0] ?? null };
}

function option(element: Json, value: string): Json {
  const options = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  const found = options.find((candidate) => candidate.value === value);
  if (!found) throw new Error(`${String(element.action_id)} has no option ${value}`);
  return found;
}

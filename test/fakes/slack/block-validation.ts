// Block Kit limits from Slack's block and element reference pages. Problems are worded the way Slack reports
// them in `errors` and `response_metadata.messages`: "<what> [json-pointer:<where>]".

type Json = Record<string, unknown>;

const MESSAGE_BLOCKS_MAX = 50;
export const VIEW_BLOCKS_MAX = 100;
const SECTION_TEXT_MAX = 3000;
const SECTION_FIELDS_MAX = 10;
const SECTION_FIELD_TEXT_MAX = 2000;
const HEADER_TEXT_MAX = 150;
const ACTIONS_ELEMENTS_MAX = 25;
const CONTEXT_ELEMENTS_MAX = 10;
const MARKDOWN_TEXT_MAX = 12000;
const LABEL_MAX = 2000;
const ALT_TEXT_MAX = 2000;
const ID_MAX = 255;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const URL_MAX = 3000;
const PLACEHOLDER_MAX = 150;
const OPTION_TEXT_MAX = 75;
const OPTION_VALUE_MAX = 150;
const SELECT_OPTIONS_MAX = 100;
const CHOICE_OPTIONS_MAX = 10;
const OVERFLOW_OPTIONS_MAX = 5;

const PLACEHOLDER_ELEMENTS = new Set([
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'external_select',
  'multi_external_select',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
  'file_input',
]);

export class Problems {
  readonly list: string[] = [];

  add(message: string, pointer: string): void {
    this.list.push(`${message} [json-pointer:${pointer}]`);
  }
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function messageBlockProblems(blocks: unknown[]): string[] {
  const problems = new Problems();
  checkBlockList(problems, blocks, '/blocks', MESSAGE_BLOCKS_MAX);
  return problems.list;
}

export function checkBlockList(problems: Problems, blocks: unknown, at: string, max: number): void {
  if (!Array.isArray(blocks)) {
    problems.add('must be an array', at);
    return;
  }
  if (blocks.length > max) problems.add(`no more than ${max} items allowed`, at);
  for (const [index, block] of blocks.entries()) checkBlock(problems, block, `${at}/${index}`);
  checkUnique(problems, blocks, at, 'block_id');
}

/**
 * Slack refuses a message or view whose blocks share a block_id, or an actions block whose elements share an
 * action_id (the reference pages: "unique identifier for a block", "unique among all other action_ids in the
 * containing block"); interaction payloads name the control by these ids, so a duplicate would be ambiguous.
 */
function checkUnique(problems: Problems, items: unknown[], at: string, field: 'block_id' | 'action_id'): void {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const id = isObject(item) ? item[field] : undefined;
    if (typeof id !== 'string') continue;
    if (seen.has(id)) problems.add(`duplicate ${field} '${id}'`, `${at}/${index}/${field}`);
    seen.add(id);
  }
}

export function checkLength(problems: Problems, value: unknown, max: number, at: string): void {
  if (typeof value === 'string' && value.length > max) problems.add(`must be less than ${max + 1} characters`, at);
}

export function checkTextObject(
  problems: Problems,
  value: unknown,
  at: string,
  limits: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined) {
    if (limits.required) problems.add(`missing required field: ${at.split('/').at(-1)}`, at);
    return;
  }
  if (!isObject(value)) {
    problems.add('must be an object', at);
    return;
  }
  const types = limits.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!types.includes(String(value.type))) problems.add(`unsupported type: ${String(value.type)}`, `${at}/type`);
  if (typeof value.text !== 'string' || value.text.length === 0) {
    problems.add('must be more than 0 characters', `${at}/text`);
  }
  checkLength(problems, value.text, limits.max, `${at}/text`);
}

function checkBlock(problems: Problems, block: unknown, at: string): void {
  if (!isObject(block)) {
    problems.add('must be an object', at);
    return;
  }
  checkLength(problems, block.block_id, ID_MAX, `${at}/block_id`);
  switch (block.type) {
    case 'section':
      checkSection(problems, block, at);
      break;
    case 'header':
      checkTextObject(problems, block.text, `${at}/text`, { max: HEADER_TEXT_MAX, plainOnly: true, required: true });
      break;
    case 'actions':
      checkElementList(problems, block.elements, `${at}/elements`, ACTIONS_ELEMENTS_MAX, checkElement);
      if (Array.isArray(block.elements)) checkUnique(problems, block.elements, `${at}/elements`, 'action_id');
      break;
    case 'context':
      checkElementList(problems, block.elements, `${at}/elements`, CONTEXT_ELEMENTS_MAX, checkContextElement);
      break;
    case 'image':
      checkImage(problems, block, at);
      break;
    case 'input':
      checkInput(problems, block, at);
      break;
    case 'markdown':
      if (typeof block.text !== 'string') problems.add('missing required field: text', `${at}/text`);
      checkLength(problems, block.text, MARKDOWN_TEXT_MAX, `${at}/text`);
      break;
    case 'rich_text':
      if (!Array.isArray(block.elements)) problems.add('missing required field: elements', `${at}/elements`);
      break;
    case 'divider':
    case 'file':
    case 'video':
    case 'table':
    case 'context_actions':
      break;
    case undefined:
      problems.add('missing required field: type', `${at}/type`);
      break;
    default:
      problems.add(`unsupported type: ${String(block.type)}`, `${at}/type`);
  }
}

function checkSection(problems: Problems, block: Json, at: string): void {
  if (block.text === undefined && block.fields === undefined) {
    problems.add('must define either `text` or `fields`', at);
  }
  checkTextObject(problems, block.text, `${at}/text`, { max: SECTION_TEXT_MAX });
  if (block.fields !== undefined) {
    checkElementList(problems, block.fields, `${at}/fields`, SECTION_FIELDS_MAX, (inner, field, fieldAt) =>
      checkTextObject(inner, field, fieldAt, { max: SECTION_FIELD_TEXT_MAX, required: true }),
    );
  }
  if (block.accessory !== undefined) checkElement(problems, block.accessory, `${at}/accessory`);
}

function checkImage(problems: Problems, image: Json, at: string): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    problems.add('missing required field: image_url', `${at}/image_url`);
  }
  if (typeof image.alt_text !== 'string') problems.add('missing required field: alt_text', `${at}/alt_text`);
  checkLength(problems, image.alt_text, ALT_TEXT_MAX, `${at}/alt_text`);
  checkLength(problems, image.image_url, URL_MAX, `${at}/image_url`);
}

function checkInput(problems: Problems, block: Json, at: string): void {
  checkTextObject(problems, block.label, `${at}/label`, { max: LABEL_MAX, plainOnly: true, required: true });
  checkTextObject(problems, block.hint, `${at}/hint`, { max: LABEL_MAX, plainOnly: true });
  if (block.element === undefined) problems.add('missing required field: element', `${at}/element`);
  else checkElement(problems, block.element, `${at}/element`);
}

type ItemCheck = (problems: Problems, item: unknown, at: string) => void;

function checkElementList(problems: Problems, items: unknown, at: string, max: number, check: ItemCheck): void {
  if (!Array.isArray(items)) {
    problems.add(`missing required field: ${at.split('/').at(-1)}`, at);
    return;
  }
  if (items.length === 0) problems.add('must provide at least 1 items', at);
  if (items.length > max) problems.add(`no more than ${max} items allowed`, at);
  for (const [index, item] of items.entries()) check(problems, item, `${at}/${index}`);
}

function checkContextElement(problems: Problems, element: unknown, at: string): void {
  if (isObject(element) && element.type === 'image') checkImage(problems, element, at);
  else checkTextObject(problems, element, at, { max: SECTION_TEXT_MAX, required: true });
}

function checkElement(problems: Problems, element: unknown, at: string): void {
  if (!isObject(element)) {
    problems.add('must be an object', at);
    return;
  }
  checkLength(problems, element.action_id, ID_MAX, `${at}/action_id`);
  const type = String(element.type);
  if (PLACEHOLDER_ELEMENTS.has(type)) {
    checkTextObject(problems, element.placeholder, `${at}/placeholder`, { max: PLACEHOLDER_MAX, plainOnly: true });
    return;
  }
  switch (type) {
    case 'button':
    case 'workflow_button':
      checkTextObject(problems, element.text, `${at}/text`, { max: BUTTON_TEXT_MAX, plainOnly: true, required: true });
      checkLength(problems, element.value, BUTTON_VALUE_MAX, `${at}/value`);
      checkLength(problems, element.url, URL_MAX, `${at}/url`);
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
        problems.add(`unsupported type: ${String(element.style)}`, `${at}/style`);
      }
      break;
    case 'static_select':
    case 'multi_static_select':
      checkTextObject(problems, element.placeholder, `${at}/placeholder`, { max: PLACEHOLDER_MAX, plainOnly: true });
      if (element.option_groups === undefined) {
        checkOptions(problems, element.options, `${at}/options`, SELECT_OPTIONS_MAX);
      }
      break;
    case 'overflow':
      checkOptions(problems, element.options, `${at}/options`, OVERFLOW_OPTIONS_MAX);
      break;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(problems, element.options, `${at}/options`, CHOICE_OPTIONS_MAX);
      break;
    case 'image':
      checkImage(problems, element, at);
      break;
    default:
      problems.add(`unsupported type: ${type}`, `${at}/type`);
  }
}

function checkOptions(problems: Problems, options: unknown, at: string, max: number): void {
  checkElementList(problems, options, at, max, (inner, option, optionAt) => {
    if (!isObject(option)) {
      inner.add('must be an object', optionAt);
      return;
    }
    checkTextObject(inner, option.text, `${optionAt}/text`, { max: OPTION_TEXT_MAX, required: true });
    checkLength(inner, option.value, OPTION_VALUE_MAX, `${optionAt}/value`);
  });
}

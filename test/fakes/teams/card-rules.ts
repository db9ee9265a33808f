/**
 * What the Bot Connector and the Teams client accept of a bot's activity, checked the way they check it: a message
 * has text or attachments, Adaptive Cards are version 1.5 or lower with known elements and actions, inputs have ids,
 * buttons have titles, and the whole activity stays under Teams's message size limit (about 28 KB).
 */

export const MESSAGE_SIZE_LIMIT = 28 * 1024;
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

const ELEMENTS = new Set([
  'TextBlock',
  'RichTextBlock',
  'Container',
  'ColumnSet',
  'FactSet',
  'ActionSet',
  'Image',
  'Input.Text',
  'Input.ChoiceSet',
  'Input.Number',
  'Input.Toggle',
]);
const ACTIONS = new Set(['Action.Submit', 'Action.Execute', 'Action.OpenUrl', 'Action.ShowCard']);

export class CardRuleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (message: string): never => {
  throw new CardRuleError(400, 'BadArgument', message);
};

function versionAtMost(version: unknown, max: [number, number]): boolean {
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major < max[0] || (major === max[0] && minor <= max[1]);
}

function checkActions(actions: unknown, where: string, ids: Set<string>): void {
  if (actions === undefined) return;
  if (!Array.isArray(actions)) fail(`${where}.actions must be an array`);
  for (const [i, action] of (actions as Record<string, unknown>[]).entries()) {
    const at = `${where}.actions[${i}]`;
    if (!ACTIONS.has(action.type as string)) fail(`${at}: unknown action type ${String(action.type)}`);
    if (typeof action.title !== 'string' || !action.title.trim()) fail(`${at}: a button needs a title`);
    if (action.type === 'Action.OpenUrl' && typeof action.url !== 'string') fail(`${at}: Action.OpenUrl needs a url`);
    if (action.type === 'Action.Execute' && typeof action.verb !== 'string') fail(`${at}: Action.Execute needs a verb`);
    if (action.type === 'Action.ShowCard') checkCardBody(action.card as Record<string, unknown>, `${at}.card`, ids);
  }
}

function checkElements(elements: unknown, where: string, ids: Set<string>): void {
  if (!Array.isArray(elements)) fail(`${where} must be an array`);
  for (const [i, element] of (elements as Record<string, unknown>[]).entries()) {
    const at = `${where}[${i}]`;
    const type = element.type as string;
    if (!ELEMENTS.has(type)) fail(`${at}: unknown element type ${String(type)}`);
    if (type === 'TextBlock' && typeof element.text !== 'string') fail(`${at}: a TextBlock needs text`);
    if (type.startsWith('Input.')) {
      if (typeof element.id !== 'string' || !element.id) fail(`${at}: an input needs an id`);
      if (ids.has(element.id as string)) fail(`${at}: input id ${String(element.id)} is used twice`);
      ids.add(element.id as string);
    }
    if (type === 'Input.ChoiceSet' && !Array.isArray(element.choices)) fail(`${at}: Input.ChoiceSet needs choices`);
    if (type === 'Container') checkElements(element.items, `${at}.items`, ids);
    if (type === 'ColumnSet')
      for (const [c, column] of ((element.columns as Record<string, unknown>[]) ?? []).entries())
        checkElements(column.items ?? [], `${at}.columns[${c}].items`, ids);
    if (type === 'ActionSet') checkActions(element.actions, at, ids);
  }
}

function checkCardBody(card: Record<string, unknown> | undefined, where: string, ids: Set<string>): void {
  if (card?.type !== 'AdaptiveCard') fail(`${where}: content.type must be AdaptiveCard`);
  checkElements((card as Record<string, unknown>).body ?? [], `${where}.body`, ids);
  checkActions((card as Record<string, unknown>).actions, where, ids);
}

/** Throws a CardRuleError for a card Teams would not show. */
export function checkAdaptiveCard(card: Record<string, unknown> | undefined, where = 'card'): void {
  if (!versionAtMost(card?.version, [1, 5]))
    fail(`${where}: Adaptive Card version ${String(card?.version)} is not supported (1.5 at most)`);
  checkCardBody(card, where, new Set());
}

/** Throws a CardRuleError for an activity the Bot Connector would refuse. */
export function checkOutgoingActivity(activity: Record<string, unknown>): void {
  if (activity.type !== 'message') fail(`activity.type must be "message", not ${String(activity.type)}`);
  const attachments = (activity.attachments as Record<string, unknown>[] | undefined) ?? [];
  const text = typeof activity.text === 'string' ? activity.text : '';
  if (!text.trim() && attachments.length === 0) fail('a message needs text or an attachment');
  for (const [i, attachment] of attachments.entries()) {
    if (typeof attachment.contentType !== 'string') fail(`attachments[${i}] needs a contentType`);
    if (attachment.contentType === ADAPTIVE_CARD)
      checkAdaptiveCard(attachment.content as Record<string, unknown>, `attachments[${i}]`);
  }
  if (Buffer.byteLength(JSON.stringify(activity)) > MESSAGE_SIZE_LIMIT)
    throw new CardRuleError(413, 'MessageSizeTooBig', 'Message size is too big (Teams allows about 28 KB).');
}

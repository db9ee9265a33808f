/** Small builders for Block Kit JSON. Limits are enforced by the callers, which know what the text is. */

export type Block = Record<string, unknown>;
export type Element = Record<string, unknown>;

export const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

export const header = (text: string): Block => ({ type: 'header', text: plain(text) });
export const section = (text: string, accessory?: Element): Block =>
  accessory ? { type: 'section', text: mrkdwn(text), accessory } : { type: 'section', text: mrkdwn(text) };
export const context = (...texts: string[]): Block => ({ type: 'context', elements: texts.map(mrkdwn) });
export const divider = (): Block => ({ type: 'divider' });
export const actions = (elements: Element[], blockId?: string): Block =>
  blockId ? { type: 'actions', block_id: blockId, elements } : { type: 'actions', elements };

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Element {
  return { type: 'button', action_id: actionId, text: plain(text), value, ...(style ? { style } : {}) };
}

export const option = (text: string, value: string) => ({ text: plain(text), value });

/** Splits a list into rows of `size`, as actions blocks read best with a few buttons each. */
export function rows<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Slack's Block Kit limits that shape what Agora posts. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  optionText: 75,
  optionValue: 150,
  checkboxOptions: 10,
  selectOptions: 100,
  contextElements: 10,
  messageText: 40_000,
  privateMetadata: 3000,
  modalTitle: 24,
} as const;

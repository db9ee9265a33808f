import {
  checkBlockList,
  checkLength,
  checkTextObject,
  isObject,
  Problems,
  VIEW_BLOCKS_MAX,
} from './block-validation.ts';

// Limits from Slack's view object reference.
const VIEW_TITLE_MAX = 24;
const VIEW_BUTTON_MAX = 24;
const PRIVATE_METADATA_MAX = 3000;
const CALLBACK_ID_MAX = 255;
const EXTERNAL_ID_MAX = 255;

/** Problems with a modal or Home tab view, worded and located the way Slack reports them. */
export function viewProblems(view: unknown, allowedTypes: string[]): string[] {
  const problems = new Problems();
  if (!isObject(view)) {
    problems.add('missing required field: view', '/view');
    return problems.list;
  }
  if (!allowedTypes.includes(String(view.type))) problems.add(`unsupported type: ${String(view.type)}`, '/view/type');
  checkBlockList(problems, view.blocks, '/view/blocks', VIEW_BLOCKS_MAX);
  checkLength(problems, view.private_metadata, PRIVATE_METADATA_MAX, '/view/private_metadata');
  checkLength(problems, view.callback_id, CALLBACK_ID_MAX, '/view/callback_id');
  checkLength(problems, view.external_id, EXTERNAL_ID_MAX, '/view/external_id');
  if (view.type === 'modal') {
    const button = { max: VIEW_BUTTON_MAX, plainOnly: true };
    checkTextObject(problems, view.title, '/view/title', { ...button, max: VIEW_TITLE_MAX, required: true });
    checkTextObject(problems, view.close, '/view/close', button);
    checkTextObject(problems, view.submit, '/view/submit', { ...button, required: hasInputBlock(view.blocks) });
  }
  return problems.list;
}

function hasInputBlock(blocks: unknown): boolean {
  return Array.isArray(blocks) && blocks.some((block) => isObject(block) && block.type === 'input');
}

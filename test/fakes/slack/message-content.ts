import { isObject, messageBlockProblems } from './block-validation.ts';
import { randomHex } from './ids.ts';
import { fail, type SlackResult } from './method-types.ts';
import type { Args } from './request-body.ts';

// Slack truncates message text past 40,000 characters rather than refusing it.
const TEXT_MAX = 40_000;
const ATTACHMENTS_MAX = 100;

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

export type ContentCheck = { ok: true; content: MessageContent } | { ok: false; refusal: SlackResult };

/** Reads text, blocks and attachments the way chat.postMessage does: validated, text truncated, block ids filled. */
export function readMessageContent(args: Args): ContentCheck {
  const { blocks, attachments } = args;
  if (blocks !== undefined && !Array.isArray(blocks)) return refuse(fail('invalid_blocks_format'));
  if (attachments !== undefined && !Array.isArray(attachments)) return refuse(fail('invalid_attachments'));
  if (Array.isArray(attachments) && attachments.length > ATTACHMENTS_MAX) return refuse(fail('too_many_attachments'));
  const text = typeof args.text === 'string' ? args.text : '';
  if (text === '' && !blocks?.length && !attachments?.length) return refuse(fail('no_text'));
  if (blocks) {
    const problems = messageBlockProblems(blocks);
    if (problems.length > 0) return refuse(invalidBlocks(problems));
  }
  return {
    ok: true,
    content: { text: text.slice(0, TEXT_MAX), blocks: blocks && withBlockIds(blocks), attachments },
  };
}

function invalidBlocks(problems: string[]): SlackResult {
  return fail('invalid_blocks', {
    errors: problems,
    response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) },
  });
}

function refuse(refusal: SlackResult): ContentCheck {
  return { ok: false, refusal };
}

// Slack gives every stored block an id; interaction payloads name the block by it.
function withBlockIds(blocks: unknown[]): unknown[] {
  return blocks.map((block) =>
    isObject(block) && block.block_id === undefined ? { ...block, block_id: randomHex(3) } : block,
  );
}

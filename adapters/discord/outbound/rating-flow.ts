import { ButtonStyle, ComponentType } from 'discord.js';
import type { PollOptionRecord, QuestionRecord } from '../../../src/core/records.ts';
import { encodeCustomId, selectId } from '../custom-ids.ts';
import type { Answer } from './interaction-replies.ts';
import { LIMITS, STANCES } from './layout.ts';
import { button, row } from './question-components.ts';
import { shown } from './text.ts';

/** Items per page: one row each, and a row for moving between pages. */
export const ITEMS_PER_PAGE = LIMITS.rows - 1;

export function pageOfItem(options: PollOptionRecord[], key: string): number {
  return Math.max(0, Math.floor(options.findIndex((o) => o.key === key) / ITEMS_PER_PAGE));
}

function points(question: QuestionRecord): { label: string; choice: string }[] {
  if (question.kind === 'likert')
    return (question.config.scale ?? []).map((label, i) => ({ label, choice: String(i) }));
  return [...STANCES];
}

/**
 * A page of Likert items or statements, shown only to the person rating them: a select per item that shows their
 * current rating, and Previous / Next. Used when a question has more items than one message has rows for.
 */
export function ratingPage(
  question: QuestionRecord,
  options: PollOptionRecord[],
  /** The person's current ratings: the chosen point (or stance) by item. */
  mine: ReadonlyMap<string, string>,
  page: number,
): Answer {
  const pages = Math.max(1, Math.ceil(options.length / ITEMS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const first = current * ITEMS_PER_PAGE;
  const items = options.slice(first, first + ITEMS_PER_PAGE);
  const keys = options.map((o) => o.key);
  const noun = question.kind === 'likert' ? 'items' : 'statements';
  const lines = items.map((item, i) => `**${first + i + 1}.** ${shown(item.label, 300)}`);
  const heading = `**${shown(question.prompt, 300)}**\n${noun[0]?.toUpperCase()}${noun.slice(1)} ${first + 1}–${first + items.length} of ${options.length}:`;
  const rows = items.map((item, i) => {
    const current = mine.get(item.key);
    return row([
      {
        type: ComponentType.StringSelect,
        custom_id: selectId(question.id, item.key, keys),
        placeholder: shown(`${first + i + 1}. ${item.label}`, LIMITS.placeholder),
        options: points(question).map((p) => ({
          label: shown(p.label, LIMITS.optionLabel),
          value: p.choice,
          ...(current === p.choice && { default: true }),
        })),
      },
    ]);
  });
  if (pages > 1) {
    rows.push(
      row([
        button(
          encodeCustomId({ kind: 'rate', questionId: question.id, page: Math.max(0, current - 1) }),
          'Previous',
          ButtonStyle.Secondary,
          current === 0,
        ),
        button(
          encodeCustomId({ kind: 'rate', questionId: question.id, page: Math.min(pages - 1, current + 1) }),
          'Next',
          ButtonStyle.Secondary,
          current === pages - 1,
        ),
      ]),
    );
  }
  return { text: [heading, ...lines].join('\n'), components: rows };
}

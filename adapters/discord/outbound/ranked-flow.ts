import { ButtonStyle, ComponentType } from 'discord.js';
import type { PollOptionRecord, QuestionRecord } from '../../../src/core/records.ts';
import { encodeCustomId } from '../custom-ids.ts';
import type { Answer } from './interaction-replies.ts';
import { LIMITS } from './layout.ts';
import { button, row } from './question-components.ts';
import { shown } from './text.ts';
import { ordinal } from './vote-wording.ts';

/**
 * Ranking, in successive selects shown only to the person ranking: their first choice from every option, their
 * second from those left, and so on; the order so far rides in the controls' ids, so any process can take the next
 * step. "Save this order" keeps a partial ranking.
 */
export function rankingStep(question: QuestionRecord, options: PollOptionRecord[], picked: number[]): Answer {
  const so = picked.map((index, i) => `${i + 1}. ${shown(options[index]?.label ?? '?', 150)}`).join('\n');
  const left = options
    .map((option, index) => ({ option, index }))
    .filter(({ index }) => !picked.includes(index))
    .slice(0, LIMITS.selectOptions);
  const step = picked.length + 1;
  const text = [
    `**Rank the options** for: ${shown(question.prompt, 300)}`,
    so ? `Your order so far:\n${so}` : '',
    `Pick your ${ordinal(step)} choice.`,
  ]
    .filter(Boolean)
    .join('\n');
  const rows = [
    row([
      {
        type: ComponentType.StringSelect,
        custom_id: encodeCustomId({ kind: 'rank-step', questionId: question.id, picked }),
        placeholder: `Your ${ordinal(step)} choice…`,
        options: left.map(({ option, index }) => ({
          label: shown(option.label, LIMITS.optionLabel) || option.key,
          value: String(index),
        })),
      },
    ]),
  ];
  const controls = [button(encodeCustomId({ kind: 'rank', questionId: question.id }), 'Start again')];
  if (picked.length > 0) {
    controls.unshift(
      button(
        encodeCustomId({ kind: 'rank-save', questionId: question.id, picked }),
        'Save this order',
        ButtonStyle.Success,
      ),
    );
  }
  rows.push(row(controls));
  return { text, components: rows };
}

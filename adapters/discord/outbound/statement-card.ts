import { ButtonStyle } from 'discord.js';
import type { StatementCard } from '../../../src/core/ports/chat-platform.ts';
import type { DealtStatement } from '../../../src/core/statements/deal-statement.ts';
import { encodeCustomId } from '../custom-ids.ts';
import type { Answer } from './interaction-replies.ts';
import { STANCES } from './layout.ts';
import { addStatementButton, button, row, whereIStandButton } from './question-components.ts';
import { shown } from './text.ts';

const STANCE_STYLE = {
  agree: ButtonStyle.Success,
  disagree: ButtonStyle.Danger,
  pass: ButtonStyle.Secondary,
} as const;

/** A dealt statement, shown only to the person voting: the statement, their progress, Agree / Disagree / Pass. */
function statementCardAnswer(card: StatementCard): Answer {
  const stances = STANCES.map((stance) =>
    button(
      encodeCustomId({
        kind: 'stance',
        questionId: card.questionId,
        statementKey: card.statementKey,
        vote: stance.choice,
      }),
      stance.label,
      STANCE_STYLE[stance.choice],
    ),
  );
  const add = card.allowStatements ? [addStatementButton(card.questionId)] : [];
  const buttons = [...stances, ...add, whereIStandButton(card.questionId)];
  return {
    text: [
      `**${shown(card.prompt, 300)}**`,
      `> ${shown(card.text, 400)}`,
      `*${card.voted} of ${card.total} voted*${card.source ? ` · [From a reply in the thread](${card.source})` : ''}`,
    ].join('\n'),
    components: [row(buttons)],
  };
}

/** What is dealt next: a card, or the core's word that nothing is left. */
export function dealtAnswer(dealt: DealtStatement): Answer {
  if (dealt.kind === 'card') return statementCardAnswer(dealt.card);
  const add = dealt.allowStatements ? [addStatementButton(dealt.questionId)] : [];
  return { text: dealt.message, components: [row([...add, whereIStandButton(dealt.questionId)])] };
}

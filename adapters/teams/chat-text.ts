import { renderInstants, withoutCodeMarks, zonedLabel } from '../../src/core/chat-text.ts';

/**
 * Agora's chat text as a Teams message: plain messages cannot show a time in each reader's zone (only cards can),
 * so instants are written in the programme's zone and name it; code marks are kept, Teams shows them as code.
 */
export const teamsText = (text: string) => renderInstants(text, zonedLabel);

/** Text for a card's TextBlock, where backticks are not markup. */
export const cardText = (text: string) => withoutCodeMarks(teamsText(text));

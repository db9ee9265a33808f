import { ADAPTIVE_CARD, type Card } from './connector.ts';

/** What the bot answers Teams over HTTP: an invoke's response body, with its status. */
export interface BotReply {
  status: number;
  body?: unknown;
}

export const NOT_RECORDED =
  'That was not recorded: Agora could not store it just now, so nothing changed. Please try again in a moment.';
export const ALREADY_RECEIVED = 'Agora already has this one; there is nothing more to do.';
export const UNREADABLE = 'That button is not one Agora can read any more. Open the question again and retry.';

/** A short message Teams shows the person who pressed the button (Action.Execute). */
export const saying = (text: string): BotReply => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
});

/** A card that replaces the one pressed (Action.Execute). */
export const showing = (card: Card): BotReply => ({
  status: 200,
  body: { statusCode: 200, type: ADAPTIVE_CARD, value: card },
});

/** A dialog's closing words (task/submit), or a dialog that cannot open (task/fetch). */
export const dialogSays = (text: string): BotReply => ({
  status: 200,
  body: { task: { type: 'message', value: text } },
});

import type { AckFn, ViewResponseAction } from '@slack/bolt';
import { plainInstants } from '../../../src/core/chat-text.ts';
import { isUserError, messageForUser } from '../../../src/core/errors.ts';
import { checkStatement } from '../../../src/core/statements/statement-text.ts';
import { type NoticeTarget, noticeText, notify } from '../outbound/notices.ts';
import type { SlackContext } from '../slack-context.ts';

type FormAck = AckFn<void> | AckFn<ViewResponseAction>;

/**
 * Checks a statement typed in a form before anything is kept: a refusal (empty, too long) is shown on the form's
 * field and told privately, and the caller stops. True when refused.
 */
export async function refusedInForm(
  ctx: SlackContext,
  ack: FormAck,
  author: NoticeTarget,
  text: string,
): Promise<boolean> {
  try {
    checkStatement(text, []);
    return false;
  } catch (error) {
    if (!isUserError(error)) throw error;
    const reason = messageForUser(error);
    await ack({ response_action: 'errors', errors: { statement: plainInstants(reason).slice(0, 150) } });
    await notify(ctx.api, ctx.logger, author, noticeText(reason));
    return true;
  }
}

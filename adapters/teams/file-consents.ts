import type { Activity } from '@microsoft/agents-activity';
import type { OutgoingFile } from '../../src/core/ports/chat-platform.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { personOf, tenantOf } from './activity-reading.ts';
import type { TeamsConnector } from './connector.ts';
import { consentCard, FileConsentAnswer, fileInfoCard } from './file-cards.ts';
import { FileOffers } from './file-offers.ts';
import { uploadBytes } from './file-upload.ts';
import type { BotReply } from './invoke-answers.ts';

const ANSWERED: BotReply = { status: 200 };

const ASK_AGAIN = 'Ask Agora for it again whenever you want it.';

/**
 * Files in Teams, the way Teams lets a bot send them: only in a 1:1 chat, and only once the person allows it. The
 * file is offered with a consent card; Allow brings a `fileConsent/invoke` naming an upload URL in the person's
 * OneDrive, where the bytes go, then a file card shows it in the chat. Decline, a late Allow or a second one
 * is answered with one line in the chat.
 */
export class TeamsFiles {
  readonly #offers: FileOffers;

  constructor(
    private readonly connector: TeamsConnector,
    private readonly logger: Logger,
    now: () => number,
  ) {
    this.#offers = new FileOffers(now);
  }

  /** Sends `text` with the file's consent card to a person's 1:1 chat with Agora. */
  async offer(input: {
    tenantId: string;
    chat: string;
    owner: string;
    text: string;
    file: OutgoingFile;
    replyToId?: string;
  }): Promise<void> {
    const { id, file } = this.#offers.offer(input.owner, input.file);
    const text = `${input.text}\n\nPress **Allow** on the card below to save ${file.name} to your OneDrive; it waits for you for an hour.`;
    await this.connector.send(input.tenantId, input.chat, { text, attachment: consentCard(id, file) }, input.replyToId);
  }

  /** Answers a `fileConsent/invoke`: Teams waits for 200, whatever became of the file. */
  async answer(activity: Activity): Promise<BotReply> {
    const parsed = FileConsentAnswer.safeParse(activity.value);
    const chat = activity.conversation?.id;
    if (!parsed.success || !chat) {
      this.logger.warn({ activity: activity.id }, 'an unreadable answer to a Teams file consent card');
      return ANSWERED;
    }
    const tenantId = tenantOf(activity);
    const owner = personOf(activity).platformUserId;
    const answer = parsed.data;
    const say = (text: string) => this.connector.send(tenantId, chat, { text });
    const offerId = answer.context.offer;
    if (answer.action === 'decline') {
      const outcome = this.#offers.decline(offerId, owner);
      await say(
        outcome === 'sent'
          ? 'Agora has sent that file already: it is in your OneDrive.'
          : `You declined the file, so Agora has not sent it. ${ASK_AGAIN}`,
      );
      return ANSWERED;
    }
    const taken = this.#offers.take(offerId, owner);
    if (taken.kind === 'gone') {
      await say(`That file is no longer available: Agora keeps a file for an hour after offering it. ${ASK_AGAIN}`);
      return ANSWERED;
    }
    if (taken.kind !== 'file') {
      await say(
        taken.kind === 'sent'
          ? `Agora has sent ${taken.name} already: open it from the card above, or from your OneDrive.`
          : `${taken.name} is on its way to your OneDrive already.`,
      );
      return ANSWERED;
    }
    const upload = answer.uploadInfo;
    try {
      await uploadBytes(upload.uploadUrl, taken.file.bytes);
    } catch (error) {
      this.#offers.failed(offerId);
      this.logger.error({ err: error, file: taken.file.name }, 'could not upload a file to OneDrive for Teams');
      await say(
        `Agora could not put ${taken.file.name} in your OneDrive just now. Press **Allow** again in a moment, or ask for the file again.`,
      );
      return ANSWERED;
    }
    this.#offers.sent(offerId);
    await this.connector.send(tenantId, chat, {
      text: `Here is ${upload.name}. It is in your OneDrive too.`,
      attachment: fileInfoCard(upload),
    });
    return ANSWERED;
  }
}

import { CardRuleError } from './card-rules.ts';
import type { OneDrive } from './onedrive.ts';

/**
 * What Teams takes of the cards a bot sends files with: only in a 1:1 chat, only from an app whose manifest says
 * `supportsFiles`, a consent card with the file's name and size, and a file info card naming a file that is in the
 * person's OneDrive, complete, as its upload left it.
 */
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

const fail = (message: string): never => {
  throw new CardRuleError(400, 'BadArgument', message);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface FilePlace {
  /** The person whose 1:1 chat with the bot it is; undefined in a channel. */
  personalChatOf: string | undefined;
  supportsFiles: boolean;
  onedrive: OneDrive;
}

function checkConsentCard(attachment: Record<string, unknown>, at: string): void {
  if (typeof attachment.name !== 'string' || !attachment.name.trim())
    fail(`${at}: a file consent card needs the file's name`);
  if ('contentUrl' in attachment) fail(`${at}: a file consent card has no contentUrl (the file is not uploaded yet)`);
  const content = attachment.content;
  if (!isObject(content)) fail(`${at}: a file consent card needs content`);
  const { description, sizeInBytes, acceptContext, declineContext } = content as Record<string, unknown>;
  if (description !== undefined && typeof description !== 'string') fail(`${at}: description must be text`);
  if (typeof sizeInBytes !== 'number' || !Number.isInteger(sizeInBytes) || sizeInBytes <= 0)
    fail(`${at}: sizeInBytes must be the file's size in bytes`);
  for (const [name, context] of [
    ['acceptContext', acceptContext],
    ['declineContext', declineContext],
  ] as const)
    if (context !== undefined && !isObject(context)) fail(`${at}: ${name} must be an object`);
}

function checkInfoCard(attachment: Record<string, unknown>, at: string, place: FilePlace): void {
  const content = isObject(attachment.content) ? attachment.content : fail(`${at}: a file info card needs content`);
  const { uniqueId, fileType } = content as Record<string, unknown>;
  if (typeof uniqueId !== 'string' || typeof fileType !== 'string')
    fail(`${at}: a file info card needs content.uniqueId and content.fileType`);
  const file = place.onedrive.byUniqueId(uniqueId as string);
  if (!file || file.owner !== place.personalChatOf)
    fail(`${at}: no file ${String(uniqueId)} in this person's OneDrive`);
  if (!file?.bytes) fail(`${at}: the file's upload is not complete`);
  if (attachment.contentUrl !== file?.contentUrl) fail(`${at}: contentUrl must be the file's, as Teams gave it`);
  if (attachment.name !== file?.name) fail(`${at}: name must be the file's, as Teams gave it`);
  if (fileType !== (file?.name.split('.').pop() ?? '')) fail(`${at}: fileType must be the file's, as Teams gave it`);
}

/** Throws a CardRuleError for a file card Teams would refuse where it is sent. */
export function checkFileCards(activity: Record<string, unknown>, place: FilePlace): void {
  const attachments = (activity.attachments as Record<string, unknown>[] | undefined) ?? [];
  for (const [i, attachment] of attachments.entries()) {
    const at = `attachments[${i}]`;
    if (attachment.contentType !== FILE_CONSENT_CARD && attachment.contentType !== FILE_INFO_CARD) continue;
    if (!place.supportsFiles) fail(`${at}: the app's manifest does not declare supportsFiles`);
    if (place.personalChatOf === undefined) fail(`${at}: bots can send files only in a 1:1 chat`);
    if (attachment.contentType === FILE_CONSENT_CARD) checkConsentCard(attachment, at);
    else checkInfoCard(attachment, at, place);
  }
}

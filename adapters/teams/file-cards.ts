import { z } from 'zod';
import type { OtherAttachment } from './connector.ts';
import type { OfferedFile } from './file-offers.ts';

/**
 * Teams's own cards for files a bot sends in a 1:1 chat: the consent card asks the person to let Agora put the
 * file in their OneDrive (Teams shows it with Allow and Decline), the info card shows the file once it is there.
 */
const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** What comes back with Allow or Decline: the offer it answers. */
const OfferContext = z.object({ offer: z.string().min(1).max(100) });

export function consentCard(offerId: string, file: OfferedFile): OtherAttachment {
  const context = { offer: offerId };
  return {
    contentType: FILE_CONSENT_CARD,
    name: file.name,
    content: {
      description: file.title,
      sizeInBytes: file.bytes.length,
      acceptContext: context,
      declineContext: context,
    },
  };
}

/** Where Teams asks the file to go, once the person has allowed it (OneDrive for Business). */
const UploadInfo = z.object({
  name: z.string().min(1),
  uploadUrl: z.url(),
  contentUrl: z.string().min(1),
  uniqueId: z.string().min(1),
  fileType: z.string(),
});
type UploadInfo = z.infer<typeof UploadInfo>;

/** The value of a `fileConsent/invoke`: the person's answer to a consent card. */
export const FileConsentAnswer = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), context: OfferContext, uploadInfo: UploadInfo }),
  z.object({ action: z.literal('decline'), context: OfferContext }),
]);

export function fileInfoCard(upload: UploadInfo): OtherAttachment {
  return {
    contentType: FILE_INFO_CARD,
    name: upload.name,
    contentUrl: upload.contentUrl,
    content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
  };
}

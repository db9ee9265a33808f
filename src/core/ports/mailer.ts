/** What the core asks of an outgoing mail service (SMTP in production). */

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  /** The plain-text alternative of the HTML body. */
  text: string;
  attachments: MailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe. */
  headers: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the server has accepted the message; throws when it refuses or cannot be reached. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

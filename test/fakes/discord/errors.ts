/** An error answered the way Discord answers it: an HTTP status and a JSON body with a numeric code. */
export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors && { errors: this.errors }) };
  }
}

export const unauthorized = () => new DiscordApiError(401, 0, '401: Unauthorized');
export const notFound = () => new DiscordApiError(404, 0, '404: Not Found');
export const methodNotAllowed = () => new DiscordApiError(405, 0, '405: Method Not Allowed');
export const unknownGuild = () => new DiscordApiError(404, 10004, 'Unknown Guild');
export const unknownChannel = () => new DiscordApiError(404, 10003, 'Unknown Channel');
export const unknownMember = () => new DiscordApiError(404, 10007, 'Unknown Member');
export const unknownMessage = () => new DiscordApiError(404, 10008, 'Unknown Message');
export const unknownUser = () => new DiscordApiError(404, 10013, 'Unknown User');
export const unknownWebhook = () => new DiscordApiError(404, 10015, 'Unknown Webhook');
export const invalidWebhookToken = () => new DiscordApiError(401, 50027, 'Invalid Webhook Token');
export const unknownInteraction = () => new DiscordApiError(404, 10062, 'Unknown interaction');
export const alreadyAcknowledged = () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.');
export const requestTooLarge = () => new DiscordApiError(413, 40005, 'Request entity too large');
export const tagRequired = () =>
  new DiscordApiError(400, 40067, 'A tag is required to create a forum post in this channel');
export const missingAccess = () => new DiscordApiError(403, 50001, 'Missing Access');
export const missingPermissions = () => new DiscordApiError(403, 50013, 'Missing Permissions');
export const cannotEditOthersMessage = () =>
  new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user');
export const cannotMessageUser = () => new DiscordApiError(403, 50007, 'Cannot send messages to this user');
export const wrongChannelType = () => new DiscordApiError(400, 50024, 'Cannot execute action on this channel type');
export const nonTextChannel = () => new DiscordApiError(400, 50008, 'Cannot send messages in a non-text channel');
export const emptyMessage = () => new DiscordApiError(400, 50006, 'Cannot send an empty message');
export const threadAlreadyExists = () =>
  new DiscordApiError(400, 160004, 'A thread has already been created for this message');
export const invalidFormBody = (errors: Record<string, unknown>) =>
  new DiscordApiError(400, 50035, 'Invalid Form Body', errors);

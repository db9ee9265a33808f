import { AgoraError } from '../../src/core/errors.ts';

/** What the Bot Connector answered, read from the SDK's HttpError (its response's status and error code). */
function connectorFailure(error: unknown): { status: number; code: string } | undefined {
  const response = (error as { response?: { status?: unknown; data?: { error?: { code?: unknown } } } }).response;
  if (typeof response?.status !== 'number') return undefined;
  const code = response.data?.error?.code;
  return { status: response.status, code: typeof code === 'string' ? code : '' };
}

/**
 * The Bot Connector's 403 in a channel (Agora was removed from the team, or never added to it), as a PLATFORM_ERROR
 * whose `access` the core tells the organisers of; any other error as it came.
 */
export function channelRefusal(error: unknown, action: string, tenantId: string, channelId: string): unknown {
  const failure = connectorFailure(error);
  if (failure?.status !== 403) return error;
  const where = `the Teams channel https://teams.microsoft.com/l/channel/${encodeURIComponent(channelId)}/?tenantId=${encodeURIComponent(tenantId)}`;
  const advice = 'Agora is not a member there: add Agora to that team (Manage team → Apps); the job retries.';
  return new AgoraError(
    'PLATFORM_ERROR',
    `Teams refused to ${action} (${failure.code || failure.status}). ${advice}`,
    { teamsCode: failure.code, retryable: true, advice, access: { where, advice } },
    { cause: error },
  );
}

/**
 * A link to a message from its opaque reference: `slack:T:C:1700000000.000100` opens through Slack's app
 * redirect, `discord:G:C:M` as a Discord message link. Other references (the sandbox) have no link.
 */
export function messageLink(messageRef: string | null): string | null {
  if (!messageRef) return null;
  const [platform, workspace, channel, message, ...rest] = messageRef.split(':');
  if (!workspace || !channel || !message || rest.length > 0) return null;
  if (platform === 'slack') {
    if (!/^[A-Z0-9]+$/i.test(channel) || !/^\d+(\.\d+)?$/.test(message)) return null;
    return `https://slack.com/app_redirect?channel=${encodeURIComponent(channel)}&message_ts=${encodeURIComponent(message)}`;
  }
  if (platform === 'discord') {
    if (![workspace, channel, message].every((part) => /^\d+$/.test(part))) return null;
    return `https://discord.com/channels/${workspace}/${channel}/${message}`;
  }
  return null;
}

/**
 * Agora's references to Slack messages: `slack:TEAM:CHANNEL:TS`, e.g. `slack:T0123:C0456:1717000010.000100`.
 * A message's reference is also its idempotency key: it names the message, not the event that told us about it, so a
 * live event, a redelivery and a catch-up of the same message all record it once.
 */

export interface SlackMessageAddress {
  team: string;
  channel: string;
  ts: string;
}

const REF = /^slack:([^:\s]+):([^:\s]+):(\d+\.\d+)$/;

export function messageRef(team: string, channel: string, ts: string): string {
  return `slack:${team}:${channel}:${ts}`;
}

export function parseMessageRef(ref: string | null | undefined): SlackMessageAddress | undefined {
  const match = ref ? REF.exec(ref) : null;
  if (!match) return undefined;
  return { team: match[1] as string, channel: match[2] as string, ts: match[3] as string };
}

/** A message ts ("1717000020.000200") as the instant it names. */
export function tsToDate(ts: string): Date {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return new Date(Number(seconds) * 1000 + Math.floor(Number(fraction.padEnd(6, '0')) / 1000));
}

/**
 * The message a Slack permalink names: `https://x.slack.com/archives/C0456/p1717000020000200?thread_ts=...`.
 * Slack writes links in message text as `<url>` or `<url|label>`; both are found.
 */
export function permalinkTargets(text: string): { channel: string; ts: string }[] {
  const found: { channel: string; ts: string }[] = [];
  for (const match of text.matchAll(/https?:\/\/[^\s<>|]+\/archives\/([A-Za-z0-9_]+)\/p(\d{10})(\d{6})/g)) {
    found.push({ channel: match[1] as string, ts: `${match[2]}.${match[3]}` });
  }
  return found;
}

/**
 * A `Recipient.replyHandle` that says "in this thread": a notice about a reply is shown there, to its writer only
 * (an ephemeral message in the thread). An interaction's handle is its `response_url` instead.
 */
export function threadReplyHandle(channel: string, threadTs: string): string {
  return `thread:${channel}:${threadTs}`;
}

export function parseThreadReplyHandle(handle: string): { channel: string; threadTs: string } | undefined {
  const match = /^thread:([^:\s]+):(\d+\.\d+)$/.exec(handle);
  return match ? { channel: match[1] as string, threadTs: match[2] as string } : undefined;
}

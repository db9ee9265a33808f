/** Shared vocabulary of the core: platforms, channels, people and the kinds of question a programme asks. */
export const PLATFORMS = ['slack', 'discord', 'web', 'teams'] as const;
export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(name: string): name is Platform {
  return (PLATFORMS as readonly string[]).includes(name);
}

export const QUESTION_KINDS = ['open', 'single_choice', 'multi_choice', 'ranked', 'likert', 'statements'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const ANONYMITY_LEVELS = ['named', 'pseudonymous', 'anonymous'] as const;
export type Anonymity = (typeof ANONYMITY_LEVELS)[number];

export const RESULTS_VISIBILITY = ['live', 'on_close'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number];

export type Role = 'organiser' | 'participant';

export type QuestionStatus = 'scheduled' | 'open' | 'closed' | 'archived';

/** A concrete place to post: a Slack channel in a workspace, a Discord channel in a guild, a sandbox page. */
export interface ChannelAddress {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

/** A person as a platform knows them. */
export interface PlatformIdentity {
  platform: Platform;
  platformUserId: string;
  displayName: string;
}

export interface Attachment {
  name: string;
  url: string;
}

export function channelKey(address: ChannelAddress): string {
  return `${address.platform}:${address.workspaceId}/${address.channelId}`;
}

/** Parses `slack:T123/C456` (or discord:GUILD/CHANNEL, web:sandbox/NAME, teams:TENANT/CHANNEL) into an address. */
export function parseChannelKey(text: string): ChannelAddress | undefined {
  const match = /^(slack|discord|web|teams):([^/\s]+)\/([^/\s]+)$/.exec(text.trim());
  if (!match) return undefined;
  return { platform: match[1] as Platform, workspaceId: match[2] as string, channelId: match[3] as string };
}

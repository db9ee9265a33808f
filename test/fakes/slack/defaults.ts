import type { ChannelSpec, UserSpec } from './workspace.ts';

export const DEFAULT_USERS: UserSpec[] = [
  { id: 'U_ALICE', name: 'alice', realName: 'Alice Archer', email: 'alice@example.org', tz: 'Europe/London' },
  { id: 'U_BOB', name: 'bob', realName: 'Bob Baker', email: 'bob@example.org', tz: 'America/New_York' },
  { id: 'U_CAROL', name: 'carol', realName: 'Carol Chen', email: 'carol@example.org', tz: 'Asia/Singapore' },
];

export const DEFAULT_CHANNELS: ChannelSpec[] = [
  { id: 'C_STAFF', name: 'staff' },
  { id: 'C_GENERAL', name: 'general' },
  { id: 'C_OUTSIDE', name: 'outside', botIsMember: false },
  { id: 'G_LEADERSHIP', name: 'leadership', isPrivate: true, members: ['U_ALICE', 'U_BOB'] },
];

export const DEFAULTS = {
  teamId: 'T_AGORA',
  teamName: 'Agora Test',
  teamDomain: 'agora-test',
  appId: 'A_AGORA',
  bot: { userId: 'U_AGORA', botId: 'B_AGORA', name: 'agora' },
  botToken: 'xoxb-agora-test',
  appToken: 'xapp-agora-test',
  signingSecret: 'agora-signing-secret',
  ackTimeoutMs: 3000,
  triggerLifetimeMs: 3000,
  responseUrlLifetimeMs: 30 * 60 * 1000,
  responseUrlUses: 5,
};

import { ChannelType } from 'discord.js';
import type { GuildSeed, UserSeed } from './options.ts';

/** Ids of the world the fake starts with when no guilds or users are given. */
export const defaultIds = {
  applicationId: '1100000000000000100',
  guild: '1100000000000000001',
  moderatorRole: '1100000000000000002',
  alice: '1100000000000000010',
  bob: '1100000000000000011',
  /** Refuses DMs. */
  carol: '1100000000000000012',
  general: '1100000000000000020',
  forum: '1100000000000000021',
  /** A public thread under #general. */
  thread: '1100000000000000022',
  /** The bot cannot see it (50001). */
  hidden: '1100000000000000023',
  /** The bot can read but not write (50013). */
  readOnly: '1100000000000000024',
  questionTag: '1100000000000000031',
  ideaTag: '1100000000000000032',
} as const;

export const defaultUsers: UserSeed[] = [
  { id: defaultIds.alice, username: 'alice', globalName: 'Alice' },
  { id: defaultIds.bob, username: 'bob', globalName: 'Bob' },
  { id: defaultIds.carol, username: 'carol', globalName: 'Carol', acceptsDirectMessages: false },
];

export const defaultGuilds: GuildSeed[] = [
  {
    id: defaultIds.guild,
    name: 'Agora Test Guild',
    ownerId: defaultIds.alice,
    roles: [{ id: defaultIds.moderatorRole, name: 'Moderator', permissions: 1n << 13n }],
    members: [
      { userId: defaultIds.alice, roleIds: [defaultIds.moderatorRole] },
      { userId: defaultIds.bob },
      { userId: defaultIds.carol },
    ],
    channels: [
      { type: ChannelType.GuildText, id: defaultIds.general, name: 'general', topic: 'Everything else' },
      {
        type: ChannelType.GuildForum,
        id: defaultIds.forum,
        name: 'consultations',
        tags: [
          { id: defaultIds.questionTag, name: 'question' },
          { id: defaultIds.ideaTag, name: 'idea' },
        ],
      },
      {
        type: ChannelType.PublicThread,
        id: defaultIds.thread,
        name: 'Pilot timing',
        parentId: defaultIds.general,
        ownerId: defaultIds.bob,
      },
      { type: ChannelType.GuildText, id: defaultIds.hidden, name: 'staff-only', access: 'none' },
      { type: ChannelType.GuildText, id: defaultIds.readOnly, name: 'announcements', access: 'read-only' },
    ],
  },
];

import type { APIApplication } from 'discord.js';
import type { FakeContext } from './context.ts';
import { unknownGuild, unknownMember } from './errors.ts';
import { memberPayload } from './payloads.ts';
import { json, type RestRequest, type Route } from './router.ts';
import { applicationFlags } from './world.ts';

function guildFor(context: FakeContext, request: RestRequest) {
  const guild = context.world.guilds.get(request.params.guildId ?? '');
  if (!guild) throw unknownGuild();
  return guild;
}

function application(context: FakeContext): APIApplication {
  const { world } = context;
  return {
    id: world.applicationId,
    name: world.bot.username,
    icon: null,
    description: '',
    summary: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: world.bot,
    verify_key: '0'.repeat(64),
    team: null,
    flags: applicationFlags(world),
    flags_new: String(applicationFlags(world)),
  };
}

/** The gateway's address, the bot's own user and application, users, and guild members and roles. */
export function coreRoutes(context: FakeContext, gatewayUrl: string): Route[] {
  const { world } = context;
  return [
    {
      method: 'GET',
      pattern: '/gateway/bot',
      handle: () =>
        json({
          url: gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        }),
    },
    { method: 'GET', pattern: '/gateway', needsToken: false, handle: () => json({ url: gatewayUrl }) },
    { method: 'GET', pattern: '/users/@me', handle: () => json(world.bot) },
    {
      method: 'GET',
      pattern: '/users/:userId',
      handle: (request) => json(world.userFor(request.params.userId ?? '').data),
    },
    { method: 'GET', pattern: '/applications/@me', handle: () => json(application(context)) },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/members/:userId',
      handle: (request) => {
        const member = guildFor(context, request).members.get(request.params.userId ?? '');
        if (!member) throw unknownMember();
        return json(memberPayload(world, member));
      },
    },
    { method: 'GET', pattern: '/guilds/:guildId/roles', handle: (request) => json(guildFor(context, request).roles) },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/channels',
      handle: (request) => {
        const guild = guildFor(context, request);
        const channels = [...world.channels.values()].filter((channel) => world.guildOf(channel) === guild);
        return json(channels.filter((channel) => !('thread_metadata' in channel.data)).map((channel) => channel.data));
      },
    },
  ];
}

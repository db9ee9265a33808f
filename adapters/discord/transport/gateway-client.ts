import { Client, Events, GatewayCloseCodes, GatewayIntentBits, Options } from 'discord.js';

export interface GatewaySettings {
  apiUrl: string;
  /** Total shards (DISCORD_SHARD_COUNT); this process runs all of them unless started by a ShardingManager. */
  shardCount?: number;
}

/** The intents Agora asks for; Message Content is privileged and may be refused (see ContentAccess). */
export function intentsFor(withContent: boolean): GatewayIntentBits[] {
  return [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    ...(withContent ? [GatewayIntentBits.MessageContent] : []),
  ];
}

/**
 * Sharding is always explicit: `shards: 'auto'` would ask discord.com for a count, whatever API is configured.
 * A process started by discord.js's ShardingManager is told its shards (SHARDS, SHARD_COUNT) and keeps them.
 */
function sharding(settings: GatewaySettings): { shards?: number[]; shardCount?: number } {
  if (process.env.SHARDS) return {};
  const count = Math.max(1, settings.shardCount ?? 1);
  return { shards: Array.from({ length: count }, (_, i) => i), shardCount: count };
}

/**
 * A discord.js client on the configured API (the gateway URL then comes from that API's GET /gateway/bot). It
 * never pings (`allowedMentions: { parse: [] }` on everything it sends) and keeps no message cache: messages are
 * read from the gateway's own payloads.
 */
export function buildClient(settings: GatewaySettings, withContent: boolean): Client {
  return new Client({
    intents: intentsFor(withContent),
    rest: { api: settings.apiUrl },
    allowedMentions: { parse: [], repliedUser: false },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    ...sharding(settings),
  });
}

/** Discord closed the gateway with 4014: the application may not use a privileged intent it asked for. */
export function isDisallowedIntents(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return (
    e?.code === GatewayCloseCodes.DisallowedIntents ||
    e?.code === 'DisallowedIntents' ||
    (typeof e?.message === 'string' && /disallowed intents/i.test(e.message))
  );
}

/** Logs in and waits until every shard of this process has its guilds. */
export async function loginAndWait(client: Client, token: string, timeoutMs: number): Promise<void> {
  let onReady: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    timer = setTimeout(() => reject(new Error(`Discord was not ready within ${timeoutMs} ms`)), timeoutMs);
  });
  ready.catch(() => {});
  client.once(Events.ClientReady, () => onReady?.());
  try {
    await client.login(token);
    await ready;
  } finally {
    clearTimeout(timer);
  }
}

interface PacketHandling {
  handlePacket(packet?: { t?: string | null }, shard?: unknown): boolean;
}

/**
 * discord.js updates its caches from every gateway packet, and a packet it cannot read (a field Discord's
 * documentation says is always there, missing) throws where nothing catches it: an unhandled rejection that would
 * end the process. Such a packet is logged and left; Agora's own listeners have seen it already.
 */
export function guardPacketHandling(
  client: Client,
  onError: (error: unknown, event: string | undefined) => void,
): void {
  const ws = client.ws as unknown as PacketHandling;
  const handle = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (error) {
      onError(error, packet?.t ?? undefined);
      return true;
    }
  };
}

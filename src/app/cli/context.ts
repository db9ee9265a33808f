import { openStore, type PrismaStore } from '../../../adapters/prisma/prisma-store.ts';
import type { CoreDeps } from '../../core/consultation/deps.ts';
import { PlatformRegistry } from '../../core/consultation/deps.ts';
import { systemClock } from '../../core/ports/clock.ts';
import { silentLogger } from '../../core/ports/logger.ts';
import type { SummaryDeps } from '../../core/summaries/summarise-question.ts';
import { channelDirectory, parseChannelMap } from '../channel-map.ts';
import { summaryWriterFrom } from '../compose/summary-writer-from-config.ts';
import { ConfigError, platformsConfigured, readConfig } from '../config.ts';

/** What CLI commands share: configuration, and the store opened (and migrated) on first use. */
export async function withStore<T>(work: (store: PrismaStore, deps: CoreDeps & SummaryDeps) => Promise<T>): Promise<T> {
  const config = readConfig();
  const store = await openStore(config.DATABASE_URL);
  try {
    return await work(store, {
      store,
      clock: systemClock,
      logger: silentLogger,
      platforms: new PlatformRegistry(),
      summaryWriter: summaryWriterFrom(config),
      summaryWriterTimeoutMs: config.LLM_TIMEOUT_MS,
    });
  } finally {
    await store.close();
  }
}

export function cliChannelDirectory() {
  const config = readConfig();
  const { map, problems } = parseChannelMap(config.CHANNEL_MAP);
  if (problems.length > 0) throw new ConfigError(problems.map((problem) => `CHANNEL_MAP: ${problem}`));
  return channelDirectory(map, platformsConfigured(config).sandbox);
}

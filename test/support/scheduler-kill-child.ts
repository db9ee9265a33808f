import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { createConsultationScheduler } from '../../adapters/scheduler/create-scheduler.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import { FileRecordingPlatform, type PostCounter } from '../fakes/file-recording-platform.ts';

/**
 * A scheduler process whose chat platform posts the first question, then hangs on the next post for ever: the test
 * kills it there with SIGKILL. Environment: DATABASE_URL, CALLS_FILE (what the platforms "posted"), NOW (ISO).
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const now = new Date(env('NOW'));
const store = await openStore(env('DATABASE_URL'), { migrate: false });
const counter: PostCounter = { posts: 0, hangOn: 2 };
const platforms = new PlatformRegistry();
for (const platform of ['slack', 'discord'] as const)
  platforms.register(new FileRecordingPlatform(platform, env('CALLS_FILE'), counter));
const scheduler = createConsultationScheduler(
  { store, clock: { now: () => now }, logger: silentLogger, platforms },
  { workerId: 'doomed-process', quietHours: null, deliverDigest: async () => {} },
);
console.log('running');
await scheduler.runDue();
console.log('finished without hanging');
process.exit(1);

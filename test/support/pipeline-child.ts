import { writeSync } from 'node:fs';
import pino from 'pino';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { createInboundPipeline } from '../../src/app/compose/pipeline.ts';
import { guardProcess } from '../../src/app/compose/process-guard.ts';
import { agoraShutdownSteps, exitOnSignals, shutDown } from '../../src/app/compose/shutdown.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import type { InboundEvent } from '../../src/core/inbound/inbound-event.ts';
import { systemClock } from '../../src/core/ports/clock.ts';
import { InProcessPlatform } from '../fakes/in-process-platform.ts';
import { slackThreadReply } from './inbound-events.ts';

/**
 * A process that stands in for Agora under a stream of replies: the real store, the real pipeline as the composition
 * root creates it, the process guard and the shutdown order of `src/app/main.ts`. An "adapter" loop submits replies to
 * one thread, CONCURRENCY at a time, as platforms deliver them, and says on stdout what happened to each:
 *   submitted N · ack N stored|duplicate · refused N · drained MS
 * Environment: DATABASE_URL, THREAD (the question's thread ref), MODE (stream | drain), COUNT, CONCURRENCY, FROM,
 * PACE_MS (each submitter's pause between events), FAULTS (1: throw a stray error and leave a rejection unhandled once the stream runs).
 */
const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const say = (line: string) => writeSync(1, `${line}\n`);

const started = Date.now();
const logger = pino({ level: 'info', base: { service: 'agora-child' } }, pino.destination(2));
const store = await openStore(env('DATABASE_URL'), { migrate: false });
const guard = guardProcess(logger);
const platforms = new PlatformRegistry();
platforms.register(new InProcessPlatform('slack'));
const deps = { store, clock: systemClock, logger, platforms };
const pipeline = createInboundPipeline(deps);
const thread = env('THREAD');

let taking = true;
exitOnSignals(logger, () =>
  shutDown(
    logger,
    agoraShutdownSteps({
      scheduler: null,
      email: { close() {} },
      // Stands for the HTTP server and the platforms' connections: nothing new is delivered from here on.
      http: { stop: () => (taking = false) },
      pipeline,
      slack: null,
      discord: null,
      store,
    }),
  ),
);

const reply = (i: number): InboundEvent =>
  slackThreadReply({
    thread,
    ts: `${1_700_000_000 + i}.000100`,
    author: { platform: 'slack', platformUserId: `U${i % 997}`, displayName: `Person ${i % 997}` },
    body: `Reply number ${i}: fewer meetings, more time to plan.`,
    at: new Date(),
  });

if (env('MODE') === 'drain') {
  await pipeline.start();
  for (;;) {
    const counts = await store.inbox.counts().catch(() => null);
    if (counts && counts.pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  say(`drained ${Date.now() - started}`);
  await pipeline.stop();
  await store.close();
  process.exit(0);
}

await pipeline.start();
say('ready');
const count = Number(env('COUNT', '1000000'));
const concurrency = Number(env('CONCURRENCY', '50'));
let next = Number(env('FROM', '0'));
let acked = 0;
const faults = env('FAULTS', '0') === '1';
const paceMs = Number(env('PACE_MS', '0'));
const submitOne = async (i: number) => {
  say(`submitted ${i}`);
  try {
    say(`ack ${i} ${await pipeline.submit(reply(i))}`);
    acked++;
    if (faults && acked === 100) {
      // What an SDK callback or a gateway packet might do: neither may end the process.
      setTimeout(() => {
        throw new Error('a packet nobody could parse');
      });
      void Promise.reject(new Error('a promise nobody awaited'));
    }
  } catch {
    say(`refused ${i}`);
  }
};
const worker = async () => {
  while (taking && next < count) {
    await submitOne(next++);
    if (paceMs) await new Promise((resolve) => setTimeout(resolve, paceMs));
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
if (taking) {
  say(`done ${guard.caught.uncaughtExceptions} ${guard.caught.unhandledRejections}`);
  // Keeps applying until told to stop (a signal), as a server would.
  await new Promise(() => {});
}

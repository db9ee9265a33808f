import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { coreHarness } from '../support/core-harness.ts';
import { spawnScript } from '../support/spawn-script.ts';

const lines = (output: string, word: string) =>
  output
    .split('\n')
    .filter((l) => l.startsWith(`${word} `))
    .map((l) => Number(l.split(' ')[1]));

async function until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The real pipeline, process guard and shutdown order in a child process fed a stream of replies. */
describe('a running process', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let thread: string;
  beforeEach(async () => {
    h = await coreHarness();
    await openQuestion(h.deps, h.question('q-open').id);
    thread = h.platform.posted[0]?.ref.threadRef as string;
  });
  afterEach(async () => h.close());

  it('survives stray errors, and on SIGTERM stores every event handed to the pipeline before it exits', async () => {
    const child = spawnScript('test/support/pipeline-child.ts', {
      DATABASE_URL: h.databaseUrl,
      THREAD: thread,
      MODE: 'stream',
      CONCURRENCY: '64',
      PACE_MS: '5',
      FAULTS: '1',
    });
    let acks = 0;
    child.child.stdout?.on('data', (chunk: Buffer) => {
      acks += chunk.toString().split('\nack ').length - 1;
    });
    try {
      await child.waitFor(/^ready$/, 90_000);
      // The faults come at the 100th acknowledgement; the stream goes on well past them.
      await until(
        () => acks >= 600,
        90_000,
        () => child.output().slice(-2000),
      );
      child.child.kill('SIGTERM');
      expect(await child.exited).toEqual({ code: 0, signal: null });
    } finally {
      child.child.kill('SIGKILL');
    }
    const output = child.output();
    expect(output).toContain('a packet nobody could parse');
    expect(output).toContain('a promise nobody awaited');
    expect(output).toMatch(/"origin":"uncaughtException"/);
    const submitted = lines(output, 'submitted');
    const acked = lines(output, 'ack');
    expect(lines(output, 'refused')).toEqual([]);
    // Events in the commit that was running, and those waiting for the next one, were acknowledged before exit.
    expect(acked.sort((a, b) => a - b)).toEqual(submitted.sort((a, b) => a - b));

    // After a restart the inbox holds each of them once, and each becomes one response.
    h.clock.set(new Date());
    const pipeline = new InboundPipeline({ inbox: h.store.inbox, deps: h.deps, worker: 'restart' });
    await pipeline.drain();
    await pipeline.stop();
    const responses = await h.store.responses.listByQuestion(h.question('q-open').id);
    const stored = responses.map((r) => Number(/(\d+)\.000100$/.exec(r.messageRef ?? '')?.[1]) - 1_700_000_000);
    expect(stored.length).toBe(new Set(stored).size);
    expect(stored.sort((a, b) => a - b)).toEqual(submitted);
  }, 240_000);
});

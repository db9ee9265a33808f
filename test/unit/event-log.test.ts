import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { InMemoryInbox } from '../fakes/in-memory-inbox.ts';
import { coreHarness } from '../support/core-harness.ts';
import { slackThreadReply } from '../support/inbound-events.ts';

describe('the log of one inbound event', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let inbox: InMemoryInbox;
  let pipeline: InboundPipeline;
  const lines: Record<string, unknown>[] = [];

  beforeEach(async () => {
    h = await coreHarness();
    lines.length = 0;
    // The logger the program uses, writing its JSON lines here instead of to stdout.
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    inbox = new InMemoryInbox();
    pipeline = new InboundPipeline({
      inbox,
      deps: { ...h.deps, logger },
      worker: 'test',
      tuning: { refreshDelayMs: 5, pollMs: 10, waitForEarlierMs: 60_000, maxAttempts: 2 },
    });
    await openQuestion(h.deps, h.question('q-open').id);
  });
  afterEach(async () => {
    await pipeline.stop();
    await h.close();
  });

  it('carries the idempotency key and the platform on every line, from a failed commit to the event applied', async () => {
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    const event = slackThreadReply({
      thread,
      ts: '1.1',
      author: h.person('U1'),
      body: 'Fewer meetings',
      at: h.clock.now(),
      notice: { platformUserId: 'U1', workspaceId: 'T1' },
    });
    inbox.failAppends = 1;
    await expect(pipeline.submit(event)).rejects.toThrow();
    expect(await pipeline.submit(event)).toBe('stored');
    await pipeline.drain();

    const followed = lines.filter((line) => line.event === event.key);
    expect(followed.map((line) => line.msg)).toEqual([
      'an inbound event could not be written to the inbox',
      'an inbound event was applied',
    ]);
    for (const line of followed) expect(line.platform).toBe('slack');
    expect(followed[1]).toMatchObject({ kind: 'response.posted', outcome: 'recorded' });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHealthRoutes } from '../../adapters/http/mount-health.ts';
import { HttpServer } from '../../adapters/http/server.ts';
import { createWebAdapter } from '../../adapters/web/index.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { createConsultation } from '../../src/core/consultation/consultation.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import type { InboundEvent } from '../../src/core/inbound/inbound-event.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import type { PlatformIdentity } from '../../src/core/types.ts';
import { coreHarness } from '../support/core-harness.ts';
import { slackThreadReply } from '../support/inbound-events.ts';
import { runAgoraCli } from '../support/run-agora.ts';
import { textOf } from '../support/web-driver.ts';

/** A poison event parked by the real pipeline over a real SQLite store, as the operator and organisers see it. */
describe('parked events', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let pipeline: InboundPipeline;
  let http: HttpServer;
  let base: string;
  let close: () => void;

  beforeEach(async () => {
    h = await coreHarness();
    h.clock.set(new Date());
    pipeline = new InboundPipeline({
      inbox: h.store.inbox,
      deps: h.deps,
      worker: 'test',
      tuning: { maxAttempts: 1, pollMs: 10 },
    });
    const consultation = createConsultation(h.deps, pipeline);
    const web = createWebAdapter({
      consultation,
      commands: createCommandRegistry(null),
      sandbox: false,
    });
    http = new HttpServer(silentLogger);
    for (const [prefix, handler] of createHealthRoutes(h.store, { pipeline })) http.mount(prefix, handler);
    for (const prefix of web.prefixes) http.mount(prefix, web.listener);
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    close = () => web.close();

    await openQuestion(h.deps, h.question('q-open').id);
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    const reply = (ts: string, author: PlatformIdentity): InboundEvent =>
      slackThreadReply({ thread, ts, author, body: 'A reply', at: h.clock.now() });
    // A reply with no author (a bug in some adapter) cannot be applied however often it is tried: parked.
    await pipeline.submit(reply('1.1', null as unknown as PlatformIdentity));
    await pipeline.submit(reply('1.2', h.person('U2')));
    await pipeline.drain();
  });
  afterEach(async () => {
    close();
    await http.close();
    await pipeline.stop();
    await h.close();
  });

  it('are counted in /metrics, with the pipeline counters', async () => {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('agora_inbox_events{status="parked"} 1');
    expect(metrics).toContain('agora_inbox_events{status="applied"} 1');
    expect(metrics).toContain('agora_inbound_events{outcome="parked"} 1');
    expect(metrics).toContain('agora_inbound_events{outcome="committed"} 2');
  });

  it('are listed with their error by `agora inbox list`, and put back by `agora inbox retry`', async () => {
    const env = { DATABASE_URL: h.databaseUrl, NO_COLOR: '1' };
    const [parked] = await h.store.inbox.list('parked', 10);
    const listed = await runAgoraCli(['inbox', 'list', '--parked'], env);
    expect(listed.code).toBe(0);
    expect(listed.output).toContain('0 pending, 1 parked, 1 applied');
    expect(listed.output).toMatch(new RegExp(`${parked?.id}\\s+parked\\s+response.posted`));
    expect(listed.output).toContain('slack:T1:C_STAFF:1.1');
    expect(listed.output).toContain('TypeError');
    expect(listed.output).toContain('agora inbox retry');

    const refused = await runAgoraCli(['inbox', 'retry', 'first'], env);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('event ids are whole numbers');

    const retried = await runAgoraCli(['inbox', 'retry', String(parked?.id)], env);
    expect(retried.code).toBe(0);
    expect(retried.output).toContain('Put 1 parked event(s) back');
    expect(await h.store.inbox.counts()).toEqual({ pending: 1, applied: 1, parked: 0 });
    const json = JSON.parse((await runAgoraCli(['inbox', 'list', '--json'], env)).output);
    expect(json.pending).toEqual([expect.objectContaining({ id: parked?.id, attempts: 0, status: 'pending' })]);
    expect(JSON.stringify(json)).not.toContain('A reply');
  }, 180_000);

  it('are shown on the organisers’ dashboard, with how to retry them, and never what was written', async () => {
    const page = await (await fetch(`${base}/dashboard`)).text();
    const section = textOf(/<section id="inbound"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '');
    expect(section).toContain('0 pending, 1 parked, 1 applied in the last week');
    expect(section).toContain('response.posted');
    expect(section).toContain('slack:T1:C_STAFF:1.1');
    expect(section).toContain('TypeError');
    expect(section).toContain('agora inbox retry');
    expect(section).not.toContain('A reply');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { recordResponse } from '../../src/core/consultation/record-response.ts';
import { startWebSandbox, WebClient } from '../support/web-driver.ts';

/** The live pages' event streams: what changed reaches them, and nothing about who changed it. */

async function listen(base: string, path: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${base}${path}`, { headers, signal: controller.signal });
  const events: { event: string; data: string }[] = [];
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) events.push({ event, data: data ?? '' });
      }
    }
  })();
  const waitFor = async (test: (e: { event: string; data: string }) => boolean, timeoutMs = 8000) => {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const found = events.find(test);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no such event in ${JSON.stringify(events)}`);
  };
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    events,
    waitFor,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

describe('live updates', () => {
  let sandbox: Awaited<ReturnType<typeof startWebSandbox>>;
  afterEach(async () => sandbox.stop());

  it('tells the dashboard when a sandbox reply is recorded, with ids only', async () => {
    sandbox = await startWebSandbox();
    const question = await sandbox.question('q-open');
    await openQuestion(sandbox.deps, question.id);
    const stream = await listen(sandbox.base, '/dashboard/events');
    expect(stream.status).toBe(200);
    expect(stream.type).toContain('text/event-stream');
    await stream.waitFor((e) => e.event === 'ready');
    const alice = new WebClient(sandbox.base);
    await alice.post('/sandbox/identity', { name: 'Alice Example', back: '/sandbox' });
    await alice.post(`/sandbox/channels/staffroom/questions/${question.id}/replies`, {
      eventId: 'live-reply-001',
      body: 'Live!',
    });
    // The core refreshes the question's card after the reply is applied; the sandbox platform says so.
    const event = await stream.waitFor((e) => e.event === 'activity' && e.data.includes(question.id));
    expect(JSON.parse(event.data)).toMatchObject({ kind: 'question', questionId: question.id });
    expect(stream.events.map((e) => e.data).join('')).not.toMatch(/alice|Live!/i);
    await stream.close();
  });

  it('passes on activity from the composition root hook, and notices answers recorded by another adapter', async () => {
    sandbox = await startWebSandbox();
    const question = await sandbox.question('q-open');
    await openQuestion(sandbox.deps, question.id);
    const stream = await listen(sandbox.base, '/dashboard/events');
    await stream.waitFor((e) => e.event === 'ready');
    await sandbox.web.activity({ kind: 'vote', questionId: question.id });
    await stream.waitFor((e) => e.event === 'activity' && e.data.includes('"vote"'));
    // Another platform's answer, recorded straight through the core: the store watch sees it within seconds.
    const [posting] = await sandbox.store.postings.listByQuestion(question.id);
    await new Promise((resolve) => setTimeout(resolve, 5500));
    const before = stream.events.length;
    await recordResponse(sandbox.deps, {
      platform: 'web',
      containerRef: posting?.threadRef ?? '',
      messageRef: 'web:sandbox:staffroom:elsewhere-001',
      author: { platform: 'web', platformUserId: 'bob', displayName: 'Bob' },
      body: 'From elsewhere',
      replyToRef: null,
      attachments: [],
      idempotencyKey: 'elsewhere-001',
      at: new Date(),
    });
    await stream.waitFor((e) => stream.events.indexOf(e) >= before && e.data.includes(question.id), 12_000);
    await stream.close();
  });

  it('refuses the dashboard stream off localhost without sign-in', async () => {
    sandbox = await startWebSandbox();
    const stream = await listen(sandbox.base, '/dashboard/events', { 'x-forwarded-for': '198.51.100.4' });
    expect(stream.status).toBe(401);
    await stream.close();
  });
});

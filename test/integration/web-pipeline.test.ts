import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import type { InboxEntry } from '../../src/core/ports/inbox.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { startWebSandbox, textOf, WebClient } from '../support/web-driver.ts';

/**
 * Sandbox actions take the same path as every platform's: into the durable inbox before the page answers, applied
 * by the core, and the page that follows shows them. When the inbox cannot be written, the page says nothing was
 * recorded and keeps the form as it was sent.
 */

const CHANNEL = '/sandbox/channels/staffroom';

describe('sandbox actions through the inbound pipeline', () => {
  let sandbox: Awaited<ReturnType<typeof startWebSandbox>>;
  let alice: WebClient;
  const happened: string[] = [];
  let append: (entries: InboxEntry[]) => Promise<boolean[]>;
  const reported = new Set<number>();

  beforeEach(async () => {
    sandbox = await startWebSandbox();
    happened.length = 0;
    reported.clear();
    const { inbox } = sandbox.store;
    const real = inbox.append.bind(inbox);
    append = async (entries) => {
      const stored = await real(entries);
      happened.push(...entries.map((e) => `committed ${e.key}`));
      return stored;
    };
    inbox.append = (entries) => append(entries);
    const markApplied = inbox.markApplied.bind(inbox);
    inbox.markApplied = async (id, worker, outcome, at) => {
      await markApplied(id, worker, outcome, at);
      happened.push(`applied as ${outcome}`);
    };
    // A batch is marked applied in its own transaction: what it marked shows once that has committed.
    const transaction = sandbox.store.transaction.bind(sandbox.store);
    sandbox.store.transaction = async <T>(work: (tx: Store) => Promise<T>) => {
      const done = await transaction(work);
      const marked = await inbox.list('applied', 100);
      happened.push(...marked.filter((e) => !reported.has(e.id)).map((e) => `applied as ${e.outcome}`));
      for (const e of marked) reported.add(e.id);
      return done;
    };
    alice = new WebClient(sandbox.base);
    await alice.post('/sandbox/identity', { name: 'Alice Example', back: CHANNEL });
  });
  afterEach(async () => sandbox.stop());

  const open = async (key: string) => {
    const question = await sandbox.question(key);
    await openQuestion(sandbox.deps, question.id);
    return question;
  };

  it('puts a reply in the inbox and applies it before the page answers, which then shows it with the core’s thanks', async () => {
    const q = await open('q-open');
    const sent = await alice.post(`${CHANNEL}/questions/${q.id}/replies`, {
      eventId: 'inbox-first-01',
      body: 'Fewer meetings on Fridays',
    });
    happened.push(`answered ${sent.status}`);
    // Stored before the page answered, and applied too: the page waits (a few seconds at most) for that.
    expect(happened).toEqual(['committed web:sandbox:staffroom:inbox-first-01', 'applied as recorded', 'answered 303']);
    expect(sent.location).toBe(`${CHANNEL}#r-inbox-first-01`);
    const [entry] = (await sandbox.store.inbox.list('applied', 10)).filter((e) => e.key.endsWith('inbox-first-01'));
    expect(entry?.kind).toBe('response.posted');
    expect(entry?.outcome).toBe('recorded');

    const page = await alice.request(CHANNEL);
    expect(page.text).toContain('id="r-inbox-first-01"');
    expect(textOf(page.text)).toContain('Fewer meetings on Fridays');
    // What follows is the core's: the first reply to a question is thanked, in the person's private notices.
    const notices = await alice.request('/sandbox/notices');
    expect(textOf(notices.text)).toMatch(/thank/i);
  });

  it('says plainly that nothing was recorded when the inbox cannot be written, keeps what was typed, and counts a retry once', async () => {
    const q = await open('q-open');
    const working = append;
    append = () => Promise.reject(new Error('database is locked'));
    const failed = await alice.post(`${CHANNEL}/questions/${q.id}/replies`, {
      eventId: 'failed-reply-01',
      body: 'Protect planning time',
    });
    expect(failed.status).toBe(503);
    const field = `reply-${q.id}-body`;
    expect(failed.text).toMatch(new RegExp(`id="${field}-error"[^>]*>Nothing was recorded`));
    expect(failed.text).toMatch(new RegExp(`<textarea id="${field}"[^>]*>Protect planning time</textarea>`));
    expect(failed.text).toMatch(/name="eventId" value="failed-reply-01"/);
    expect(await sandbox.store.responses.listByQuestion(q.id)).toHaveLength(0);

    append = working;
    const again = await alice.post(`${CHANNEL}/questions/${q.id}/replies`, {
      eventId: 'failed-reply-01',
      body: 'Protect planning time',
    });
    expect(again.status).toBe(303);
    const twice = await alice.post(`${CHANNEL}/questions/${q.id}/replies`, {
      eventId: 'failed-reply-01',
      body: 'Protect planning time',
    });
    expect(twice.status).toBe(303);
    expect((await sandbox.store.responses.listByQuestion(q.id)).map((r) => r.body)).toEqual(['Protect planning time']);
  });

  it('keeps the choices of a vote that could not be recorded', async () => {
    const q = await open('q-multi');
    append = () => Promise.reject(new Error('the database system is shutting down'));
    const failed = await alice.post(`${CHANNEL}/questions/${q.id}/votes`, {
      eventId: 'failed-vote-01',
      choice: ['marking', 'planning'],
    });
    expect(failed.status).toBe(503);
    expect(textOf(failed.text)).toContain('Nothing was recorded');
    expect(failed.text).toMatch(/value="marking" checked/);
    expect(failed.text).toMatch(/value="planning" checked/);
    expect(failed.text).not.toMatch(/value="meetings" checked/);
    expect(await sandbox.store.votes.listByQuestion(q.id)).toHaveLength(0);
  });
});

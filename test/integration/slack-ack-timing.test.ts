import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { eventually } from '../contract/platform-suite.ts';
import { type SlackHarness, slackUserId, startSlackHarness } from '../support/slack-driver.ts';

let harness: SlackHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function openedThread(h: SlackHarness): Promise<{ channel: string; ts: string; questionId: string }> {
  const programme = await h.deps.store.programmes.findBySlug('staff-voice');
  const q = await h.deps.store.questions.findByKey(programme?.id as string, 'q-open');
  if (!q) throw new Error('no question q-open');
  expect((await openQuestion(h.deps, q.id)).failed).toEqual([]);
  const [, , channel, ts] = (await h.postedQuestion('q-open')).messageRef.split(':');
  return { channel: channel as string, ts: ts as string, questionId: q.id };
}

describe('what Slack is told, and when', () => {
  it("acknowledges a reply within Slack's 3 seconds while users.info takes longer, and names its author once applied", async () => {
    const h = await startSlackHarness({ mode: 'http' });
    harness = h;
    const thread = await openedThread(h);
    h.slack.slowDown('users.info', 3500);
    const started = Date.now();
    const { delivery } = await h.slack.userPosts({
      channel: thread.channel,
      user: slackUserId('alice'),
      text: 'Fewer meetings, please.',
      thread_ts: thread.ts,
    });
    const ackMs = Date.now() - started;
    expect(delivery).toMatchObject({ via: 'http', status: 200 });
    expect(delivery?.late).toBeUndefined();
    expect(h.slack.deliveryFailures).toEqual([]);
    expect(ackMs).toBeLessThan(3000);
    const [response] = await eventually(async () => {
      const found = await h.deps.store.responses.listByQuestion(thread.questionId);
      expect(found).toHaveLength(1);
      return found;
    }, 10_000);
    const author = await h.deps.store.participants.findById(response?.participantId as string);
    expect(author?.displayName).toBe('Alice');
  });

  it('over Socket Mode, leaves an envelope unacknowledged while the database is locked, and stores it once however often it comes', async () => {
    const h = await startSlackHarness({ mode: 'socket' });
    harness = h;
    const thread = await openedThread(h);
    // Another connection holds the database's write lock, as a long migration or backup would: the inbox's commit
    // waits for it, past Slack's window.
    const locker = new Database(h.databaseFile, { timeout: 10_000 });
    locker.exec('BEGIN EXCLUSIVE');
    const acksBefore = h.slack.socket.acks.length;
    await expect(
      h.slack.userPosts({
        channel: thread.channel,
        user: slackUserId('bob'),
        text: 'Kept later',
        thread_ts: thread.ts,
      }),
    ).rejects.toThrow(/no ack for events_api envelope/);
    expect(h.slack.socket.acks.length).toBe(acksBefore);
    const eventId = h.slack.sentEventIds().at(-1) as string;

    locker.exec('COMMIT');
    locker.close();
    const again = await h.slack.redeliver(eventId, { num: 1, reason: 'timeout' });
    expect(again).toMatchObject({ via: 'socket', status: 200 });
    expect(h.slack.socket.acks.length).toBe(acksBefore + 1);
    await h.settle();
    await h.slack.redeliver(eventId, { num: 2, reason: 'timeout' });
    await h.settle();
    const stored = await h.deps.store.responses.listByQuestion(thread.questionId);
    expect(stored.map((r) => r.body)).toEqual(['Kept later']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { eventually } from '../contract/platform-suite.ts';
import { type SlackHarness, type SlackHarnessOptions, startSlackHarness } from '../support/slack-driver.ts';

// What counts as a response on Slack (adapters/slack/inbound/message-subtypes.ts), through real Bolt and the fake:
// /me, broadcast replies and files count; other apps do not; an unfurl is not an edit. Then what Slack's delivery
// rules ask of the adapter: acknowledge within 3 seconds, drop what it already had by event_id, and live with
// response_urls that expire.

let harness: SlackHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function opened(options: Partial<SlackHarnessOptions> = {}) {
  harness = await startSlackHarness({ mode: 'http', ...options });
  const h = harness;
  const programme = await h.deps.store.programmes.findBySlug('staff-voice');
  const q = await h.deps.store.questions.findByKey(programme?.id as string, 'q-open');
  if (!q) throw new Error('no question q-open');
  expect((await openQuestion(h.deps, q.id)).failed).toEqual([]);
  const { messageRef } = await h.postedQuestion('q-open');
  const threadTs = messageRef.split(':')[3] as string;
  const responses = () => h.deps.store.responses.listByQuestion(q.id);
  return { h, q, threadTs, responses };
}

describe('Slack: what counts as a response', () => {
  it('records a reply written with /me, as written', async () => {
    const { h, threadTs, responses } = await opened();
    await h.slack.userPosts({
      channel: 'C_STAFF',
      user: 'U_bob',
      text: 'would rather mark on paper',
      thread_ts: threadTs,
      subtype: 'me_message',
    });
    await h.settle();
    expect((await responses()).map((r) => r.body)).toEqual(['would rather mark on paper']);
  });

  it('records a reply also sent to the channel once, as a reply in the thread', async () => {
    const { h, threadTs, responses } = await opened();
    const posted = await h.slack.userPosts({
      channel: 'C_STAFF',
      user: 'U_carol',
      text: 'Everyone should see this',
      thread_ts: threadTs,
      subtype: 'thread_broadcast',
    });
    await h.settle();
    const [response] = await responses();
    expect(response).toMatchObject({
      body: 'Everyone should see this',
      messageRef: `slack:T1:C_STAFF:${posted.message.ts}`,
    });
    expect(await responses()).toHaveLength(1);
  });

  it('records files shared in the thread with the response', async () => {
    const { h, threadTs, responses } = await opened();
    await h.slack.userPosts({
      channel: 'C_STAFF',
      user: 'U_alice',
      text: 'Our timetable',
      thread_ts: threadTs,
      files: [{ name: 'timetable.csv', content: 'day,period\nMon,1' }],
    });
    await h.settle();
    const [response] = await responses();
    expect(response?.attachments).toEqual([expect.objectContaining({ name: 'timetable.csv' })]);
  });

  it("records nothing from other apps, whether a modern app's bot user or a legacy bot_message", async () => {
    const { h, threadTs, responses } = await opened();
    const modern = await h.slack.appPosts({ channel: 'C_STAFF', text: 'Standup in 5', thread_ts: threadTs });
    const legacy = await h.slack.appPosts({ channel: 'C_STAFF', text: 'Build ok', thread_ts: threadTs, legacy: true });
    expect([modern.delivery?.status, legacy.delivery?.status]).toEqual([200, 200]);
    await h.settle();
    expect(await responses()).toHaveLength(0);
  });

  it('adds no revision for an unfurl (message_changed without edited), even one that arrives after an edit', async () => {
    const { h, threadTs, responses } = await opened();
    const reply = await h.slack.userPosts({
      channel: 'C_STAFF',
      user: 'U_alice',
      text: 'See https://example.org/workload',
      thread_ts: threadTs,
    });
    // Slack unfurls the link, then the person edits; the unfurl, which still shows the old text, arrives last.
    h.slack.holdEvents();
    await h.slack.linkUnfurled({ channel: 'C_STAFF', ts: reply.message.ts, url: 'https://example.org/workload' });
    await h.slack.userEdits({
      channel: 'C_STAFF',
      ts: reply.message.ts,
      text: 'See https://example.org/workload, p. 2',
    });
    await h.slack.releaseEvents({ order: 'reverse' });
    await h.settle();
    const [response] = await responses();
    expect(response?.body).toBe('See https://example.org/workload, p. 2');
    expect(await h.deps.store.responses.revisions(response?.id as string)).toHaveLength(1);
  });
});

describe('Slack: out of order', () => {
  it('applies an edit and a deletion that arrive before their message once the message arrives', async () => {
    const { h, q, threadTs, responses } = await opened();
    h.slack.holdEvents();
    const edited = await h.slack.userPosts({
      channel: 'C_STAFF',
      user: 'U_alice',
      text: 'First go',
      thread_ts: threadTs,
    });
    await h.slack.userEdits({ channel: 'C_STAFF', ts: edited.message.ts, text: 'Second go, said better' });
    const removed = await h.slack.userPosts({
      channel: 'C_STAFF',
      user: 'U_bob',
      text: 'Posted too soon',
      thread_ts: threadTs,
    });
    await h.slack.userDeletes({ channel: 'C_STAFF', ts: removed.message.ts });
    // Slack delivers the deletion and the edit first, their messages after.
    await h.slack.releaseEvents({ order: 'reverse' });
    await eventually(async () => {
      await h.settle();
      const all = await h.deps.store.responses.listByQuestion(q.id, { includeDeleted: true });
      expect(all.map((r) => [r.body, r.deletedAt !== null]).sort()).toEqual([
        ['Posted too soon', true],
        ['Second go, said better', false],
      ]);
    }, 20_000);
    const [kept] = await responses();
    expect(await h.deps.store.responses.revisions(kept?.id as string)).toHaveLength(1);
  });
});

describe("Slack's delivery rules", () => {
  it('acknowledges an event within 3 seconds however slow the work after it is', async () => {
    // As deployed: Slack is answered once the reply is kept in the inbox. Confirming it to its author and refreshing
    // the question's card come after, and here take longer than Slack waits.
    const { h, threadTs, responses } = await opened({
      config: { processBeforeResponse: undefined },
      fake: { httpAckWindowMs: 1000 },
    });
    h.slack.slowDown('chat.postEphemeral', 1500);
    h.slack.slowDown('chat.update', 1500);
    const posted = await h.slack.userPosts({ channel: 'C_STAFF', user: 'U_dave', text: 'Slowly', thread_ts: threadTs });
    expect(posted.delivery?.late).toBeUndefined();
    expect(h.slack.deliveryFailures).toEqual([]);
    // Acknowledged once kept: the reply was in the inbox by then.
    const kept = await h.deps.store.inbox.counts();
    expect(kept.pending + kept.applied).toBe(1);
    await eventually(async () => expect((await responses()).map((r) => r.body)).toEqual(['Slowly']));
    // The slow work did happen, after the acknowledgement.
    await h.slack.waitForCall('chat.postEphemeral', (call) => call.args.user === 'U_dave', 5000);
  });

  it('drops a delivery whose event_id it already had, even when what it carries differs', async () => {
    const { h, threadTs, responses } = await opened();
    const first = await h.slack.userPosts({ channel: 'C_STAFF', user: 'U_alice', text: 'First', thread_ts: threadTs });
    // The same event_id around another message: only the event_id says it was seen before.
    const again = await h.slack.redeliver(
      first.delivery?.eventId as string,
      { num: 1, reason: 'http_timeout' },
      (c) => {
        const event = c.event as Record<string, unknown>;
        return { ...c, event: { ...event, ts: '1900000000.000100', event_ts: '1900000000.000100', text: 'Not again' } };
      },
    );
    expect(again.status).toBe(200);
    const dropped = h.logger.lines.filter((l) => l.message === 'a Slack event delivered again was dropped');
    expect(dropped.map((l) => l.context.eventId)).toContain(first.delivery?.eventId);
    // A later, new event is recorded once Slack's earlier deliveries are handled.
    await h.slack.userPosts({ channel: 'C_STAFF', user: 'U_bob', text: 'Second', thread_ts: threadTs });
    await eventually(async () => expect((await responses()).map((r) => r.body)).toContain('Second'));
    expect((await responses()).map((r) => r.body).sort()).toEqual(['First', 'Second']);
  });

  it('records a vote whose response_url has expired, and tells the voter by direct message instead', async () => {
    const { h } = await opened({ fake: { responseUrlLifetimeMs: 0 } });
    const programme = await h.deps.store.programmes.findBySlug('staff-voice');
    const q = await h.deps.store.questions.findByKey(programme?.id as string, 'q-single');
    if (!q) throw new Error('no question q-single');
    await openQuestion(h.deps, q.id);
    const [yes] = await h.deps.store.questions.options(q.id);
    await h.userVotes({ questionKey: 'q-single', user: 'alice', choice: [yes?.key as string] });
    await eventually(async () => expect(await h.deps.store.votes.listByQuestion(q.id)).toHaveLength(1));
    // The core's confirmation tries the click's response_url first, which Slack refuses once expired.
    await eventually(async () =>
      expect(
        h.slack.calls('response_url').map((c) => [c.status, (c.response as { error?: string }).error]),
      ).toContainEqual([404, 'expired_url']),
    );
    await eventually(async () =>
      expect(
        h.logger.lines.filter((l) => /a response_url was refused/.test(l.message)).map((l) => l.context.slackError),
      ).toContain('expired_url'),
    );
    await eventually(async () =>
      expect(
        h.slack
          .messages(h.slack.dmWith('U_alice'))
          .map((m) => m.text)
          .join('\n'),
      ).toMatch(/vote/i),
    );
  });
});

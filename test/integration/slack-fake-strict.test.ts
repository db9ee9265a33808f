import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from '../fakes/slack/index.ts';

// What the fake Slack does that a lenient one would not: the 3-second window over HTTP and the retries that follow
// it, response_urls that expire, duplicate ids refused, unfurls that are not edits, other apps' messages, and
// events held back then delivered out of order or twice.

let slack: FakeSlack | undefined;
let app: Server | undefined;

afterEach(async () => {
  await slack?.stop();
  slack = undefined;
  app?.closeAllConnections();
  if (app) await new Promise<void>((resolve) => app?.close(() => resolve()));
  app = undefined;
});

interface Received {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A request URL that answers each delivery after the delay `answerAfterMs` picks for it. */
async function requestUrl(answerAfterMs: (attempt: number) => number): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  app = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const json = request.headers['content-type'] === 'application/json';
      const body = json ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
      received.push({ headers: request.headers, body: body as Record<string, unknown> });
      setTimeout(() => response.writeHead(200).end(), answerAfterMs(received.length - 1));
    });
  });
  await new Promise<void>((resolve) => app?.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`, received };
}

async function fake(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  slack = await startFakeSlack(options);
  return slack;
}

function client(s: FakeSlack) {
  return new webApi.WebClient(s.botToken, { slackApiUrl: s.apiUrl, retryConfig: { retries: 0 } });
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { data?: { error?: string; errors?: string[] } }) => error.data,
  );

describe('the fake Slack holds an app to what Slack holds it to', () => {
  it('counts an HTTP ack after the window as failed and retries with X-Slack-Retry-Num and X-Slack-Retry-Reason', async () => {
    const s = await fake({ httpAckWindowMs: 200 });
    const { url, received } = await requestUrl((attempt) => (attempt === 0 ? 600 : 0));
    s.deliverOverHttp(url);
    const posted = await s.userPosts({ channel: 'C_STAFF', user: 'U_ALICE', text: 'Slow to acknowledge' });
    expect(posted.delivery?.late).toBe(true);
    expect(posted.delivery?.retries?.map((r) => [r.status, r.late ?? false])).toEqual([[200, false]]);
    expect(s.deliveryFailures).toEqual([
      expect.objectContaining({ attempt: 0, reason: 'http_timeout', eventId: received[0]?.body.event_id }),
    ]);
    expect(received.map((r) => r.body.event_id)).toEqual([received[0]?.body.event_id, received[0]?.body.event_id]);
    expect(received[0]?.headers['x-slack-retry-num']).toBeUndefined();
    expect(received[1]?.headers['x-slack-retry-num']).toBe('1');
    expect(received[1]?.headers['x-slack-retry-reason']).toBe('http_timeout');
  });

  it('retries three times at most, then gives up', async () => {
    const s = await fake({ httpAckWindowMs: 100 });
    const { url, received } = await requestUrl(() => 300);
    s.deliverOverHttp(url);
    await s.userPosts({ channel: 'C_STAFF', user: 'U_ALICE', text: 'Never in time' });
    expect(received.map((r) => r.headers['x-slack-retry-num'])).toEqual([undefined, '1', '2', '3']);
    expect(s.deliveryFailures.map((f) => f.attempt)).toEqual([0, 1, 2, 3]);
  });

  it('lets a response_url be used five times within 30 minutes, and no more', async () => {
    const s = await fake();
    s.deliverOverHttp((await requestUrl(() => 0)).url);
    const post = (url: string, text: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      }).then(async (response) => [response.status, ((await response.json()) as { error?: string }).error ?? 'ok']);
    const { responseUrl: fresh = '' } = await s.slashCommand({
      user: 'U_ALICE',
      channel: 'C_STAFF',
      command: '/agora',
    });
    const answers = [];
    for (let use = 1; use <= 6; use++) answers.push(await post(fresh, `Answer ${use}`));
    expect(answers).toEqual([...Array(5).fill([200, 'ok']), [404, 'used_url']]);
    expect(s.ephemeralMessages('C_STAFF').map((e) => e.message.text)).toHaveLength(5);

    const { responseUrl: later = '' } = await s.slashCommand({ user: 'U_BOB', channel: 'C_STAFF', command: '/agora' });
    s.advanceClock(29 * 60_000);
    expect(await post(later, 'Still in time')).toEqual([200, 'ok']);
    s.advanceClock(2 * 60_000);
    expect(await post(later, 'Too late')).toEqual([404, 'expired_url']);
  });

  it('refuses a message whose blocks share a block_id, or whose buttons in one block share an action_id', async () => {
    const s = await fake();
    const web = client(s);
    const button = (actionId: string, label: string) => ({
      type: 'button' as const,
      action_id: actionId,
      text: { type: 'plain_text' as const, text: label },
    });
    const sameBlock = await refusal(
      web.chat.postMessage({
        channel: 'C_STAFF',
        text: 'Twice the same block',
        blocks: [
          { type: 'section', block_id: 'prompt', text: { type: 'mrkdwn', text: 'One' } },
          { type: 'section', block_id: 'prompt', text: { type: 'mrkdwn', text: 'Two' } },
        ],
      }),
    );
    expect(sameBlock).toMatchObject({ error: 'invalid_blocks' });
    expect(sameBlock?.errors).toEqual(["duplicate block_id 'prompt' [json-pointer:/blocks/1/block_id]"]);
    const sameAction = await refusal(
      web.chat.postMessage({
        channel: 'C_STAFF',
        text: 'Two buttons, one id',
        blocks: [{ type: 'actions', elements: [button('vote', 'Agree'), button('vote', 'Disagree')] }],
      }),
    );
    expect(sameAction?.errors).toEqual(["duplicate action_id 'vote' [json-pointer:/blocks/0/elements/1/action_id]"]);
    const views = await refusal(
      web.views.publish({
        user_id: 'U_ALICE',
        view: {
          type: 'home',
          blocks: [
            { type: 'section', block_id: 'x', text: { type: 'mrkdwn', text: 'One' } },
            { type: 'divider', block_id: 'x' },
          ],
        },
      }),
    );
    expect(views).toMatchObject({ error: 'invalid_arguments' });
    expect(JSON.stringify(views)).toContain("duplicate block_id 'x'");
    // The same action_id in two different blocks is allowed, as on Slack.
    await web.chat.postMessage({
      channel: 'C_STAFF',
      text: 'Fine',
      blocks: [
        { type: 'actions', elements: [button('vote', 'Agree')] },
        { type: 'actions', elements: [button('vote', 'Disagree')] },
      ],
    });
  });

  it("sends an unfurl as message_changed without edited, and other apps' messages with bot_id", async () => {
    const s = await fake();
    const { url, received } = await requestUrl(() => 0);
    s.deliverOverHttp(url);
    const parent = await s.userPosts({ channel: 'C_STAFF', user: 'U_ALICE', text: 'A question' });
    const reply = await s.userPosts({
      channel: 'C_STAFF',
      user: 'U_BOB',
      text: 'See https://example.org/report',
      thread_ts: parent.message.ts,
    });
    await s.linkUnfurled({ channel: 'C_STAFF', ts: reply.message.ts, url: 'https://example.org/report' });
    await s.appPosts({ channel: 'C_STAFF', text: 'Standup time', thread_ts: parent.message.ts });
    await s.appPosts({ channel: 'C_STAFF', text: 'A webhook says hello', legacy: true });
    await s.userPosts({
      channel: 'C_STAFF',
      user: 'U_BOB',
      text: 'shrugs',
      thread_ts: parent.message.ts,
      subtype: 'me_message',
    });
    await s.userPosts({
      channel: 'C_STAFF',
      user: 'U_CAROL',
      text: 'Also for everyone',
      thread_ts: parent.message.ts,
      subtype: 'thread_broadcast',
    });
    const events = received.map((r) => r.body.event as Record<string, unknown>);
    const unfurl = events[2] as { subtype: string; message: Record<string, unknown>; previous_message: unknown };
    expect(unfurl.subtype).toBe('message_changed');
    expect(unfurl.message.edited).toBeUndefined();
    expect(unfurl.message.text).toBe('See https://example.org/report');
    expect(unfurl.message.attachments).toEqual([expect.objectContaining({ from_url: 'https://example.org/report' })]);
    expect(events[3]).toMatchObject({ bot_id: 'B_OTHER_APP', app_id: 'A_OTHER_APP', user: 'U_OTHER_APP' });
    expect(events[3]?.subtype).toBeUndefined();
    expect(events[4]).toMatchObject({ subtype: 'bot_message', bot_id: 'B_OTHER_APP' });
    expect(events[4]?.user).toBeUndefined();
    expect(events[5]).toMatchObject({ subtype: 'me_message', user: 'U_BOB', thread_ts: parent.message.ts });
    expect(events[6]).toMatchObject({ subtype: 'thread_broadcast', thread_ts: parent.message.ts });
    expect(events[6]?.root).toMatchObject({ ts: parent.message.ts });
  });

  it('holds events back and delivers them in reverse, or each twice with the same event_id', async () => {
    const s = await fake();
    const { url, received } = await requestUrl(() => 0);
    s.deliverOverHttp(url);
    s.holdEvents();
    const first = await s.userPosts({ channel: 'C_STAFF', user: 'U_ALICE', text: 'First' });
    await s.userEdits({ channel: 'C_STAFF', ts: first.message.ts, text: 'First, edited' });
    expect(first.delivery?.via).toBe('held');
    expect(received).toHaveLength(0);
    await s.releaseEvents({ order: 'reverse' });
    const events = received.map((r) => r.body.event as { subtype?: string });
    expect(events.map((e) => e.subtype ?? 'message')).toEqual(['message_changed', 'message']);

    s.holdEvents();
    await s.userPosts({ channel: 'C_STAFF', user: 'U_BOB', text: 'Twice' });
    await s.releaseEvents({ twice: true });
    const [once, again] = received.slice(2).map((r) => r.body.event_id);
    expect(once).toBeDefined();
    expect(again).toBe(once);
  });
});

import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, fixture, postSignedEvent, startFakeSlack } from '../fakes/slack/index.ts';

// The SDK logs every refusal and dropped socket these tests provoke on purpose.
function silentLogger(): Logger {
  const ignore = () => undefined;
  return {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: ignore,
    setLevel: ignore,
    getLevel: () => LogLevel.ERROR,
    setName: ignore,
  };
}

function webClient(slack: FakeSlack, token = slack.botToken, options: webApi.WebClientOptions = {}) {
  return new webApi.WebClient(token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger(),
    ...options,
  });
}

function sections(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: `Point ${index + 1}` },
  }));
}

function errorData(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: { data?: unknown }) => error.data,
  );
}

describe('a real Bolt app in Socket Mode against the fake', () => {
  let slack: FakeSlack;
  let app: App;
  const events: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    app = new App({
      token: slack.botToken,
      appToken: slack.appToken,
      socketMode: true,
      logger: silentLogger(),
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
    app.event('message', async ({ event }) => {
      events.push(event as unknown as Record<string, unknown>);
    });
    app.message(async ({ message, say }) => {
      if (message.subtype !== undefined) return;
      await say({ text: `Noted: ${message.text}`, thread_ts: message.thread_ts ?? message.ts });
    });
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    await slack.stop();
  });

  it('delivers a message event and stores the reply the app posts in its thread', async () => {
    const { message, delivery } = await slack.userPosts({ channel: 'C_STAFF', user: 'U_ALICE', text: 'Hello Agora' });

    expect(delivery).toMatchObject({ via: 'socket', status: 200 });
    const reply = await slack.waitForCall('chat.postMessage', (call) => call.args.thread_ts === message.ts);
    expect(reply.args).toMatchObject({ channel: 'C_STAFF', text: 'Noted: Hello Agora' });
    expect(slack.thread('C_STAFF', message.ts).map((entry) => entry.text)).toEqual([
      'Hello Agora',
      'Noted: Hello Agora',
    ]);
    expect(slack.socket.acks.length).toBeGreaterThan(0);
  });

  it('delivers edits and deletions with the previous message', async () => {
    const { message } = await slack.userPosts({ channel: 'C_GENERAL', user: 'U_BOB', text: 'First draft' });
    await slack.userEdits({ channel: 'C_GENERAL', ts: message.ts, text: 'Second draft' });
    await slack.userDeletes({ channel: 'C_GENERAL', ts: message.ts });

    const changed = events.find((event) => event.subtype === 'message_changed');
    expect(changed).toMatchObject({
      channel: 'C_GENERAL',
      hidden: true,
      message: { ts: message.ts, text: 'Second draft', edited: { user: 'U_BOB' } },
      previous_message: { ts: message.ts, text: 'First draft' },
    });
    expect(events.find((event) => event.subtype === 'message_deleted')).toMatchObject({
      deleted_ts: message.ts,
      previous_message: { text: 'Second draft' },
    });
    // The app had replied in its thread, so the parent stays behind as a tombstone.
    expect(slack.thread('C_GENERAL', message.ts).map((entry) => entry.subtype ?? entry.text)).toEqual([
      'tombstone',
      'Noted: First draft',
    ]);
  });

  it('sends nothing for messages posted while the app is offline or outside its channels', async () => {
    const before = events.length;
    const offline = await slack.userPostsWhileOffline({ channel: 'C_STAFF', user: 'U_CAROL', text: 'Missed this' });
    const outside = await slack.userPosts({ channel: 'C_OUTSIDE', user: 'U_CAROL', text: 'Not for the bot' });

    expect(offline.delivery).toBeUndefined();
    expect(outside.delivery).toBeUndefined();
    expect(events.length).toBe(before);
    const history = await app.client.conversations.history({
      channel: 'C_STAFF',
      oldest: offline.message.ts,
      inclusive: true,
    });
    expect(history.messages?.map((entry) => entry.text)).toEqual(['Missed this']);
  });

  it('answers pings', async () => {
    await expect(slack.socket.ping()).resolves.toBeUndefined();
  });
});

describe('a Socket Mode app whose connection drops', () => {
  let slack: FakeSlack;
  let app: App;

  beforeAll(async () => {
    slack = await startFakeSlack();
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      // The client waits this long before reconnecting; the default is 5 s.
      clientPingTimeout: 300,
      logger: silentLogger(),
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
    app = new App({
      token: slack.botToken,
      receiver,
      logger: silentLogger(),
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    app.message(async ({ message, say }) => {
      if (message.subtype === undefined) await say(`Still here: ${message.text}`);
    });
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    await slack.stop();
  });

  it('reconnects and gets the event that arrived while it was away', async () => {
    await slack.socket.waitForConnections(1);
    slack.socket.dropConnections();
    const posted = slack.userPosts({ channel: 'C_STAFF', user: 'U_ALICE', text: 'Are you back?' });

    await slack.socket.waitForConnections(2);
    expect((await posted).delivery).toMatchObject({ via: 'socket', status: 200 });
    const reply = await slack.waitForCall('chat.postMessage');
    expect(reply.args.text).toBe('Still here: Are you back?');
    expect(slack.calls('apps.connections.open')).toHaveLength(2);
  });
});

describe('a real Bolt app over HTTP against the fake', () => {
  let slack: FakeSlack;
  let app: App;
  let eventsUrl: string;
  const heard: Array<{ text?: string; eventId: unknown; retryNum?: number }> = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    const receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      processBeforeResponse: true,
      unhandledRequestTimeoutMillis: 500,
      logger: silentLogger(),
    });
    app = new App({
      token: slack.botToken,
      receiver,
      logger: silentLogger(),
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    app.message(async ({ message, body, context }) => {
      if (message.subtype === undefined)
        heard.push({ text: message.text, eventId: body.event_id, retryNum: context.retryNum });
    });
    app.action('approve', async ({ ack, respond }) => {
      await ack();
      await respond({ text: 'Approved', replace_original: false });
    });
    app.action('next', async ({ ack, respond }) => {
      await ack();
      await respond({ text: 'The next one', replace_original: true });
    });
    app.command('/agora', async ({ ack, command, client }) => {
      if (command.text !== 'answer') {
        await ack({ text: `Asked: ${command.text}` });
        return;
      }
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'answer',
          title: { type: 'plain_text', text: 'Your answer' },
          submit: { type: 'plain_text', text: 'Send' },
          blocks: [
            {
              type: 'input',
              block_id: 'answer',
              label: { type: 'plain_text', text: 'What do you think?' },
              element: { type: 'plain_text_input', action_id: 'answer_text' },
            },
          ],
        },
      });
    });
    app.view('answer', async ({ ack, view }) => {
      await ack();
      heard.push({ text: view.state.values.answer?.answer_text?.value ?? undefined, eventId: view.id });
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    slack.deliverOverHttp(eventsUrl);
  });

  afterAll(async () => {
    await app.stop();
    await slack.stop();
  });

  it('accepts a signed event and hands it to the listener', async () => {
    const { delivery } = await slack.userPosts({ channel: 'C_STAFF', user: 'U_BOB', text: 'Signed and sealed' });

    expect(delivery).toMatchObject({ via: 'http', status: 200 });
    expect(heard.map((entry) => entry.text)).toContain('Signed and sealed');
  });

  it('refuses a forged signature and a stale timestamp with 401', async () => {
    const callback = fixture('message-in-thread');
    const forged = await postSignedEvent(eventsUrl, callback, {
      signingSecret: slack.signingSecret,
      forgeSignature: true,
    });
    const stale = await postSignedEvent(eventsUrl, callback, {
      signingSecret: slack.signingSecret,
      staleTimestamp: true,
    });

    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
  });

  it('redelivers an event with the same event_id and X-Slack-Retry-Num', async () => {
    const { delivery } = await slack.userPosts({ channel: 'C_STAFF', user: 'U_ALICE', text: 'Say it twice' });
    const first = heard.find((entry) => entry.text === 'Say it twice');

    const again = await slack.redeliver(String(first?.eventId));

    expect([delivery?.status, again.status]).toEqual([200, 200]);
    const deliveries = heard.filter((entry) => entry.text === 'Say it twice');
    expect(deliveries.map((entry) => entry.retryNum)).toEqual([undefined, 1]);
    expect(new Set(deliveries.map((entry) => entry.eventId)).size).toBe(1);
  });

  it('delivers a button click, and what the app posts to its response_url', async () => {
    const posted = await app.client.chat.postMessage({
      channel: 'C_STAFF',
      text: 'Approve the plan?',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Approve the plan?' } },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'plan-1' },
          ],
        },
      ],
    });

    const click = await slack.clickButton({
      user: 'U_ALICE',
      channel: 'C_STAFF',
      messageTs: String(posted.ts),
      actionId: 'approve',
    });

    expect(click.delivery.status).toBe(200);
    expect(click.payload).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', message_ts: posted.ts, channel_id: 'C_STAFF' },
      actions: [{ action_id: 'approve', value: 'plan-1', type: 'button' }],
    });
    const response = await slack.waitForCall('response_url');
    expect(response.args).toMatchObject({ text: 'Approved', replace_original: false });
    expect(slack.ephemeralMessages('C_STAFF').map((entry) => [entry.user, entry.message.text])).toContainEqual([
      'U_ALICE',
      'Approved',
    ]);
  });

  it("delivers a click on an ephemeral message without the message, and replaces only that person's copy", async () => {
    const shown = await app.client.chat.postEphemeral({
      channel: 'C_STAFF',
      user: 'U_CAROL',
      text: 'Only for you',
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'next', text: { type: 'plain_text', text: 'Next' }, value: 'n' }],
        },
      ],
    });

    const click = await slack.clickButton({
      user: 'U_CAROL',
      channel: 'C_STAFF',
      messageTs: String(shown.message_ts),
      actionId: 'next',
      ephemeral: true,
    });

    expect(click.payload).toMatchObject({
      container: { type: 'message', message_ts: shown.message_ts, channel_id: 'C_STAFF', is_ephemeral: true },
      channel: { id: 'C_STAFF' },
      response_url: click.responseUrl,
    });
    expect(click.payload).not.toHaveProperty('message');
    const mine = slack.ephemeralMessages('C_STAFF').filter((entry) => entry.user === 'U_CAROL');
    expect(mine.map((entry) => [entry.message.ts, entry.message.text, entry.message.blocks])).toEqual([
      [shown.message_ts, 'The next one', undefined],
    ]);
  });

  it('delivers a slash command and shows its immediate answer to the person', async () => {
    const use = await slack.slashCommand({ user: 'U_BOB', channel: 'C_STAFF', command: '/agora', text: 'ask Ready?' });

    expect(use.delivery).toMatchObject({ via: 'http', status: 200, body: { text: 'Asked: ask Ready?' } });
    expect(use.payload).toMatchObject({ command: '/agora', user_id: 'U_BOB', response_url: use.responseUrl });
    expect(slack.ephemeralMessages('C_STAFF').at(-1)).toMatchObject({
      user: 'U_BOB',
      message: { text: 'Asked: ask Ready?' },
    });
  });

  it('opens a modal from the command trigger and delivers its submission', async () => {
    await slack.slashCommand({ user: 'U_ALICE', channel: 'C_STAFF', command: '/agora', text: 'answer' });
    const opened = await slack.waitForCall('views.open');
    const view = (opened.response as { view: { id: string } }).view;

    const submitted = await slack.submitView({ viewId: view.id, values: { answer_text: 'Two more sites' } });

    expect(submitted.delivery.status).toBe(200);
    expect(heard).toContainEqual({ text: 'Two more sites', eventId: view.id });
  });

  it('has its 60-block message refused with invalid_blocks', async () => {
    const refusal = await errorData(
      app.client.chat.postMessage({ channel: 'C_STAFF', text: 'Too much', blocks: sections(60) }),
    );

    expect(refusal).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
    });
  });
});

describe('the fake Web API', () => {
  let slack: FakeSlack;

  beforeAll(async () => {
    slack = await startFakeSlack({ oauth: { clientId: '123.456', clientSecret: 'oauth-secret' } });
  });

  afterAll(async () => {
    await slack.stop();
  });

  it('refuses bad tokens, unknown methods and conversations the bot cannot use', async () => {
    const client = webClient(slack);

    expect(await errorData(webClient(slack, 'xoxb-wrong').auth.test())).toMatchObject({ error: 'invalid_auth' });
    expect(
      await errorData(webClient(slack, slack.appToken).chat.postMessage({ channel: 'C_STAFF', text: 'x' })),
    ).toMatchObject({
      error: 'not_allowed_token_type',
    });
    expect(await errorData(client.apiCall('chat.shout', {}))).toMatchObject({ error: 'unknown_method' });
    expect(await errorData(client.chat.postMessage({ channel: 'C_NOWHERE', text: 'x' }))).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await errorData(client.chat.postMessage({ channel: 'C_OUTSIDE', text: 'x' }))).toMatchObject({
      error: 'not_in_channel',
    });
    expect(await errorData(client.chat.postMessage({ channel: 'C_STAFF' } as never))).toMatchObject({
      error: 'no_text',
    });
  });

  it('validates blocks and views as Slack does, and truncates long text', async () => {
    const client = webClient(slack);
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } } as const;
    const button = {
      type: 'button',
      action_id: 'a'.repeat(256),
      text: { type: 'plain_text', text: 'b'.repeat(76) },
    } as const;
    const section = { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } } as const;

    const refusal = await errorData(
      client.chat.postMessage({
        channel: 'C_STAFF',
        text: 'x',
        blocks: [header, { type: 'actions', elements: [button] }, section],
      }),
    );
    expect(refusal).toMatchObject({
      error: 'invalid_blocks',
      errors: [
        'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
        'must be less than 256 characters [json-pointer:/blocks/1/elements/0/action_id]',
        'must be less than 76 characters [json-pointer:/blocks/1/elements/0/text/text]',
        'must be less than 3001 characters [json-pointer:/blocks/2/text/text]',
      ],
    });

    const modal = await errorData(
      client.views.open({
        trigger_id: 'not-a-trigger',
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'A title far longer than allowed' },
          blocks: [{ type: 'input', element: { type: 'plain_text_input', action_id: 'x' } } as never],
        },
      }),
    );
    expect(modal).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: {
        messages: [
          '[ERROR] missing required field: label [json-pointer:/view/blocks/0/label]',
          '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
          '[ERROR] missing required field: submit [json-pointer:/view/submit]',
        ],
      },
    });

    const long = await client.chat.postMessage({ channel: 'C_STAFF', text: 'x'.repeat(45_000) });
    expect(slack.messages('C_STAFF').find((entry) => entry.ts === long.ts)?.text).toHaveLength(40_000);
  });

  it('answers the other methods an adapter relies on from the workspace model', async () => {
    const client = webClient(slack);
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'Draft' } } as const;
    const posted = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'Draft', blocks: [section] });
    const reply = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'In thread', thread_ts: posted.ts });

    const updated = await client.chat.update({ channel: 'C_GENERAL', ts: String(posted.ts), text: 'Final' });
    expect(updated.message).toMatchObject({
      text: 'Final',
      blocks: [{ text: { text: 'Draft' } }],
      edited: { user: 'U_AGORA' },
    });
    const link = await client.chat.getPermalink({ channel: 'C_GENERAL', message_ts: String(reply.ts) });
    expect(link.permalink).toBe(
      `https://agora-test.slack.com/archives/C_GENERAL/p${String(reply.ts).replace('.', '')}?thread_ts=${posted.ts}&cid=C_GENERAL`,
    );
    expect(
      await errorData(client.chat.postEphemeral({ channel: 'G_LEADERSHIP', user: 'U_CAROL', text: 'x' })),
    ).toMatchObject({
      error: 'user_not_in_channel',
    });

    const dm = await client.conversations.open({ users: 'U_BOB' });
    await client.chat.postMessage({ channel: 'U_BOB', text: 'Private word' });
    expect(dm.channel?.id).toBe(slack.dmWith('U_BOB'));
    expect(slack.messages(slack.dmWith('U_BOB')).map((entry) => entry.text)).toEqual(['Private word']);
    expect((await client.users.info({ user: 'U_CAROL' })).user).toMatchObject({
      real_name: 'Carol Chen',
      is_bot: false,
    });
    expect((await client.conversations.info({ channel: 'C_OUTSIDE' })).channel).toMatchObject({ is_member: false });

    const home = await client.views.publish({ user_id: 'U_ALICE', view: { type: 'home', blocks: [section] } });
    expect(
      await errorData(client.views.publish({ user_id: 'U_ALICE', hash: 'stale', view: { type: 'home', blocks: [] } })),
    ).toMatchObject({ error: 'hash_conflict' });
    await client.views.publish({ user_id: 'U_ALICE', hash: home.view?.hash, view: { type: 'home', blocks: [] } });

    const person = await slack.userPostsWhileOffline({ channel: 'C_GENERAL', user: 'U_ALICE', text: 'Mine' });
    expect(await errorData(client.chat.delete({ channel: 'C_GENERAL', ts: person.message.ts }))).toMatchObject({
      error: 'cant_delete_message',
    });
  });

  it('pages through history and thread replies', async () => {
    const client = webClient(slack);
    const parent = await slack.userPostsWhileOffline({ channel: 'C_GENERAL', user: 'U_ALICE', text: 'Topic' });
    for (const text of ['one', 'two', 'three']) {
      await slack.userPostsWhileOffline({ channel: 'C_GENERAL', user: 'U_BOB', text, thread_ts: parent.message.ts });
    }
    for (const text of ['later 1', 'later 2', 'later 3']) {
      await slack.userPostsWhileOffline({ channel: 'C_GENERAL', user: 'U_CAROL', text });
    }

    const first = await client.conversations.history({ channel: 'C_GENERAL', limit: 2 });
    expect(first.messages?.map((entry) => entry.text)).toEqual(['later 3', 'later 2']);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({
      channel: 'C_GENERAL',
      limit: 2,
      cursor: first.response_metadata?.next_cursor,
    });
    expect(second.messages?.map((entry) => entry.text)).toEqual(['later 1', 'Topic']);
    expect(second.messages?.[1]).toMatchObject({ reply_count: 3, thread_ts: parent.message.ts });

    const replies = await client.conversations.replies({
      channel: 'C_GENERAL',
      ts: parent.message.ts,
      oldest: slack.thread('C_GENERAL', parent.message.ts)[1]?.ts,
    });
    expect(replies.messages?.map((entry) => entry.text)).toEqual(['Topic', 'two', 'three']);
    const paged = await client.conversations.replies({ channel: 'C_GENERAL', ts: parent.message.ts, limit: 2 });
    expect(paged.messages?.map((entry) => entry.text)).toEqual(['Topic', 'one']);
    const rest = await client.conversations.replies({
      channel: 'C_GENERAL',
      ts: parent.message.ts,
      cursor: paged.response_metadata?.next_cursor,
    });
    expect(rest.messages?.map((entry) => entry.text)).toEqual(['two', 'three']);
  });

  it("lists the workspace's own people page by page with users.list, deactivated people and bots included", async () => {
    const small = await startFakeSlack({
      usersPerPage: 2,
      users: [
        { id: 'U_ALICE', name: 'alice', realName: 'Alice Archer', isOwner: true },
        { id: 'U_GONE', name: 'gone', deleted: true },
        { id: 'U_GUEST', name: 'guest', teamId: 'T_PARTNER' },
        { id: 'U_BOB', name: 'bob' },
      ],
    });
    try {
      const client = webClient(small);
      const pages: { members?: { id?: string }[]; response_metadata?: { next_cursor?: string } }[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.users.list({ limit: 100, ...(cursor ? { cursor } : {}) });
        pages.push(page);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      expect(pages.map((page) => page.members?.map((m) => m.id))).toEqual([
        ['U_AGORA', 'U_ALICE'],
        ['U_GONE', 'U_BOB'],
      ]);
      expect(pages.at(-1)?.response_metadata?.next_cursor).toBe('');
      const members = pages.flatMap((page) => page.members ?? []);
      expect(members.find((m) => m.id === 'U_AGORA')).toMatchObject({ is_bot: true });
      expect(members.find((m) => m.id === 'U_ALICE')).toMatchObject({ is_owner: true, real_name: 'Alice Archer' });
      expect(members.find((m) => m.id === 'U_GONE')).toMatchObject({ deleted: true });
      expect(await errorData(client.users.list({ cursor: 'bm90IG91cnM=' }))).toMatchObject({ error: 'invalid_cursor' });

      small.failCalls('users.list', 'internal_error');
      expect(await errorData(client.users.list({}))).toMatchObject({ error: 'internal_error' });
      await expect(client.users.list({})).resolves.toMatchObject({ ok: true });
    } finally {
      await small.stop();
    }
  });

  it('answers 429 with Retry-After for the calls a test rate-limits', async () => {
    const client = webClient(slack, slack.botToken, { rejectRateLimitedCalls: true });
    slack.rateLimit('chat.postMessage', { channel: 'C_STAFF', times: 1, retryAfterSeconds: 7 });

    await expect(client.chat.postMessage({ channel: 'C_STAFF', text: 'too soon' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
    await expect(client.chat.postMessage({ channel: 'C_GENERAL', text: 'elsewhere' })).resolves.toMatchObject({
      ok: true,
    });
    await expect(client.chat.postMessage({ channel: 'C_STAFF', text: 'later' })).resolves.toMatchObject({ ok: true });
    expect(slack.calls('chat.postMessage').map((call) => call.status)).toContain(429);
  });

  it('takes a file through the three steps of files.uploadV2', async () => {
    const client = webClient(slack);

    await client.filesUploadV2({
      channel_id: 'C_STAFF',
      filename: 'summary.txt',
      content: 'Three sites agreed.',
      initial_comment: 'The summary',
    });

    expect(slack.calls().map((call) => call.method)).toEqual(
      expect.arrayContaining(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']),
    );
    const shared = slack.messages('C_STAFF').at(-1);
    expect(shared).toMatchObject({ text: 'The summary', files: [{ name: 'summary.txt', size: 19 }] });
  });

  it('exchanges an OAuth code for a bot token that then works', async () => {
    const code = slack.issueOAuthCode('U_ALICE');
    const client = webClient(slack, '');

    const install = await client.oauth.v2.access({ client_id: '123.456', client_secret: 'oauth-secret', code });

    expect(install).toMatchObject({
      ok: true,
      token_type: 'bot',
      team: { id: 'T_AGORA' },
      authed_user: { id: 'U_ALICE' },
    });
    await expect(webClient(slack, String(install.access_token)).auth.test()).resolves.toMatchObject({
      user_id: 'U_AGORA',
    });
    expect(
      await errorData(client.oauth.v2.access({ client_id: '123.456', client_secret: 'oauth-secret', code })),
    ).toMatchObject({
      error: 'invalid_code',
    });
  });
});

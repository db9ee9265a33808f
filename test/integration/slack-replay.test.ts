import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { fixture, type Json, postSignedCommand, postSignedEvent, postSignedInteraction } from '../fakes/slack/index.ts';
import { type SlackHarness, slackUserId, startSlackHarness } from '../support/slack-driver.ts';

/**
 * Recorded, documented payload shapes (test/fixtures/slack) replayed through the real Bolt HTTP receiver on the one
 * HTTP server. Only ids are changed, to point at the harness's workspace, channel, question and people.
 */

let h: SlackHarness;
let responseUrls: Server;
const responded: { path: string; body: Json }[] = [];
let responseBase: string;

const sign = () => ({ signingSecret: h.slack.signingSecret });
const eventsUrl = () => `${h.baseUrl}/slack/events`;

async function question(key: string) {
  const programme = await h.deps.store.programmes.findBySlug('staff-voice');
  const q = await h.deps.store.questions.findByKey(programme?.id as string, key);
  if (!q) throw new Error(`no question ${key}`);
  return q;
}

async function threadOf(key: string): Promise<string> {
  return (await h.postedQuestion(key)).messageRef.split(':')[3] as string;
}

function forWorkspace(callback: Json, eventId: string): Json {
  const [authorization] = callback.authorizations as Json[];
  return {
    ...callback,
    team_id: 'T1',
    context_team_id: 'T1',
    event_id: eventId,
    authorizations: [{ ...authorization, team_id: 'T1' }],
  };
}

beforeAll(async () => {
  responseUrls = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      responded.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Json });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => responseUrls.listen(0, '127.0.0.1', resolve));
  responseBase = `http://127.0.0.1:${(responseUrls.address() as AddressInfo).port}`;
  h = await startSlackHarness({ mode: 'http' });
  for (const key of ['q-open', 'q-multi']) await openQuestion(h.deps, (await question(key)).id);
});

afterAll(async () => {
  await h.stop();
  await new Promise<void>((resolve) => responseUrls.close(() => resolve()));
});

describe('recorded Slack payloads replayed through the HTTP receiver', () => {
  const replyTs = '1800000020.000200';

  it('message (a reply in a thread) becomes a response', async () => {
    const callback = fixture('message-in-thread');
    const event = callback.event as Json;
    const payload = forWorkspace(
      {
        ...callback,
        event: {
          ...event,
          channel: 'C_STAFF',
          user: slackUserId('alice'),
          thread_ts: await threadOf('q-open'),
          ts: replyTs,
          event_ts: replyTs,
        },
      },
      'EvReplay1',
    );
    expect((await postSignedEvent(eventsUrl(), payload, sign())).status).toBe(200);
    await h.settle();
    const [response] = await h.deps.store.responses.listByQuestion((await question('q-open')).id);
    expect(response?.body).toBe('We should extend the pilot to two more sites.');
    expect(response?.messageRef).toBe(`slack:T1:C_STAFF:${replyTs}`);
  });

  it('message_changed adds a revision', async () => {
    const callback = fixture('message-changed');
    const event = callback.event as Json;
    const thread = await threadOf('q-open');
    const message = { ...(event.message as Json), user: slackUserId('alice'), ts: replyTs, thread_ts: thread };
    const previous = {
      ...(event.previous_message as Json),
      user: slackUserId('alice'),
      ts: replyTs,
      thread_ts: thread,
    };
    const payload = forWorkspace(
      { ...callback, event: { ...event, channel: 'C_STAFF', message, previous_message: previous } },
      'EvReplay2',
    );
    expect((await postSignedEvent(eventsUrl(), payload, sign())).status).toBe(200);
    await h.settle();
    const [response] = await h.deps.store.responses.listByQuestion((await question('q-open')).id);
    expect(response?.body).toBe('We should extend the pilot to three more sites.');
    expect((await h.deps.store.responses.revisions(response?.id as string)).map((r) => r.body)).toEqual([
      'We should extend the pilot to three more sites.',
    ]);
  });

  it('block_actions with the message state casts a multiple-choice vote without a modal', async () => {
    const payload = fixture('block-actions');
    const q = await question('q-multi');
    const ts = await threadOf('q-multi');
    const [action] = payload.actions as Json[];
    const replay = {
      ...payload,
      user: { ...(payload.user as Json), id: slackUserId('bob'), team_id: 'T1' },
      team: { id: 'T1', domain: 'agora-test' },
      channel: { id: 'C_STAFF', name: 'staff' },
      container: { ...(payload.container as Json), channel_id: 'C_STAFF', message_ts: ts },
      message: { ...(payload.message as Json), ts },
      response_url: `${responseBase}/actions/1`,
      state: {
        values: {
          agora_multi: {
            agora_multi_pick: {
              type: 'checkboxes',
              selected_options: [
                { text: { type: 'plain_text', text: 'Marking' }, value: 'marking' },
                { text: { type: 'plain_text', text: 'Meetings' }, value: 'meetings' },
              ],
            },
          },
        },
      },
      actions: [
        {
          ...action,
          action_id: 'agora_multi_submit',
          block_id: 'submit',
          value: q.id,
          text: { type: 'plain_text', text: 'Submit choices' },
        },
      ],
    };
    expect((await postSignedInteraction(eventsUrl(), replay, sign())).status).toBe(200);
    await h.settle();
    expect((await h.deps.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['marking', 'meetings']]);
    expect(responded.find((r) => r.path === '/actions/1')?.body.text).toContain('Your choices');
  });

  it('block_actions from a button Agora does not know is answered, not left to time out', async () => {
    const payload = { ...fixture('block-actions'), response_url: `${responseBase}/actions/2` };
    const answer = await postSignedInteraction(
      eventsUrl(),
      { ...payload, team: { id: 'T1', domain: 'agora-test' } },
      sign(),
    );
    expect(answer.status).toBe(200);
    expect(responded.find((r) => r.path === '/actions/2')?.body.text).toContain('not one Agora knows');
  });

  it('view_submission of the private answer form records a private response', async () => {
    const payload = fixture('view-submission');
    const q = await question('q-open');
    const view = {
      ...(payload.view as Json),
      callback_id: 'agora_private_answer',
      private_metadata: JSON.stringify({ q: q.id, c: 'C_STAFF' }),
    };
    const replay = {
      ...payload,
      team: { id: 'T1', domain: 'agora-test' },
      user: { ...(payload.user as Json), id: slackUserId('carol') },
      view,
    };
    const answer = await postSignedInteraction(eventsUrl(), replay, sign());
    await h.settle();
    expect(answer.status).toBe(200);
    const answers = (await h.deps.store.responses.listByQuestion(q.id)).filter((r) => r.private);
    expect(answers.map((r) => r.body)).toEqual(['Yes, at two more sites.']);
  });

  it('a slash command is answered through its response_url', async () => {
    const fields = {
      ...(fixture('slash-command') as Record<string, string>),
      team_id: 'T1',
      channel_id: 'C_STAFF',
      user_id: slackUserId('alice'),
      text: 'help',
      response_url: `${responseBase}/commands/1`,
    };
    expect((await postSignedCommand(eventsUrl(), fields, sign())).status).toBe(200);
    expect(responded.find((r) => r.path === '/commands/1')?.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('/agora status'),
    });
  });

  it('message_deleted marks the response deleted', async () => {
    const callback = fixture('message-deleted');
    const event = callback.event as Json;
    const previous = {
      ...(event.previous_message as Json),
      user: slackUserId('alice'),
      ts: replyTs,
      thread_ts: await threadOf('q-open'),
    };
    const payload = forWorkspace(
      { ...callback, event: { ...event, channel: 'C_STAFF', deleted_ts: replyTs, previous_message: previous } },
      'EvReplay3',
    );
    expect((await postSignedEvent(eventsUrl(), payload, sign())).status).toBe(200);
    await h.settle();
    const q = await question('q-open');
    expect((await h.deps.store.responses.listByQuestion(q.id)).filter((r) => !r.private)).toHaveLength(0);
    expect(
      (await h.deps.store.responses.listByQuestion(q.id, { includeDeleted: true })).filter((r) => !r.private),
    ).toHaveLength(1);
  });
});

import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { UserDirectory } from '../../adapters/slack/inbound/user-directory.ts';
import { RetryAfterQueue } from '../../adapters/slack/transport/retry-after-queue.ts';
import { SlackApi } from '../../adapters/slack/transport/slack-api.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { eventually } from '../contract/platform-suite.ts';
import { startFakeSlack, type UserSpec } from '../fakes/slack/index.ts';
import { RecordingLogger } from '../support/recording-logger.ts';
import {
  type SlackHarness,
  type SlackHarnessOptions,
  slackUserId,
  startSlackHarness,
} from '../support/slack-driver.ts';

// The Slack adapter reads the workspace's people with users.list when it starts and keeps them current from
// user_change and team_join, so that naming a reply's author costs no users.info call.

let harness: SlackHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start(options: SlackHarnessOptions): Promise<SlackHarness> {
  harness = await startSlackHarness(options);
  return harness;
}

/** Waits until the adapter says it has read the whole list. */
async function listed(h: SlackHarness, timeoutMs = 5000): Promise<void> {
  await eventually(async () => {
    expect(h.logger.lines.some((l) => /directory read \(users\.list\)/.test(l.message))).toBe(true);
  }, timeoutMs);
}

async function openedThread(h: SlackHarness, key = 'q-open') {
  const programme = await h.deps.store.programmes.findBySlug('staff-voice');
  const q = await h.deps.store.questions.findByKey(programme?.id as string, key);
  if (!q) throw new Error(`no question ${key}`);
  expect((await openQuestion(h.deps, q.id)).failed).toEqual([]);
  const ts = (await h.postedQuestion(key)).messageRef.split(':')[3] as string;
  return { questionId: q.id, ts };
}

/** The name the store holds for the author of what this person last wrote. */
async function storedName(h: SlackHarness, userId: string): Promise<string | undefined> {
  const participant = await h.deps.store.participants.find('slack', userId);
  return participant?.displayName;
}

async function replies(h: SlackHarness, user: string, text: string, threadTs: string): Promise<void> {
  const { delivery } = await h.slack.userPosts({ channel: 'C_STAFF', user, text, thread_ts: threadTs });
  expect(delivery?.status).toBe(200);
  await h.settle();
}

describe('the Slack workspace directory', () => {
  it("names a reply's author from users.list, waiting for the list rather than asking users.info", async () => {
    // The list is slow to come, so the reply arrives while it is still being read.
    const h = await start({ mode: 'http', beforeStart: (slack) => slack.slowDown('users.list', 700) });
    const thread = await openedThread(h);
    await replies(h, slackUserId('alice'), 'Fewer meetings.', thread.ts);
    await eventually(async () => expect(await storedName(h, slackUserId('alice'))).toBe('Alice'));
    expect(h.slack.calls('users.list').length).toBeGreaterThan(0);
    expect(h.slack.calls('users.info')).toEqual([]);
  });

  it('reads the list page after page, following next_cursor to its end', async () => {
    // Nine people and the bot, three a page: four pages.
    const h = await start({ mode: 'http', fake: { usersPerPage: 3 } });
    await listed(h);
    const pages = h.slack.calls('users.list');
    expect(pages).toHaveLength(4);
    for (const [index, page] of pages.entries()) {
      const previous = pages[index - 1]?.response as { response_metadata?: { next_cursor?: string } } | undefined;
      expect(page.args.cursor).toBe(previous?.response_metadata?.next_cursor);
    }
    const last = pages.at(-1)?.response as { response_metadata?: { next_cursor?: string } } | undefined;
    expect(last?.response_metadata).toEqual({ next_cursor: '' });
    const thread = await openedThread(h);
    // 'head' is the last of the workspace's people: on the last page.
    await replies(h, slackUserId('head'), 'From the last page.', thread.ts);
    expect(await storedName(h, slackUserId('head'))).toBe('Head');
    expect(h.slack.calls('users.info')).toEqual([]);
  });

  it('renames a person for later replies when Slack sends user_change', async () => {
    const h = await start({ mode: 'http' });
    await listed(h);
    const thread = await openedThread(h);
    await replies(h, slackUserId('alice'), 'Before.', thread.ts);
    expect(await storedName(h, slackUserId('alice'))).toBe('Alice');

    const changed = await h.slack.profileChanges(slackUserId('alice'), { realName: 'Alice Archer-Smith' });
    expect(changed?.status).toBe(200);
    await replies(h, slackUserId('alice'), 'After.', thread.ts);
    expect(await storedName(h, slackUserId('alice'))).toBe('Alice Archer-Smith');
    expect(h.slack.calls('users.info')).toEqual([]);
  });

  it('knows a person who joins the workspace from team_join', async () => {
    const h = await start({ mode: 'http' });
    await listed(h);
    const newcomer: UserSpec = { id: 'U_nia', name: 'nia', realName: 'Nia Newcomer' };
    const joined = await h.slack.personJoins(newcomer);
    expect(joined?.status).toBe(200);
    h.slack.workspace.channel('C_STAFF')?.members.add(newcomer.id);
    const thread = await openedThread(h);
    await replies(h, newcomer.id, 'Hello, new here.', thread.ts);
    expect(await storedName(h, newcomer.id)).toBe('Nia Newcomer');
    expect(h.slack.calls('users.info')).toEqual([]);
  });

  it('asks again for a page that failed, and for one Slack rate-limited, and reads the list to its end', async () => {
    const h = await start({
      mode: 'http',
      fake: { usersPerPage: 5 },
      beforeStart: (slack) => {
        // The first answer is an error, the second a 429 with Retry-After: 1, then the pages come.
        slack.failCalls('users.list', 'internal_error');
        slack.rateLimit('users.list', { retryAfterSeconds: 1 });
      },
    });
    await listed(h, 10_000);
    const answers = h.slack
      .calls('users.list')
      .map((call) => [call.status, (call.response as { error?: string }).error]);
    expect(answers).toEqual([
      [200, 'internal_error'],
      [429, 'ratelimited'],
      [200, undefined],
      [200, undefined],
    ]);
    expect(h.logger.lines.some((l) => l.level === 'warn' && l.context.slackError === 'internal_error')).toBe(true);
    const thread = await openedThread(h);
    await replies(h, slackUserId('head'), 'Listed in the end.', thread.ts);
    expect(await storedName(h, slackUserId('head'))).toBe('Head');
    expect(h.slack.calls('users.info')).toEqual([]);
  });

  it('falls back to users.info when the list cannot be read (missing_scope), and says so once', async () => {
    const h = await start({
      mode: 'http',
      beforeStart: (slack) =>
        slack.failCalls('users.list', 'missing_scope', {
          times: Number.POSITIVE_INFINITY,
          fields: { needed: 'users:read', provided: 'chat:write,commands' },
        }),
    });
    const thread = await openedThread(h);
    await replies(h, slackUserId('alice'), 'One.', thread.ts);
    await replies(h, slackUserId('bob'), 'Two.', thread.ts);
    expect(await storedName(h, slackUserId('alice'))).toBe('Alice');
    expect(await storedName(h, slackUserId('bob'))).toBe('Bob');
    expect(h.slack.calls('users.list')).toHaveLength(1);
    expect(h.slack.calls('users.info').map((call) => call.args.user)).toEqual([
      slackUserId('alice'),
      slackUserId('bob'),
    ]);
    const said = h.logger.lines.filter((l) => /could not read the Slack workspace directory/.test(l.message));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ level: 'warn', context: { slackError: 'missing_scope' } });
  });

  it('names a guest of a Slack Connect channel, whom users.list does not return, with users.info', async () => {
    const guest: UserSpec = { id: 'U_PARTNER_GUEST', name: 'gita', realName: 'Gita Guest', teamId: 'T_PARTNER' };
    const h = await start({ mode: 'http', guests: [guest] });
    await listed(h);
    const listedIds = h.slack
      .calls('users.list')
      .flatMap((call) => (call.response as { members?: { id: string }[] }).members ?? [])
      .map((member) => member.id);
    expect(listedIds).not.toContain(guest.id);
    const thread = await openedThread(h);
    await replies(h, guest.id, 'From the partner.', thread.ts);
    expect(await storedName(h, guest.id)).toBe('Gita Guest');
    expect(h.slack.calls('users.info').map((call) => call.args.user)).toEqual([guest.id]);
  });

  it('counts an owner on the list as an organiser, and a deactivated admin as none', async () => {
    const people: UserSpec[] = [
      { id: 'U_owner', name: 'owner', isOwner: true },
      { id: 'U_gone', name: 'gone', isAdmin: true, deleted: true },
    ];
    const h = await start({ mode: 'http', people });
    await listed(h);
    await h.userRunsCommand({ user: 'owner', text: 'open staff-voice/q-single' });
    await eventually(async () => {
      const programme = await h.deps.store.programmes.findBySlug('staff-voice');
      const q = await h.deps.store.questions.findByKey(programme?.id as string, 'q-single');
      expect(await h.deps.store.postings.listByQuestion(q?.id as string)).toHaveLength(1);
    });
    expect(await h.userRunsCommand({ user: 'gone', text: 'close staff-voice/q-single' })).toMatch(/organisers/);
    expect(h.slack.calls('users.info')).toEqual([]);
  });

  it("keeps listed people past the users.info answers' time to live, and asks users.info again once that passes", async () => {
    const guest: UserSpec = { id: 'U_GUEST', name: 'gita', realName: 'Gita Guest', teamId: 'T_PARTNER' };
    const slack = await startFakeSlack({
      teamId: 'T1',
      users: [{ id: 'U_ALICE', name: 'alice', realName: 'Alice' }, guest],
    });
    const client = new webApi.WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const api = new SlackApi(client, async () => slack.botToken, new RetryAfterQueue({ maxAttempts: 3 }));
    const people = new UserDirectory(api, new RecordingLogger(), { ttlMs: 100 });
    try {
      await people.list('T1');
      expect((await people.lookup('T1', 'U_ALICE')).displayName).toBe('Alice');
      expect((await people.lookup('T1', 'U_GUEST')).displayName).toBe('Gita Guest');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(people.knownName('T1', 'U_ALICE')).toBe('Alice');
      expect(people.knownName('T1', 'U_GUEST')).toBe('');
      await people.lookup('T1', 'U_GUEST');
      expect(slack.calls('users.info').map((call) => call.args.user)).toEqual(['U_GUEST', 'U_GUEST']);
    } finally {
      people.stop();
      await slack.stop();
    }
  });
});

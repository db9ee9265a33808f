import { afterEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { type SlackHarness, type SlackHarnessOptions, startSlackHarness } from '../support/slack-driver.ts';

// Slack Connect: C_STAFF is shared with a partner organisation, whose people write in it as guests. Enterprise
// Grid: the workspace belongs to an organisation, and its people have W-prefixed ids.
const PARTNER = 'T_PARTNER';
const guest = { id: 'U_PARTNER_GUEST', name: 'gita', realName: 'Gita Guest', teamId: PARTNER };
const gridPerson = { id: 'W_GRID_PERSON', name: 'wren', realName: 'Wren Grid' };

let harness: SlackHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function openedQuestion(options: SlackHarnessOptions) {
  harness = await startSlackHarness(options);
  const h = harness;
  const programme = await h.deps.store.programmes.findBySlug('staff-voice');
  const q = await h.deps.store.questions.findByKey(programme?.id as string, 'q-open');
  if (!q) throw new Error('no question q-open');
  expect((await openQuestion(h.deps, q.id)).failed).toEqual([]);
  const { messageRef } = await h.postedQuestion('q-open');
  return { h, q, threadTs: messageRef.split(':')[3] as string };
}

describe('Slack Connect and Enterprise Grid', () => {
  it('records a guest of another organisation under our installation: reply, edit and deletion', async () => {
    const { h, q, threadTs } = await openedQuestion({ mode: 'http', guests: [guest] });
    const posted = await h.slack.userPosts({
      channel: 'C_STAFF',
      user: guest.id,
      text: 'From the partner',
      thread_ts: threadTs,
    });
    // The envelope names the guest's organisation; only its authorisation names ours.
    expect(h.slack.workspace.channel('C_STAFF')?.sharedWith).toEqual([PARTNER]);
    expect(posted.message.team).toBe(PARTNER);
    await h.settle();
    const [response] = await h.deps.store.responses.listByQuestion(q.id);
    expect(response).toMatchObject({ body: 'From the partner', messageRef: `slack:T1:C_STAFF:${posted.message.ts}` });

    await h.slack.userEdits({ channel: 'C_STAFF', ts: posted.message.ts, text: 'From the partner, revised' });
    await h.settle();
    const [edited] = await h.deps.store.responses.listByQuestion(q.id);
    expect(edited?.body).toBe('From the partner, revised');
    expect(await h.deps.store.responses.revisions(edited?.id as string)).toHaveLength(1);

    await h.slack.userDeletes({ channel: 'C_STAFF', ts: posted.message.ts });
    await h.settle();
    expect(await h.deps.store.responses.listByQuestion(q.id)).toHaveLength(0);
    expect((await h.deps.store.responses.listByQuestion(q.id, { includeDeleted: true }))[0]?.deletedAt).not.toBeNull();
  });

  it('counts a guest as a participant of their own, named as Slack names them', async () => {
    const { h, q, threadTs } = await openedQuestion({ mode: 'socket', guests: [guest] });
    await h.userReplies({ questionKey: 'q-open', user: 'alice', text: 'From us' });
    await h.slack.userPosts({ channel: 'C_STAFF', user: guest.id, text: 'From them', thread_ts: threadTs });
    const responses = await waitFor(async () => {
      const all = await h.deps.store.responses.listByQuestion(q.id);
      return all.length === 2 ? all : undefined;
    });
    expect(new Set(responses.map((r) => r.participantId)).size).toBe(2);
  });

  it('records a W-prefixed person of an Enterprise Grid organisation', async () => {
    const { h, q, threadTs } = await openedQuestion({
      mode: 'http',
      fake: { enterpriseId: 'E_ORG' },
      guests: [],
    });
    h.slack.workspace.addUser(gridPerson);
    h.slack.workspace.channel('C_STAFF')?.members.add(gridPerson.id);
    await h.slack.userPosts({ channel: 'C_STAFF', user: gridPerson.id, text: 'From the grid', thread_ts: threadTs });
    await h.settle();
    const [response] = await h.deps.store.responses.listByQuestion(q.id);
    expect(response?.body).toBe('From the grid');
  });
});

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

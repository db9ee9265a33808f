import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { startWebSandbox, textOf, WebClient } from '../support/web-driver.ts';

/** Bad input gets a message beside the field and stores nothing; unknown pages get a 404 that links back. */

const CHANNEL = '/sandbox/channels/staffroom';

describe('sandbox and dashboard forms', () => {
  let sandbox: Awaited<ReturnType<typeof startWebSandbox>>;
  let alice: WebClient;
  const open = async (key: string) => {
    const question = await sandbox.question(key);
    await openQuestion(sandbox.deps, question.id);
    return question;
  };
  const responses = async (key: string) =>
    sandbox.store.responses.listByQuestion((await sandbox.question(key)).id, { includeDeleted: true });

  beforeEach(async () => {
    sandbox = await startWebSandbox();
    alice = new WebClient(sandbox.base);
    await alice.post('/sandbox/identity', { name: 'Alice Example', back: CHANNEL });
  });
  afterEach(async () => sandbox.stop());

  it('refuses an empty reply with a message beside the field, and stores nothing', async () => {
    const q = await open('q-open');
    const refused = await alice.post(`${CHANNEL}/questions/${q.id}/replies`, { eventId: 'empty-reply-1', body: '   ' });
    expect(refused.status).toBe(422);
    const field = `reply-${q.id}-body`;
    expect(refused.text).toMatch(new RegExp(`id="${field}-error"[^>]*>Write something before sending`));
    expect(refused.text).toContain(`aria-describedby="${field}-error"`);
    expect(await responses('q-open')).toHaveLength(0);
  });

  it('refuses a reply over 40,000 characters, keeping what was typed, and accepts one of exactly 40,000', async () => {
    const q = await open('q-open');
    const long = 'a'.repeat(40_001);
    const refused = await alice.post(`${CHANNEL}/questions/${q.id}/replies`, { eventId: 'long-reply-01', body: long });
    expect(refused.status).toBe(422);
    expect(textOf(refused.text)).toContain('at most 40,000 characters; this one has 40,001');
    expect(refused.text).toContain(long);
    expect(await responses('q-open')).toHaveLength(0);
    const accepted = await alice.post(`${CHANNEL}/questions/${q.id}/replies`, {
      eventId: 'long-reply-02',
      body: 'b'.repeat(40_000),
    });
    expect(accepted.status).toBe(303);
    expect(await responses('q-open')).toHaveLength(1);
  });

  it('refuses a name over 80 characters or without a letter, and keeps the visitor anonymous until then', async () => {
    const bob = new WebClient(sandbox.base);
    const long = await bob.post('/sandbox/identity', { name: 'B'.repeat(81), back: CHANNEL });
    expect(long.status).toBe(422);
    expect(textOf(long.text)).toContain('Names can be at most 80 characters; this one has 81');
    expect(long.text).toContain('id="identity-name-error"');
    const blank = await bob.post('/sandbox/identity', { name: '!!!', back: '/sandbox' });
    expect(blank.status).toBe(422);
    expect(textOf(blank.text)).toContain('Use at least one letter or digit');
    expect(bob.cookies.has('agora_sandbox_people')).toBe(false);
    const q = await open('q-open');
    const nameless = await bob.post(`${CHANNEL}/questions/${q.id}/replies`, { eventId: 'nameless-01', body: 'Hi' });
    expect(nameless.status).toBe(422);
    expect(textOf(nameless.text)).toContain('Pick a name first');
    expect(await responses('q-open')).toHaveLength(0);
  });

  it('refuses a poll choice outside the rules beside the choices, and counts nothing', async () => {
    const multi = await open('q-multi');
    const tooMany = await alice.post(`${CHANNEL}/questions/${multi.id}/votes`, {
      eventId: 'vote-multi-01',
      choice: ['marking', 'planning', 'meetings'],
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toMatch(new RegExp(`id="vote-${multi.id}-choice-error"[^>]*>Choose between 1 and 2 options`));
    const ranked = await open('q-ranked');
    const samePlace = await alice.post(`${CHANNEL}/questions/${ranked.id}/votes`, {
      eventId: 'vote-ranked-1',
      'rank:pay': '1',
      'rank:time': '1',
      'rank:training': '',
    });
    expect(samePlace.status).toBe(422);
    expect(textOf(samePlace.text)).toContain('Give each option a different place');
    expect(await sandbox.store.votes.listByQuestion(multi.id)).toHaveLength(0);
    expect(await sandbox.store.votes.listByQuestion(ranked.id)).toHaveLength(0);
  });

  it('shows a refused poll form again with what the person had chosen', async () => {
    const multi = await open('q-multi');
    const tooMany = await alice.post(`${CHANNEL}/questions/${multi.id}/votes`, {
      eventId: 'vote-multi-02',
      choice: ['marking', 'planning', 'meetings'],
    });
    expect(tooMany.status).toBe(422);
    const checked = (page: string, prefix: string) =>
      [...page.matchAll(new RegExp(`id="${prefix}-([a-z-]+)"[^>]* checked`, 'g'))].map((m) => m[1]).sort();
    expect(checked(tooMany.text, `vote-${multi.id}`)).toEqual(['marking', 'meetings', 'planning']);

    const ranked = await open('q-ranked');
    const samePlace = await alice.post(`${CHANNEL}/questions/${ranked.id}/votes`, {
      eventId: 'vote-ranked-2',
      'rank:pay': '2',
      'rank:time': '2',
      'rank:training': '1',
    });
    expect(samePlace.status).toBe(422);
    const selected = (key: string) =>
      new RegExp(`<select id="vote-${ranked.id}-${key}"[\\s\\S]*?<option value="(\\d)" selected`).exec(
        samePlace.text,
      )?.[1];
    expect([selected('pay'), selected('time'), selected('training')]).toEqual(['2', '2', '1']);
  });

  it('shows help with its commands as code, never raw backticks', async () => {
    await alice.post(`${CHANNEL}/commands`, { eventId: 'help-command-1', text: '/agora help' });
    const notices = await alice.request('/sandbox/notices');
    expect(notices.text).toContain('<code>/agora status</code>');
    expect(textOf(notices.text)).not.toContain('`');
  });

  it('casts every kind of poll vote from plain form fields', async () => {
    const ranked = await open('q-ranked');
    const likert = await open('q-likert');
    const statements = await open('q-statements');
    const multi = await open('q-multi');
    const post = (id: string, form: Record<string, string | string[]>) =>
      alice.post(`${CHANNEL}/questions/${id}/votes`, {
        eventId: `v-${Math.random().toString(36).slice(2, 12)}`,
        ...form,
      });
    expect((await post(ranked.id, { 'rank:pay': '2', 'rank:time': '1', 'rank:training': '' })).status).toBe(303);
    expect((await post(likert.id, { 'item:clear-goals': '3', 'item:good-data': '1' })).status).toBe(303);
    const answered = await alice.post(`${CHANNEL}/questions/${statements.id}/statements/answer`, {
      eventId: 'statement-vote-1',
      statement: 's1',
      vote: 'agree',
    });
    expect(answered.status).toBe(303);
    expect((await post(multi.id, { choice: ['marking', 'meetings'] })).status).toBe(303);
    const choices = async (id: string) =>
      (await sandbox.store.votes.listByQuestion(id)).map((v) => ({ subject: v.subject, choice: v.choice }));
    expect(await choices(ranked.id)).toEqual([{ subject: '', choice: ['time', 'pay'] }]);
    expect(await choices(likert.id)).toEqual(
      expect.arrayContaining([
        { subject: 'clear-goals', choice: ['3'] },
        { subject: 'good-data', choice: ['1'] },
      ]),
    );
    expect(await choices(statements.id)).toEqual([{ subject: 's1', choice: ['agree'] }]);
    expect(await choices(multi.id)).toEqual([{ subject: '', choice: ['marking', 'meetings'] }]);
    const page = textOf((await alice.request(CHANNEL)).text);
    expect(page).toContain('Your vote: 1st Time, 2nd Pay');
    expect(page).toContain('Your vote: Clear goals: Agree; Good data: Disagree');
  });

  it('lets only the author edit or delete a reply', async () => {
    const q = await open('q-open');
    await alice.post(`${CHANNEL}/questions/${q.id}/replies`, { eventId: 'alice-reply-1', body: 'Mine' });
    const mallory = new WebClient(sandbox.base);
    await mallory.post('/sandbox/identity', { name: 'Mallory', back: CHANNEL });
    const edit = await mallory.post(`${CHANNEL}/messages/alice-reply-1/edit`, {
      eventId: 'edit-try-001',
      body: 'Not yours',
    });
    expect(edit.status).toBe(403);
    expect((await mallory.post(`${CHANNEL}/messages/alice-reply-1/delete`, {})).status).toBe(403);
    const [stored] = await responses('q-open');
    expect(stored?.body).toBe('Mine');
    expect(stored?.deletedAt).toBeNull();
  });

  it('escapes what people write', async () => {
    const q = await open('q-open');
    await alice.post(`${CHANNEL}/questions/${q.id}/replies`, {
      eventId: 'xss-attempt-1',
      body: '<script>alert(1)</script>',
    });
    const page = await alice.request(CHANNEL);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
  });

  it('never shows who wrote an anonymous answer, in the page or its source; a pseudonymous one shows the pseudonym', async () => {
    const anonymous = await open('q-likert');
    const pseudonymous = await open('q-statements');
    const secret = new WebClient(sandbox.base);
    await secret.post('/sandbox/identity', { name: 'Zed Secret', back: CHANNEL });
    await secret.post(`${CHANNEL}/questions/${anonymous.id}/replies`, {
      eventId: 'anon-answer-1',
      body: 'Data is poor.',
    });
    await secret.post(`${CHANNEL}/questions/${pseudonymous.id}/replies`, {
      eventId: 'pseudo-answer',
      body: 'Too long.',
    });
    const person = await sandbox.store.participants.find('web', 'zed-secret');
    if (!person) throw new Error('the participant was not recorded');
    const page = await alice.request(CHANNEL);
    const card = /<article class="card" id="q-[^"]+"[^>]*data-live="question:([^"]+)"/g;
    expect([...page.text.matchAll(card)].map((m) => m[1])).toContain(anonymous.id);
    const anonymousCard = page.text.slice(
      page.text.indexOf(`id="q-${anonymous.id}"`),
      page.text.indexOf(`id="q-${pseudonymous.id}"`),
    );
    expect(anonymousCard).toContain('Data is poor.');
    expect(anonymousCard).toContain('Anonymous');
    expect(anonymousCard).not.toContain(person.pseudonym);
    // The page shows the pseudonym with the pseudonymous answer only, and the name never.
    for (const trace of ['Zed Secret', 'zed-secret', person.id]) expect(page.text).not.toContain(trace);
    expect(page.text.slice(page.text.indexOf(`id="q-${pseudonymous.id}"`))).toContain(person.pseudonym);
    const organiser = new WebClient(sandbox.base);
    const dashboard = await organiser.request('/dashboard/programmes/staff-voice/questions/q-likert');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Data is poor.');
    for (const trace of ['Zed Secret', 'zed-secret', person.id, person.pseudonym])
      expect(dashboard.text).not.toContain(trace);
  });

  it('answers unknown programmes, questions, channels and pages with a 404 that links back', async () => {
    const cases: [string, string][] = [
      ['/dashboard/programmes/no-such-programme', '/dashboard'],
      ['/dashboard/programmes/staff-voice/questions/no-such-question', '/dashboard'],
      ['/dashboard/programmes/staff-voice/questions/no-such-question/stats', '/dashboard'],
      ['/sandbox/channels/no-such-channel', '/sandbox'],
      ['/sandbox/channels/staffroom/questions/no-such-question', '/sandbox'],
      ['/no/such/page', '/'],
    ];
    for (const [path, back] of cases) {
      const page = await alice.request(path);
      expect(page.status, path).toBe(404);
      expect(page.text, path).toContain(`href="${back}"`);
      expect(page.text, path).toContain('<h1>Not found</h1>');
    }
    const post = await alice.post('/sandbox/channels/staffroom/questions/no-such-question/replies', { body: 'Hello' });
    expect(post.status).toBe(404);
    const action = await alice.post('/dashboard/programmes/staff-voice/questions/no-such-question/close', {});
    expect(action.status).toBe(404);
  });
});

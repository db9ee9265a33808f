import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { chromiumMissingReason, launchChromium, screenshot, watchConsole } from '../support/browser.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { repoRoot, startAgora, stopAgora } from '../support/run-agora.ts';

/**
 * The sandbox and the dashboard in a real browser (Debian's Chromium), against Agora started as `npm start` starts
 * it: a fresh SQLite file, port 0, the shipped programmes, plus one small programme with an anonymous question
 * (none of the shipped ones is anonymous).
 */

const missing = chromiumMissingReason();
if (missing) console.warn(`[skipped] browser tests: ${missing}`);

const TOKEN = 'e2e-organiser-token-0123456789';
const ANONYMOUS_PROGRAMME = `slug: sandbox-checks
title: Sandbox checks
timezone: Europe/London
channels:
  staffroom: All-staff consultation channel
sections:
  - id: wellbeing
    title: Wellbeing
    questions:
      - id: anonymous-wellbeing
        kind: open
        prompt: "What would make this a healthier place to work?"
        anonymity: anonymous
`;

/** Whether the digest API route is wired into the composition root (it is built separately). */
const digestRouteWired = readFileSync(path.join(repoRoot, 'src', 'app', 'main.ts'), 'utf8').includes(
  'digestExportRoute',
);

describe.skipIf(missing !== null)('the sandbox and the dashboard in a browser', () => {
  let database: TestDatabase;
  let programmesDir: string;
  let child: ChildProcess;
  let logs: string[] = [];
  let base: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let organiser: Page;
  let participant: Page;
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    database = sqliteDatabase();
    programmesDir = mkdtempSync(path.join(tmpdir(), 'agora-programmes-'));
    for (const file of readdirSync(path.join(repoRoot, 'programmes')).filter((f) => f.endsWith('.yaml')))
      copyFileSync(path.join(repoRoot, 'programmes', file), path.join(programmesDir, file));
    writeFileSync(path.join(programmesDir, 'sandbox-checks.yaml'), ANONYMOUS_PROGRAMME);
    const started = await startAgora({
      DATABASE_URL: database.url,
      PROGRAMMES_DIR: programmesDir,
      ORGANISER_API_TOKEN: TOKEN,
      HOST: '127.0.0.1',
    });
    child = started.child;
    logs = started.logs;
    base = `http://localhost:${started.port}`;
    browser = await launchChromium();
    context = browser.context;
    organiser = await context.newPage();
    participant = await context.newPage();
    consoleProblems.push(...watchConsole(organiser), ...watchConsole(participant));
  });

  afterAll(async () => {
    await browser?.close();
    await stopAgora(child);
    await database?.drop();
    if (programmesDir) rmSync(programmesDir, { recursive: true, force: true });
  });

  const card = (page: Page, prompt: RegExp) =>
    page.locator('article.card').filter({ has: page.getByRole('heading', { level: 2, name: prompt }) });
  const stats = (page: Page, prompt: RegExp) =>
    page.locator('article.stats').filter({ has: page.getByRole('heading', { name: prompt }) });
  const VISION = /what would it look like\? What would its key components be\?/;
  const STRUCTURES = /Which of these do you most need before deciding/;

  it('lands on a start page that links the sandbox channels and the dashboard', async () => {
    await organiser.goto(`${base}/`);
    await expect.poll(() => organiser.title()).toBe('Start · Agora');
    expect(await organiser.getByRole('link', { name: '#staffroom' }).count()).toBe(1);
    expect(await organiser.getByRole('link', { name: 'Open the dashboard' }).count()).toBe(1);
    await screenshot(organiser, 'start-page');
  });

  it('lets the organiser open an ASCL question and an HTRT poll from the dashboard', async () => {
    await organiser.goto(`${base}/dashboard`);
    await screenshot(organiser, 'dashboard-overview');
    await organiser.getByRole('link', { name: 'Blueprint for a self-improving system' }).click();
    await organiser.getByRole('button', { name: 'Open now: vision-components' }).click();
    await expect.poll(() => organiser.locator('#flash').textContent()).toContain('Opened "vision-components"');
    await organiser.goto(`${base}/dashboard/programmes/htrt2016`);
    await organiser.getByRole('button', { name: 'Open now: structures-needs' }).click();
    await expect.poll(() => organiser.locator('#flash').textContent()).toContain('Opened "structures-needs"');
    expect(await organiser.locator('#audit').textContent()).toContain('dashboard.open');
  });

  it('records a sandbox answer and a vote, and the dashboard shows the new count without reloading', async () => {
    await organiser.goto(`${base}/dashboard/programmes/ascl-blueprint`);
    await organiser.locator('html[data-live="connected"]').waitFor();
    await organiser.evaluate(() => {
      (globalThis as unknown as { agoraMarker: string }).agoraMarker = 'not reloaded';
    });
    const replies = stats(organiser, VISION).locator('dd[data-count="replies"]');
    expect(await replies.textContent()).toBe('0');

    await participant.goto(`${base}/sandbox/channels/staffroom`);
    await participant.getByLabel('Your name').fill('Dana Example');
    await participant.getByRole('button', { name: 'Take part' }).click();
    await expect.poll(() => participant.locator('.whoami').textContent()).toContain('Dana Example');
    const vision = card(participant, VISION);
    await vision
      .getByLabel('Reply in the thread')
      .fill('Schools learning from each other, with time set aside for it.');
    await vision.getByRole('button', { name: 'Send reply' }).click();
    await expect
      .poll(() => card(participant, VISION).locator('.thread').textContent())
      .toContain('Schools learning from each other');

    const poll = card(participant, STRUCTURES);
    await poll.getByLabel('Clear guidance from the DFE').check();
    await poll.getByRole('button', { name: 'Vote' }).click();
    await expect
      .poll(() => card(participant, STRUCTURES).locator('.my-vote').textContent())
      .toContain('Clear guidance from the DFE');
    await screenshot(participant, 'sandbox-channel');
    await participant.locator('body').evaluate((body) => body.scrollIntoView({ block: 'start' }));
    await screenshot(participant, 'sandbox-channel-window', { fullPage: false });

    await expect.poll(() => replies.textContent(), { timeout: 10_000 }).toBe('1');
    expect(await organiser.evaluate(() => (globalThis as unknown as { agoraMarker?: string }).agoraMarker)).toBe(
      'not reloaded',
    );
    await screenshot(organiser, 'dashboard-programme');
    await organiser.locator('#questions').evaluate((section) => section.scrollIntoView({ block: 'start' }));
    await screenshot(organiser, 'dashboard-live-counts-window', { fullPage: false });
    await organiser.goto(`${base}/dashboard/programmes/htrt2016`);
    expect(await stats(organiser, STRUCTURES).locator('dd[data-count="voters"]').textContent()).toBe('1');
    await organiser.goto(`${base}/dashboard/programmes/ascl-blueprint/questions/vision-components`);
    expect(await organiser.locator('main').textContent()).toContain('Dana Example');
    await screenshot(organiser, 'dashboard-question');
  });

  it('lists every digest format for download on the dashboard', async () => {
    await organiser.goto(`${base}/dashboard/programmes/ascl-blueprint`);
    const formats = await organiser
      .locator('#digests tbody tr')
      .first()
      .locator('a[data-format]')
      .evaluateAll((links) => links.map((a) => [a.getAttribute('data-format'), a.getAttribute('href')]));
    expect(formats.map(([format]) => format)).toEqual(['html', 'markdown', 'csv', 'json', 'xlsx', 'polis']);
    for (const [format, href] of formats)
      expect(href).toMatch(new RegExp(`/programmes/ascl-blueprint/digests/\\d{4}-W\\d{2}\\.${format}$`));
  });

  const downloads = digestRouteWired ? it : it.todo;
  downloads('lets the organiser download the HTML digest and the CSV from the dashboard', async () => {
    await organiser.goto(`${base}/dashboard/programmes/ascl-blueprint`);
    const row = organiser.locator('#digests tbody tr').first();
    for (const [format, check] of [
      ['html', (text: string) => expect(text).toContain('<html')],
      ['csv', (text: string) => expect(text.split('\n')[0]).toContain(',')],
    ] as const) {
      const [download] = await Promise.all([
        organiser.waitForEvent('download'),
        row.locator(`a[data-format="${format}"]`).click(),
      ]);
      const text = readFileSync(await download.path(), 'utf8');
      expect(download.suggestedFilename(), `${text.slice(0, 300)}\n${logs.join('').slice(-1500)}`).toMatch(
        new RegExp(`ascl-blueprint.*\\.${format}$`),
      );
      check(text);
    }
    // The same file for tools, with the token as a bearer.
    const href = (await row.locator('a[data-format="csv"]').getAttribute('href')) ?? '';
    const api = await fetch(`${base}${href.replace('/dashboard/programmes/', '/api/programmes/')}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(api.status).toBe(200);
  });

  it('refuses the dashboard to a request from another machine until the organiser signs in', async () => {
    // Simulated with X-Forwarded-For: a proxy's header never grants access, it only removes the local exemption.
    const refused = await fetch(`${base}/dashboard/programmes/ascl-blueprint`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
      redirect: 'manual',
    });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toContain('/dashboard/login');
    const api = await fetch(`${base}/dashboard/api/programmes`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(api.status).toBe(401);

    const remote = await context.newPage();
    await remote.setExtraHTTPHeaders({ 'X-Forwarded-For': '203.0.113.9' });
    await context.clearCookies();
    await remote.goto(`${base}/dashboard/programmes/ascl-blueprint`);
    expect(await remote.getByRole('heading', { level: 1 }).textContent()).toBe('Organisers: sign in');
    await screenshot(remote, 'dashboard-sign-in');
    await remote.getByLabel('Organiser token').fill(TOKEN);
    await remote.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => remote.getByRole('heading', { level: 1 }).textContent())
      .toBe('Blueprint for a self-improving system');
    await remote.close();
  });

  it('never shows who wrote an anonymous answer, on the page or in its source', async () => {
    await context.clearCookies();
    await organiser.goto(`${base}/dashboard/programmes/sandbox-checks`);
    await organiser.getByRole('button', { name: 'Open now: anonymous-wellbeing' }).click();
    await expect.poll(() => organiser.locator('#flash').textContent()).toContain('Opened');

    await participant.goto(`${base}/sandbox/channels/staffroom`);
    await participant.getByLabel('Your name').fill('Erin Secret');
    await participant.getByRole('button', { name: 'Take part' }).click();
    const question = card(participant, /healthier place to work/);
    await question.getByLabel('Reply in the thread').fill('More honest conversations about workload.');
    await question.getByRole('button', { name: 'Send reply' }).click();
    await expect
      .poll(() =>
        card(participant, /healthier place to work/)
          .locator('.thread')
          .textContent(),
      )
      .toContain('More honest conversations');

    const store = await openStore(database.url, { migrate: false });
    const author = await store.participants.find('web', 'erin-secret');
    await store.close();
    expect(author).not.toBeNull();
    const traces = ['Erin Secret', 'erin-secret', author?.id ?? '', author?.pseudonym ?? ''];

    // The author's own view: the name is in the banner ("Taking part as"), nowhere in the channel itself.
    const ownChannel = await participant.locator('main').innerHTML();
    for (const trace of traces) expect(ownChannel).not.toContain(trace);

    // Another visitor's view of the channel. The organiser's live page would take a fresh session cookie of its
    // own once cookies are cleared, so it is closed first: the two pages share one browser.
    await organiser.goto('about:blank');
    await context.clearCookies();
    await participant.goto(`${base}/sandbox/channels/staffroom`);
    await participant.getByLabel('Your name').fill('Frank Viewer');
    await participant.getByRole('button', { name: 'Take part' }).click();
    await expect.poll(() => participant.locator('.whoami').textContent()).toContain('Frank Viewer');
    const anonymousCard = card(participant, /healthier place to work/);
    expect(await anonymousCard.textContent()).toContain('More honest conversations about workload.');
    expect(await anonymousCard.textContent()).toContain('Anonymous');
    const visible = (await participant.locator('body').textContent()) ?? '';
    const source = await participant.content();
    for (const trace of traces) {
      expect(visible).not.toContain(trace);
      expect(source).not.toContain(trace);
    }
    await screenshot(participant, 'sandbox-anonymous-answer');

    // The organisers' view of the question.
    await organiser.goto(`${base}/dashboard/programmes/sandbox-checks/questions/anonymous-wellbeing`);
    const dashboardSource = await organiser.content();
    expect(dashboardSource).toContain('More honest conversations about workload.');
    for (const trace of traces) expect(dashboardSource).not.toContain(trace);
  });

  it('deals agree/disagree statements one at a time, and holds a new one for an organiser to approve', async () => {
    await organiser.goto(`${base}/dashboard/programmes/great-education-debate`);
    await organiser.getByRole('button', { name: 'Open now: arguments' }).click();
    await expect.poll(() => organiser.locator('#flash').textContent()).toContain('Opened "arguments"');
    await participant.goto(`${base}/sandbox/channels/debate`);
    await participant.getByLabel(/Your name|Switch to another person/).fill('Gita Voter');
    await participant.getByRole('button', { name: /Take part|Switch/ }).click();
    const arguments_ = () => card(participant, /where do you stand on the arguments/);
    await arguments_().getByRole('button', { name: 'Vote on statements' }).click();
    await expect.poll(() => arguments_().locator('.progress').textContent()).toBe('0 of 10 voted');
    await arguments_().getByRole('button', { name: 'Agree', exact: true }).click();
    await expect.poll(() => arguments_().locator('.progress').textContent()).toBe('1 of 10 voted');
    await arguments_().getByText('Add a statement').click();
    await arguments_().getByLabel('Your statement').fill('Teachers need time to learn from each other.');
    await arguments_().getByRole('button', { name: 'Add statement' }).click();
    await expect.poll(() => participant.locator('#notices').textContent()).toContain('waiting for an organiser');
    await screenshot(participant, 'sandbox-statements');

    await organiser.goto(`${base}/sandbox/channels/organisers`);
    await organiser.getByLabel(/Your name|Switch to another person/).fill('Olu Organiser');
    await organiser.getByRole('button', { name: /Take part|Switch/ }).click();
    await organiser.getByRole('button', { name: 'Act as organiser' }).click();
    const review = organiser.locator('article.bot-message').filter({ hasText: 'Teachers need time' });
    await review.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => review.textContent()).toContain('Approved: "Teachers need time to learn from each other."');
    // The organiser's notice follows once the approval is applied: give a loaded machine time.
    await expect
      .poll(() => organiser.locator('#notices').textContent(), { timeout: 20_000 })
      .toContain('Approved by Olu Organiser');
  }, 90_000); // many page loads: slow on a loaded machine

  it('proposes a sentence of a reply as a statement, and the approval request links back to the reply', async () => {
    // A person of their own (the other pages share the organiser's session).
    const own = await context.browser()?.newContext();
    if (!own) throw new Error('no browser to open a second session in');
    const author = await own.newPage();
    consoleProblems.push(...watchConsole(author));
    await author.goto(`${base}/sandbox/channels/debate`);
    await author.getByLabel(/Your name|Switch to another person/).fill('Hana Author');
    await author.getByRole('button', { name: /Take part|Switch/ }).click();
    const arguments_ = () => card(author, /where do you stand on the arguments/);
    await arguments_().getByLabel('Reply in the thread').fill('Exams narrow the curriculum. Everyone knows it.');
    await arguments_().getByRole('button', { name: 'Send reply' }).click();
    const reply = () => arguments_().locator('article.reply').filter({ hasText: 'Exams narrow the curriculum' });
    await expect.poll(() => reply().count()).toBe(1);
    await reply().getByText('Propose as a statement').click();
    const statement = reply().getByLabel(/^Statement/);
    expect(await statement.inputValue()).toBe('Exams narrow the curriculum. Everyone knows it.');
    await statement.fill('Exams narrow the curriculum');
    await reply().getByRole('button', { name: 'Propose', exact: true }).click();
    await expect
      .poll(() => author.locator('#notices').textContent(), { timeout: 20_000 })
      .toContain('waiting for an organiser');
    await own.close();

    await organiser.goto(`${base}/sandbox/channels/organisers`);
    const review = organiser.locator('article.bot-message').filter({ hasText: 'Exams narrow the curriculum' });
    await review.getByRole('link', { name: 'Proposed from a reply' }).click();
    await expect.poll(() => organiser.url()).toMatch(/\/sandbox\/channels\/debate#r-/);
    const anchor = new URL(organiser.url()).hash;
    expect(await organiser.locator(`article.reply${anchor}`).textContent()).toContain('Everyone knows it.');
  }, 90_000);

  it('ran without a script error or a Content-Security-Policy violation', () => {
    expect(consoleProblems.filter((p) => !/favicon/.test(p))).toEqual([]);
  });
});

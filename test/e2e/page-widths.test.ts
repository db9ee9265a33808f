import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { chromiumMissingReason, launchChromium, SCREENSHOTS, screenshot } from '../support/browser.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { startAgora, stopAgora } from '../support/run-agora.ts';
import { WebClient } from '../support/web-driver.ts';

/**
 * Every page of the sandbox and the dashboard at a phone's width (390 px) and a desktop's (1,440 px), with the
 * longest things people can write: a 280-character statement with no space in it, an unbroken reply, a long name,
 * options that differ only at their end. No page may scroll sideways, and no text may be cut off (outside a
 * part made to scroll on its own, such as a wide table).
 */

const missing = chromiumMissingReason();
if (missing) console.warn(`[skipped] page width tests: ${missing}`);

const LONG_WORD = `Unbroken${'x'.repeat(272)}`; // 280 characters, the longest statement there can be
const SIMILAR = 'More time set aside in the school week for teachers to plan lessons together with';
const PROGRAMME = `slug: widths
title: "Pages that fit: a programme with long words, similar options and every kind of question"
organisation: A school trust with a rather long name for a header
timezone: Europe/London
channels:
  staffroom: Staff consultation channel
  organisers: Organisers only
organisers_channel: organisers
statement_approval: true
sections:
  - id: everything
    title: Every kind of question
    intro: "An introduction with a long link: https://example.org/${'path/'.repeat(30)}end"
    questions:
      - id: open-question
        kind: open
        prompt: "What would make the biggest difference to how you work? ${'Longwordwithoutanyspaces'.repeat(4)}"
        closes: "2027-06-30 17:00"
      - id: single-poll
        kind: single_choice
        prompt: Which would help most?
        options:
          - "${SIMILAR} colleagues in their department"
          - "${SIMILAR} colleagues in other schools"
          - "Nothing"
      - id: multi-poll
        kind: multi_choice
        prompt: Which tasks take longest?
        options: ["Marking", "Planning", "Data entry", "Meetings"]
        max_choices: 2
      - id: ranked-poll
        kind: ranked
        prompt: Rank these priorities
        options:
          - "${SIMILAR} colleagues in their department"
          - "${SIMILAR} colleagues in other schools"
          - "Pay"
      - id: rating
        kind: likert
        prompt: How well do we do this today?
        items: ["Clear goals for every school in the trust and for every department", "Good data"]
      - id: statements
        kind: statements
        prompt: Agree or disagree?
        statements: ["Marking takes too long", "Meetings are useful"]
`;

const WIDTHS = [390, 1440];

interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  problems: string[];
}

/**
 * What overflows, measured in the page: its sideways scroll, each element drawn past the window or clipped inside
 * itself, and text spilling past the window (a long word in a box that lets it overflow). Parts made to scroll on
 * their own (a wide table in .table-scroll) are left out: what is in them can be scrolled to. Plain JavaScript,
 * run by the browser.
 */
const MEASURE_OVERFLOW = `(() => {
  const scrolls = (element) => /auto|scroll/.test(getComputedStyle(element).overflowX);
  const inScroller = (element) => {
    for (let at = element.parentElement; at && at !== document.body; at = at.parentElement) if (scrolls(at)) return true;
    return false;
  };
  const hidden = '.visually-hidden, .skip-link, script, style, title, desc';
  const name = (element) =>
    element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
    (typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/).join('.') : '') +
    ': ' + (element.textContent || '').trim().slice(0, 40);
  const problems = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest(hidden)) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || inScroller(element)) continue;
    if (box.right > innerWidth + 1 || box.left < -1) problems.push('past the window: ' + name(element));
    const style = getComputedStyle(element);
    const clips = /hidden|clip/.test(style.overflowX) || style.textOverflow === 'ellipsis';
    if (clips && element.scrollWidth > element.clientWidth + 1) problems.push('cut off: ' + name(element));
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim() || parent.closest(hidden) || inScroller(parent) || scrolls(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width > 0 && box.right > innerWidth + 1) problems.push('text past the window: ' + name(parent));
  }
  return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth, problems: problems.slice(0, 10) };
})()`;

async function overflowOf(page: Page): Promise<Overflow> {
  return (await page.evaluate(MEASURE_OVERFLOW)) as Overflow;
}

describe.skipIf(missing !== null)('pages that fit a phone and a desktop', () => {
  let database: TestDatabase;
  let programmesDir: string;
  let child: ChildProcess;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const pages: string[] = [];

  beforeAll(async () => {
    database = sqliteDatabase();
    programmesDir = mkdtempSync(path.join(tmpdir(), 'agora-widths-'));
    writeFileSync(path.join(programmesDir, 'widths.yaml'), PROGRAMME);
    const started = await startAgora({ DATABASE_URL: database.url, PROGRAMMES_DIR: programmesDir, HOST: '127.0.0.1' });
    child = started.child;
    base = `http://localhost:${started.port}`;

    // Everything a person and an organiser can do, as plain form posts (the browser only looks).
    const organiser = new WebClient(base);
    const keys = ['open-question', 'single-poll', 'multi-poll', 'ranked-poll', 'rating', 'statements'];
    for (const key of keys) {
      const opened = await organiser.post(`/dashboard/programmes/widths/questions/${key}/open`, {});
      expect(opened.status).toBe(303);
    }
    const store = await openStore(database.url, { migrate: false });
    const programme = await store.programmes.findBySlug('widths');
    const ids = new Map<string, string>();
    for (const key of keys) ids.set(key, (await store.questions.findByKey(programme?.id as string, key))?.id ?? '');
    const single = await store.questions.options(ids.get('single-poll') as string);
    const ranked = await store.questions.options(ids.get('ranked-poll') as string);
    const items = await store.questions.options(ids.get('rating') as string);
    await store.close();

    const channel = '/sandbox/channels/staffroom';
    const person = new WebClient(base);
    await person.post('/sandbox/identity', { name: `Name${'n'.repeat(76)}`, back: channel });
    const q = (key: string) => `${channel}/questions/${ids.get(key)}`;
    let n = 0;
    const id = () => `widths-event-${String(++n).padStart(4, '0')}`;
    const posts = [
      person.post(`${q('open-question')}/replies`, { eventId: id(), body: LONG_WORD }),
      person.post(`${q('open-question')}/replies`, {
        eventId: id(),
        body: `A reply with a long link https://example.org/${'a'.repeat(200)} in it.`,
      }),
      person.post(`${q('single-poll')}/votes`, { eventId: id(), choice: single[0]?.key as string }),
      person.post(`${q('multi-poll')}/votes`, { eventId: id(), choice: ['marking', 'planning'] }),
      person.post(`${q('ranked-poll')}/votes`, { eventId: id(), choice: ranked.map((o) => o.key) }),
      person.post(`${q('rating')}/votes`, { eventId: id(), [`item:${items[0]?.key}`]: '3' }),
      person.post(`${q('statements')}/statements`, { eventId: id(), text: LONG_WORD }),
    ];
    for (const post of posts) expect((await post).status).toBe(303);
    await person.post(`${channel}/commands`, { eventId: id(), text: '/agora status' });

    pages.push('/', '/sandbox', channel, '/sandbox/channels/organisers', '/sandbox/notices');
    for (const key of keys) pages.push(q(key));
    pages.push('/dashboard', '/dashboard/programmes/widths');
    for (const key of keys) pages.push(`/dashboard/programmes/widths/questions/${key}`);
    browser = await launchChromium();
    // The person's cookies, so their own pages (votes, notices, the banner with their name) are seen as theirs.
    await browser.context.addCookies([...person.cookies].map(([name, value]) => ({ name, value, url: base })));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopAgora(child);
    await database?.drop();
    if (programmesDir) rmSync(programmesDir, { recursive: true, force: true });
  });

  it('previews the latest digest on the dashboard as the HTML digest reads, not as raw Markdown', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/dashboard/programmes/widths`);
    const preview = page.locator('#digests .digest-preview');
    expect(await preview.locator('section.question').count()).toBeGreaterThan(0);
    expect(await preview.locator('table').count()).toBeGreaterThan(0);
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('Which would help most?');
    expect(text).not.toMatch(/^#|\\[.#*_()-]|\| --- \|/m);
    expect(await page.locator('main').count()).toBe(1);
    await page.close();
  });

  for (const width of WIDTHS) {
    it(`fits every page into ${width} px without scrolling sideways or cutting text off`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const found: Record<string, unknown> = {};
      for (const at of pages) {
        const response = await page.goto(`${base}${at}`);
        expect(response?.status(), at).toBe(200);
        const overflow = await overflowOf(page);
        if (overflow.scrollWidth > overflow.innerWidth || overflow.problems.length) found[at] = overflow;
      }
      await page.goto(`${base}/sandbox/channels/organisers`);
      await screenshot(page, `organisers-${width}`);
      await page.goto(`${base}/dashboard/programmes/widths`);
      await screenshot(page, `dashboard-programme-${width}`);
      for (const part of ['timeline', 'questions', 'positions', 'digests'])
        await page.locator(`#${part}`).screenshot({ path: path.join(SCREENSHOTS, `dashboard-${part}-${width}.png`) });
      await page.close();
      expect(found).toEqual({});
    }, 120_000);
  }
});

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { castVote } from '../../src/core/consultation/cast-vote.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { systemClock } from '../../src/core/ports/clock.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import { chromiumMissingReason, launchChromium, screenshot } from '../support/browser.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { startAgora, stopAgora } from '../support/run-agora.ts';

/**
 * The sandbox's opinion map in a real browser: the person who voted sees their own dot marked "You"; another
 * visitor sees the same map with no dot marked.
 */

const missing = chromiumMissingReason();
if (missing) console.warn(`[skipped] browser tests: ${missing}`);

const PROGRAMME = `slug: map-checks
title: Map checks
timezone: Europe/London
participants_see_positions: true
channels:
  staffroom: All-staff consultation channel
sections:
  - id: views
    title: Views
    questions:
      - id: workload
        kind: statements
        prompt: "Agree or disagree: workload"
        statements:
          - "Marking takes too long"
          - "Meetings are useful"
          - "Cover is shared fairly"
`;
const PROMPT = /Agree or disagree: workload/;

describe.skipIf(missing !== null)('the opinion map in the sandbox', () => {
  let database: TestDatabase;
  let programmesDir: string;
  let child: ChildProcess;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    database = sqliteDatabase();
    programmesDir = mkdtempSync(path.join(tmpdir(), 'agora-map-programmes-'));
    writeFileSync(path.join(programmesDir, 'map-checks.yaml'), PROGRAMME);
    const started = await startAgora({ DATABASE_URL: database.url, PROGRAMMES_DIR: programmesDir, HOST: '127.0.0.1' });
    child = started.child;
    base = `http://localhost:${started.port}`;
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stopAgora(child);
    await database?.drop();
    if (programmesDir) rmSync(programmesDir, { recursive: true, force: true });
  });

  const card = () =>
    page.locator('article.card').filter({ has: page.getByRole('heading', { level: 2, name: PROMPT }) });
  const takePart = async (name: string) => {
    await page.goto(`${base}/sandbox/channels/staffroom`);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Take part' }).click();
    await expect.poll(() => page.locator('.whoami').textContent()).toContain(name);
  };

  it('marks the voter\'s own dot "You" for them, and no dot for another visitor', async () => {
    await page.goto(`${base}/dashboard/programmes/map-checks`);
    await page.getByRole('button', { name: 'Open now: workload' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('Opened "workload"');

    // Sixteen colleagues in two camps, enough for opinion groups to form.
    const store = await openStore(database.url);
    try {
      const deps = { store, clock: systemClock, logger: silentLogger, platforms: new PlatformRegistry() };
      const programme = await store.programmes.findBySlug('map-checks');
      const question = await store.questions.findByKey(programme?.id as string, 'workload');
      if (!question) throw new Error('the workload question was not loaded');
      for (let person = 0; person < 16; person++) {
        for (const statement of await store.questions.options(question.id)) {
          await castVote(deps, {
            questionId: question.id,
            author: { platform: 'web', platformUserId: `colleague-${person}`, displayName: `Colleague ${person}` },
            subject: statement.key,
            choice: [person % 2 === 0 ? 'agree' : 'disagree'],
            idempotencyKey: `colleague-${person}-${statement.key}`,
            at: new Date(),
          });
        }
      }
    } finally {
      await store.close();
    }

    await takePart('Vera Voter');
    await card().getByRole('button', { name: 'Vote on statements' }).click();
    for (let answered = 0; answered < 3; answered++) {
      await card().getByRole('button', { name: 'Agree', exact: true }).click();
      await expect.poll(() => card().locator('.dealt').textContent()).not.toContain(`${answered} of 3 voted`);
    }
    await page.reload();
    const map = card().locator('figure.opinion-map');
    await expect.poll(() => map.locator('svg circle').count()).toBeGreaterThan(16);
    expect(await map.locator('g.you').count()).toBe(1);
    expect(await map.locator('g.you text').textContent()).toBe('You');
    expect(await map.locator('svg').getAttribute('aria-label')).toContain('your dot is marked "You"');
    await screenshot(page, 'sandbox-opinion-map-you');

    await browser.context.clearCookies();
    await takePart('Oscar Observer');
    await expect.poll(() => map.locator('svg circle').count()).toBeGreaterThan(16);
    expect(await map.locator('g.you').count()).toBe(0);
    expect(await map.textContent()).not.toContain('You');
    expect(await map.locator('figcaption').textContent()).toContain('Vote on statements to appear on it');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { registerPositionsCommand } from '../../src/app/cli/positions-command.ts';
import { collect } from '../../src/core/digest/export-formats.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import type { OpinionGroupsPart } from '../../src/core/summaries/model.ts';
import { summariseQuestion } from '../../src/core/summaries/summarise-question.ts';
import { coreHarness } from '../support/core-harness.ts';
import { programmeFile } from '../support/programme-fixture.ts';
import { type SummaryHarness, seedSummaries } from '../support/summary-fixture.ts';

/** Real Pol.is exports, for their exact columns. */
const OPEN_DATA = '/work/shared/polis-opendata/15-per-hour-seattle';
const LOCAL_COPY = path.resolve(import.meta.dirname, '..', 'fixtures', 'polis', '15-per-hour-seattle');
const polisFile = (name: string) => {
  for (const folder of [OPEN_DATA, LOCAL_COPY]) {
    try {
      return readFileSync(path.join(folder, name), 'utf8');
    } catch {}
  }
  throw new Error(`no Pol.is ${name} to compare with`);
};
const rows = (text: string) => parse(text, { bom: true }) as string[][];
const records = (text: string) => parse(text, { bom: true, columns: true }) as Record<string, string>[];

/** `agora positions polis DIR --json`, as the command line runs it. */
async function agoraPositionsPolis(dir: string): Promise<{ participants: Record<string, number | null>; k?: number }> {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => out.push(text));
  const program = new Command('agora').exitOverride();
  registerPositionsCommand(program);
  await program.parseAsync(['node', 'agora', 'positions', 'polis', dir, '--json']);
  return JSON.parse(out.join('\n'));
}

async function exportPolis(h: SummaryHarness): Promise<{ dir: string; read: (name: string) => string }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'agora-polis-'));
  const prepared = await prepareExport(h.deps, allExportFormats(), { programme: 'staff-voice', format: 'polis' });
  for (const file of prepared.files) {
    await mkdir(path.dirname(path.join(folder, file.name)), { recursive: true });
    writeFileSync(path.join(folder, file.name), await collect(file.render(prepared.source)));
  }
  const dir = path.join(folder, 'q-statements');
  folders.push(folder);
  return { dir, read: (name) => readFileSync(path.join(dir, name), 'utf8') };
}

const folders: string[] = [];
let h: SummaryHarness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  await h?.close();
  h = undefined;
});

/** A statement someone wrote that the organisers rejected after a few votes, one waiting, one starting with "=". */
async function moderatedStatements(harness: SummaryHarness) {
  const question = harness.question('q-statements');
  const author = await harness.store.participants.upsert(harness.person('v0'));
  const rejected = await harness.store.questions.addStatement({
    questionId: question.id,
    label: 'Abolish all meetings',
    authorId: author.id,
    status: 'approved',
    createdAt: harness.clock.now(),
  });
  // Everyone in the camps voted on it before it was rejected: it still counts as participation, as in Pol.is.
  for (let i = 0; i < 20; i++) {
    const who = `v${i}`;
    const voter = await harness.store.participants.upsert(harness.person(who));
    await harness.store.votes.set({
      questionId: question.id,
      participantId: voter.id,
      subject: rejected.key,
      choice: ['agree'],
      idempotencyKey: `rejected:${who}`,
      at: harness.clock.now(),
    });
  }
  await harness.store.questions.setStatementStatus(rejected.id, 'rejected');
  await harness.store.questions.addStatement({
    questionId: question.id,
    label: 'Waiting for approval',
    authorId: author.id,
    status: 'pending',
    createdAt: harness.clock.now(),
  });
  await harness.store.questions.addStatement({
    questionId: question.id,
    label: '=SUM(A1:A2) is how we count cover',
    authorId: author.id,
    status: 'approved',
    createdAt: harness.clock.now(),
  });
}

describe('the Pol.is export, as Pol.is tools read it', () => {
  it("writes all four files with the columns of Pol.is's own exports", async () => {
    h = await coreHarness();
    await seedSummaries(h);
    const { read } = await exportPolis(h);
    for (const name of ['comments.csv', 'votes.csv'])
      expect(rows(read(name))[0], name).toEqual(rows(polisFile(name))[0]);
    expect(rows(read('participants-votes.csv'))[0]?.slice(0, 6)).toEqual(
      rows(polisFile('participants-votes.csv'))[0]?.slice(0, 6),
    );
    expect(rows(read('summary.csv')).map((r) => r[0])).toEqual(rows(polisFile('summary.csv')).map((r) => r[0]));
    const summary = new Map(rows(read('summary.csv')).map(([key, value]) => [key, value]));
    expect(summary.get('topic')).toBe('Agree or disagree?');
    const voters = new Set(
      (await h.store.votes.listByQuestion(h.question('q-statements').id)).map((v) => v.participantId),
    );
    expect(summary.get('voters')).toBe(String(voters.size));
    expect(summary.get('comments')).toBe(String(records(read('comments.csv')).length));
    expect(summary.get('groups')).toBe('2');
  });

  it('keeps rejected statements (moderated -1), those awaiting approval (0), and text exactly as written', async () => {
    h = await coreHarness();
    await seedSummaries(h);
    await moderatedStatements(h);
    const { read } = await exportPolis(h);
    const comments = records(read('comments.csv'));
    const moderated = new Map(comments.map((c) => [c['comment-body'], c.moderated]));
    expect(moderated.get('Abolish all meetings')).toBe('-1');
    expect(moderated.get('Waiting for approval')).toBe('0');
    expect(moderated.get('Marking takes too long')).toBe('1');
    expect(moderated.get('=SUM(A1:A2) is how we count cover')).toBe('1');
    const rejected = comments.find((c) => c['comment-body'] === 'Abolish all meetings');
    expect(rejected?.agrees).toBe('20');
    expect(records(read('votes.csv')).filter((v) => v['comment-id'] === rejected?.['comment-id'])).toHaveLength(20);
  });

  it('round trip: `agora positions polis DIR` groups the exported files exactly as group-id says', async () => {
    h = await coreHarness();
    await seedSummaries(h);
    await moderatedStatements(h);
    const { dir, read } = await exportPolis(h);
    const exported = new Map(
      records(read('participants-votes.csv')).map((r) => [
        r.participant,
        r['group-id'] === '' ? null : Number(r['group-id']),
      ]),
    );
    const grouped = [...exported.values()].filter((g) => g !== null);
    expect(new Set(grouped)).toEqual(new Set([0, 1]));
    const readBack = await agoraPositionsPolis(dir);
    for (const [participant, group] of Object.entries(readBack.participants))
      expect(exported.get(participant), `participant ${participant}`).toBe(group);
    expect(Object.values(readBack.participants).filter((g) => g !== null)).toHaveLength(grouped.length);
    // The same groups as Agora's own summary of the question.
    const { summary } = await summariseQuestion(h.deps, h.question('q-statements'));
    const groups = summary.opinionGroups as Extract<OpinionGroupsPart, { status: 'grouped' }>;
    expect(groups.status).toBe('grouped');
    const sizes = (list: (number | null)[]) =>
      [0, 1].map((g) => list.filter((x) => x === g).length).sort((a, b) => b - a);
    expect(sizes(grouped)).toEqual(groups.groups.map((g) => g.members.length).sort((a, b) => b - a));
  });

  it('gives anonymous questions participant numbers that cannot be linked to people', async () => {
    const file = programmeFile();
    const sections = file.sections.map((s) => ({
      ...s,
      questions: s.questions.map((q) => (q.id === 'q-statements' ? { ...q, anonymity: 'anonymous' } : q)),
    }));
    h = await coreHarness({ sections });
    await seedSummaries(h);
    const first = await exportPolis(h);
    const second = await exportPolis(h);
    const everything = ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv']
      .map((name) => first.read(name))
      .join('\n');
    const people = await h.store.participants.listByIds(
      (await h.store.votes.listByQuestion(h.question('q-statements').id)).map((v) => v.participantId),
    );
    expect(people.length).toBeGreaterThanOrEqual(20);
    for (const p of people)
      for (const identity of [p.id, p.displayName, p.pseudonym, p.platformUserId])
        expect(everything, identity).not.toContain(identity);
    // Every vote of the week carries the week's start, and the numbering is drawn afresh for each export.
    expect(new Set(records(first.read('votes.csv')).map((v) => v.timestamp)).size).toBe(1);
    const patterns = (read: (name: string) => string) =>
      rows(read('participants-votes.csv'))
        .slice(1)
        .map((r) => r.slice(6).join(','));
    expect(patterns(first.read)).not.toEqual(patterns(second.read));
    expect([...patterns(first.read)].sort()).toEqual([...patterns(second.read)].sort());
  });
});

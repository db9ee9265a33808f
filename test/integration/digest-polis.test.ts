import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { readPolisExport } from '../../adapters/polis/read-export.ts';
import { collect } from '../../src/core/digest/export-formats.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import { DIGEST_WEEK, digestFixture } from '../support/digest-fixture.ts';

const VOTE = { agree: 1, disagree: -1, pass: 0 } as Record<string, number>;
const POLIS_COLUMNS = {
  'comments.csv': [
    'timestamp',
    'datetime',
    'comment-id',
    'author-id',
    'agrees',
    'disagrees',
    'moderated',
    'comment-body',
  ],
  'votes.csv': ['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote'],
};

describe('the Pol.is-format export', () => {
  let f: Awaited<ReturnType<typeof digestFixture>>;
  let folder: string;

  beforeAll(async () => {
    f = await digestFixture();
    folder = mkdtempSync(path.join(tmpdir(), 'agora-polis-'));
    const prepared = await prepareExport(f.deps, allExportFormats(), {
      programme: 'staff-voice',
      week: DIGEST_WEEK,
      format: 'polis',
    });
    for (const file of prepared.files) {
      await mkdir(path.dirname(path.join(folder, file.name)), { recursive: true });
      writeFileSync(path.join(folder, file.name), await collect(file.render(prepared.source)));
    }
  }, 120_000);
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await f.close();
  });

  it("has exactly the columns of Pol.is's own exports", () => {
    const exported = path.join(folder, 'q-statements');
    for (const [name, columns] of Object.entries(POLIS_COLUMNS)) {
      const [header] = parse(readText(path.join(exported, name))) as string[][];
      expect(header).toEqual(columns);
    }
    const [header] = parse(readText(path.join(exported, 'participants-votes.csv'))) as string[][];
    expect(header?.slice(0, 6)).toEqual(['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree']);
  });

  it('reads back into the same participants x statements vote matrix as the store holds', async () => {
    const question = f.question('q-statements');
    const statements = await f.store.questions.options(question.id, { includePending: true });
    // The store: participant -> statement key -> vote, live votes only.
    const stored = new Map<string, Map<string, number>>();
    for (const vote of await f.store.votes.listByQuestion(question.id)) {
      if (vote.retractedAt) continue;
      const row = stored.get(vote.participantId) ?? new Map<string, number>();
      row.set(vote.subject, VOTE[vote.choice[0] as string] as number);
      stored.set(vote.participantId, row);
    }
    // The export, read by the project's own Pol.is reader: comment ids are the statements in the question's order.
    const exported = await readPolisExport(path.join(folder, 'q-statements'));
    expect(exported.statements.map((s) => s.id)).toEqual(statements.map((_, i) => String(i)));
    const read = new Map<string, Map<string, number>>();
    for (const vote of [...exported.votes].sort((a, b) => a.at - b.at)) {
      const row = read.get(vote.participantId) ?? new Map<string, number>();
      row.set(statements[Number(vote.statementId)]?.key as string, vote.vote);
      read.set(vote.participantId, row);
    }
    // Pol.is voter ids are opaque: pair each with a store participant by the time and statement of their votes.
    const storedVotes = (await f.store.votes.listByQuestion(question.id)).filter((v) => !v.retractedAt);
    const pairs = new Map<string, string>();
    for (const vote of exported.votes) {
      const match = storedVotes.find(
        (v) => v.castAt.getTime() === vote.at && v.subject === statements[Number(vote.statementId)]?.key,
      );
      expect(match, `vote at ${vote.at}`).toBeDefined();
      pairs.set(vote.participantId, match?.participantId as string);
    }
    expect(new Set(pairs.values()).size).toBe(pairs.size);
    expect(new Map([...read].map(([id, row]) => [pairs.get(id), row]))).toEqual(stored);

    // participants-votes.csv holds the same matrix, row by row.
    const rows = parse(readText(path.join(folder, 'q-statements', 'participants-votes.csv')), {
      columns: true,
    }) as Record<string, string>[];
    for (const row of rows) {
      const votes = read.get(row.participant as string) ?? new Map();
      for (const [i, statement] of statements.entries()) {
        const cell = row[String(i)];
        expect(cell === '' ? undefined : Number(cell)).toBe(votes.get(statement.key));
      }
      expect(Number(row['n-votes'])).toBe(votes.size);
      expect(Number(row['n-agree'])).toBe([...votes.values()].filter((v) => v === 1).length);
    }
    expect(rows.filter((r) => Number(r['n-votes']) > 0)).toHaveLength(stored.size);
  });
});

const readText = (file: string) => readFileSync(file, 'utf8');

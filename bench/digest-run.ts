import { createWriteStream, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { allExportFormats } from '../adapters/exports/all-formats.ts';
import { openStore } from '../adapters/prisma/prisma-store.ts';
import { prepareExport } from '../src/core/digest/prepare-export.ts';
import { isoWeekRange } from '../src/core/time-zone.ts';
import { BENCH_SLUG, BENCH_WEEK } from './digest-programme.ts';
import { plainSqlDigestCounts } from './digest-sql.ts';

/**
 * One measurement, in its own process so its peak RSS is its own, printing one JSON line. `--format F` builds the
 * week's digest and writes every file of that format as the CLI does; `sql` is the plain SQL aggregation of the
 * digest's counts; `scan` the floor for streaming rows: every response and vote read with one plain SQL scan and
 * written to a file.
 */

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] as string) : undefined;
};

const file = arg('db') as string;
const format = arg('format') as string;
const out = arg('out') as string;
const week = isoWeekRange(BENCH_WEEK) as { start: Date; end: Date };
// The week after the data set: the digest is built as the scheduler would, on the Monday morning.
const clock = { now: () => new Date(week.end.getTime() + 8 * 3_600_000) };

async function* scanRows(): AsyncIterable<string> {
  const db = new Database(file, { readonly: true });
  try {
    for (const table of [
      'SELECT "id","questionId","participantId","body","createdAt" FROM "Response" WHERE "deletedAt" IS NULL',
      'SELECT "id","questionId","participantId","subject","choice","castAt" FROM "Vote" WHERE "retractedAt" IS NULL',
    ]) {
      let chunk = '';
      for (const row of db.prepare(table).raw(true).iterate() as Iterable<unknown[]>) {
        chunk += `${row.join(',')}\n`;
        if (chunk.length > 65_536) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
  } finally {
    db.close();
  }
}

const started = performance.now();
const cpuStart = process.cpuUsage();
let bytes = 0;
let files = 0;
let rows = 0;
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
if (format === 'sql') {
  files = plainSqlDigestCounts(file, BENCH_SLUG, week.start, week.end).rows;
} else if (format === 'scan') {
  const target = path.join(out, 'rows.txt');
  await pipeline(Readable.from(scanRows()), createWriteStream(target));
  bytes = statSync(target).size;
  files = 1;
} else {
  const store = await openStore(`file:${file}`, { migrate: false });
  try {
    const prepared = await prepareExport(
      { store, clock },
      allExportFormats(),
      { programme: BENCH_SLUG, week: BENCH_WEEK, format },
      { onProgress: (n) => (rows = n) },
    );
    for (const exported of prepared.files) {
      const target = path.join(out, exported.name);
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(Readable.from(exported.render(prepared.source)), createWriteStream(target));
      bytes += statSync(target).size;
      files++;
    }
  } finally {
    await store.close();
  }
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
console.log(
  JSON.stringify({
    format,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    bytes,
    files,
    rows,
  }),
);

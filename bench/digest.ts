import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureDigestBench, type SeedStats } from './digest-seed.ts';
import { fmt } from './support.ts';

/**
 * The digest benchmark: `npm run bench -- digest [--scale 0.05,0.1,1] [--formats markdown,html] [--fresh] [--dir DIR]`.
 * Seeds (once per scale; reused after) a SQLite file with 1,000,000 responses and 2,000,000 votes over 20 questions
 * (times the scale). Then, per scale, every format is timed twice, each run in its own process:
 * - cold: on a fresh copy of the seeded file, with no stored summary or digest, so the run finds every theme and
 *   opinion group itself, as the first digest of a consultation does;
 * - warm: on a copy whose summaries were stored beforehand (as the background refresh keeps them), so only the
 *   digest and the export are timed.
 * Beside them, in the same run: the plain SQL aggregation of the digest's counts, and one plain SQL scan of every
 * response and vote written to a file (the floor for raw exports). Between scales it prints how time grows: the
 * exponent e in time ~ n^e (n log n between these scales is the goal's limit), from CPU time, which the other load
 * on a shared machine inflates less than wall time.
 * Goals at scale 1: every format cold under 20 s and 500 MB; Markdown, HTML and JSON warm under 5 s.
 */

const GOAL = { coldSeconds: 20, warmSeconds: 5, mb: 500 };
const WARM_GOAL_FORMATS = new Set(['markdown', 'html', 'json']);
const ALL_FORMATS = ['markdown', 'html', 'json', 'csv', 'polis', 'xlsx'];

interface Measurement {
  format: string;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  bytes: number;
  files: number;
}

const option = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const scales = (option('scale') ?? option('scales') ?? '0.05,0.1').split(',').map(Number);
const formats = (option('formats') ?? ALL_FORMATS.join(',')).split(',');
const dir = path.resolve(option('dir') ?? path.join(tmpdir(), 'agora-bench'));
const fresh = process.argv.includes('--fresh');
const say = (text: string) => process.stderr.write(`${text}\n`);

function measure(file: string, format: string, out: string): Measurement {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'digest-run.ts'),
      '--db',
      file,
      '--format',
      format,
      '--out',
      out,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`${format} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Measurement;
}

/** A copy of the seeded file with no stored summaries or digests. */
function coldCopy(seeded: string, copy: string): string {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  copyFileSync(seeded, copy);
  const db = new Database(copy);
  db.exec('DELETE FROM "Summary"; DELETE FROM "Digest";');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return copy;
}

interface ScaleResult {
  stats: SeedStats;
  sql: Measurement;
  scan: Measurement;
  cold: Map<string, Measurement>;
  warm: Map<string, Measurement>;
}

const results: ScaleResult[] = [];
for (const scale of scales) {
  say(`\nScale ${scale}: seeding (or reusing) the data set in ${dir} ...`);
  const { file, stats, reused } = await ensureDigestBench(dir, scale, fresh);
  say(
    `${reused ? 'Reused' : `Seeded in ${fmt(stats.seconds, 1)} s:`} ${fmt(stats.responses)} responses, ${fmt(stats.votes)} votes, ${fmt(stats.participants)} participants`,
  );
  const base = coldCopy(file, path.join(dir, `base-${scale}.db`));
  const out = (kind: string, format: string) => path.join(dir, `out-${scale}`, kind, format);
  say('plain SQL aggregation, plain scan ...');
  const sql = measure(base, 'sql', out('sql', 'sql'));
  const scan = measure(base, 'scan', out('scan', 'scan'));
  const cold = new Map<string, Measurement>();
  for (const format of formats) {
    say(`cold ${format} ...`);
    cold.set(format, measure(coldCopy(file, path.join(dir, `cold-${scale}.db`)), format, out('cold', format)));
  }
  const warmFile = coldCopy(file, path.join(dir, `warm-${scale}.db`));
  say('storing summaries for the warm runs (not timed) ...');
  measure(warmFile, 'markdown', out('warm', 'prepare'));
  const warm = new Map<string, Measurement>();
  for (const format of formats) {
    say(`warm ${format} ...`);
    warm.set(format, measure(warmFile, format, out('warm', format)));
  }
  results.push({ stats, sql, scan, cold, warm });
}

const pad = (text: string, width: number) => text.padStart(width);
const secs = (m: Measurement) => `${fmt(m.seconds, 1)}/${fmt(m.cpuSeconds, 1)}`;
const mb = (m: Measurement) => `${fmt(m.peakRssMb)} MB`;
let missed = false;
for (const { stats, sql, scan, cold, warm } of results) {
  console.log(
    `\nDigest of ${fmt(stats.responses)} responses and ${fmt(stats.votes)} votes (scale ${stats.scale}); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `${'format'.padEnd(10)}${pad('cold s wall/CPU', 17)}${pad('cold RSS', 10)}${pad('warm s wall/CPU', 17)}${pad('warm RSS', 10)}${pad('output', 10)}${pad('cold x SQL', 12)}${pad('warm x SQL', 12)}  goal`,
  );
  console.log(`${'plain SQL'.padEnd(10)}${pad(secs(sql), 17)}${pad(mb(sql), 10)}${pad('', 37)}${pad('1.0', 12)}`);
  console.log(
    `${'plain scan'.padEnd(10)}${pad(secs(scan), 17)}${pad(mb(scan), 10)}${pad('', 27)}${pad(`${fmt(scan.bytes / 1048576, 1)} MB`, 10)}${pad(fmt(scan.cpuSeconds / sql.cpuSeconds, 1), 12)}`,
  );
  for (const format of formats) {
    const c = cold.get(format) as Measurement;
    const w = warm.get(format) as Measurement;
    const ok =
      c.seconds < GOAL.coldSeconds &&
      c.peakRssMb < GOAL.mb &&
      w.peakRssMb < GOAL.mb &&
      (!WARM_GOAL_FORMATS.has(format) || w.seconds < GOAL.warmSeconds);
    if (stats.scale === 1 && !ok) missed = true;
    console.log(
      [
        format.padEnd(10),
        pad(secs(c), 17),
        pad(mb(c), 10),
        pad(secs(w), 17),
        pad(mb(w), 10),
        pad(`${fmt(w.bytes / 1048576, 1)} MB`, 10),
        pad(fmt(c.cpuSeconds / sql.cpuSeconds, 1), 12),
        pad(fmt(w.cpuSeconds / sql.cpuSeconds, 1), 12),
        `  ${stats.scale === 1 ? (ok ? 'met' : 'MISSED') : ''}`,
      ].join(''),
    );
  }
}
for (let i = 1; i < results.length; i++) {
  const a = results[i - 1] as ScaleResult;
  const b = results[i] as ScaleResult;
  const n = b.stats.responses / a.stats.responses;
  const nLogN =
    Math.log((b.stats.responses * Math.log(b.stats.responses)) / (a.stats.responses * Math.log(a.stats.responses))) /
    Math.log(n);
  const exponent = (x: Measurement, y: Measurement) => fmt(Math.log(y.cpuSeconds / x.cpuSeconds) / Math.log(n), 2);
  console.log(
    `\nGrowth from scale ${a.stats.scale} to ${b.stats.scale} (x${fmt(n, 1)} rows), exponent e in CPU time ~ n^e (n log n here: ${fmt(nLogN, 2)}):`,
  );
  console.log(`  plain SQL ${exponent(a.sql, b.sql)}, plain scan ${exponent(a.scan, b.scan)}`);
  for (const format of formats)
    console.log(
      `  ${format.padEnd(9)} cold ${exponent(a.cold.get(format) as Measurement, b.cold.get(format) as Measurement)}, warm ${exponent(a.warm.get(format) as Measurement, b.warm.get(format) as Measurement)}`,
    );
}
console.log(
  `\n(times exclude process start-up; "x SQL" is the ratio of CPU time to the plain SQL aggregation in the same run; goals at scale 1: cold < ${GOAL.coldSeconds} s and < ${GOAL.mb} MB for every format, warm < ${GOAL.warmSeconds} s for Markdown, HTML and JSON)`,
);
process.exitCode = missed ? 1 : 0;

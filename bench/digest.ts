import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDigestBench } from './digest-seed.ts';
import { argument, fmt } from './support.ts';

/**
 * The digest benchmark: `npx tsx bench/digest.ts [--scale 0.1] [--fresh] [--dir DIR]`.
 * Seeds (once per scale; reused after) a SQLite file with 1,000,000 responses and 2,000,000 votes over 20 questions
 * (times the scale), then builds the week's digest in every format, each in its own process, and prints its time
 * and peak RSS beside the plain SQL aggregation of the same counts. Goal: every format under 20 s and 500 MB.
 */

const GOAL_SECONDS = 20;
const GOAL_MB = 500;
const FORMATS = ['markdown', 'html', 'json', 'csv', 'polis', 'xlsx'];

interface Measurement {
  format: string;
  seconds: number;
  /** CPU time of the process (user + system), which other load on the machine does not inflate as much. */
  cpuSeconds: number;
  peakRssMb: number;
  bytes: number;
  files: number;
}

const scale = argument('scale', 1);
const dirAt = process.argv.indexOf('--dir');
const dir = dirAt >= 0 ? path.resolve(process.argv[dirAt + 1] as string) : path.join(tmpdir(), 'agora-bench');
const fresh = process.argv.includes('--fresh');

const say = (text: string) => process.stderr.write(`${text}\n`);

say(`Seeding (or reusing) the digest data set at scale ${scale} in ${dir} ...`);
const { file, stats, reused } = await ensureDigestBench(dir, scale, fresh);
say(
  `${reused ? 'Reused' : `Seeded in ${fmt(stats.seconds, 1)} s:`} ${fmt(stats.responses)} responses, ${fmt(stats.votes)} votes, ${fmt(stats.participants)} participants (${file})`,
);

function measure(format: string): Measurement {
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
      path.join(dir, `out-${scale}`, format),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`${format} failed:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').at(-1) as string;
  return JSON.parse(line) as Measurement;
}

say('Plain SQL aggregation of the same counts ...');
const baseline = measure('sql');
const rows: Measurement[] = [];
for (const format of FORMATS) {
  say(`${format} ...`);
  rows.push(measure(format));
}

const pad = (text: string, width: number) => text.padStart(width);
console.log(
  `\nDigest of ${fmt(stats.responses)} responses and ${fmt(stats.votes)} votes (scale ${scale}); load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on this machine`,
);
console.log(
  `${'format'.padEnd(10)}${pad('wall s', 8)}${pad('CPU s', 8)}${pad('peak RSS', 11)}${pad('output', 11)}${pad('x SQL', 7)}${pad('x SQL CPU', 10)}  goal`,
);
for (const m of [baseline, ...rows]) {
  const ok = m.seconds < GOAL_SECONDS && m.peakRssMb < GOAL_MB;
  const output = m.format === 'sql' ? '-' : `${fmt(m.bytes / 1024 / 1024, 1)} MB`;
  console.log(
    [
      (m.format === 'sql' ? 'plain SQL' : m.format).padEnd(10),
      pad(fmt(m.seconds, 1), 8),
      pad(fmt(m.cpuSeconds, 1), 8),
      pad(`${fmt(m.peakRssMb)} MB`, 11),
      pad(output, 11),
      pad(fmt(m.seconds / baseline.seconds, 1), 7),
      pad(fmt(m.cpuSeconds / baseline.cpuSeconds, 1), 10),
      `  ${m.format === 'sql' ? '' : ok ? 'met' : 'MISSED'}`,
    ].join(''),
  );
}
console.log(
  `(goal: under ${GOAL_SECONDS} s and ${GOAL_MB} MB per format; times exclude process start-up; "x SQL" is the ratio to the plain SQL aggregation)`,
);
process.exitCode = rows.every((m) => m.seconds < GOAL_SECONDS && m.peakRssMb < GOAL_MB) ? 0 : 1;

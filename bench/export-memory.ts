import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDigestBench } from './digest-seed.ts';
import { argument, fmt } from './support.ts';

/**
 * Export memory: `npx tsx bench/export-memory.ts [--scale 0.1] [--dir DIR] [--formats csv,json,xlsx]`.
 * On the digest benchmark's data set (seeded once per scale), writes each export format in its own process, warm
 * (summaries already stored, so only the export itself is timed), and prints its time and peak RSS beside the
 * floor for streaming the same rows: one plain SQL scan of every response and vote written to a file. Memory
 * that stays flat as the scale grows is the point; run two scales to see it.
 */

interface Measurement {
  format: string;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  bytes: number;
  rows: number;
}

const scale = argument('scale', 0.1);
const at = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dir = path.resolve(at('dir') ?? path.join(tmpdir(), 'agora-export-bench'));
const formats = (at('formats') ?? 'markdown,html,json,csv,xlsx').split(',');
const say = (text: string) => process.stderr.write(`${text}\n`);

say(`Seeding (or reusing) the digest data set at scale ${scale} in ${dir} ...`);
const { file, stats } = await ensureDigestBench(dir, scale, false);
say(`${fmt(stats.responses)} responses, ${fmt(stats.votes)} votes (${file})`);

function measure(format: string): Measurement {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'export-memory-run.ts'),
      '--db',
      file,
      '--format',
      format,
      '--out',
      path.join(dir, `export-${scale}`, format),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`${format} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Measurement;
}

say('Stored summaries (not timed) ...');
measure('warm');
say('Plain SQL scan of every row ...');
const floor = measure('scan');
const rows: Measurement[] = [];
for (const format of formats) {
  say(`${format} ...`);
  rows.push(measure(format));
}

const pad = (text: string, width: number) => text.padStart(width);
console.log(
  `\nExports of ${fmt(stats.responses)} responses and ${fmt(stats.votes)} votes (scale ${scale}, warm); load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `${'format'.padEnd(10)}${pad('wall s', 8)}${pad('CPU s', 8)}${pad('peak RSS', 11)}${pad('output', 11)}${pad('x scan', 8)}${pad('x scan RSS', 12)}`,
);
for (const m of [floor, ...rows])
  console.log(
    [
      (m.format === 'scan' ? 'plain scan' : m.format).padEnd(10),
      pad(fmt(m.seconds, 1), 8),
      pad(fmt(m.cpuSeconds, 1), 8),
      pad(`${fmt(m.peakRssMb)} MB`, 11),
      pad(`${fmt(m.bytes / 1024 / 1024, 1)} MB`, 11),
      pad(fmt(m.seconds / floor.seconds, 1), 8),
      pad(fmt(m.peakRssMb / floor.peakRssMb, 1), 12),
    ].join(''),
  );
console.log('("x scan": ratio to one plain SQL scan of every response and vote, written to a file, in the same run)');

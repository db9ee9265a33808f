import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench`: every benchmark in turn, each in its own process so one's memory does not colour another's.
 * Each prints its own figures and the ratio to a baseline measured in the same run.
 * `npm run bench -- ingest digest` runs only the named ones; extra flags after `--` go to each.
 */
const entries = [
  'ingest',
  'slack-ingest',
  'discord-ingest',
  'crash',
  'digest',
  'xlsx',
  'positions',
  'themes',
  'summaries',
];
const args = process.argv.slice(2);
const named = args.filter((a) => entries.includes(a));
const passThrough = args.filter((a) => !entries.includes(a));
let failed = 0;
for (const entry of named.length ? named : entries) {
  const file = path.join(import.meta.dirname, `${entry}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n== ${entry} ==`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...passThrough], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.log(`(${entry} exited with ${run.status ?? run.signal})`);
  }
}
process.exitCode = failed ? 1 : 0;

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Small helpers shared by the benchmarks: temp databases, percentiles, a uniform report line. */

export function tempSqlite(): { url: string; file: string; drop(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'agora-bench-'));
  const file = path.join(dir, 'bench.db');
  return { url: `file:${file}`, file, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] as number;
}

export function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

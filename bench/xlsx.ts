import { spawnSync } from 'node:child_process';
import { xlsxFormat } from '../adapters/exports/xlsx-format.ts';
import { csvFormat, type ExportChunk, type ExportFile, type ExportFormat } from '../src/core/digest/export-formats.ts';
import type { ExportSource } from '../src/core/digest/export-source.ts';
import { argument, fmt } from './support.ts';
import { renderWithExceljs } from './xlsx-exceljs.ts';
import { syntheticSource } from './xlsx-source.ts';

/**
 * The XLSX writer alone: `npm run bench -- xlsx [--rows 200000]`. The same made-up responses (xlsx-source.ts, no
 * database) are written, each writer in its own process so its peak RSS is its own, as:
 * - csv: responses.csv, the floor for a raw export;
 * - exceljs: the responses sheet through exceljs's streaming writer, as the export wrote it before;
 * - xlsx: the whole XLSX export as it is written now (summary sheet, question sheet, every response).
 * It prints rows per second, CPU time, peak RSS and size, and each writer's CPU time against CSV's.
 */

/** The format's first file: responses.csv for CSV, the workbook for XLSX. */
const firstFile = (format: ExportFormat, source: ExportSource) =>
  (format.files(source.outline)[0] as ExportFile).render(source);

const WRITERS: Record<string, (source: ExportSource) => AsyncIterable<ExportChunk>> = {
  csv: (source) => firstFile(csvFormat, source),
  exceljs: renderWithExceljs,
  xlsx: (source) => firstFile(xlsxFormat, source),
};

interface Measurement {
  writer: string;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  bytes: number;
}

const rows = argument('rows', 200_000);
const only = process.argv.indexOf('--writer');

if (only >= 0) {
  const writer = process.argv[only + 1] as string;
  const write = WRITERS[writer] as (typeof WRITERS)[string];
  const source = syntheticSource(rows);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for await (const chunk of write(source)) bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  const used = process.cpuUsage(cpu);
  const measurement: Measurement = {
    writer,
    rows,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    bytes,
  };
  console.log(JSON.stringify(measurement));
} else {
  const results = Object.keys(WRITERS).map((writer) => {
    process.stderr.write(`${writer} ...\n`);
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--writer', writer, '--rows', String(rows)],
      { encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`${writer} failed:\n${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Measurement;
  });
  const csv = results[0] as Measurement;
  console.log(`\nXLSX writing, ${fmt(rows)} responses (made up, no database)`);
  console.log(
    `${'writer'.padEnd(9)}${'rows/s'.padStart(11)}${'s wall/CPU'.padStart(13)}${'peak RSS'.padStart(11)}${'output'.padStart(10)}${'CPU x CSV'.padStart(11)}`,
  );
  for (const m of results)
    console.log(
      [
        m.writer.padEnd(9),
        fmt(m.rows / m.seconds).padStart(11),
        `${fmt(m.seconds, 2)}/${fmt(m.cpuSeconds, 2)}`.padStart(13),
        `${fmt(m.peakRssMb)} MB`.padStart(11),
        `${fmt(m.bytes / 1048576, 1)} MB`.padStart(10),
        fmt(m.cpuSeconds / csv.cpuSeconds, 1).padStart(11),
      ].join(''),
    );
  const before = results[1] as Measurement;
  const after = results[2] as Measurement;
  console.log(
    `\nxlsx is ${fmt(before.seconds / after.seconds, 1)}x exceljs's rows per second in this run (times exclude process start-up)`,
  );
}

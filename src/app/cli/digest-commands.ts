import { createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { allExportFormats } from '../../../adapters/exports/all-formats.ts';
import type { ExportChunk, ExportFile } from '../../core/digest/export-formats.ts';
import { prepareExport } from '../../core/digest/prepare-export.ts';
import { AgoraError } from '../../core/errors.ts';
import { withStore } from './context.ts';
import { paint } from './output.ts';

/**
 * `agora digest` and `agora export`: a programme's weekly digest, or its raw results, as files. Several-file
 * formats (csv, polis) write a folder; the others one file (or stdout for text when --out is left out).
 * Long exports show a progress line on stderr when it is a terminal.
 */

interface Options {
  programme: string;
  week?: string;
  format: string;
  out?: string;
  file?: string;
}

const BAR = 24;

/**
 * "\r  votes.csv [#########---------------] 38% 380,000 of 1,000,000 rows" at most five times a second, on a
 * terminal only (nothing in a pipe or a file); without a known total, the rows so far.
 */
function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  let label = '';
  let last = 0;
  let shown = false;
  let total = 0;
  return {
    start(name: string) {
      label = name;
    },
    total(rows: number) {
      total = rows;
    },
    update(rows: number) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      const n = rows.toLocaleString('en-GB');
      if (total <= 0) {
        stream.write(`\r${paint.dim(`  ${label}: ${n} rows`)}\u001b[K`);
        return;
      }
      // Some formats read a row twice (Pol.is files), so the share is held below 100% until the file is written.
      const share = Math.min(0.99, rows / total);
      const filled = Math.round(share * BAR);
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]`;
      stream.write(
        `\r${paint.dim(`  ${label} ${bar} ${Math.floor(share * 100)}% ${n} of ${total.toLocaleString('en-GB')} rows`)}\u001b[K`,
      );
    },
    done() {
      if (shown && stream.isTTY) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}

async function writeFile(target: string, chunks: AsyncIterable<ExportChunk>): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function run(options: Options, defaultFormat: string): Promise<void> {
  const progress = progressLine();
  progress.start('reading the store');
  const written = await withStore(async (_store, deps) => {
    const prepared = await prepareExport(
      deps,
      allExportFormats(),
      { programme: options.programme, week: options.week, format: options.format || defaultFormat, file: options.file },
      { onProgress: (rows) => progress.update(rows) },
    );
    const { files, source } = prepared;
    if (process.stderr.isTTY) {
      const until = new Date(prepared.outline.week.end);
      let rows = 0;
      for (const question of source.questions) {
        const counted = await deps.store.reporting.count(question.id, { until });
        rows += counted.responses + counted.votes;
      }
      progress.total(rows);
    }
    const several = files.length > 1;
    if (!options.out) {
      const [only] = files;
      if (several || !only || (!only.mediaType.startsWith('text/') && !only.mediaType.startsWith('application/json'))) {
        throw new AgoraError(
          'CONFIG_INVALID',
          `The ${prepared.format.name} export is ${several ? `${files.length} files` : 'binary'}: give --out ${several ? 'FOLDER' : 'FILE'}.`,
          {},
        );
      }
      for await (const chunk of only.render(source)) process.stdout.write(chunk);
      return [];
    }
    const out = path.resolve(options.out);
    const isFolder = several || (existsSync(out) && statSync(out).isDirectory());
    const targets: [ExportFile, string][] = files.map((f) => [f, isFolder ? path.join(out, f.name) : out]);
    for (const [file, target] of targets) {
      progress.start(file.name);
      await writeFile(target, file.render(source));
      progress.done();
    }
    return targets.map(([, target]) => target);
  });
  for (const target of written) {
    const relative = path.relative(process.cwd(), target);
    console.error(`${paint.green('✓')} ${relative.startsWith('..') ? target : relative}`);
  }
}

const FORMATS = allExportFormats().names().join('|');

export function registerDigestCommands(program: Command): void {
  program
    .command('digest')
    .description("a programme's weekly digest (participation, poll results, positions, quotes) as a file")
    .requiredOption('--programme <slug>', 'the programme, e.g. staff-voice')
    .option('--week <week>', 'ISO week, e.g. 2026-W47 (default: the current week so far)')
    .option('--format <format>', `markdown, html or json (any of ${FORMATS})`, 'html')
    .option('--out <file>', 'where to write it (default: stdout for text formats)')
    .action((options: Options) => run(options, 'html'));

  program
    .command('export')
    .description("a programme's results up to the end of a week; csv and polis write a folder of files")
    .requiredOption('--programme <slug>', 'the programme, e.g. staff-voice')
    .requiredOption('--format <format>', FORMATS)
    .option('--week <week>', 'ISO week, e.g. 2026-W47 (default: everything so far)')
    .option('--out <path>', 'file, or folder for several-file formats (default: stdout for one text file)')
    .option('--file <name>', 'only this file of a several-file format, e.g. votes.csv')
    .action((options: Options) => run(options, options.format));
}

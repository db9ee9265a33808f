import type { Command } from 'commander';
import { loadProgrammeFile } from '../../../adapters/files/load-programme-files.ts';
import { formatProblem, readProgrammeFile } from '../../../adapters/files/read-programme-file.ts';
import { type PlanSummary, planProgrammeJobs } from '../../../adapters/scheduler/plan-programme-jobs.ts';
import { localTimeLabel } from '../../core/chat-text.ts';
import { plural } from '../../core/wording.ts';
import { cliChannelDirectory, withStore } from './context.ts';
import { EXIT, paint } from './output.ts';

export function registerProgrammeCommands(program: Command): void {
  const programme = program.command('programme').description('validate, load and list consultation programmes');

  programme
    .command('validate')
    .description('check programme files; lists every problem with file, line and column')
    .argument('<files...>', 'programme YAML files')
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        const result = await readProgrammeFile(file);
        if (result.ok) {
          console.log(
            `${paint.green('✓')} ${file}: ${result.programme.title} (${plural(result.programme.questions.length, 'question')})`,
          );
        } else {
          failed = true;
          console.log(`${paint.red('✗')} ${file}: ${result.problems.length} problem(s)`);
          for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
        }
      }
      process.exitCode = failed ? EXIT.failed : EXIT.ok;
    });

  programme
    .command('load')
    .description('load or update a programme by its slug; responses are kept')
    .argument('<file>', 'programme YAML file')
    .option('--archive', 'archive questions removed from the file even when they have responses')
    .action(async (file: string, options: { archive?: boolean }) => {
      let planned = null as PlanSummary | null;
      const result = await withStore(async (store, deps) => {
        const loaded = await loadProgrammeFile(store, file, cliChannelDirectory(), {
          archive: options.archive ?? false,
        });
        if (loaded.changes && loaded.slug) planned = await planProgrammeJobs(deps, loaded.slug);
        return loaded;
      });
      if (result.problems) {
        console.log(`${paint.red('✗')} ${file}: not loaded, ${result.problems.length} problem(s)`);
        for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
        process.exitCode = EXIT.failed;
        return;
      }
      if (result.error) {
        console.log(`${paint.red('✗')} ${file}: not loaded. ${result.error}`);
        process.exitCode = EXIT.failed;
        return;
      }
      const c = result.changes;
      console.log(`${paint.green('✓')} ${result.slug}: ${c?.programme}`);
      if (c?.questionsAdded.length) console.log(`  added: ${c.questionsAdded.join(', ')}`);
      if (c?.questionsUpdated.length) console.log(`  updated: ${c.questionsUpdated.join(', ')}`);
      if (c?.questionsArchived.length) console.log(`  archived: ${c.questionsArchived.join(', ')}`);
      if (planned) console.log(`  jobs: ${planned.planned} planned, ${planned.cancelled} cancelled (agora jobs list)`);
    });

  programme
    .command('list')
    .description('list loaded programmes and their questions')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const rows = await withStore(async (store) =>
        Promise.all(
          (await store.programmes.list()).map(async (p) => ({
            slug: p.slug,
            title: p.title,
            timezone: p.timezone,
            questions: (await store.questions.listByProgramme(p.id)).map((q) => ({
              key: q.key,
              kind: q.kind,
              status: q.status,
              opensAt: q.opensAt,
              closesAt: q.closesAt,
            })),
          })),
        ),
      );
      if (options.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0)
        console.log('No programmes loaded. Try: agora programme load programmes/ascl-blueprint.yaml');
      for (const p of rows) {
        console.log(`${paint.bold(p.slug)}  ${p.title}  (times in ${p.timezone})`);
        const when = (at: Date | null) => (at ? localTimeLabel(at, p.timezone) : '-');
        for (const q of p.questions)
          console.log(
            `  ${q.key.padEnd(34)} ${q.kind.padEnd(14)} ${q.status.padEnd(9)} ${when(q.opensAt)} → ${when(q.closesAt)}`,
          );
      }
    });
}

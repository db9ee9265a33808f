import type { Command } from 'commander';
import { readRosterFile } from '../../../adapters/files/read-roster-file.ts';
import { findProgramme } from '../../core/digest/build-digest.ts';
import { attributeNames, importRoster } from '../../core/roster/import-roster.ts';
import { summariseRoster } from '../../core/roster/roster-summary.ts';
import { withStore } from './context.ts';
import { EXIT, paint } from './output.ts';

export function registerRosterCommands(program: Command): void {
  const roster = program.command('roster').description("load and show a programme's membership roster");

  roster
    .command('import')
    .description('load or update the roster from a CSV file; lists every bad row with its line, loads nothing then')
    .argument('<programme>', 'programme slug')
    .argument('<file>', 'roster CSV: member,name,email,slack,discord,teams,web and the attribute columns')
    .option('--attributes <names>', 'the attribute columns, comma-separated (e.g. region,phase,role)')
    .action(async (slug: string, file: string, options: { attributes?: string }) => {
      const read = await readRosterFile(file);
      const result = read.ok
        ? await withStore((_store, deps) => importRoster(deps, slug, read, attributeNames(options.attributes)))
        : read;
      if (!result.ok) {
        console.log(`${paint.red('✗')} ${file}: not loaded, ${result.problems.length} problem(s)`);
        for (const p of result.problems) console.log(`  ${file}:${p.line}: ${p.message}`);
        process.exitCode = EXIT.failed;
        return;
      }
      const c = result.changes;
      console.log(`${paint.green('✓')} ${result.programme}: roster of ${result.members} members loaded`);
      console.log(
        `  ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed, ${c.restored} back again`,
      );
    });

  roster
    .command('show')
    .description('members on the roster, and how many have each value of each attribute')
    .argument('<programme>', 'programme slug')
    .option('--json', 'print JSON')
    .action(async (slug: string, options: { json?: boolean }) => {
      const summary = await withStore(async (store) => {
        const programme = await findProgramme(store, slug);
        return summariseRoster(await store.roster.list(programme.id, { includeRemoved: true }));
      });
      if (options.json) {
        console.log(JSON.stringify(summary, null, 2));
        return;
      }
      if (summary.members === 0 && summary.removed === 0) {
        console.log(`No roster for ${slug}. Try: agora roster import ${slug} members.csv --attributes region,role`);
        return;
      }
      console.log(
        `${paint.bold(slug)}: ${summary.members} members (${summary.removed} removed); ${summary.withPlatformId} with a platform id, ${summary.withEmail} with an e-mail`,
      );
      for (const attribute of summary.attributes) {
        console.log(`  ${paint.bold(attribute.name)}`);
        for (const v of attribute.values) console.log(`    ${v.value.padEnd(30)} ${String(v.members).padStart(6)}`);
      }
    });
}

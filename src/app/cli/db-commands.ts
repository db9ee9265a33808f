import type { Command } from 'commander';
import { maskDatabaseUrl, parseDatabaseUrl } from '../../../adapters/prisma/database-url.ts';
import { migrate, migrationStatus } from '../../../adapters/prisma/migrations.ts';
import { readConfig } from '../config.ts';
import { EXIT, paint } from './output.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database (SQLite file or PostgreSQL)');

  db.command('migrate')
    .description('create the database if needed and apply pending migrations (npm start does this too)')
    .action(async () => {
      const { DATABASE_URL } = readConfig();
      const status = await migrate(parseDatabaseUrl(DATABASE_URL));
      console.log(
        `${paint.green('✓')} ${maskDatabaseUrl(DATABASE_URL)}: ${status.applied.length} migration(s) applied, up to date`,
      );
    });

  db.command('status')
    .description('show applied and pending migrations')
    .action(async () => {
      const { DATABASE_URL } = readConfig();
      const status = await migrationStatus(parseDatabaseUrl(DATABASE_URL));
      console.log(maskDatabaseUrl(DATABASE_URL));
      for (const name of status.applied) console.log(`  ${paint.green('applied')}  ${name}`);
      for (const name of status.pending) console.log(`  ${paint.yellow('pending')}  ${name}`);
      process.exitCode = status.pending.length > 0 ? EXIT.failed : EXIT.ok;
    });
}

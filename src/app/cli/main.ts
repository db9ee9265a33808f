import { Command, CommanderError } from 'commander';
import { isAgoraError, isUserError } from '../../core/errors.ts';
import { ConfigError, loadDotEnv } from '../config.ts';
import { registerDbCommands } from './db-commands.ts';
import { registerDigestCommands } from './digest-commands.ts';
import { registerDiscordCommands } from './discord-commands.ts';
import { registerInboxCommands } from './inbox-commands.ts';
import { registerJobsCommands } from './jobs-commands.ts';
import { EXIT, paint } from './output.ts';
import { registerPositionsCommand } from './positions-command.ts';
import { registerProgrammeCommands } from './programme-commands.ts';
import { registerRosterCommands } from './roster-commands.ts';

/** The `agora` command line. Exit codes: 0 success, 1 the work failed (e.g. an invalid file), 2 usage or setup error. */
const program = new Command('agora')
  .description('Agora: structured consultations and debates in Slack and Discord')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerProgrammeCommands(program);
registerDbCommands(program);
registerDiscordCommands(program);
registerDigestCommands(program);
registerJobsCommands(program);
registerInboxCommands(program);
registerPositionsCommand(program);
registerRosterCommands(program);

try {
  loadDotEnv();
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (error instanceof ConfigError) {
    console.error(paint.red(error.message));
    process.exitCode = EXIT.usage;
  } else if (isAgoraError(error)) {
    console.error(paint.red(`${error.code}: ${error.message}`));
    process.exitCode = isUserError(error) ? EXIT.failed : EXIT.usage;
  } else {
    console.error(error);
    process.exitCode = EXIT.failed;
  }
}

import type { Command } from 'commander';
import { ApplicationCommandType, DiscordAPIError, REST } from 'discord.js';
import { registerSlashCommands } from '../../../adapters/discord/transport/register-commands.ts';
import { readConfig } from '../config.ts';
import { EXIT, paint } from './output.ts';

/** Why Discord refused a registration, in words an administrator can act on. */
function advice(error: DiscordAPIError, guild: string | undefined): string {
  if (error.status === 401) return 'Discord refused the token: check DISCORD_TOKEN.';
  if (error.code === 50001) {
    return guild
      ? `Agora is not in guild ${guild}, or was invited without the applications.commands scope: invite it again with the URL in the README.`
      : 'Check DISCORD_APPLICATION_ID: it must be the application of DISCORD_TOKEN.';
  }
  if (error.code === 10004)
    return `Discord has no guild ${guild}: check the id (right-click the server, Copy Server ID).`;
  return error.message;
}

/** `agora discord register-commands [--guild ID]`: registers `/agora` through the REST API (bulk overwrite). */
export function registerDiscordCommands(program: Command): void {
  const discord = program.command('discord').description('the Discord application');

  discord
    .command('register-commands')
    .description('register the /agora slash command, globally or in one guild (immediate, for trying it out)')
    .option('--guild <id>', 'register in this guild only')
    .action(async (options: { guild?: string }) => {
      const config = readConfig();
      if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
        console.error(paint.red('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (from the Developer Portal) first.'));
        process.exitCode = EXIT.usage;
        return;
      }
      const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
      try {
        const commands = await registerSlashCommands(rest, config.DISCORD_APPLICATION_ID, options.guild);
        const names = commands
          .map((c) => (c.type === ApplicationCommandType.Message ? `"${c.name}" (on messages)` : `/${c.name}`))
          .join(', ');
        console.log(
          options.guild
            ? `${paint.green('✓')} Registered ${names} in guild ${options.guild}; it is usable there now.`
            : `${paint.green('✓')} Registered ${names} globally; Discord may take a while to show it in every server.`,
        );
      } catch (error) {
        if (!(error instanceof DiscordAPIError)) throw error;
        console.error(paint.red(`Discord refused the registration (${error.code}): ${advice(error, options.guild)}`));
        process.exitCode = EXIT.failed;
      } finally {
        rest.clearHashSweeper();
        rest.clearHandlerSweeper();
      }
    });
}

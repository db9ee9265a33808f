import type { QuietHours } from '../consultation/send-reminders.ts';
import { CommandRegistry } from './command-registry.ts';
import { myDataCommand } from './my-data-command.ts';
import { registerOrganiserCommands } from './organiser-commands.ts';
import { registerParticipantCommands } from './participant-commands.ts';

/** The commands every platform offers; digests, exports and positions add theirs where they are wired. */
export function createCommandRegistry(quiet: QuietHours | null): CommandRegistry {
  const registry = new CommandRegistry();
  registerParticipantCommands(registry);
  registry.register(myDataCommand);
  registerOrganiserCommands(registry, quiet);
  return registry;
}

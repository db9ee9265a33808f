import type { ReminderPolicy } from '../consultation/send-reminders.ts';
import type { SummaryDeps } from '../summaries/summarise-question.ts';
import { CommandRegistry } from './command-registry.ts';
import { myDataCommand } from './my-data-command.ts';
import { registerOrganiserCommands } from './organiser-commands.ts';
import { registerParticipantCommands } from './participant-commands.ts';
import { registerPositionsCommand } from './positions-command.ts';
import { statementsCommand } from './statements-command.ts';

/** The commands every platform offers; digests and exports add theirs where they are wired. */
export function createCommandRegistry(
  reminders: ReminderPolicy | null,
  summaries: Pick<SummaryDeps, 'summaryWriter' | 'summaryWriterTimeoutMs'> = {},
): CommandRegistry {
  const registry = new CommandRegistry();
  registerParticipantCommands(registry);
  registry.register(myDataCommand);
  registerOrganiserCommands(registry, reminders);
  registerPositionsCommand(registry, summaries);
  registry.register(statementsCommand);
  return registry;
}

import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type CommandInteractionOption,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/**
 * `/agora`, with the subcommands Slack's `/agora` takes as text. Each subcommand's options become the words after
 * its name, in the order they are declared here, so the core's `runCommand` parses Discord and Slack alike.
 * `/agora run` takes any command typed out, as in Slack, for anything the structured forms do not cover.
 */

const text = (name: string, description: string, required = false): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name,
  description,
  required,
  max_length: 200,
});

const sub = (
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption => ({
  type: ApplicationCommandOptionType.Subcommand,
  name,
  description,
  options,
});

const QUESTION = 'The question, as programme/question (e.g. staff-voice/workload)';

export const AGORA_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'agora',
  description: 'Take part in the consultation, or run it if you are an organiser',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    sub('help', 'What Agora can do for you'),
    sub('status', 'Open questions and whether you have answered them'),
    sub('mydata', 'Everything Agora holds from you, sent as a file; or erase it', [
      {
        type: ApplicationCommandOptionType.String,
        name: 'action',
        description: 'Leave empty to get your data as a file',
        required: false,
        choices: [
          { name: 'Send me my data as a file', value: 'export' },
          { name: 'Delete my data (first tells you what would go)', value: 'delete' },
          { name: 'Delete my data for good', value: 'delete confirm' },
        ],
      },
    ]),
    sub('remind', 'Turn your reminders off or on; organisers: remind people who have not answered', [
      text('target', 'off, on, or (organisers) a question as programme/question', true),
    ]),
    sub('open', 'Organisers: post a question now', [text('question', QUESTION, true)]),
    sub('close', 'Organisers: close a question now and show its results', [text('question', QUESTION, true)]),
    sub('digest', "Organisers: the programme's weekly digest, as a file", [
      text('programme', 'The programme (e.g. staff-voice); not needed in its own channels'),
      text('week', 'The ISO week, like 2026-W49 (default: this week so far)'),
    ]),
    sub('export', "Organisers: a programme's results as a file", [
      {
        type: ApplicationCommandOptionType.String,
        name: 'format',
        description: 'File format',
        required: true,
        choices: ['csv', 'json', 'markdown', 'html', 'polis', 'xlsx'].map((f) => ({ name: f, value: f })),
      },
      text('file', 'One file of a several-file format, e.g. votes.csv'),
      text('programme', 'The programme (e.g. staff-voice); not needed in its own channels'),
      text('week', 'The ISO week, like 2026-W49'),
    ]),
    sub('positions', 'Organisers: opinion groups and what they agree on', [text('question', QUESTION)]),
    sub('run', 'Any Agora command typed out, as in Slack (for example: remind off)', [
      text('command', 'The command, as you would type it after /agora', true),
    ]),
  ],
};

/** Commands the core knows by a shorter text. */
const SPECIAL: Record<string, string> = { 'mydata export': 'mydata' };

function declared(path: string[]): APIApplicationCommandOption[] {
  let options = AGORA_COMMAND.options ?? [];
  for (const name of path) {
    const found = options.find((o) => o.name === name);
    options =
      found && 'options' in found && Array.isArray(found.options)
        ? (found.options as APIApplicationCommandOption[])
        : [];
  }
  return options;
}

function word(option: CommandInteractionOption): string | undefined {
  if (option.type === ApplicationCommandOptionType.Boolean) return option.value === true ? option.name : undefined;
  const value = option.value === undefined || option.value === null ? '' : String(option.value).trim();
  return value || undefined;
}

/** The text `runCommand` takes, from an interaction's subcommand path and options. */
export function commandText(data: readonly CommandInteractionOption[]): string {
  const path: string[] = [];
  let options = data;
  for (;;) {
    const nested = options[0];
    const isPath =
      nested?.type === ApplicationCommandOptionType.SubcommandGroup ||
      nested?.type === ApplicationCommandOptionType.Subcommand;
    if (!nested || !isPath) break;
    path.push(nested.name);
    options = nested.options ?? [];
  }
  if (path.length === 1 && path[0] === 'run') {
    return String(options.find((o) => o.name === 'command')?.value ?? '').trim();
  }
  const order = declared(path).map((o) => o.name);
  const sorted = [...options].sort((a, b) => {
    const ia = order.indexOf(a.name);
    const ib = order.indexOf(b.name);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
  });
  const text = [...path, ...sorted.map(word).filter((w): w is string => w !== undefined)].join(' ').trim();
  return SPECIAL[text] ?? text;
}

import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { type FieldPath, FormErrors } from './form-errors.ts';

type Json = Record<string, unknown>;

const chatInputName = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const maxCommandCharacters = 4000;
const maxCommandsOfType: Record<number, number> = {
  [ApplicationCommandType.ChatInput]: 100,
  [ApplicationCommandType.User]: 15,
  [ApplicationCommandType.Message]: 15,
};

const asObjects = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

function checkName(name: unknown, chatInput: boolean, path: FieldPath, errors: FormErrors): void {
  errors.length([...path, 'name'], name, { min: 1, max: 32, required: true });
  if (chatInput && typeof name === 'string' && (!chatInputName.test(name) || name !== name.toLowerCase())) {
    errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkOptions(options: unknown, depth: number, path: FieldPath, errors: FormErrors): void {
  errors.length([...path, 'options'], options, { max: 25 });
  const list = asObjects(options);
  const names = new Set<unknown>();
  let optionalSeen = false;
  const isGroup = (option: Json) =>
    option.type === ApplicationCommandOptionType.Subcommand ||
    option.type === ApplicationCommandOptionType.SubcommandGroup;
  if (list.some(isGroup) && !list.every(isGroup)) {
    errors.add(
      [...path, 'options'],
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  list.forEach((option, index) => {
    const at = [...path, 'options', index];
    checkName(option.name, true, at, errors);
    errors.length([...at, 'description'], option.description, { min: 1, max: 100, required: true });
    if (names.has(option.name)) {
      errors.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME', 'Option names must be unique');
    }
    names.add(option.name);
    if (option.required && optionalSeen) {
      errors.add(
        [...at, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (!option.required) optionalSeen = true;
    const groupAllowed =
      (option.type === ApplicationCommandOptionType.SubcommandGroup && depth === 0) ||
      (option.type === ApplicationCommandOptionType.Subcommand && depth <= 1);
    if (isGroup(option) && !groupAllowed) {
      errors.add(
        [...at, 'type'],
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Sub-commands cannot be nested this deep',
      );
    }
    if (isGroup(option)) checkOptions(option.options, depth + 1, at, errors);
    errors.length([...at, 'choices'], option.choices, { max: 25 });
    asObjects(option.choices).forEach((choice, choiceIndex) => {
      errors.length([...at, 'choices', choiceIndex, 'name'], choice.name, { min: 1, max: 100, required: true });
      if (typeof choice.value === 'string') {
        errors.length([...at, 'choices', choiceIndex, 'value'], choice.value, { min: 1, max: 100 });
      }
    });
    errors.range([...at, 'min_length'], option.min_length, 0, 6000);
    errors.range([...at, 'max_length'], option.max_length, 1, 6000);
  });
}

/** Characters Discord counts against the 4000 limit of one command: names, descriptions, choices. */
function commandCharacters(command: Json): number {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).length : 0);
  const ofOptions = (options: unknown): number =>
    asObjects(options).reduce(
      (total, option) =>
        total +
        text(option.name) +
        text(option.description) +
        asObjects(option.choices).reduce((sum, choice) => sum + text(choice.name) + text(choice.value), 0) +
        ofOptions(option.options),
      0,
    );
  return text(command.name) + text(command.description) + ofOptions(command.options);
}

/** Checks a bulk overwrite of application commands the way Discord does, throwing 50035 on the first failure. */
export function checkCommands(body: unknown): Json[] {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    errors.throwIfAny();
  }
  const commands = asObjects(body);
  const seen = new Set<string>();
  commands.forEach((command, index) => {
    const type = (command.type as number | undefined) ?? ApplicationCommandType.ChatInput;
    const chatInput = type === ApplicationCommandType.ChatInput;
    checkName(command.name, chatInput, [index], errors);
    if (chatInput) errors.length([index, 'description'], command.description, { min: 1, max: 100, required: true });
    else if (command.description) {
      errors.add(
        [index, 'description'],
        'APPLICATION_COMMAND_DESCRIPTION_INVALID',
        'Context menu commands cannot have a description',
      );
    }
    if (chatInput) checkOptions(command.options, 0, [index], errors);
    if (commandCharacters(command) > maxCommandCharacters) {
      errors.add([index], 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${maxCommandCharacters})`);
    }
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) {
      errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    }
    seen.add(key);
  });
  for (const [type, max] of Object.entries(maxCommandsOfType)) {
    const count = commands.filter((command) => ((command.type as number | undefined) ?? 1) === Number(type)).length;
    if (count > max) errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
  errors.throwIfAny();
  return commands;
}

import { closeQuestion } from '../consultation/close-question.ts';
import { openQuestion } from '../consultation/open-question.ts';
import { resolveQuestion } from '../consultation/resolve-question.ts';
import { requireOrganiser } from '../consultation/roles.ts';
import { describeReminders, type ReminderPolicy, sendReminders } from '../consultation/send-reminders.ts';
import { UserError } from '../errors.ts';
import type { CommandDefinition, CommandRegistry } from './command-registry.ts';
import { privateReply } from './command-registry.ts';

const openCommand: CommandDefinition = {
  name: 'open',
  usage: 'open PROGRAMME/QUESTION',
  summary: 'post a question now to its channels',
  organiserOnly: true,
  async run({ deps, args }) {
    const question = await resolveQuestion(deps.store, args[0] ?? '');
    const outcome = await openQuestion(deps, question.id);
    const failed = outcome.failed.map((f) => `${f.channel} (${f.error})`).join(', ');
    return privateReply(
      `Opened "${question.key}": posted to ${outcome.posted.length} channel(s)${outcome.alreadyPosted.length ? `, already in ${outcome.alreadyPosted.length}` : ''}.${failed ? ` Could not post to ${failed}.` : ''}`,
    );
  },
};

const closeCommand: CommandDefinition = {
  name: 'close',
  usage: 'close PROGRAMME/QUESTION',
  summary: 'close a question now and show its results',
  organiserOnly: true,
  async run({ deps, args }) {
    const question = await resolveQuestion(deps.store, args[0] ?? '');
    const outcome = await closeQuestion(deps, question.id);
    return privateReply(`Closed "${question.key}"; results shown in ${outcome.updated} posting(s).`);
  },
};

/**
 * `remind off|on` is anyone's own opt-out; `remind QUESTION` is the organisers' nudge to non-respondents, which
 * waits out quiet hours and skips people reminded lately; `remind QUESTION anyway` sends regardless;
 * `remind QUESTION under-heard` goes to the roster's under-heard groups instead.
 */
function remindCommand(policy: ReminderPolicy | null): CommandDefinition {
  return {
    name: 'remind',
    usage: 'remind PROGRAMME/QUESTION [under-heard] [anyway] | remind off | remind on',
    summary: 'organisers: privately remind people who have not answered; anyone: turn your reminders off or on',
    organiserOnly: false,
    async run({ deps, args, actor, isOrganiser, invocation }) {
      if (args[0] === 'off' || args[0] === 'on') {
        await deps.store.participants.setRemindersOff(actor.id, args[0] === 'off');
        return privateReply(
          args[0] === 'off'
            ? 'Reminders are off for you. `/agora remind on` turns them back on.'
            : 'Reminders are on again.',
        );
      }
      requireOrganiser(
        { role: isOrganiser ? 'organiser' : 'participant' },
        'send reminders (you can turn your own off with `/agora remind off`)',
      );
      const question = await resolveQuestion(deps.store, args[0] ?? '');
      const options = new Set(args.slice(1).map((a) => a.toLowerCase()));
      const unknown = [...options].filter((o) => o !== 'anyway' && o !== 'under-heard');
      if (unknown.length)
        throw new UserError(
          'UNKNOWN_COMMAND',
          `\`/agora remind\` does not know "${unknown.join(' ')}". Usage: \`/agora remind PROGRAMME/QUESTION [under-heard] [anyway]\`.`,
        );
      const anyway = options.has('anyway');
      const underHeard = options.has('under-heard');
      const outcome = await sendReminders(deps, question.id, policy, { anyway, underHeard });
      await deps.store.audit.record({
        programmeId: question.programmeId,
        actor: `${invocation.actor.platform}:${invocation.actor.platformUserId}`,
        action: 'command.remind',
        detail: { question: question.key, anyway, underHeard, ...outcome },
      });
      const again = `\`/agora remind ${args[0]}${underHeard ? ' under-heard' : ''} anyway\``;
      if (outcome.quietUntil)
        return privateReply(`${describeReminders(outcome, policy)} To send now anyway: ${again}.`);
      const more = outcome.recentlyReminded ? ` To remind them too: ${again}.` : '';
      return privateReply(`${describeReminders(outcome, policy)}${more}`);
    },
  };
}

export function registerOrganiserCommands(registry: CommandRegistry, reminders: ReminderPolicy | null): void {
  registry.register(openCommand).register(closeCommand).register(remindCommand(reminders));
}

import { resolveQuestion } from '../consultation/resolve-question.ts';
import { safeChatText } from '../digest/format-escaping.ts';
import { positionsText } from '../digest/positions-text.ts';
import { currentPositions } from '../digest/summary-positions.ts';
import { UserError } from '../errors.ts';
import type { SummaryDeps } from '../summaries/summarise-question.ts';
import { whereParticipantStandsText } from '../summaries/where-participant-stands.ts';
import type { CommandDefinition, CommandRegistry } from './command-registry.ts';
import { privateReply } from './command-registry.ts';

/**
 * `/agora positions QUESTION`: opinion groups and common ground (agree/disagree questions) or themes with verbatim,
 * linked quotes (open questions), and how they moved in the last week. Organisers always; participants where the
 * programme lets them see positions.
 */
export function positionsCommand(
  options: Pick<SummaryDeps, 'summaryWriter' | 'summaryWriterTimeoutMs'>,
): CommandDefinition {
  return {
    name: 'positions',
    usage: 'positions PROGRAMME/QUESTION [me]',
    summary:
      'where people stand on a question: opinion groups, common ground, themes with quotes; add "me" to see where you stand',
    organiserOnly: false,
    async run({ deps, args, isOrganiser, actor }) {
      const question = await resolveQuestion(deps.store, args[0] ?? '');
      if (['me', 'mine', 'myself'].includes((args[1] ?? '').toLowerCase())) {
        const summaryDeps = { ...deps, ...options };
        return privateReply(safeChatText(await whereParticipantStandsText(summaryDeps, question, actor.id)));
      }
      const programme = await deps.store.programmes.findById(question.programmeId);
      if (!isOrganiser && !programme?.settings.participantsSeePositions) {
        throw new UserError(
          'NOT_ORGANISER',
          'In this programme only organisers see the positions; they share them in the weekly digest.',
        );
      }
      const positions = await currentPositions(
        { ...deps, ...options },
        question,
        isOrganiser ? 'organisers' : 'participants',
      );
      return privateReply(safeChatText(positionsText(question.prompt, positions, programme?.timezone)));
    },
  };
}

export function registerPositionsCommand(
  registry: CommandRegistry,
  options: Pick<SummaryDeps, 'summaryWriter' | 'summaryWriterTimeoutMs'> = {},
): void {
  registry.register(positionsCommand(options));
}

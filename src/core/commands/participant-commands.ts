import { instantIn } from '../chat-text.ts';
import { cutAtWord } from '../wording.ts';
import type { CommandDefinition, CommandRegistry } from './command-registry.ts';
import { privateReply } from './command-registry.ts';

function helpCommand(registry: CommandRegistry): CommandDefinition {
  return {
    name: 'help',
    usage: 'help',
    summary: 'what Agora can do for you',
    organiserOnly: false,
    async run({ isOrganiser }) {
      const lines = registry
        .list()
        .filter((c) => isOrganiser || !c.organiserOnly)
        .map((c) => `• \`/agora ${c.usage}\`: ${c.summary}${c.organiserOnly ? ' (organisers)' : ''}`);
      return privateReply(
        `Agora runs this consultation. Answer a question by replying in its thread, or privately with "Answer privately".\n${lines.join('\n')}`,
      );
    },
  };
}

const statusCommand: CommandDefinition = {
  name: 'status',
  usage: 'status',
  summary: 'open questions and whether you have answered them',
  organiserOnly: false,
  async run({ deps, actor }) {
    const open = await deps.store.questions.listByStatus('open');
    if (open.length === 0) return privateReply('No questions are open right now.');
    const mine = new Set(
      (await deps.store.responses.listByParticipant(actor.id)).filter((r) => !r.deletedAt).map((r) => r.questionId),
    );
    for (const vote of await deps.store.votes.listByParticipant(actor.id))
      if (!vote.retractedAt) mine.add(vote.questionId);
    const programmes = new Map((await deps.store.programmes.list()).map((p) => [p.id, p]));
    const lines = open.map((q) => {
      const programme = programmes.get(q.programmeId);
      const closes = q.closesAt ? `, closes ${instantIn(q.closesAt, programme?.timezone ?? 'UTC')}` : '';
      return `${mine.has(q.id) ? '✓ answered' : '○ not yet'}: ${programme?.slug}/${q.key}: ${cutAtWord(q.prompt, 120)}${closes}`;
    });
    return privateReply(`Open questions:\n${lines.join('\n')}`);
  },
};

export function registerParticipantCommands(registry: CommandRegistry): void {
  registry.register(helpCommand(registry)).register(statusCommand);
}

import { eraseParticipant } from '../erasure/erase-participant.ts';
import type { CommandDefinition } from './command-registry.ts';
import { privateReply } from './command-registry.ts';
import { myDataFile } from './my-data-file.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `/agora mydata`: a person's own responses and votes, as a file; `mydata delete confirm` erases them. */
export const myDataCommand: CommandDefinition = {
  name: 'mydata',
  usage: 'mydata [delete]',
  summary: 'your responses and votes sent to you as a file; `mydata delete` erases them',
  organiserOnly: false,
  async run({ deps, actor, args }) {
    const { store } = deps;
    const responses = await store.responses.listByParticipant(actor.id);
    const votes = await store.votes.listByParticipant(actor.id);
    if (args[0] === 'delete') {
      if (args[1] !== 'confirm') {
        return privateReply(
          `This permanently erases from Agora's records your ${plural(responses.length, 'response', 'responses')} (with every earlier version), your ${plural(votes.length, 'vote', 'votes')} (with their history), your name and your pseudonym. Statements you added that nobody else voted on are removed; those others voted on stay, with no author. Quotes of your answers are taken out of stored digests and summaries; counts in digests already sent stay as they were. Anything you did that Agora has not recorded yet is dropped. Messages you wrote in chat stay in chat: delete them there. To go ahead, run \`/agora mydata delete confirm\`.`,
        );
      }
      const erased = await eraseParticipant(deps, actor);
      const kept = erased?.statementsUnattributed ?? 0;
      const dropped = erased?.unrecordedDropped ?? 0;
      return privateReply(
        `Done: erased ${plural(erased?.responses ?? 0, 'response', 'responses')}, ${plural(erased?.votes ?? 0, 'vote', 'votes')}, your name and your pseudonym${kept ? `; ${plural(kept, 'statement stays', 'statements stay')} with no author, because others voted on ${kept === 1 ? 'it' : 'them'}` : ''}${dropped ? `; ${plural(dropped, 'action', 'actions')} of yours not yet recorded ${dropped === 1 ? 'was' : 'were'} dropped` : ''}. If you use Agora again, you start afresh.`,
      );
    }
    return privateReply(
      `Here is everything Agora holds from you: ${plural(responses.length, 'response', 'responses')} and ${plural(votes.length, 'vote', 'votes')}.`,
      {
        name: 'agora-my-data.json',
        title: 'Your Agora data',
        content: JSON.stringify(await myDataFile(store, actor, deps.clock.now()), null, 2),
      },
    );
  },
};

import type { CommandDefinition } from './command-registry.ts';
import { privateReply } from './command-registry.ts';

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
          `This permanently deletes your ${responses.length} responses and ${votes.length} votes from Agora's records (messages you wrote in chat stay in chat). To go ahead, run \`/agora mydata delete confirm\`.`,
        );
      }
      const erased = await store.responses.eraseByParticipant(actor.id);
      for (const vote of votes) {
        await store.votes.set({
          questionId: vote.questionId,
          participantId: actor.id,
          subject: vote.subject,
          choice: null,
          idempotencyKey: `erase:${vote.id}:${Date.now()}`,
          at: deps.clock.now(),
        });
      }
      await store.audit.record({
        programmeId: null,
        actor: `participant:${actor.id}`,
        action: 'participant.data_erased',
        detail: { responses: erased, votes: votes.length },
      });
      return privateReply(`Done: ${erased} responses deleted and ${votes.length} votes withdrawn.`);
    }
    const export_ = {
      exportedAt: deps.clock.now().toISOString(),
      you: {
        platform: actor.platform,
        userId: actor.platformUserId,
        displayName: actor.displayName,
        pseudonym: actor.pseudonym,
      },
      responses: await Promise.all(
        responses.map(async (r) => ({
          question: (await store.questions.findById(r.questionId))?.prompt ?? r.questionId,
          body: r.body,
          private: r.private,
          createdAt: r.createdAt.toISOString(),
          editedAt: r.editedAt?.toISOString() ?? null,
          deletedAt: r.deletedAt?.toISOString() ?? null,
          revisions: (await store.responses.revisions(r.id)).map((v) => ({
            body: v.body,
            at: v.recordedAt.toISOString(),
          })),
        })),
      ),
      votes: votes.map((v) => ({
        questionId: v.questionId,
        subject: v.subject,
        choice: v.choice,
        castAt: v.castAt.toISOString(),
        retracted: v.retractedAt !== null,
      })),
    };
    return privateReply(
      `Here is everything Agora holds from you: ${responses.length} responses and ${votes.length} votes.`,
      {
        name: 'agora-my-data.json',
        title: 'Your Agora data',
        content: JSON.stringify(export_, null, 2),
      },
    );
  },
};

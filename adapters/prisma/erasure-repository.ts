import type { ErasedParticipant, ErasureRepository, RetentionPurge } from '../../src/core/ports/store.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';

type Tx = Parameters<Parameters<AgoraPrismaClient['$transaction']>[0]>[0];

/** What audit entries keep once their actor and details are removed: the action and its time. */
const REMOVED_ACTOR = 'removed';

/** Responses as they go: ids, every text they had, and the questions they belonged to. */
async function removeResponses(tx: Tx, where: { participantId: string } | { questionIds: string[]; before: Date }) {
  const rows = await tx.response.findMany({
    where:
      'participantId' in where
        ? { participantId: where.participantId }
        : { questionId: { in: where.questionIds }, createdAt: { lt: where.before } },
    select: { id: true, body: true, questionId: true, revisions: { select: { body: true } } },
  });
  const ids = rows.map((r) => r.id);
  // Replies to them stay; their reply-to link is cleared by the relation's SetNull.
  if (ids.length) await tx.response.deleteMany({ where: { id: { in: ids } } });
  const texts = new Set<string>();
  for (const r of rows) {
    if (r.body) texts.add(r.body);
    for (const v of r.revisions) if (v.body) texts.add(v.body);
  }
  return { ids, texts: [...texts], questionIds: new Set(rows.map((r) => r.questionId)) };
}

async function programmesOf(tx: Tx, questionIds: Iterable<string>): Promise<string[]> {
  const ids = [...questionIds];
  if (!ids.length) return [];
  const rows = await tx.question.findMany({ where: { id: { in: ids } }, select: { programmeId: true } });
  return [...new Set(rows.map((r) => r.programmeId))];
}

export class PrismaErasureRepository implements ErasureRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  eraseParticipant(participantId: string, auditActors: string[]): Promise<ErasedParticipant | null> {
    return this.db.$transaction(async (tx) => {
      const person = await tx.participant.findUnique({ where: { id: participantId } });
      if (!person) return null;
      const responses = await removeResponses(tx, { participantId });
      const votes = await tx.vote.findMany({ where: { participantId }, select: { questionId: true } });
      await tx.vote.deleteMany({ where: { participantId } });
      const authored = await tx.pollOption.findMany({
        where: { authorId: participantId },
        select: { id: true, key: true, questionId: true },
      });
      let statementsRemoved = 0;
      for (const statement of authored) {
        const othersVoted = await tx.vote.count({
          where: { questionId: statement.questionId, subject: statement.key },
        });
        if (othersVoted > 0) {
          await tx.pollOption.update({ where: { id: statement.id }, data: { authorId: null } });
        } else {
          await tx.pollOption.delete({ where: { id: statement.id } });
          statementsRemoved += 1;
        }
      }
      await tx.auditEvent.updateMany({
        where: { actor: { in: auditActors } },
        data: { actor: REMOVED_ACTOR, detail: {} },
      });
      const questionIds = new Set([
        ...responses.questionIds,
        ...votes.map((v) => v.questionId),
        ...authored.map((s) => s.questionId),
      ]);
      await tx.summary.deleteMany({ where: { questionId: { in: [...questionIds] } } });
      await tx.participant.delete({ where: { id: participantId } });
      return {
        responses: responses.ids.length,
        responseIds: responses.ids,
        texts: responses.texts,
        programmeIds: await programmesOf(tx, questionIds),
        votes: votes.length,
        statementsRemoved,
        statementsUnattributed: authored.length - statementsRemoved,
      };
    });
  }

  purgeBefore(programmeId: string, before: Date): Promise<RetentionPurge> {
    return this.db.$transaction(async (tx) => {
      const questionIds = (await tx.question.findMany({ where: { programmeId }, select: { id: true } })).map(
        (q) => q.id,
      );
      const responses = await removeResponses(tx, { questionIds, before });
      const votes = await tx.vote.deleteMany({ where: { questionId: { in: questionIds }, castAt: { lt: before } } });
      const statements = await tx.pollOption.updateMany({
        where: { questionId: { in: questionIds }, authorId: { not: null }, createdAt: { lt: before } },
        data: { authorId: null },
      });
      const audit = await tx.auditEvent.updateMany({
        where: { programmeId, at: { lt: before }, actor: { not: REMOVED_ACTOR } },
        data: { actor: REMOVED_ACTOR, detail: {} },
      });
      await tx.summary.deleteMany({ where: { questionId: { in: questionIds }, createdAt: { lt: before } } });
      // A summary made later may still quote what was purged: it is recomputed when next needed.
      if (responses.ids.length) await tx.summary.deleteMany({ where: { questionId: { in: questionIds } } });
      await tx.digest.deleteMany({ where: { programmeId, createdAt: { lt: before } } });
      const participants = await this.removeEmptyParticipants(tx);
      return {
        responses: responses.ids.length,
        responseIds: responses.ids,
        texts: responses.texts,
        programmeIds: responses.ids.length ? [programmeId] : [],
        votes: votes.count,
        statementsUnattributed: statements.count,
        auditEntries: audit.count,
        participants,
      };
    });
  }

  /** Participants with no response, vote or statement anywhere, and no organiser role. */
  private async removeEmptyParticipants(tx: Tx): Promise<number> {
    const empty = {
      role: 'participant',
      responses: { none: {} },
      votes: { none: {} },
    };
    const authors = (
      await tx.pollOption.findMany({ where: { authorId: { not: null } }, select: { authorId: true } })
    ).map((o) => o.authorId as string);
    const notAuthor = authors.length ? { id: { notIn: [...new Set(authors)] } } : {};
    const removed = await tx.participant.deleteMany({ where: { ...empty, ...notAuthor, remindersOff: false } });
    // Someone who turned reminders off keeps that choice, but not their name: it comes back if they return.
    await tx.participant.updateMany({
      where: { ...empty, ...notAuthor, remindersOff: true, displayName: { not: '' } },
      data: { displayName: '' },
    });
    return removed.count;
  }
}

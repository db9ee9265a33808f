import type { VoteRepository } from '../../src/core/ports/store.ts';
import type { VoteRecord } from '../../src/core/records.ts';
import { toVote } from './mappers.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import { asDate, asJson, asOptionalDate, type RowScanner } from './row-scan.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { withinTransaction } from './within-transaction.ts';

export class PrismaVoteRepository implements VoteRepository {
  constructor(
    private readonly db: AgoraPrismaClient,
    private readonly scanner: RowScanner,
  ) {}

  async set(input: {
    questionId: string;
    participantId: string;
    subject: string;
    choice: string[] | null;
    idempotencyKey: string;
    at: Date;
  }): Promise<{ vote: VoteRecord; changed: boolean }> {
    const where = {
      questionId_participantId_subject: {
        questionId: input.questionId,
        participantId: input.participantId,
        subject: input.subject,
      },
    };
    try {
      const vote = await withinTransaction(this.db, async (tx) => {
        const live =
          input.choice === null
            ? { retractedAt: input.at }
            : { choice: input.choice, castAt: input.at, retractedAt: null };
        const row = await tx.vote.upsert({
          where,
          create: {
            questionId: input.questionId,
            participantId: input.participantId,
            subject: input.subject,
            choice: input.choice ?? [],
            castAt: input.at,
            ...(input.choice === null ? { retractedAt: input.at } : {}),
          },
          update: live,
        });
        await tx.voteChange.create({
          data: {
            voteId: row.id,
            choice: input.choice ?? undefined,
            idempotencyKey: input.idempotencyKey,
            recordedAt: input.at,
          },
        });
        return row;
      });
      return { vote: toVote(vote), changed: true };
    } catch (error) {
      // The same click delivered twice: the first delivery already counted.
      if (!isUniqueViolation(error)) throw error;
      const row = await this.db.vote.findUnique({ where });
      if (!row) throw error;
      return { vote: toVote(row), changed: false };
    }
  }

  async find(questionId: string, participantId: string, subject: string): Promise<VoteRecord | null> {
    const row = await this.db.vote.findUnique({
      where: { questionId_participantId_subject: { questionId, participantId, subject } },
    });
    return row ? toVote(row) : null;
  }

  /** Read below Prisma: an agree/disagree question can hold millions of votes, and summaries read them all. */
  async listByQuestion(questionId: string): Promise<VoteRecord[]> {
    const text = `
      SELECT v."id", v."participantId", v."subject", v."choice", v."castAt", v."retractedAt" FROM {Vote} v
      WHERE v."questionId" = ? ORDER BY v."castAt", v."id"`;
    const votes: VoteRecord[] = [];
    for await (const batch of this.scanner.scanArrays(text, [questionId], 10_000)) {
      for (const [id, participantId, subject, choice, castAt, retractedAt] of batch) {
        votes.push({
          id: String(id),
          questionId,
          participantId: String(participantId),
          subject: String(subject),
          choice: asJson<string[]>(choice),
          castAt: asDate(castAt),
          retractedAt: asOptionalDate(retractedAt),
        });
      }
    }
    return votes;
  }

  async listByParticipant(participantId: string): Promise<VoteRecord[]> {
    return (await this.db.vote.findMany({ where: { participantId }, orderBy: { castAt: 'asc' } })).map(toVote);
  }

  async voterIds(questionId: string): Promise<string[]> {
    const rows = await this.db.vote.findMany({
      where: { questionId, retractedAt: null },
      select: { participantId: true },
      distinct: ['participantId'],
    });
    return rows.map((r) => r.participantId);
  }
}

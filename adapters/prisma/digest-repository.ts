import type { DigestRepository, StoredDigest } from '../../src/core/ports/reporting.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';

/** The Digest table: one model per programme and ISO week, kept so the next digest can say what is new. */
export class PrismaDigestRepository implements DigestRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  async save(programmeId: string, week: string, model: unknown): Promise<StoredDigest> {
    const row = await this.db.digest.upsert({
      where: { programmeId_week: { programmeId, week } },
      create: { programmeId, week, model: model as object },
      update: { model: model as object, createdAt: new Date() },
    });
    return row;
  }

  find(programmeId: string, week: string): Promise<StoredDigest | null> {
    return this.db.digest.findUnique({ where: { programmeId_week: { programmeId, week } } });
  }

  latestBefore(programmeId: string, week: string): Promise<StoredDigest | null> {
    return this.db.digest.findFirst({ where: { programmeId, week: { lt: week } }, orderBy: { week: 'desc' } });
  }

  async weeks(programmeId: string): Promise<string[]> {
    const rows = await this.db.digest.findMany({
      where: { programmeId },
      select: { week: true },
      orderBy: { week: 'asc' },
    });
    return rows.map((r) => r.week);
  }

  async amend(programmeId: string, week: string, model: unknown): Promise<void> {
    await this.db.digest.updateMany({ where: { programmeId, week }, data: { model: model as object } });
  }
}

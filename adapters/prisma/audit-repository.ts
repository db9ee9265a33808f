import type { AuditRepository, ProcessedEventRepository } from '../../src/core/ports/store.ts';
import type { AuditEventRecord } from '../../src/core/records.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import { isUniqueViolation } from './unique-violation.ts';

export class PrismaAuditRepository implements AuditRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  async record(event: Omit<AuditEventRecord, 'id' | 'at'> & { at?: Date }): Promise<void> {
    await this.db.auditEvent.create({ data: { ...event, detail: event.detail as object } });
  }

  async list(programmeId: string | null, limit = 100): Promise<AuditEventRecord[]> {
    const rows = await this.db.auditEvent.findMany({
      where: programmeId ? { programmeId } : {},
      orderBy: { at: 'desc' },
      take: limit,
    });
    return rows.map((r) => ({ ...r, detail: r.detail as Record<string, unknown> }));
  }
}

export class PrismaProcessedEventRepository implements ProcessedEventRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  async firstSighting(key: string): Promise<boolean> {
    try {
      await this.db.processedEvent.create({ data: { key } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async purgeBefore(before: Date): Promise<number> {
    const { count } = await this.db.processedEvent.deleteMany({ where: { at: { lt: before } } });
    return count;
  }
}

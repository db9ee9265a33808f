import type { EmailOptOutRepository } from '../../src/core/ports/store.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import { isUniqueViolation } from './unique-violation.ts';

export class PrismaEmailOptOutRepository implements EmailOptOutRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  async add(programmeId: string, email: string, at: Date): Promise<boolean> {
    try {
      await this.db.emailOptOut.create({ data: { programmeId, email: email.toLowerCase(), at } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async has(programmeId: string, email: string): Promise<boolean> {
    const row = await this.db.emailOptOut.findUnique({
      where: { programmeId_email: { programmeId, email: email.toLowerCase() } },
      select: { id: true },
    });
    return row !== null;
  }

  async list(programmeId: string): Promise<string[]> {
    const rows = await this.db.emailOptOut.findMany({ where: { programmeId }, orderBy: { email: 'asc' } });
    return rows.map((r) => r.email);
  }
}

import type { InstallationRepository } from '../../src/core/ports/store.ts';
import type { Platform } from '../../src/core/types.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';

/** Installations (OAuth credentials per workspace) as JSON rows keyed by platform and key. */
export class PrismaInstallationRepository implements InstallationRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  async save(platform: Platform, key: string, data: Record<string, unknown>): Promise<void> {
    const json = data as object;
    await this.db.installation.upsert({
      where: { platform_key: { platform, key } },
      create: { platform, key, data: json },
      update: { data: json },
    });
  }

  async find(platform: Platform, key: string): Promise<Record<string, unknown> | null> {
    const row = await this.db.installation.findUnique({ where: { platform_key: { platform, key } } });
    return row ? (row.data as Record<string, unknown>) : null;
  }

  async remove(platform: Platform, key: string): Promise<boolean> {
    const { count } = await this.db.installation.deleteMany({ where: { platform, key } });
    return count > 0;
  }

  async keys(platform: Platform): Promise<string[]> {
    const rows = await this.db.installation.findMany({
      where: { platform },
      orderBy: { id: 'asc' },
      select: { key: true },
    });
    return rows.map((r) => r.key);
  }
}

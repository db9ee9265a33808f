import { randomBytes } from 'node:crypto';
import type { ParticipantRepository } from '../core/ports/store.ts';
import type { ParticipantRecord } from '../core/records.ts';
import type { PlatformIdentity, Role } from '../core/types.ts';
import { toParticipant } from './mappers.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';

/** A stable pseudonym that reveals nothing about the person: random, kept for life. */
function newPseudonym(): string {
  return `Participant ${randomBytes(3).toString('hex').toUpperCase()}`;
}

export class PrismaParticipantRepository implements ParticipantRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  async upsert(identity: PlatformIdentity): Promise<ParticipantRecord> {
    const where = { platform_platformUserId: { platform: identity.platform, platformUserId: identity.platformUserId } };
    const existing = await this.db.participant.findUnique({ where });
    if (existing) {
      if (identity.displayName && existing.displayName !== identity.displayName) {
        return toParticipant(await this.db.participant.update({ where, data: { displayName: identity.displayName } }));
      }
      return toParticipant(existing);
    }
    const row = await this.db.participant.upsert({
      where,
      create: { ...identity, displayName: identity.displayName || identity.platformUserId, pseudonym: newPseudonym() },
      update: {},
    });
    return toParticipant(row);
  }

  async find(platform: string, platformUserId: string): Promise<ParticipantRecord | null> {
    const row = await this.db.participant.findUnique({
      where: { platform_platformUserId: { platform, platformUserId } },
    });
    return row ? toParticipant(row) : null;
  }

  async findById(id: string): Promise<ParticipantRecord | null> {
    const row = await this.db.participant.findUnique({ where: { id } });
    return row ? toParticipant(row) : null;
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.participant.update({ where: { id }, data: { role } });
  }

  async setRemindersOff(id: string, off: boolean): Promise<void> {
    await this.db.participant.update({ where: { id }, data: { remindersOff: off } });
  }

  async listByIds(ids: string[]): Promise<ParticipantRecord[]> {
    if (ids.length === 0) return [];
    return (await this.db.participant.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: 'asc' } })).map(
      toParticipant,
    );
  }
}

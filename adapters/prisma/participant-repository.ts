import { randomBytes } from 'node:crypto';
import type { ParticipantRepository } from '../../src/core/ports/store.ts';
import type { ParticipantRecord } from '../../src/core/records.ts';
import type { PlatformIdentity, Role } from '../../src/core/types.ts';
import { toParticipant } from './mappers.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import type { Column, RawSql } from './raw-sql.ts';
import { recordId } from './record-id.ts';
import { TtlCache } from './ttl-cache.ts';
import { isUniqueViolation } from './unique-violation.ts';

/** Draws a pseudonym: random, revealing nothing about the person. Replaceable so tests can force a collision. */
export type PseudonymSource = () => string;

/** A stable pseudonym that reveals nothing about the person: random, kept for life. */
export const randomPseudonym: PseudonymSource = () => `Participant ${randomBytes(3).toString('hex').toUpperCase()}`;

const identityKey = (who: { platform: string; platformUserId: string }) => `${who.platform}:${who.platformUserId}`;

/** Draws before giving up; with 16.7 million pseudonyms, needing even a third is vanishingly rare. */
const PSEUDONYM_DRAWS = 10;

/** Every column of a participant, in the order a new one is inserted. */
const COLUMNS: Column[] = [
  { name: 'id', type: 'text' },
  { name: 'platform', type: 'text' },
  { name: 'platformUserId', type: 'text' },
  { name: 'displayName', type: 'text' },
  { name: 'pseudonym', type: 'text' },
  { name: 'role', type: 'text' },
  { name: 'remindersOff', type: 'boolean' },
  { name: 'createdAt', type: 'timestamp' },
];
const columnList = COLUMNS.map((c) => `"${c.name}"`).join(', ');

type Row = Parameters<typeof toParticipant>[0];

export class PrismaParticipantRepository implements ParticipantRepository {
  constructor(
    private readonly db: AgoraPrismaClient,
    private readonly raw: RawSql,
    private readonly pseudonyms: PseudonymSource = randomPseudonym,
    // Every inbound event names its author; roles and opt-outs changed elsewhere are seen within 30 seconds.
    readonly byIdentity = new TtlCache<ParticipantRecord>(30_000),
  ) {}

  async upsert(identity: PlatformIdentity): Promise<ParticipantRecord> {
    const cacheKey = `${identity.platform}:${identity.platformUserId}`;
    const cached = this.byIdentity.get(cacheKey);
    if (cached && (!identity.displayName || cached.displayName === identity.displayName)) return cached;
    const where = { platform_platformUserId: { platform: identity.platform, platformUserId: identity.platformUserId } };
    const existing = await this.db.participant.findUnique({ where });
    if (existing) {
      if (identity.displayName && existing.displayName !== identity.displayName) {
        const renamed = await this.db.participant.update({ where, data: { displayName: identity.displayName } });
        return this.byIdentity.set(cacheKey, toParticipant(renamed));
      }
      return this.byIdentity.set(cacheKey, toParticipant(existing));
    }
    return this.byIdentity.set(cacheKey, toParticipant(await this.#create(identity)));
  }

  async upsertMany(identities: PlatformIdentity[]): Promise<ParticipantRecord[]> {
    const wanted = new Map<string, PlatformIdentity>();
    for (const identity of identities) {
      const cached = this.byIdentity.get(identityKey(identity));
      if (!cached || (identity.displayName && cached.displayName !== identity.displayName))
        wanted.set(identityKey(identity), identity);
    }
    if (wanted.size > 0) {
      const platforms = this.raw.list('text', [...new Set([...wanted.values()].map((i) => i.platform))]);
      const userIds = this.raw.list('text', [...new Set([...wanted.values()].map((i) => i.platformUserId))]);
      const rows = await this.raw.query<Row>(
        `SELECT * FROM {Participant} WHERE platform IN ${platforms.in} AND "platformUserId" IN ${userIds.in}`,
        [platforms.param, userIds.param],
      );
      for (const row of rows) {
        const identity = wanted.get(identityKey(row));
        if (!identity) continue;
        wanted.delete(identityKey(row));
        const renamed = identity.displayName && row.displayName !== identity.displayName;
        const current = renamed
          ? await this.db.participant.update({ where: { id: row.id }, data: { displayName: identity.displayName } })
          : row;
        this.byIdentity.set(identityKey(row), toParticipant(current));
      }
      if (wanted.size > 0) await this.#createMany([...wanted.values()]);
    }
    return Promise.all(identities.map((identity) => this.upsert(identity)));
  }

  /** Creates people not stored yet in one insert, each pseudonym drawn again until nobody has it. */
  async #createMany(identities: PlatformIdentity[]): Promise<void> {
    const drafts = identities.map((identity) => ({
      ...identity,
      displayName: identity.displayName || identity.platformUserId,
      pseudonym: this.pseudonyms(),
    }));
    for (let draw = 1; ; draw++) {
      const drawn = this.raw.list(
        'text',
        drafts.map((d) => d.pseudonym),
      );
      const taken = new Set(
        (
          await this.raw.query<{ pseudonym: string }>(
            `SELECT pseudonym FROM {Participant} WHERE pseudonym IN ${drawn.in}`,
            [drawn.param],
          )
        ).map((row) => row.pseudonym),
      );
      let clashes = 0;
      for (const draft of drafts) {
        if (taken.has(draft.pseudonym)) {
          draft.pseudonym = this.pseudonyms();
          clashes++;
        }
        taken.add(draft.pseudonym);
      }
      // Still clashing after every draw: the insert fails, and its batch is applied one person at a time.
      if (clashes === 0 || draw >= PSEUDONYM_DRAWS) break;
    }
    const createdAt = new Date();
    const rows = this.raw.rows(
      COLUMNS,
      drafts.map((d) => [
        recordId(),
        d.platform,
        d.platformUserId,
        d.displayName,
        d.pseudonym,
        'participant',
        false,
        createdAt,
      ]),
    );
    const created = await this.raw.query<Row>(`INSERT INTO {Participant} (${columnList}) ${rows.select} RETURNING *`, [
      rows.param,
    ]);
    for (const row of created) this.byIdentity.set(identityKey(row), toParticipant(row));
  }

  /**
   * Creates the person with a fresh pseudonym. Pseudonyms are unique: a drawn one that someone already has is drawn
   * again, so a collision never costs the person's reply. The same person created at once by two deliveries (the
   * other unique key) is read back instead.
   */
  async #create(identity: PlatformIdentity) {
    const where = { platform_platformUserId: { platform: identity.platform, platformUserId: identity.platformUserId } };
    const displayName = identity.displayName || identity.platformUserId;
    for (let draw = 1; ; draw++) {
      try {
        return await this.db.participant.upsert({
          where,
          create: { ...identity, displayName, pseudonym: this.pseudonyms() },
          update: {},
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await this.db.participant.findUnique({ where });
        if (existing) return existing;
        if (draw >= PSEUDONYM_DRAWS) throw error;
      }
    }
  }

  #forget(row: { platform: string; platformUserId: string }): void {
    this.byIdentity.delete(`${row.platform}:${row.platformUserId}`);
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
    this.#forget(await this.db.participant.update({ where: { id }, data: { role } }));
  }

  async setRemindersOff(id: string, off: boolean): Promise<void> {
    this.#forget(await this.db.participant.update({ where: { id }, data: { remindersOff: off } }));
  }

  async listByIds(ids: string[]): Promise<ParticipantRecord[]> {
    if (ids.length === 0) return [];
    return (await this.db.participant.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: 'asc' } })).map(
      toParticipant,
    );
  }

  async lastReminded(questionId: string): Promise<Map<string, Date>> {
    const rows = await this.db.reminderSent.findMany({ where: { questionId } });
    return new Map(rows.map((row) => [row.participantId, row.sentAt]));
  }

  async recordReminded(questionId: string, participantIds: string[], at: Date): Promise<void> {
    if (participantIds.length === 0) return;
    await this.db.$transaction(
      participantIds.map((participantId) =>
        this.db.reminderSent.upsert({
          where: { questionId_participantId: { questionId, participantId } },
          create: { questionId, participantId, sentAt: at },
          update: { sentAt: at },
        }),
      ),
    );
  }
}

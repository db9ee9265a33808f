import type {
  RosterEntry,
  RosterImportResult,
  RosterMemberRecord,
  RosterRepository,
} from '../../src/core/ports/store.ts';
import type * as Prisma from './generated/sqlite/client.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';

type Row = Prisma.Prisma.TypeMap['model']['RosterMember']['payload']['scalars'];

function toMember(row: Row): RosterMemberRecord {
  return {
    id: row.id,
    programmeId: row.programmeId,
    memberKey: row.memberKey,
    displayName: row.displayName,
    email: row.email,
    platformIds: row.platformIds as string[],
    attributes: row.attributes as Record<string, string>,
    history: row.history as unknown as RosterMemberRecord['history'],
    importedAt: row.importedAt,
    updatedAt: row.updatedAt,
    removedAt: row.removedAt,
  };
}

/** The entry's fields in a fixed order, to tell a changed member from an unchanged one. */
function fingerprint(entry: RosterEntry): string {
  const attributes = Object.keys(entry.attributes)
    .sort()
    .map((k) => [k, entry.attributes[k]]);
  return JSON.stringify([entry.displayName, entry.email, [...entry.platformIds].sort(), attributes]);
}

function version(member: RosterMemberRecord, at: Date) {
  return {
    memberKey: member.memberKey,
    displayName: member.displayName,
    email: member.email,
    platformIds: member.platformIds,
    attributes: member.attributes,
    removedAt: member.removedAt?.toISOString() ?? null,
    replacedAt: at.toISOString(),
  };
}

/** History versions as Prisma's JSON input (plain objects without an index signature). */
const json = (value: unknown) => value as Prisma.Prisma.InputJsonValue;

export class PrismaRosterRepository implements RosterRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  import(programmeId: string, entries: RosterEntry[], at: Date): Promise<RosterImportResult> {
    return this.db.$transaction(async (tx) => {
      const existing = new Map(
        (await tx.rosterMember.findMany({ where: { programmeId } })).map((r) => [r.memberKey, toMember(r)]),
      );
      const result: RosterImportResult = { added: 0, updated: 0, unchanged: 0, removed: 0, restored: 0 };
      const listed = new Set<string>();
      const fresh = [];
      for (const entry of entries) {
        listed.add(entry.memberKey);
        const fields = {
          displayName: entry.displayName,
          email: entry.email,
          platformIds: entry.platformIds,
          attributes: entry.attributes,
        };
        const before = existing.get(entry.memberKey);
        if (!before) {
          fresh.push({
            programmeId,
            memberKey: entry.memberKey,
            ...fields,
            history: [],
            importedAt: at,
            updatedAt: at,
          });
          result.added += 1;
          continue;
        }
        const changed = fingerprint(before) !== fingerprint(entry);
        if (!changed && before.removedAt === null) {
          result.unchanged += 1;
          continue;
        }
        if (before.removedAt !== null) result.restored += 1;
        else result.updated += 1;
        await tx.rosterMember.update({
          where: { id: before.id },
          data: {
            ...fields,
            history: json([...before.history, version(before, at)]),
            importedAt: at,
            updatedAt: at,
            removedAt: null,
          },
        });
      }
      if (fresh.length) await tx.rosterMember.createMany({ data: fresh });
      for (const member of existing.values()) {
        if (listed.has(member.memberKey) || member.removedAt !== null) continue;
        await tx.rosterMember.update({
          where: { id: member.id },
          data: { history: json([...member.history, version(member, at)]), removedAt: at, updatedAt: at },
        });
        result.removed += 1;
      }
      return result;
    });
  }

  async list(programmeId: string, options: { includeRemoved?: boolean } = {}): Promise<RosterMemberRecord[]> {
    const rows = await this.db.rosterMember.findMany({
      where: { programmeId, ...(options.includeRemoved ? {} : { removedAt: null }) },
      orderBy: { memberKey: 'asc' },
    });
    return rows.map(toMember);
  }

  async forget(links: string[]): Promise<number> {
    if (!links.length) return 0;
    const wanted = new Set(links);
    // Platform ids are JSON lists, which the two databases query differently: they are matched here, in the
    // current version and every earlier one.
    const rows = await this.db.rosterMember.findMany({
      select: { id: true, platformIds: true, email: true, history: true },
    });
    const linked = (v: { platformIds: unknown; email: string | null }) =>
      (v.platformIds as string[]).some((p) => wanted.has(p)) || (v.email !== null && wanted.has(`email:${v.email}`));
    const ids = rows
      .filter((r) => linked(r) || (r.history as unknown as RosterMemberRecord['history']).some(linked))
      .map((r) => r.id);
    if (!ids.length) return 0;
    const removed = await this.db.rosterMember.deleteMany({ where: { id: { in: ids } } });
    return removed.count;
  }
}

import type { ChannelRepository, PostingRepository } from '../../src/core/ports/store.ts';
import type { ChannelTargetRecord, PostingRecord } from '../../src/core/records.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import { TtlCache } from './ttl-cache.ts';

type TargetRow = Omit<ChannelTargetRecord, 'platform'> & { platform: string };
const toTarget = (row: TargetRow): ChannelTargetRecord => ({
  ...row,
  platform: row.platform as ChannelTargetRecord['platform'],
});

export class PrismaChannelRepository implements ChannelRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  async targets(programmeId: string): Promise<ChannelTargetRecord[]> {
    return (await this.db.channelTarget.findMany({ where: { programmeId }, orderBy: { id: 'asc' } })).map(toTarget);
  }

  async targetById(id: string): Promise<ChannelTargetRecord | null> {
    const row = await this.db.channelTarget.findUnique({ where: { id } });
    return row ? toTarget(row) : null;
  }
}

export class PrismaPostingRepository implements PostingRepository {
  constructor(
    private readonly db: AgoraPrismaClient,
    // Postings never move once made, so a found one can be kept; misses are not cached.
    readonly byRef = new TtlCache<PostingRecord>(10 * 60_000),
  ) {}

  create(posting: Omit<PostingRecord, 'id'>): Promise<PostingRecord> {
    return this.db.posting.create({ data: posting });
  }

  find(questionId: string, channelTargetId: string): Promise<PostingRecord | null> {
    return this.db.posting.findUnique({ where: { questionId_channelTargetId: { questionId, channelTargetId } } });
  }

  async findByMessageOrThread(ref: string): Promise<PostingRecord | null> {
    const cached = this.byRef.get(ref);
    if (cached) return cached;
    const row = await this.db.posting.findFirst({ where: { OR: [{ threadRef: ref }, { messageRef: ref }] } });
    return row ? this.byRef.set(ref, row) : null;
  }

  listByQuestion(questionId: string): Promise<PostingRecord[]> {
    return this.db.posting.findMany({ where: { questionId }, orderBy: { postedAt: 'asc' } });
  }

  async setThread(id: string, threadRef: string): Promise<void> {
    const row = await this.db.posting.update({ where: { id }, data: { threadRef } });
    this.byRef.delete(row.messageRef);
  }
}

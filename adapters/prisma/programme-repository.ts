import type { ProgrammeChanges, ProgrammeRepository, ResolvedTarget } from '../../src/core/ports/store.ts';
import type { ProgrammeDefinition, QuestionDefinition } from '../../src/core/programme/definition.ts';
import type { ProgrammeRecord, SectionRecord } from '../../src/core/records.ts';
import { toProgramme } from './mappers.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';

type Tx = Parameters<Parameters<AgoraPrismaClient['$transaction']>[0]>[0];

function questionData(q: QuestionDefinition, sectionId: string) {
  return {
    sectionId,
    position: q.position,
    kind: q.kind,
    prompt: q.prompt,
    intro: q.intro,
    anonymity: q.anonymity,
    resultsVisibility: q.resultsVisibility,
    minChoices: q.minChoices,
    maxChoices: q.maxChoices,
    channels: q.channels,
    opensAt: q.opensAt,
    closesAt: q.closesAt,
    reminders: q.reminders.map((r) => r.toISOString()),
    config: q.config as object,
  };
}

async function saveOptions(tx: Tx, questionId: string, q: QuestionDefinition): Promise<void> {
  for (const [position, option] of q.options.entries()) {
    await tx.pollOption.upsert({
      where: { questionId_key: { questionId, key: option.key } },
      create: { questionId, key: option.key, label: option.label, position },
      update: { label: option.label, position },
    });
  }
  // Options dropped from the file go only when nobody chose them and nobody added them in chat.
  const keep = q.options.map((o) => o.key);
  await tx.pollOption.deleteMany({ where: { questionId, key: { notIn: keep }, authorId: null } });
}

export class PrismaProgrammeRepository implements ProgrammeRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  async save(
    definition: ProgrammeDefinition,
    sourceHash: string,
    targets: ResolvedTarget[],
  ): Promise<ProgrammeChanges> {
    return this.db.$transaction(async (tx) => {
      const existing = await tx.programme.findUnique({ where: { slug: definition.slug } });
      const changes: ProgrammeChanges = {
        programme: 'created',
        questionsAdded: [],
        questionsUpdated: [],
        questionsArchived: [],
      };
      const fields = {
        title: definition.title,
        intro: definition.intro,
        timezone: definition.timezone,
        digestCron: definition.digestCron,
        retentionDays: definition.retentionDays,
        organiserChannel: definition.organisersChannel,
        settings: { ...definition.settings, organisation: definition.organisation, channels: definition.channels },
        sourceHash,
      };
      if (existing?.sourceHash === sourceHash) changes.programme = 'unchanged';
      else if (existing) changes.programme = 'updated';
      const programme = existing
        ? await tx.programme.update({ where: { id: existing.id }, data: fields })
        : await tx.programme.create({ data: { slug: definition.slug, ...fields } });

      const sectionIds = new Map<string, string>();
      for (const section of definition.sections) {
        const row = await tx.section.upsert({
          where: { programmeId_key: { programmeId: programme.id, key: section.key } },
          create: {
            programmeId: programme.id,
            key: section.key,
            title: section.title,
            intro: section.intro,
            position: section.position,
          },
          update: { title: section.title, intro: section.intro, position: section.position },
        });
        sectionIds.set(section.key, row.id);
      }
      const current = new Map(
        (await tx.question.findMany({ where: { programmeId: programme.id } })).map((q) => [q.key, q]),
      );
      for (const q of definition.questions) {
        const data = questionData(q, sectionIds.get(q.sectionKey) as string);
        const before = current.get(q.key);
        if (!before) {
          const created = await tx.question.create({ data: { programmeId: programme.id, key: q.key, ...data } });
          await saveOptions(tx, created.id, q);
          changes.questionsAdded.push(q.key);
          continue;
        }
        const revived = before.status === 'archived' ? { status: 'scheduled', archivedAt: null } : {};
        await tx.question.update({ where: { id: before.id }, data: { ...data, ...revived } });
        await saveOptions(tx, before.id, q);
        if (changes.programme === 'updated') changes.questionsUpdated.push(q.key);
      }
      const kept = new Set(definition.questions.map((q) => q.key));
      for (const [key, row] of current) {
        if (kept.has(key) || row.status === 'archived') continue;
        await tx.question.update({ where: { id: row.id }, data: { status: 'archived', archivedAt: new Date() } });
        changes.questionsArchived.push(key);
      }
      for (const target of targets) {
        await tx.channelTarget.upsert({
          where: {
            programmeId_platform_workspaceId_channelId: {
              programmeId: programme.id,
              platform: target.platform,
              workspaceId: target.workspaceId,
              channelId: target.channelId,
            },
          },
          create: { programmeId: programme.id, ...target },
          update: { placeholder: target.placeholder },
        });
      }
      return changes;
    });
  }

  async findBySlug(slug: string): Promise<ProgrammeRecord | null> {
    const row = await this.db.programme.findUnique({ where: { slug } });
    return row ? toProgramme(row) : null;
  }

  async findById(id: string): Promise<ProgrammeRecord | null> {
    const row = await this.db.programme.findUnique({ where: { id } });
    return row ? toProgramme(row) : null;
  }

  async list(): Promise<ProgrammeRecord[]> {
    return (await this.db.programme.findMany({ orderBy: { slug: 'asc' } })).map(toProgramme);
  }

  async sections(programmeId: string): Promise<SectionRecord[]> {
    return this.db.section.findMany({ where: { programmeId }, orderBy: { position: 'asc' } });
  }
}

import type { QuestionConfig } from '../../src/core/programme/definition.ts';
import type {
  JobRecord,
  ParticipantRecord,
  PollOptionRecord,
  ProgrammeRecord,
  QuestionRecord,
  ResponseRecord,
  VoteRecord,
} from '../../src/core/records.ts';
import type { Attachment } from '../../src/core/types.ts';
import type * as Prisma from './generated/sqlite/client.ts';

/** Rows as Prisma returns them -> records as the core knows them. JSON columns are typed here, once. */

type Row<T extends keyof Prisma.Prisma.TypeMap['model']> = Prisma.Prisma.TypeMap['model'][T]['payload']['scalars'];

export function toProgramme(row: Row<'Programme'>): ProgrammeRecord {
  return { ...row, settings: row.settings as unknown as ProgrammeRecord['settings'] };
}

export function toQuestion(row: Row<'Question'>): QuestionRecord {
  return {
    ...row,
    kind: row.kind as QuestionRecord['kind'],
    anonymity: row.anonymity as QuestionRecord['anonymity'],
    resultsVisibility: row.resultsVisibility as QuestionRecord['resultsVisibility'],
    status: row.status as QuestionRecord['status'],
    channels: row.channels as string[],
    reminders: (row.reminders as string[]).map((r) => new Date(r)),
    config: row.config as QuestionConfig,
  };
}

export function toOption(row: Row<'PollOption'>): PollOptionRecord {
  return { ...row, status: row.status as PollOptionRecord['status'] };
}

export function toParticipant(row: Row<'Participant'>): ParticipantRecord {
  return {
    ...row,
    platform: row.platform as ParticipantRecord['platform'],
    role: row.role as ParticipantRecord['role'],
  };
}

export function toResponse(row: Row<'Response'>): ResponseRecord {
  return { ...row, attachments: row.attachments as unknown as Attachment[] };
}

export function toVote(row: Row<'Vote'>): VoteRecord {
  return { ...row, choice: row.choice as string[] };
}

export function toJob(row: Row<'Job'>): JobRecord {
  return { ...row, status: row.status as JobRecord['status'], payload: row.payload as Record<string, unknown> };
}

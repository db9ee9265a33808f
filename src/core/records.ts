import type { ProgrammeSettings, QuestionConfig } from './programme/definition.ts';
import type {
  Anonymity,
  Attachment,
  Platform,
  QuestionKind,
  QuestionStatus,
  ResultsVisibility,
  Role,
} from './types.ts';

/** What the store holds, as the core sees it. */

export interface ProgrammeRecord {
  id: string;
  slug: string;
  title: string;
  intro: string;
  timezone: string;
  digestCron: string;
  retentionDays: number | null;
  organiserChannel: string | null;
  settings: ProgrammeSettings & { organisation?: string; channels?: { placeholder: string; description: string }[] };
  sourceHash: string;
}

export interface SectionRecord {
  id: string;
  programmeId: string;
  key: string;
  title: string;
  intro: string;
  position: number;
}

export interface QuestionRecord {
  id: string;
  programmeId: string;
  sectionId: string | null;
  key: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  intro: string;
  anonymity: Anonymity;
  resultsVisibility: ResultsVisibility;
  minChoices: number;
  maxChoices: number;
  channels: string[];
  opensAt: Date | null;
  closesAt: Date | null;
  reminders: Date[];
  config: QuestionConfig;
  status: QuestionStatus;
  openedAt: Date | null;
  closedAt: Date | null;
  archivedAt: Date | null;
}

export type StatementStatus = 'approved' | 'pending' | 'rejected';

export interface PollOptionRecord {
  id: string;
  questionId: string;
  key: string;
  label: string;
  position: number;
  authorId: string | null;
  status: StatementStatus;
  createdAt: Date;
  /** The reply a statement was proposed from, while that reply is kept. */
  sourceId: string | null;
}

export interface ChannelTargetRecord {
  id: string;
  programmeId: string;
  placeholder: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export interface PostingRecord {
  id: string;
  questionId: string;
  channelTargetId: string;
  messageRef: string;
  threadRef: string | null;
  postedAt: Date;
}

export interface ParticipantRecord {
  id: string;
  platform: Platform;
  platformUserId: string;
  displayName: string;
  pseudonym: string;
  role: Role;
  remindersOff: boolean;
  createdAt: Date;
}

export interface ResponseRecord {
  id: string;
  questionId: string;
  postingId: string | null;
  participantId: string;
  body: string;
  private: boolean;
  messageRef: string | null;
  replyToId: string | null;
  attachments: Attachment[];
  idempotencyKey: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface ResponseRevisionRecord {
  id: string;
  responseId: string;
  body: string;
  recordedAt: Date;
}

/**
 * A participant's current choice. Choice poll: option keys in order (ranked: best first).
 * Likert: `{ subject: item option id, choice: [scale index as string] }`. Statement: `['agree'|'disagree'|'pass']`.
 */
export interface VoteRecord {
  id: string;
  questionId: string;
  participantId: string;
  subject: string;
  choice: string[];
  castAt: Date;
  retractedAt: Date | null;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'dead' | 'skipped';

export interface JobRecord {
  id: string;
  key: string;
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  leaseUntil: Date | null;
  leasedBy: string | null;
  note: string | null;
  updatedAt: Date;
}

export interface AuditEventRecord {
  id: string;
  programmeId: string | null;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  at: Date;
}

import type { ProgrammeDefinition } from '../programme/definition.ts';
import type {
  AuditEventRecord,
  ChannelTargetRecord,
  JobRecord,
  ParticipantRecord,
  PollOptionRecord,
  PostingRecord,
  ProgrammeRecord,
  QuestionRecord,
  ResponseRecord,
  ResponseRevisionRecord,
  SectionRecord,
  StatementStatus,
  VoteRecord,
} from '../records.ts';
import type { Attachment, ChannelAddress, Platform, PlatformIdentity, QuestionStatus, Role } from '../types.ts';
import type { InboxRepository } from './inbox.ts';
import type { DigestRepository, ReportingRepository } from './reporting.ts';

/** Repository ports: what the core needs from a durable store. One Prisma implementation serves SQLite and PostgreSQL. */

export interface ProgrammeChanges {
  programme: 'created' | 'updated' | 'unchanged';
  questionsAdded: string[];
  questionsUpdated: string[];
  questionsArchived: string[];
}

export interface ProgrammeRepository {
  /** Upserts by slug inside one transaction. Questions missing from the definition are archived, never deleted. */
  save(definition: ProgrammeDefinition, sourceHash: string, targets: ResolvedTarget[]): Promise<ProgrammeChanges>;
  findBySlug(slug: string): Promise<ProgrammeRecord | null>;
  findById(id: string): Promise<ProgrammeRecord | null>;
  list(): Promise<ProgrammeRecord[]>;
  sections(programmeId: string): Promise<SectionRecord[]>;
}

export interface ResolvedTarget extends ChannelAddress {
  placeholder: string;
}

/** A statement someone wrote on an agree/disagree question, stamped by the core's clock. */
export interface NewStatement {
  questionId: string;
  label: string;
  authorId: string;
  status: StatementStatus;
  /** The response the statement was proposed from, if any. */
  sourceId?: string | null;
  createdAt: Date;
}

export interface QuestionRepository {
  findById(id: string): Promise<QuestionRecord | null>;
  findByKey(programmeId: string, key: string): Promise<QuestionRecord | null>;
  listByProgramme(programmeId: string, options?: { includeArchived?: boolean }): Promise<QuestionRecord[]>;
  listByStatus(status: QuestionStatus): Promise<QuestionRecord[]>;
  countResponses(questionId: string): Promise<number>;
  setStatus(id: string, status: QuestionStatus, at: Date): Promise<QuestionRecord>;
  /** Approved options; with `includePending`, statements awaiting approval too; with `includeRejected`, every one. */
  options(
    questionId: string,
    options?: { includePending?: boolean; includeRejected?: boolean },
  ): Promise<PollOptionRecord[]>;
  addStatement(statement: NewStatement): Promise<PollOptionRecord>;
  setStatementStatus(optionId: string, status: StatementStatus): Promise<PollOptionRecord>;
  /** Keeps where a statement was posted for review (a ref the platform returned), once per card. */
  addReviewCard(statementId: string, messageRef: string): Promise<void>;
  /** Every review card of the statement, in the order they were posted. */
  reviewCards(statementId: string): Promise<string[]>;
}

export interface ChannelRepository {
  targets(programmeId: string): Promise<ChannelTargetRecord[]>;
  targetById(id: string): Promise<ChannelTargetRecord | null>;
}

export interface PostingRepository {
  create(posting: Omit<PostingRecord, 'id' | 'postedAt'> & { postedAt: Date }): Promise<PostingRecord>;
  find(questionId: string, channelTargetId: string): Promise<PostingRecord | null>;
  findByMessageOrThread(ref: string): Promise<PostingRecord | null>;
  listByQuestion(questionId: string): Promise<PostingRecord[]>;
  setThread(id: string, threadRef: string): Promise<void>;
}

export interface ParticipantRepository {
  /** Finds or creates the participant; keeps the display name current. */
  upsert(identity: PlatformIdentity): Promise<ParticipantRecord>;
  /** The same for many people at once (a batch's authors), in a few round trips; in the order given. */
  upsertMany(identities: PlatformIdentity[]): Promise<ParticipantRecord[]>;
  find(platform: string, platformUserId: string): Promise<ParticipantRecord | null>;
  findById(id: string): Promise<ParticipantRecord | null>;
  setRole(id: string, role: Role): Promise<void>;
  setRemindersOff(id: string, off: boolean): Promise<void>;
  listByIds(ids: string[]): Promise<ParticipantRecord[]>;
  /** When each person was last reminded about the question, by participant id. */
  lastReminded(questionId: string): Promise<Map<string, Date>>;
  recordReminded(questionId: string, participantIds: string[], at: Date): Promise<void>;
}

export interface NewResponse {
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
}

/** A person's part in a question: whether they have answered it. */
export interface Respondent {
  questionId: string;
  participantId: string;
}

export interface ResponseRepository {
  /** Inserts unless a response with the same idempotency key exists; returns the stored one and whether it is new. */
  record(response: NewResponse): Promise<{ response: ResponseRecord; created: boolean }>;
  findByMessageRef(messageRef: string): Promise<ResponseRecord | null>;
  findById(id: string): Promise<ResponseRecord | null>;
  /** Adds a revision and updates the body, once per idempotency key. */
  revise(responseId: string, body: string, idempotencyKey: string, at: Date): Promise<boolean>;
  markDeleted(responseId: string, at: Date): Promise<boolean>;
  revisions(responseId: string): Promise<ResponseRevisionRecord[]>;
  listByQuestion(questionId: string, options?: { includeDeleted?: boolean }): Promise<ResponseRecord[]>;
  listByParticipant(participantId: string): Promise<ResponseRecord[]>;
  respondentIds(questionId: string): Promise<string[]>;
  hasResponded(questionId: string, participantId: string): Promise<boolean>;
  /** Which of these people have a live response to the question named with them, in one round trip. */
  respondedAmong(pairs: Respondent[]): Promise<Respondent[]>;
  /** The newest stored message reference per posting, for catching up after downtime. */
  latestMessageRef(postingId: string): Promise<string | null>;
}

export interface VoteRepository {
  /** Sets the participant's live vote (null choice retracts it) and keeps the change, once per idempotency key. */
  set(input: {
    questionId: string;
    participantId: string;
    subject: string;
    choice: string[] | null;
    idempotencyKey: string;
    at: Date;
  }): Promise<{ vote: VoteRecord; changed: boolean }>;
  find(questionId: string, participantId: string, subject: string): Promise<VoteRecord | null>;
  listByQuestion(questionId: string): Promise<VoteRecord[]>;
  listByParticipant(participantId: string): Promise<VoteRecord[]>;
  voterIds(questionId: string): Promise<string[]>;
}

export interface AuditRepository {
  record(event: Omit<AuditEventRecord, 'id' | 'at'> & { at?: Date }): Promise<void>;
  list(programmeId: string | null, limit?: number): Promise<AuditEventRecord[]>;
}

export interface JobRepository {
  /** Creates or reschedules a pending job; a job that already ran keeps its outcome. */
  schedule(job: { key: string; kind: string; payload: Record<string, unknown>; runAt: Date }): Promise<JobRecord>;
  /** Atomically leases up to `limit` due jobs for `worker`: no two workers get the same job. */
  claimDue(worker: string, now: Date, leaseMs: number, limit: number): Promise<JobRecord[]>;
  complete(id: string, worker: string, status: 'done' | 'skipped', note?: string): Promise<void>;
  fail(id: string, worker: string, error: string, retryAt: Date | null): Promise<void>;
  /**
   * Puts a leased job back to pending at `runAt` without counting a failure: a job that must wait (quiet hours),
   * or a recurring one (`resetAttempts`, which also clears the last error) that has done this run's work.
   */
  release(id: string, worker: string, runAt: Date, note: string, options?: { resetAttempts?: boolean }): Promise<void>;
  list(filter?: { status?: string; prefix?: string }): Promise<JobRecord[]>;
  cancelPending(prefix: string, keep: string[]): Promise<number>;
}

export interface ProcessedEventRepository {
  /** True the first time a platform event id is seen; false for every redelivery. */
  firstSighting(key: string): Promise<boolean>;
  /** Forgets ids first seen before `before` (older than any platform's redelivery window); how many. */
  purgeBefore(before: Date): Promise<number>;
}

/**
 * A platform's credentials for one installation (a Slack workspace or Enterprise Grid org installed through OAuth),
 * kept as the platform's own JSON. `key` names the installation within the platform, e.g. `T0123` or `E0456`.
 */
export interface InstallationRepository {
  /** Creates or replaces the installation's data. */
  save(platform: Platform, key: string, data: Record<string, unknown>): Promise<void>;
  find(platform: Platform, key: string): Promise<Record<string, unknown> | null>;
  /** Forgets an installation (an uninstall, revoked tokens); false when there was none. */
  remove(platform: Platform, key: string): Promise<boolean>;
  /** The keys of every installation of a platform, oldest first. */
  keys(platform: Platform): Promise<string[]>;
}

/** What was erased, and what an erasure or purge leaves for the core to clean in derived records (digests). */
export interface RemovedResponses {
  responses: number;
  /** Ids of the removed responses and every text they had (revisions included), to find quotes of them. */
  responseIds: string[];
  texts: string[];
  /** Programmes whose stored digests may quote them. */
  programmeIds: string[];
}

export interface ErasedParticipant extends RemovedResponses {
  votes: number;
  /** Statements the person wrote that nobody else voted on: removed. */
  statementsRemoved: number;
  /** Statements the person wrote that others voted on: kept, with no author. */
  statementsUnattributed: number;
}

export interface RetentionPurge extends RemovedResponses {
  votes: number;
  statementsUnattributed: number;
  /** Audit entries older than the period whose actor and details were removed (action and time stay). */
  auditEntries: number;
  /** Participants with nothing left anywhere, removed with their names and pseudonyms. */
  participants: number;
}

/** Removing people's data for good: erasure on request, and the retention period's purge. */
export interface ErasureRepository {
  /**
   * In one transaction: the participant's responses with their revisions, votes with their history, statements
   * nobody else voted on (the others stay, unattributed), stored summaries of every question they took part in
   * (recomputed when next needed), their audit entries' actor and details (matched by `auditActors`), and the
   * participant itself (platform id, name, pseudonym). Null when there is no such participant.
   */
  eraseParticipant(participantId: string, auditActors: string[]): Promise<ErasedParticipant | null>;
  /**
   * In one transaction, for one programme: responses (with revisions) and votes (with history) from before
   * `before`, authorship of statements added before it, actor and details of audit entries before it, stored
   * summaries and digests made before it; then, anywhere, participants with nothing left (kept, nameless, when
   * they turned reminders off, so that the choice holds).
   */
  purgeBefore(programmeId: string, before: Date): Promise<RetentionPurge>;
}

export interface StoredSummary {
  id: string;
  questionId: string;
  method: string;
  /** A hash of everything the summary was computed from: the same hash, the same summary. */
  inputHash: string;
  content: unknown;
  createdAt: Date;
}

/** Computed summaries of questions (opinion groups, themes), kept so they are recomputed only when inputs change. */
export interface SummaryRepository {
  save(summary: Omit<StoredSummary, 'id'>): Promise<StoredSummary>;
  /** The newest summary of the question by this method, or the newest made before `before`. */
  latest(questionId: string, method: string, options?: { before?: Date }): Promise<StoredSummary | null>;
}

/** Readers who asked to stop receiving a programme's digest by e-mail; addresses are kept lower-cased. */
export interface EmailOptOutRepository {
  /** True when the address was not opted out before. */
  add(programmeId: string, email: string, at: Date): Promise<boolean>;
  has(programmeId: string, email: string): Promise<boolean>;
  list(programmeId: string): Promise<string[]>;
}

/** One member as a roster file gives them. `platformIds` are links such as `slack:U0123`, `discord:42`, `web:ana`. */
export interface RosterEntry {
  memberKey: string;
  displayName: string;
  email: string | null;
  platformIds: string[];
  attributes: Record<string, string>;
}

/** A member as stored: the current version, when it changed, and every earlier version. */
export interface RosterMemberRecord extends RosterEntry {
  id: string;
  programmeId: string;
  importedAt: Date;
  updatedAt: Date;
  /** Set when a later import no longer listed the member; cleared when one lists them again. */
  removedAt: Date | null;
  /** Earlier versions, oldest first, each with the time it was replaced. */
  history: (RosterEntry & { removedAt: string | null; replacedAt: string })[];
}

export interface RosterImportResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Members no longer listed, kept as removed. */
  removed: number;
  /** Members listed again after being removed. */
  restored: number;
}

/** A programme's membership roster. */
export interface RosterRepository {
  /**
   * In one transaction: adds new members, updates changed ones in place (keeping the old version in their
   * history), marks members missing from `entries` as removed at `at`. Nothing is ever deleted.
   */
  import(programmeId: string, entries: RosterEntry[], at: Date): Promise<RosterImportResult>;
  /** Current members by member key; removed ones too when asked. */
  list(programmeId: string, options?: { includeRemoved?: boolean }): Promise<RosterMemberRecord[]>;
  /**
   * Deletes, in every programme, the entries (with their history) linked now or before to any of `links`:
   * platform ids such as `slack:U0123`, or `email:address` (erasure). How many went.
   */
  forget(links: string[]): Promise<number>;
}

export interface Store {
  programmes: ProgrammeRepository;
  questions: QuestionRepository;
  channels: ChannelRepository;
  postings: PostingRepository;
  participants: ParticipantRepository;
  responses: ResponseRepository;
  votes: VoteRepository;
  audit: AuditRepository;
  jobs: JobRepository;
  processedEvents: ProcessedEventRepository;
  /** Every inbound event, kept before the platform is answered, applied from there. */
  inbox: InboxRepository;
  installations: InstallationRepository;
  /** Streamed and aggregated reads for digests and exports. */
  reporting: ReportingRepository;
  digests: DigestRepository;
  summaries: SummaryRepository;
  erasure: ErasureRepository;
  emailOptOuts: EmailOptOutRepository;
  roster: RosterRepository;
  /**
   * Runs `work` against a view of the store bound to one transaction: its writes commit together when `work`
   * resolves, or none of them when it throws. The view remembers what it read and sees its own writes, so what a
   * batch reads again (a posting, a person, whether they answered before) costs no further round trip; bulk reads
   * such as `respondedAmong` made through it are remembered the same way.
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /** Cheap round trip for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

import type { DigestHeard, DigestPositions } from '../digest/model.ts';
import type {
  AuditEventRecord,
  JobRecord,
  ParticipantRecord,
  ProgrammeRecord,
  QuestionRecord,
  ResponseRecord,
} from '../records.ts';
import { heardAgainstRoster, programmeContributors } from '../roster/roster-participation.ts';
import type { SummaryDeps } from '../summaries/summarise-question.ts';
import { currentPositions } from '../summaries/summary-positions.ts';
import { closeQuestion } from './close-question.ts';
import type { CoreDeps } from './deps.ts';
import { knownParticipants } from './non-respondents.ts';
import { type OpenOutcome, openQuestion } from './open-question.ts';
import { type QuestionStats, questionStats } from './question-stats.ts';
import { type ReminderOutcome, type ReminderPolicy, sendReminders } from './send-reminders.ts';

/** What an organiser's action on the dashboard leaves in the audit log. */
export type OrganiserActionEntry = Omit<AuditEventRecord, 'id' | 'at'>;

/**
 * What the organisers' dashboard reads and does, as named core queries and use cases: its reports (live counts,
 * answers, jobs, positions, the audit log) and its actions (open, close, remind), never the store itself.
 */
export interface OrganiserDesk {
  programmeBySlug(slug: string): Promise<ProgrammeRecord | null>;
  questionByKey(programmeId: string, key: string): Promise<QuestionRecord | null>;
  /** With `known` (from `knownParticipants`) a page of many questions asks once for the programme's people. */
  questionStats(programme: ProgrammeRecord, question: QuestionRecord, known?: Set<string>): Promise<QuestionStats>;
  knownParticipants(programmeId: string): Promise<Set<string>>;
  /** A question's live answers (thread replies and private answers), oldest first, with their authors. */
  answersTo(
    question: QuestionRecord,
  ): Promise<{ responses: ResponseRecord[]; authors: Map<string, ParticipantRecord> }>;
  /** Scheduled work (posting, closing, reminders, digests, e-mails), optionally only the keys with this prefix. */
  jobs(filter?: { prefix?: string }): Promise<JobRecord[]>;
  auditLog(programmeId: string | null, limit: number): Promise<AuditEventRecord[]>;
  /** Where people stand on a question now, as organisers may see it (the digest's positions). */
  positions(question: QuestionRecord): Promise<DigestPositions>;
  /** Who has been heard so far against the programme's roster, as the digest shows it; null without a roster. */
  heard(programmeId: string): Promise<DigestHeard | null>;
  openQuestion(questionId: string): Promise<OpenOutcome>;
  closeQuestion(questionId: string): Promise<{ updated: number; failed: number }>;
  sendReminders(
    questionId: string,
    policy: ReminderPolicy | null,
    options?: { anyway?: boolean; underHeard?: boolean },
  ): Promise<ReminderOutcome>;
  recordAction(entry: OrganiserActionEntry): Promise<void>;
}

export function organiserDesk(deps: CoreDeps & SummaryDeps): OrganiserDesk {
  const { store } = deps;
  return {
    programmeBySlug: (slug) => store.programmes.findBySlug(slug),
    questionByKey: (programmeId, key) => store.questions.findByKey(programmeId, key),
    questionStats: (programme, question, known) => questionStats(store, programme, question, known),
    knownParticipants: (programmeId) => knownParticipants(store, programmeId),
    answersTo: async (question) => {
      const responses = (await store.responses.listByQuestion(question.id)).filter((r) => r.deletedAt === null);
      const authors =
        question.anonymity === 'anonymous'
          ? new Map<string, ParticipantRecord>()
          : new Map(
              (await store.participants.listByIds([...new Set(responses.map((r) => r.participantId))])).map((p) => [
                p.id,
                p,
              ]),
            );
      return { responses, authors };
    },
    jobs: (filter) => store.jobs.list(filter),
    auditLog: (programmeId, limit) => store.audit.list(programmeId, limit),
    positions: (question) => currentPositions(deps, question, 'organisers'),
    heard: async (programmeId) => {
      const roster = await store.roster.list(programmeId);
      if (roster.length === 0) return null;
      return heardAgainstRoster(roster, await programmeContributors(store.reporting, programmeId, deps.clock.now()));
    },
    openQuestion: (questionId) => openQuestion(deps, questionId),
    closeQuestion: (questionId) => closeQuestion(deps, questionId),
    sendReminders: (questionId, policy, options) => sendReminders(deps, questionId, policy, options),
    recordAction: (entry) => store.audit.record(entry),
  };
}

import { AgoraError } from '../errors.ts';
import type { Store } from '../ports/store.ts';
import type { ChannelTargetRecord, ParticipantRecord, QuestionRecord } from '../records.ts';
import { channelKey } from '../types.ts';
import type { ResponseRow, VoteRowValues } from './export-schema.ts';
import { type MessageLinks, NO_LINKS } from './message-links.ts';
import type { DigestModel, DigestOutline } from './model.ts';
import { authorLabel, quoteLink, reportedInstant, weekStartOf } from './quotes.ts';

/**
 * The rows behind a digest, for the raw exports (CSV, XLSX, Pol.is), streamed in batches from the store as it
 * stood at the end of the digest's week. Anonymity is applied here, once, for every format: anonymous questions'
 * rows carry no name, platform, channel, link or store id, times are cut to the week, and votes get a number that
 * means something within that question only ("Anonymous 7").
 */

export type { ResponseRow } from './export-schema.ts';

export interface VoteRow extends VoteRowValues {
  /** Opaque, and meaningful within this export and question only. */
  participantKey: string;
  /** The exact instant, for ordering and Pol.is timestamps (the day only for anonymous questions). */
  castAtMs: number;
}

export interface VoteCell {
  participantKey: string;
  subject: string;
  choice: string[];
  castAtMs: number;
}

export interface StatementRow {
  key: string;
  label: string;
  /** Rejected statements are kept (Pol.is keeps comments moderated out), marked so. */
  status: 'approved' | 'pending' | 'rejected';
  createdAtMs: number;
  /** The author's participantKey, as in VoteRow; null for statements from the programme file. */
  authorKey: string | null;
}

export interface ExportSource {
  outline: DigestOutline;
  /** The whole digest, for formats that show counts; null for raw exports, which are built without counting. */
  model: DigestModel | null;
  questions: QuestionRecord[];
  responses(question: QuestionRecord): AsyncIterable<ResponseRow[]>;
  votes(question: QuestionRecord): AsyncIterable<VoteRow[]>;
  /** The same votes reduced to what a vote matrix needs (no names or labels), for Pol.is files. */
  voteCells(question: QuestionRecord): AsyncIterable<VoteCell[]>;
  statements(question: QuestionRecord): Promise<StatementRow[]>;
  /** A link to the question as posted (its first posting that has one), from the platform that holds it. */
  questionLink(question: QuestionRecord): Promise<string | null>;
}

const SEPARATOR = { ranked: ' > ', multi_choice: '; ' } as Record<string, string>;

export async function createExportSource(
  store: Store,
  outline: DigestOutline,
  model: DigestModel | null,
  onProgress: (rows: number) => void = () => {},
  links: MessageLinks = NO_LINKS,
): Promise<ExportSource> {
  const until = new Date(outline.week.end);
  const start = new Date(outline.week.start).getTime();
  const all = await store.questions.listByProgramme(outline.programme.id);
  const questions = outline.questions
    .map((q) => all.find((r) => r.id === q.id))
    .filter((q): q is QuestionRecord => q !== undefined);
  const targets = await store.channels.targets(outline.programme.id);
  const postings = new Map<string, ChannelTargetRecord>();
  for (const q of questions)
    for (const posting of await store.postings.listByQuestion(q.id)) {
      const target = targets.find((t) => t.id === posting.channelTargetId);
      if (target) postings.set(posting.id, target);
    }
  /** Everyone, read once (on first use) rather than joined to each of a million rows. */
  let people: Promise<Map<string, ParticipantRecord>> | null = null;
  const loadPeople = async () => {
    const map = new Map<string, ParticipantRecord>();
    for await (const batch of store.reporting.participants()) for (const p of batch) map.set(p.id, p);
    return map;
  };
  const person = (map: Map<string, ParticipantRecord>, id: string): ParticipantRecord =>
    map.get(id) ?? {
      id,
      platform: 'web',
      platformUserId: '',
      displayName: 'Unknown participant',
      pseudonym: 'Unknown participant',
      role: 'participant',
      remindersOff: false,
      createdAt: new Date(0),
    };
  /** Per anonymous question: participant id -> number, so one person's votes read as one row in a matrix. */
  const anonymousNumbers = new Map<string, Map<string, number>>();
  const anonymousKey = (question: QuestionRecord, participantId: string) => {
    let numbers = anonymousNumbers.get(question.id);
    if (!numbers) {
      numbers = new Map();
      anonymousNumbers.set(question.id, numbers);
    }
    let n = numbers.get(participantId);
    if (n === undefined) {
      n = numbers.size + 1;
      numbers.set(participantId, n);
    }
    return `Anonymous ${n}`;
  };
  const participantKey = (question: QuestionRecord, participantId: string) =>
    question.anonymity === 'anonymous' ? anonymousKey(question, participantId) : participantId;
  let streamed = 0;
  const counted = <T>(rows: T[]) => {
    streamed += rows.length;
    onProgress(streamed);
    return rows;
  };

  return {
    outline,
    model,
    questions,

    async *responses(question) {
      const anonymous = question.anonymity === 'anonymous';
      const sequence = new Map<string, string>();
      people ??= loadPeople();
      const everyone = await people;
      for await (const batch of store.reporting.responses(question.id, { until })) {
        const linked = await Promise.all(batch.map((r) => quoteLink(links, question, r)));
        yield counted(
          batch.map((r, i) => {
            let id = r.id;
            if (anonymous) {
              id = `${question.key}-${sequence.size + 1}`;
              sequence.set(r.id, id);
            }
            const target = r.postingId ? postings.get(r.postingId) : undefined;
            const author = person(everyone, r.participantId);
            return {
              question: question.key,
              id,
              createdAt: reportedInstant(question, r.createdAt),
              editedAt: r.editedAt && !anonymous ? r.editedAt.toISOString() : null,
              participant: authorLabel(question, author),
              platform: anonymous ? null : author.platform,
              channel: anonymous || !target ? null : channelKey(target),
              private: r.private,
              replyTo: r.replyToId ? (anonymous ? (sequence.get(r.replyToId) ?? null) : r.replyToId) : null,
              newThisWeek: r.createdAt.getTime() >= start,
              body: r.body,
              attachments: r.attachments.map((a) => `${a.name} <${a.url}>`).join('; '),
              link: linked[i] ?? null,
            };
          }),
        );
      }
    },

    async *voteCells(question) {
      const anonymous = question.anonymity === 'anonymous';
      for await (const batch of store.reporting.votes(question.id, { until }))
        yield counted(
          batch.map((v) => ({
            participantKey: participantKey(question, v.participantId),
            subject: v.subject,
            choice: v.choice,
            castAtMs: anonymous ? weekStartOf(v.castAt).getTime() : v.castAt.getTime(),
          })),
        );
    },

    async *votes(question) {
      const options = await store.questions.options(question.id, { includePending: true });
      const labels = new Map(options.map((o) => [o.key, o.label]));
      const scale = question.config.scale ?? [];
      const choiceLabel = (choice: string[]) => {
        if (question.kind === 'likert') return scale[Number(choice[0])] ?? String(choice[0]);
        if (question.kind === 'statements') return String(choice[0]);
        return choice.map((k) => labels.get(k) ?? k).join(SEPARATOR[question.kind] ?? '; ');
      };
      people ??= loadPeople();
      const everyone = await people;
      const anonymous = question.anonymity === 'anonymous';
      for await (const batch of store.reporting.votes(question.id, { until })) {
        yield counted(
          batch.map((v) => ({
            question: question.key,
            participantKey: participantKey(question, v.participantId),
            participant:
              question.anonymity === 'anonymous'
                ? anonymousKey(question, v.participantId)
                : authorLabel(question, person(everyone, v.participantId)),
            subject: v.subject,
            subjectLabel: v.subject ? (labels.get(v.subject) ?? v.subject) : '',
            choice: question.kind === 'likert' ? [String(Number(v.choice[0]) + 1)] : v.choice,
            choiceLabel: choiceLabel(v.choice),
            castAt: reportedInstant(question, v.castAt),
            castAtMs: anonymous ? weekStartOf(v.castAt).getTime() : v.castAt.getTime(),
            newThisWeek: v.castAt.getTime() >= start,
          })),
        );
      }
    },

    async statements(question) {
      const options = await store.questions.options(question.id, { includeRejected: true });
      return options
        .filter((o) => o.createdAt.getTime() < until.getTime() || o.authorId === null)
        .map((o) => ({
          key: o.key,
          label: o.label,
          status: o.status,
          // Statements from the programme file date from when the question opened, not from when it was loaded.
          createdAtMs: new Date(
            reportedInstant(
              question,
              o.authorId ? o.createdAt : (question.openedAt ?? question.opensAt ?? o.createdAt),
            ),
          ).getTime(),
          authorKey: o.authorId ? participantKey(question, o.authorId) : null,
        }));
    },

    async questionLink(question) {
      for (const posting of await store.postings.listByQuestion(question.id)) {
        const link = await links.link(question.id, posting.messageRef, null);
        if (link) return link;
      }
      return null;
    },
  };
}

/** The digest of a source whose format needs one (prepareExport builds it for those). */
export function digestOf(source: ExportSource): DigestModel {
  if (!source.model)
    throw new AgoraError('EXPORT_INVALID', 'this export format needs the digest model; prepareExport builds it');
  return source.model;
}

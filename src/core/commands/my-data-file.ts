import { zonedLabel } from '../chat-text.ts';
import type { Store } from '../ports/store.ts';
import type { ParticipantRecord, PollOptionRecord, QuestionRecord, VoteRecord } from '../records.ts';

/** A date as a person reads it, in the programme's time zone, with the zone named: "Tue 1 Dec 2026, 10:00 GMT". */
export function readableDate(at: Date, timeZone: string): string {
  return `${zonedLabel(at, timeZone)} (${timeZone})`;
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/** What a vote said, in the words the person saw: option labels, a rating's scale point, Agree/Disagree/Pass. */
function voteWords(question: QuestionRecord, options: PollOptionRecord[], vote: VoteRecord) {
  const label = (key: string) => options.find((o) => o.key === key)?.label ?? '(an option since removed)';
  const about = vote.subject ? label(vote.subject) : null;
  let choice: string;
  if (question.kind === 'likert') choice = question.config.scale?.[Number(vote.choice[0])] ?? String(vote.choice[0]);
  else if (question.kind === 'statements') {
    const word = vote.choice[0] ?? '';
    choice = word.charAt(0).toUpperCase() + word.slice(1);
  } else if (question.kind === 'ranked') choice = vote.choice.map((k, i) => `${ordinal(i + 1)} ${label(k)}`).join(', ');
  else choice = vote.choice.map(label).join('; ');
  return { about, choice };
}

/** Everything Agora holds from one person, as they can read it: prompts, labels and dates, no internal ids. */
export async function myDataFile(store: Store, person: ParticipantRecord, now: Date) {
  const questions = new Map<
    string,
    { question: QuestionRecord; options: PollOptionRecord[]; zone: string; programme: string }
  >();
  const about = async (questionId: string) => {
    const known = questions.get(questionId);
    if (known) return known;
    const question = await store.questions.findById(questionId);
    if (!question) return null;
    const programme = await store.programmes.findById(question.programmeId);
    const entry = {
      question,
      options: await store.questions.options(questionId, { includePending: true }),
      zone: programme?.timezone ?? 'UTC',
      programme: programme?.title ?? '',
    };
    questions.set(questionId, entry);
    return entry;
  };
  const responses = await store.responses.listByParticipant(person.id);
  const votes = await store.votes.listByParticipant(person.id);
  const firstZone = async () => {
    const first = responses[0]?.questionId ?? votes[0]?.questionId;
    return first ? ((await about(first))?.zone ?? 'UTC') : 'UTC';
  };
  const zone = await firstZone();
  const answers = [];
  for (const r of responses) {
    const q = await about(r.questionId);
    const when = (at: Date) => readableDate(at, q?.zone ?? 'UTC');
    answers.push({
      programme: q?.programme ?? '',
      question: q?.question.prompt ?? '(a question since removed)',
      answer: r.body,
      where: r.private ? 'privately (only organisers see it)' : 'in the question’s thread',
      written: when(r.createdAt),
      edited: r.editedAt ? when(r.editedAt) : null,
      deleted: r.deletedAt ? when(r.deletedAt) : null,
      earlierVersions: (await store.responses.revisions(r.id)).map((v) => ({ text: v.body, at: when(v.recordedAt) })),
    });
  }
  const shownVotes = [];
  const statements = [];
  for (const v of votes) {
    const q = await about(v.questionId);
    if (!q) continue;
    const words = v.retractedAt ? { about: null, choice: '' } : voteWords(q.question, q.options, v);
    shownVotes.push({
      programme: q.programme,
      question: q.question.prompt,
      ...(v.subject ? { on: q.options.find((o) => o.key === v.subject)?.label ?? '' } : {}),
      vote: v.retractedAt ? '(withdrawn)' : words.choice,
      when: readableDate(v.retractedAt ?? v.castAt, q.zone),
    });
  }
  for (const { question, options, programme } of questions.values()) {
    for (const o of options.filter((x) => x.authorId === person.id))
      statements.push({ programme, question: question.prompt, statement: o.label, status: o.status });
  }
  return {
    about: 'Everything Agora holds from you. Dates are in each programme’s time zone.',
    exported: readableDate(now, zone),
    you: {
      platform: person.platform,
      userId: person.platformUserId,
      name: person.displayName,
      pseudonym: `${person.pseudonym} (shown instead of your name on pseudonymous questions)`,
      reminders: person.remindersOff ? 'off' : 'on',
    },
    responses: answers,
    votes: shownVotes,
    statements,
  };
}

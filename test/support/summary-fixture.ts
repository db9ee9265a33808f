import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { addStatement } from '../../src/core/statements/add-statement.ts';
import type { coreHarness } from './core-harness.ts';

export type SummaryHarness = Awaited<ReturnType<typeof coreHarness>>;

/** Written answers to the fixture's open question, on three subjects, plus two with no words at all. */
export const OPEN_ANSWERS: [string, string][] = [
  ['a1', 'Marking takes my whole weekend; the marking policy asks for written feedback on every single book.'],
  ['a2', 'Drop the triple marking policy. Verbal feedback in lessons works better than written marking.'],
  ['a3', 'Less written marking please: feedback policy means hours of marking every night.'],
  ['a4', 'Marking and feedback load is the biggest drain; one marking policy for the whole school would help.'],
  ['a5', 'Meetings after school run too long; most meetings could be an email.'],
  ['a6', 'Fewer meetings. Weekly staff meetings rarely decide anything.'],
  ['a7', 'Cut the number of meetings, especially the data meetings every half term.'],
  ['a8', 'Meetings should have an agenda and finish on time; fewer meetings overall.'],
  ['a9', 'Behaviour in corridors is getting worse and behaviour policy is not applied consistently.'],
  ['a10', 'Support with behaviour: senior staff should back up the behaviour policy.'],
  ['a11', 'Behaviour management takes time from teaching; a consistent behaviour system would help.'],
  ['a12', 'Pupil behaviour at lunchtime spills into lessons; more behaviour support needed.'],
  ['a13', '👍👍'],
  ['a14', 'https://example.org/workload-report'],
];

/** Two camps of voters on the fixture's statements (and four more), enough for opinion groups. */
export const EXTRA_STATEMENTS = [
  'Data drops should happen once a term',
  'Homework policy should be set by departments',
  'Cover should be shared fairly',
  'Training days are well used',
];

export async function seedSummaries(h: SummaryHarness, options: { voters?: number } = {}) {
  const open = h.question('q-open');
  const single = h.question('q-single');
  const statements = h.question('q-statements');
  for (const q of [open, single, statements]) await openQuestion(h.deps, q.id);
  const ids = new Map<string, string>();
  for (const [who, body] of OPEN_ANSWERS) {
    const participant = await h.store.participants.upsert(h.person(who, `Teacher ${who}`));
    const { response } = await h.store.responses.record({
      questionId: open.id,
      postingId: null,
      participantId: participant.id,
      body,
      private: false,
      messageRef: `slack:T1:CSTAFF:1700000${who.slice(1).padStart(3, '0')}.000100`,
      replyToId: null,
      attachments: [],
      idempotencyKey: `seed:${who}`,
      createdAt: h.clock.now(),
    });
    ids.set(who, response.id);
    // Marking people say the policy is unclear; the others that it is clear.
    const marking = Number(who.slice(1)) <= 4;
    await h.store.votes.set({
      questionId: single.id,
      participantId: participant.id,
      subject: '',
      choice: [marking ? 'no' : 'yes'],
      idempotencyKey: `seed-vote:${who}`,
      at: h.clock.now(),
    });
  }
  for (const text of EXTRA_STATEMENTS) {
    await addStatement(h.deps, {
      questionId: statements.id,
      author: h.person('organiser', 'Olu Organiser'),
      authorIsOrganiser: true,
      text,
      at: h.clock.now(),
    });
  }
  await voteInCamps(h, options.voters ?? 20);
  return { open, single, statements, responseIds: ids };
}

/** Voters split in two camps that disagree on everything except cover, which all agree on. */
export async function voteInCamps(h: SummaryHarness, voters: number, prefix = 'v') {
  const statements = h.question('q-statements');
  const options = await h.store.questions.options(statements.id);
  for (let i = 0; i < voters; i++) {
    const participant = await h.store.participants.upsert(h.person(`${prefix}${i}`));
    for (const [n, option] of options.entries()) {
      const camp = i % 2 === 0;
      const choice =
        option.label === 'Cover should be shared fairly' ? 'agree' : (n % 2 === 0) === camp ? 'agree' : 'disagree';
      await h.store.votes.set({
        questionId: statements.id,
        participantId: participant.id,
        subject: option.key,
        choice: [choice],
        idempotencyKey: `camp:${prefix}${i}:${option.key}`,
        at: h.clock.now(),
      });
    }
  }
}

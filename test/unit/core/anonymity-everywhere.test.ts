import { afterEach, describe, expect, it } from 'vitest';
import { PSEUDONYMOUS_ORGANISER_VIEW, statsView } from '../../../adapters/web/dashboard/stats-view.ts';
import { castVote } from '../../../src/core/consultation/cast-vote.ts';
import { knownParticipants, listNonRespondents } from '../../../src/core/consultation/non-respondents.ts';
import { openQuestion } from '../../../src/core/consultation/open-question.ts';
import { questionStats } from '../../../src/core/consultation/question-stats.ts';
import { addStatement, sendForReview } from '../../../src/core/statements/add-statement.ts';
import { coreHarness } from '../../support/core-harness.ts';
import { programmeFile } from '../../support/programme-fixture.ts';

/** The fixture programme with its agree/disagree question made anonymous. */
function anonymousStatements() {
  const sections = programmeFile().sections.map((section) => ({
    ...section,
    questions: section.questions.map((q) => (q.id === 'q-statements' ? { ...q, anonymity: 'anonymous' } : q)),
  }));
  return { statement_approval: true, sections };
}

describe('anonymity that holds everywhere', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  afterEach(async () => h.close());

  it('names no one, not even by pseudonym, on the approval card or in the audit log of an anonymous question', async () => {
    h = await coreHarness(anonymousStatements());
    const q = h.question('q-statements');
    await openQuestion(h.deps, q.id);
    const added = await addStatement(h.deps, {
      questionId: q.id,
      author: h.person('U1', 'Ada Lovelace'),
      authorIsOrganiser: false,
      text: 'Planning time should be protected',
      at: h.clock.now(),
    });
    if (added.review) await sendForReview(h.deps, added.review);
    const person = await h.store.participants.find('slack', 'U1');
    if (!person) throw new Error('no participant');
    const review = h.platform.reviews[0]?.review;
    expect(review?.text).toBe('Planning time should be protected');
    const shown = JSON.stringify(review);
    for (const secret of [person.pseudonym, person.displayName, person.id, 'U1']) expect(shown).not.toContain(secret);
    const audit = JSON.stringify(await h.store.audit.list(q.programmeId));
    expect(audit).toContain('statement.added');
    expect(audit).not.toContain(person.id);
  });

  it('does not list as "not answered" elsewhere someone whose only answer was anonymous', async () => {
    h = await coreHarness();
    const likert = h.question('q-likert'); // anonymous
    const single = h.question('q-single'); // named
    await openQuestion(h.deps, likert.id);
    await openQuestion(h.deps, single.id);
    const vote = (user: string, questionId: string, subject: string, choice: string[]) =>
      castVote(h.deps, {
        questionId,
        author: h.person(user),
        subject,
        choice,
        idempotencyKey: `${user}-${questionId}`,
        at: h.clock.now(),
      });
    const items = await h.store.questions.options(likert.id);
    await vote('U_ANON_ONLY', likert.id, items[0]?.key as string, ['2']);
    const singleOptions = await h.store.questions.options(single.id);
    await vote('U_NAMED', single.id, '', [singleOptions[0]?.key as string]);
    await vote('U_NAMED', likert.id, items[0]?.key as string, ['1']);
    const anonOnly = await h.store.participants.find('slack', 'U_ANON_ONLY');
    const known = await knownParticipants(h.store, likert.programmeId);
    expect(known.has(anonOnly?.id as string)).toBe(false);
    const ranked = h.question('q-ranked');
    const missing = (await listNonRespondents(h.store, ranked.id)).map((p) => p.platformUserId);
    expect(missing).toEqual(['U_NAMED']);

    const programme = await h.store.programmes.findById(single.programmeId);
    if (!programme) throw new Error('no programme');
    const likertStats = await questionStats(h.store, programme, likert, known);
    expect(likertStats.nonRespondents).toBeNull();
  });

  it('says what organisers see on a pseudonymous question, beside its list of who has not answered', async () => {
    h = await coreHarness();
    const statements = h.question('q-statements'); // pseudonymous
    const single = h.question('q-single');
    await openQuestion(h.deps, single.id);
    const options = await h.store.questions.options(single.id);
    await castVote(h.deps, {
      questionId: single.id,
      author: h.person('U5'),
      subject: '',
      choice: [options[0]?.key as string],
      idempotencyKey: 'v5',
      at: h.clock.now(),
    });
    await openQuestion(h.deps, statements.id);
    const programme = await h.store.programmes.findById(single.programmeId);
    if (!programme) throw new Error('no programme');
    const page = String(statsView(await questionStats(h.store, programme, statements)));
    expect(page).toContain(PSEUDONYMOUS_ORGANISER_VIEW);
  });
});

import { describe, expect, it } from 'vitest';
import { syntheticAnswers } from '../../../../bench/synthetic-answers.ts';
import { indexedVectors, indexedVocabulary, TermIndex } from '../../../../src/core/themes/answer-terms.ts';
import { termCounts, termVector, vocabulary } from '../../../../src/core/themes/term-vectors.ts';
import { contentWords } from '../../../../src/core/themes/words.ts';
import { answers as teacherAnswers, teacherConsultation } from './answers.ts';

describe('answers indexed all at once', () => {
  const { answers } = syntheticAnswers(600);
  const all = [
    ...answers,
    ...teacherConsultation(),
    ...teacherAnswers('repeat', ['planning planning planning', 'Planning, planning planning', 'Pay pay PAY']),
    // Long answers: more terms than are sorted by insertion.
    ...teacherAnswers('long', [
      'Marking policy, feedback loops, curriculum planning, staff wellbeing, governor visits, parent meetings, pupil voice, data drops, budget cuts, supply cover, report writing, training days, trust leaders, inspection evidence, research time, collaboration networks and workload reviews all pile up.',
      'Workload reviews, collaboration networks, research time, inspection evidence, trust leaders, training days, report writing, supply cover, budget cuts, data drops, pupil voice, parent meetings, governor visits, staff wellbeing, curriculum planning and marking policy.',
    ]),
  ];

  it('give the vocabulary and vectors that counting each answer on its own gives', () => {
    const words = all.map((answer) => contentWords(answer.text));
    const people = all.map((answer) => answer.participantId);
    const expected = vocabulary(words.map(termCounts), people);
    const index = new TermIndex();
    const terms = words.map((w) => index.add(w));
    const personOf = new Map([...new Set(people)].map((person, i) => [person, i]));
    const found = indexedVocabulary(
      index,
      terms,
      Int32Array.from(people, (person) => personOf.get(person) as number),
    );
    expect(found.vocabulary.terms).toEqual(expected.terms);
    expect([...found.vocabulary.idf]).toEqual([...expected.idf]);
    const vectors = indexedVectors(terms, found.vocabularyId, found.vocabulary);
    words.forEach((w, i) => {
      const one = termVector(termCounts(w), expected);
      const many = vectors[i] as (typeof vectors)[number];
      expect([...many.ids]).toEqual([...one.ids]);
      expect([...many.weights]).toEqual([...one.weights]);
    });
  });
});

import type { ThemeInput } from '../../../../src/core/themes/compute-themes.ts';

/**
 * Real-ish answers to "What one change would most help schools improve?", in the vocabulary of the debate over a
 * self-improving school system: accountability and inspection, curriculum and exam change, professional
 * learning, collaboration between schools, and funding. Some people answer twice; a few answers fit nowhere.
 */
const TEXTS: readonly [person: string, text: string][] = [
  ['a1', 'Ofsted. The fear of inspection drives every decision and makes leaders cautious rather than brave.'],
  ['a2', 'Stop the one-word Ofsted judgements, they reduce a whole school to a label and drive good heads out.'],
  ['a3', 'Accountability that looks at the whole picture, not just league tables and progress 8'],
  ['a4', 'League tables push schools to game results instead of doing what is right for students'],
  ['a5', 'An inspection framework that stays still for more than two years so we can plan'],
  ['a6', 'Less high-stakes accountability. Inspection should support improvement, not punish'],
  ['a7', 'Ofsted inspectors who have actually led a school like ours, and a fairer inspection process'],
  ['a8', 'Judge schools on more than exam results and league table positions'],
  ['a9', 'Stop changing the curriculum every time a new minister arrives, constant change exhausts staff'],
  ['a10', 'A stable curriculum and exam system for five years. We are always rewriting schemes of work'],
  ['a11', 'Curriculum review by an independent commission, not by ministers, and on a fixed cycle'],
  ['a12', 'The new GCSE specifications were rushed in, give us time to implement curriculum changes properly'],
  ['a13', 'Let schools shape their own curriculum beyond a slim national core'],
  ['a14', 'Fewer exam changes. Students and parents are anxious because the goalposts keep moving'],
  [
    'a15',
    'After levels were scrapped every school invented its own assessment, we need shared curriculum and assessment models',
  ],
  ['a16', 'Protected time for professional development, real CPD not a twilight INSET on data'],
  ['a17', 'Professional learning based on evidence, with time for teachers to do research in their classrooms'],
  ['a18', 'CPD that is sustained over a year, coaching rather than one-off courses'],
  ['a19', 'Every teacher should have an entitlement to professional development time each year'],
  ['a20', 'Fund CPD properly. Our training budget is the first thing cut when money is tight'],
  ['a21', 'Time for professional development and coaching for new teachers in their first years'],
  ['a22', 'Teachers need time to learn from research and from each other, protected CPD time'],
  ['a23', 'Schools working together in partnerships, sharing expertise instead of competing'],
  ['a24', 'More collaboration between schools: teaching school alliances were good and then the funding went'],
  ['a25', 'Partnerships with local schools and universities so teachers can share practice'],
  ['a26', 'Collaboration, not competition. Schools in the same town should share staff expertise and resources'],
  ['a27', 'Peer review between schools, where heads visit each other and share what works'],
  ['a28', 'Sustainable funding. We cannot plan when the budget changes every year'],
  ['a29', 'School funding that keeps up with costs, we have cut support staff to balance the budget'],
  ['a30', 'Fair funding for schools in deprived areas, and capital funding for buildings that are falling apart'],
  ['a31', 'More funding for SEND, the high needs budget is nowhere near enough'],
  ['a32', 'Three-year funding settlements so heads can plan budgets'],
  ['a3', 'And inspection should talk to staff, not only look at data'],
  ['a16', 'Also more coaching for middle leaders'],
  ['a9', 'Curriculum changes should come with resources and training, not just a new specification'],
  ['a33', 'Better coffee in the staffroom'],
  ['a34', 'Not sure really, it all feels too big'],
  ['a35', 'Four-day week'],
  ['a36', '👍'],
  ['a37', 'https://www.ascl.org.uk/blueprint'],
];

export const schoolSystemAnswers: readonly ThemeInput[] = TEXTS.map(([participantId, text], i) => ({
  responseId: `r${String(i + 1).padStart(2, '0')}`,
  participantId,
  text,
}));

import type { ThemeInput } from '../../../../src/core/themes/compute-themes.ts';

/** Answers for the themes tests, written to read like a staff consultation in chat. */

export function answers(topic: string, texts: readonly string[], firstPerson = 0): ThemeInput[] {
  return texts.map((text, i) => ({ responseId: `${topic}-${i}`, participantId: `p${firstPerson + i}`, text }));
}

/** "What would most improve your working week?": three clear topics of ten answers each. */
export const WORKLOAD = [
  'Marking takes up every evening, I spend hours marking books with written feedback nobody reads',
  'The marking policy is unmanageable, triple marking in three colours is a waste of time',
  'Less marking! Whole-class feedback instead of deep marking every book every week',
  'Workload is the big one. Marking and data drops eat my weekends',
  'Cut the marking workload, I mark until 11pm most nights',
  'Our feedback and marking policy needs a rethink, verbal feedback should count',
  'Marking 180 books a week on top of planning is why my workload is unsustainable',
  'Honestly the marking. Written feedback in every book every fortnight is crushing',
  'Reduce workload: fewer data drops and a sane marking policy',
  "I'd scrap the marking scrutiny and trust teachers' feedback in lessons",
];

export const PAY = [
  'Pay needs to rise with inflation, we have had a real-terms pay cut for a decade',
  'A proper pay rise. My salary has not kept up with rent',
  'Fund the pay award fully so schools are not cutting staff to pay for it',
  'Better pay for support staff, teaching assistants are paid less than supermarket staff',
  'Pay progression should be automatic, not tied to performance-related pay targets',
  'Restore the pay scales and the pay portability we lost',
  'Honestly a decent salary. Teacher pay is why colleagues are leaving for other jobs',
  'The pay award keeps being below inflation, salary should match other graduate jobs',
  'TLR payments and salary for extra responsibilities are far too low, pay us properly',
  'Our pay has fallen behind, a fully funded pay rise would keep people in teaching',
];

export const BEHAVIOUR = [
  'Behaviour in corridors is out of control, we need senior leaders on duty',
  'A consistent behaviour policy that SLT actually back up when we apply it',
  'Support with behaviour. Disruptive students in lessons stop everyone learning',
  'Behaviour has got worse since covid and the behaviour system is not followed',
  'Exclusions and removal rooms are overflowing, behaviour support is stretched',
  'When I log a behaviour incident nothing happens, students know there are no consequences',
  'Low level disruption in lessons is constant, the behaviour policy needs teeth',
  'Behaviour: SLT need to be visible and follow up on detentions',
  'Poor behaviour and phones in lessons, students on phones all day',
  'Behaviour management training and a team that deals with serious incidents',
];

export const NOISE = [
  'Not sure tbh',
  'The car park needs resurfacing',
  'More plants in the staff room would be nice',
  'I think the canteen coffee is awful',
  'See my earlier answer',
];

/** Answers that carry no words. */
export const WORDLESS = [
  ':thumbsup: :tada:',
  '😂😂😂',
  'https://example.com/our-survey',
  '<@U0123ABC> <#C0456|staff>',
  '!!! ...',
  '👍🏽 <https://gov.uk|>',
];

export function teacherConsultation(): ThemeInput[] {
  return [
    ...answers('workload', WORKLOAD, 0),
    ...answers('pay', PAY, 10),
    ...answers('behaviour', BEHAVIOUR, 20),
    ...answers('noise', NOISE, 30),
  ];
}

import { seededRandom } from '../src/core/positions/seeded-random.ts';
import type { ThemeInput } from '../src/core/themes/compute-themes.ts';

/**
 * Synthetic answers to an open question, from phrase pools for five planted topics, with 5% off topic; four
 * answers for every five people. Seeded: the same count gives the same answers.
 */
const TOPICS: Record<string, readonly string[]> = {
  workload: [
    'marking takes every evening',
    'too much written feedback in books',
    'data drops every half term',
    'the marking policy is unmanageable',
    'workload is crushing',
    'planning and marking eat my weekends',
    'whole-class feedback instead of deep marking',
  ],
  pay: [
    'pay has fallen behind inflation',
    'a fully funded pay rise',
    'salary for support staff is too low',
    'restore pay portability',
    'the pay award is below inflation',
    'a decent salary would keep colleagues',
  ],
  behaviour: [
    'behaviour in corridors is out of control',
    'a consistent behaviour policy',
    'SLT should back us on behaviour',
    'low level disruption in lessons',
    'phones in lessons are a constant problem',
    'detentions are never followed up',
  ],
  send: [
    'more support for SEND students',
    'EHCP assessments take far too long',
    'teaching assistants for pupils with SEND',
    'specialist places for children with additional needs',
    'the SENCO has no time',
  ],
  cpd: [
    'protected time for professional development',
    'CPD that is sustained, not one-off courses',
    'coaching for early career teachers',
    'professional learning based on research',
    'INSET days spent on real training',
  ],
};
const FILLER = ['Honestly', 'I think', 'For me', 'Really', 'Above all', 'Please'];
const OFF_TOPIC = ['the car park', 'canteen coffee', 'the printer', 'a four-day week', 'the staff room heating'];

export function syntheticAnswers(count: number): { answers: ThemeInput[]; planted: Map<string, string> } {
  const random = seededRandom(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const topics = Object.keys(TOPICS);
  const answers: ThemeInput[] = [];
  const planted = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const responseId = `r${i}`;
    const participantId = `p${Math.floor(i * 0.8)}`;
    if (random() < 0.05) {
      answers.push({ responseId, participantId, text: `${pick(FILLER)}, ${pick(OFF_TOPIC)}.` });
      continue;
    }
    const topic = pick(topics);
    const pool = TOPICS[topic] as readonly string[];
    const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(pool));
    answers.push({ responseId, participantId, text: `${pick(FILLER)}, ${parts.join('. ')}.` });
    planted.set(responseId, topic);
  }
  return { answers, planted };
}

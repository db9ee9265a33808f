import { loadavg } from 'node:os';
import { adjustedRandIndex } from '../src/core/positions/adjusted-rand-index.ts';
import { seededRandom } from '../src/core/positions/seeded-random.ts';
import { computeThemes, type ThemeInput } from '../src/core/themes/compute-themes.ts';
import { addToRow, termCounts, termVector, vocabulary } from '../src/core/themes/term-vectors.ts';
import { contentWords } from '../src/core/themes/words.ts';
import { argument } from './support.ts';

/**
 * Themes benchmark: `--answers N` (default 5,000) synthetic answers to an open question, built from phrase pools
 * for five planted topics with 5% off-topic answers, grouped by computeThemes. Prints the time, the themes, the
 * adjusted Rand index against the planted topics, and the ratio to one plain pass over the same TF-IDF vectors
 * (summing them), measured in the same run.
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

function syntheticAnswers(count: number): { answers: ThemeInput[]; planted: Map<string, string> } {
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

const count = argument('answers', 5_000);
const { answers, planted } = syntheticAnswers(count);

const cpuStart = process.cpuUsage();
const started = performance.now();
const result = computeThemes(answers);
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);

// The baseline: one pass summing the same vectors computeThemes clusters.
const counts = answers.map((answer) => termCounts(contentWords(answer.text)));
const terms = vocabulary(
  counts,
  answers.map((answer) => answer.participantId),
);
const vectors = counts.map((c) => termVector(c, terms));
const sum = new Float64Array(terms.terms.length);
const passStart = performance.now();
for (const vector of vectors) addToRow(vector, sum, terms.terms.length, 0);
const pass = (performance.now() - passStart) / 1000;

const themeOf = new Map<string, string>();
result.themes.forEach((theme, i) => {
  for (const id of theme.responseIds) themeOf.set(id, `t${i}`);
});
const ids = [...planted.keys()];
const ari = adjustedRandIndex(
  ids.map((id) => planted.get(id)),
  ids.map((id) => themeOf.get(id) ?? null),
);

console.log(`${count} synthetic answers (5 planted topics, 5% off topic), load average ${loadavg()[0]?.toFixed(1)}:`);
for (const theme of result.themes) console.log(`  ${theme.label.padEnd(40)} ${theme.people} people`);
console.log(`  other ${result.other.responseIds.length} answers, left out ${result.leftOut.length}`);
console.log(`  computeThemes   ${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
console.log(`  ARI against the planted topics ${ari.toFixed(3)}`);
console.log(`  plain pass      ${(pass * 1000).toFixed(2)} ms (summing the ${vectors.length} TF-IDF vectors)`);
console.log(`  ratio           ${(wall / pass).toFixed(0)}x`);

import { loadavg } from 'node:os';
import { adjustedRandIndex } from '../src/core/positions/adjusted-rand-index.ts';
import { computeThemes } from '../src/core/themes/compute-themes.ts';
import { addToRow, termCounts, termVector, vocabulary } from '../src/core/themes/term-vectors.ts';
import { contentWords } from '../src/core/themes/words.ts';
import { syntheticAnswers } from './synthetic-answers.ts';

/**
 * Themes benchmark: `--answers N[,N...]` (default 5,000 and 100,000) synthetic answers to an open question, built
 * from phrase pools for five planted topics with 5% off-topic answers, grouped by computeThemes. Prints, for each
 * count, the time, the themes, the adjusted Rand index against the planted topics, and the ratio to one plain pass
 * over the same TF-IDF vectors (summing them), measured in the same run. Goal: 100,000 answers in under 5 s of CPU
 * (judged on CPU time, which other load on a shared machine inflates less than wall time).
 */

const GOAL = { answers: 100_000, seconds: 5 };
const at = process.argv.indexOf('--answers');
const counts = (at >= 0 ? (process.argv[at + 1] as string) : `5000,${GOAL.answers}`).split(',').map(Number);

for (const count of counts) {
  const { answers, planted } = syntheticAnswers(count);

  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const result = computeThemes(answers);
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  // The baseline: one pass summing the same vectors computeThemes clusters.
  const termCountsOf = answers.map((answer) => termCounts(contentWords(answer.text)));
  const terms = vocabulary(
    termCountsOf,
    answers.map((answer) => answer.participantId),
  );
  const vectors = termCountsOf.map((c) => termVector(c, terms));
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
  const goal =
    count === GOAL.answers ? `  (goal < ${GOAL.seconds} s: ${cpuSeconds < GOAL.seconds ? 'met' : 'MISSED'})` : '';
  console.log(`  computeThemes   ${wall.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU${goal}`);
  console.log(`  ARI against the planted topics ${ari.toFixed(3)}`);
  console.log(`  plain pass      ${(pass * 1000).toFixed(2)} ms (summing the ${vectors.length} TF-IDF vectors)`);
  console.log(`  ratio           ${(wall / pass).toFixed(0)}x`);
}

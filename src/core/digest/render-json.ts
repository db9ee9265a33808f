import type { VoteRowValues } from './export-schema.ts';
import { digestOf, type ExportSource, type VoteRow } from './export-source.ts';
import { digestModelSchema } from './model.ts';

/**
 * The JSON export: the digest (src/core/digest/model.ts, checked against its schema before a byte is written),
 * then every response and vote (export-schema.ts), streamed from the store batch by batch, one row a line, so a
 * million rows never sit in memory at once. Its JSON Schema is docs/schemas/digest-v2.schema.json.
 */

const CHUNK = 64 * 1024;

function voteValues(v: VoteRow): VoteRowValues {
  return {
    question: v.question,
    participant: v.participant,
    subject: v.subject,
    subjectLabel: v.subjectLabel,
    choice: v.choice,
    choiceLabel: v.choiceLabel,
    castAt: v.castAt,
    newThisWeek: v.newThisWeek,
  };
}

/** `"name": [` rows `]`, one row a line, in chunks of about 64 KB. */
async function* array<T>(name: string, batches: AsyncIterable<T[]>, last: boolean): AsyncIterable<string> {
  let chunk = `  "${name}": [`;
  let first = true;
  for await (const batch of batches) {
    for (const row of batch) {
      chunk += `${first ? '' : ','}\n    ${JSON.stringify(row)}`;
      first = false;
      if (chunk.length > CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
  }
  yield `${chunk}${first ? '' : '\n  '}]${last ? '\n' : ',\n'}`;
}

async function* allOf<T>(source: ExportSource, rows: (q: ExportSource['questions'][number]) => AsyncIterable<T[]>) {
  for (const question of source.questions) yield* rows(question);
}

async function* votesOf(source: ExportSource): AsyncIterable<VoteRowValues[]> {
  for (const question of source.questions) {
    if (question.kind === 'open') continue;
    for await (const batch of source.votes(question)) yield batch.map(voteValues);
  }
}

export async function* renderJson(source: ExportSource): AsyncIterable<string> {
  const digest = JSON.stringify(digestModelSchema.parse(digestOf(source)), null, 2);
  // The digest's closing brace comes after the rows.
  yield `${digest.slice(0, digest.lastIndexOf('}')).trimEnd()},\n`;
  yield* array(
    'responses',
    allOf(source, (q) => source.responses(q)),
    false,
  );
  yield* array('votes', votesOf(source), true);
  yield '}\n';
}

import type { ExportSource } from './export-source.ts';
import { csvRecord } from './safe-text.ts';

/**
 * `responses.csv` (open questions) and `votes.csv` (polls): one row per live response or vote as the store stood at
 * the end of the week, RFC 4180 with CRLF line ends, UTF-8; text cells that a spreadsheet would run as a formula
 * start with an apostrophe. Rows of anonymous questions carry no name, platform, channel or link.
 */

export const RESPONSE_COLUMNS = [
  'question',
  'response_id',
  'created_at',
  'edited_at',
  'participant',
  'platform',
  'channel',
  'private',
  'reply_to',
  'new_this_week',
  'body',
  'attachments',
  'link',
];

export const VOTE_COLUMNS = [
  'question',
  'participant',
  'subject',
  'subject_label',
  'choice',
  'choice_label',
  'cast_at',
  'new_this_week',
];

/** Chunks stay small (young-generation strings the garbage collector frees at once), so memory stays flat. */
const CHUNK = 64 * 1024;

export async function* renderResponsesCsv(source: ExportSource): AsyncIterable<string> {
  yield `\ufeff${csvRecord(RESPONSE_COLUMNS)}`;
  for (const question of source.questions) {
    if (question.kind !== 'open') continue;
    for await (const batch of source.responses(question)) {
      let chunk = '';
      for (const r of batch) {
        chunk += csvRecord([
          r.question,
          r.id,
          r.createdAt,
          r.editedAt,
          r.participant,
          r.platform,
          r.channel,
          r.private,
          r.replyTo,
          r.newThisWeek,
          r.body,
          r.attachments,
          r.link,
        ]);
        if (chunk.length > CHUNK) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
  }
}

export async function* renderVotesCsv(source: ExportSource): AsyncIterable<string> {
  yield `\ufeff${csvRecord(VOTE_COLUMNS)}`;
  for (const question of source.questions) {
    if (question.kind === 'open') continue;
    for await (const batch of source.votes(question)) {
      let chunk = '';
      for (const v of batch) {
        chunk += csvRecord([
          v.question,
          v.participant,
          v.subject,
          v.subjectLabel,
          v.choice.join(question.kind === 'ranked' ? '>' : ';'),
          v.choiceLabel,
          v.castAt,
          v.newThisWeek,
        ]);
        if (chunk.length > CHUNK) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
  }
}

import type { QuestionKind } from '../types.ts';
import type { ExportSource, ResponseRow, VoteRow } from './export-source.ts';
import { csvRecord } from './format-escaping.ts';

/**
 * `responses.csv` (every question's replies and private answers) and `votes.csv` (polls): one row per live response or vote as the store stood at
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

type Value = string | number | boolean | null;

/** A response as the values of RESPONSE_COLUMNS (also the XLSX rows); `text` fits long text to a format's cells. */
export function responseValues(r: ResponseRow, text: (value: string) => Value = (value) => value): Value[] {
  return [
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
    text(r.body),
    text(r.attachments),
    r.link,
  ];
}

/** A vote as the values of VOTE_COLUMNS: a ranking joined with ">", several choices with ";". */
export function voteValues(v: VoteRow, kind: QuestionKind): Value[] {
  return [
    v.question,
    v.participant,
    v.subject,
    v.subjectLabel,
    v.choice.join(kind === 'ranked' ? '>' : ';'),
    v.choiceLabel,
    v.castAt,
    v.newThisWeek,
  ];
}

/** Chunks stay small (young-generation strings the garbage collector frees at once), so memory stays flat. */
const CHUNK = 64 * 1024;

export async function* renderResponsesCsv(source: ExportSource): AsyncIterable<string> {
  yield `\ufeff${csvRecord(RESPONSE_COLUMNS)}`;
  // Every question's: a poll's thread replies are responses as much as an open question's.
  for (const question of source.questions) {
    for await (const batch of source.responses(question)) {
      let chunk = '';
      for (const r of batch) {
        chunk += csvRecord(responseValues(r));
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
        chunk += csvRecord(voteValues(v, question.kind));
        if (chunk.length > CHUNK) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
  }
}

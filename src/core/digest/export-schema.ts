import { z } from 'zod';
import { digestModelSchema } from './model.ts';

/**
 * The rows every raw export shares (CSV, XLSX, the JSON export's `responses` and `votes`), as zod schemas: one
 * source (export-source.ts) makes them, every format writes them, so no format can hold what another lacks.
 * A JSON Schema of the JSON export, generated from `digestExportSchema`, is docs/schemas/digest-v2.schema.json.
 */

const isoInstant = z.string().describe('ISO 8601 instant, UTC');

export const responseRowSchema = z.object({
  question: z.string().describe("the question's key; a poll's thread replies are responses too"),
  id: z.string().describe('store id; for anonymous questions a number within the question, e.g. "q-anon-3"'),
  createdAt: isoInstant.describe('for anonymous questions the Monday 00:00 UTC of its ISO week'),
  editedAt: isoInstant.nullable(),
  participant: z.string().nullable().describe('display name (named), pseudonym (pseudonymous), null (anonymous)'),
  platform: z.string().nullable(),
  channel: z.string().nullable().describe('platform:workspace/channel; null for private and anonymous answers'),
  private: z.boolean(),
  replyTo: z.string().nullable().describe('the id of the response it answers'),
  newThisWeek: z.boolean(),
  body: z.string().describe('verbatim'),
  attachments: z.string().describe('"name <url>", joined with "; "'),
  link: z.string().nullable().describe('link to the source message; null for private and anonymous answers'),
});

export const voteRowSchema = z.object({
  question: z.string(),
  participant: z.string().nullable().describe('name or pseudonym; "Anonymous N" (within the question) if anonymous'),
  subject: z.string().describe('the Likert item or statement voted on; empty for other polls'),
  subjectLabel: z.string(),
  choice: z.array(z.string()).describe('option keys (a ranking in order); a Likert point counted from 1'),
  choiceLabel: z.string(),
  castAt: isoInstant.describe('for anonymous questions the Monday 00:00 UTC of its ISO week'),
  newThisWeek: z.boolean(),
});

export const digestExportSchema = digestModelSchema.extend({
  responses: z
    .array(responseRowSchema)
    .describe("every live response up to the end of the week, every question's (polls' thread replies too)"),
  votes: z.array(voteRowSchema).describe('every live vote up to the end of the week'),
});

export type ResponseRow = z.infer<typeof responseRowSchema>;
export type VoteRowValues = z.infer<typeof voteRowSchema>;

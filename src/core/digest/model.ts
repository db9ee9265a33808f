import { z } from 'zod';
import { FEWER_THAN_5 } from '../small-counts.ts';
import { ANONYMITY_LEVELS, PLATFORMS, QUESTION_KINDS } from '../types.ts';

/**
 * The digest model: everything a weekly digest says, built once from the store and rendered into every format.
 * It is also the JSON export (`schemaVersion: 1`) and what the Digest table keeps, so the next digest can say
 * what is new. Instants are ISO 8601 strings in UTC. Any count of an anonymous question below SMALL_GROUP (small-counts.ts)
 * is the string "fewer than 5", and its means, shares and scores are null, so no format can show it.
 * The JSON export adds every row to it (export-schema.ts; its JSON Schema is docs/schemas/digest-v2.schema.json).
 * Version 2: every question counts the replies in its thread (polls too), and the JSON export carries every row.
 */

export const DIGEST_SCHEMA_VERSION = 2;

export const countSchema = z
  .union([z.number().int().nonnegative(), z.literal(FEWER_THAN_5)])
  .describe('A count, or "fewer than 5" where it belongs to an anonymous question and is below 5');

const isoInstant = z.string().describe('ISO 8601 instant, UTC');

export const participationSchema = z.object({
  people: countSchema.describe('people who had contributed by the end of the week'),
  active: countSchema.describe('people who contributed during the week'),
  new: countSchema.describe('active people whose first contribution to the programme was during the week'),
  returning: countSchema.describe('active people who had contributed before the week'),
  nonRespondents: countSchema
    .nullable()
    .describe('people known to the programme who have not answered; null where it cannot be known'),
});

export const breakdownSchema = z.object({
  key: z.string().describe('platform name, or channel as platform:workspace/channel, or "private" for no channel'),
  label: z.string(),
  platform: z.enum(PLATFORMS).nullable(),
  counts: participationSchema,
});

export const quoteSchema = z.object({
  responseId: z.string().nullable().describe('null for anonymous questions'),
  text: z.string().describe('the response verbatim (cut at 1,000 characters when longer, see truncated)'),
  truncated: z.boolean(),
  author: z.string().nullable().describe('display name (named), pseudonym (pseudonymous), null (anonymous)'),
  at: isoInstant.describe('when it was written; for anonymous questions the Monday 00:00 UTC of its ISO week'),
  link: z.string().nullable().describe('link to the source message; null for private and anonymous answers'),
  replies: countSchema,
  isNew: z.boolean().describe('written since the previous digest'),
});

export const positionSchema = z.object({
  id: z.string(),
  summary: z.string(),
  support: countSchema,
  supportLabel: z.string().describe('what support counts, e.g. "replies"'),
  quotes: z.array(quoteSchema),
  isNew: z.boolean().describe('not among the previous digest positions'),
  crossTab: z
    .object({
      questionKey: z.string(),
      prompt: z.string(),
      kind: z.enum(['choice', 'likert']),
      answered: countSchema,
      rows: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          count: countSchema,
          share: z.number().nullable().describe('choice: count / answered, 0 to 1; Likert: mean, 1 = lowest point'),
        }),
      ),
    })
    .nullable()
    .optional()
    .describe("how this theme's people answered the compared choice or Likert question"),
});

const groupStatementSchema = z.object({
  text: z.string().describe('the statement verbatim'),
  direction: z.enum(['agree', 'disagree']),
  count: countSchema.describe('people who voted this way'),
  seen: countSchema.describe('people who voted on it at all'),
  share: z.number().nullable().describe('count / seen, 0 to 1'),
});

export const opinionGroupsSchema = z.object({
  status: z.enum(['grouped', 'not-enough-votes']),
  message: z.string().nullable().describe('why there are no groups yet, and how many more people are needed'),
  clarity: z
    .string()
    .nullable()
    .optional()
    .describe('how clear-cut the grouping is: how many of the clustering runs found these groups, in a sentence'),
  groups: z.array(z.object({ label: z.string(), size: countSchema, representative: z.array(groupStatementSchema) })),
  consensus: z.array(groupStatementSchema.extend({ isNew: z.boolean().describe('common ground since last week') })),
  map: z
    .array(z.object({ x: z.number(), y: z.number(), group: z.number().int().nullable() }))
    .describe('every voter on the two main axes of opinion, unnamed; group null when not yet placed'),
});

export const positionsSchema = z.object({
  source: z.string().describe('the method that found them: "most-replied", "themes" or "opinion-groups"'),
  description: z.string(),
  items: z.array(positionSchema),
  other: z
    .object({ people: countSchema, responses: countSchema })
    .optional()
    .describe('responses in themes too small to show'),
  opinionGroups: opinionGroupsSchema.nullable().optional().describe('agree/disagree questions'),
  written: z
    .object({
      method: z.string(),
      overview: z.string(),
      points: z.array(z.object({ text: z.string(), quotes: z.array(quoteSchema) })),
      dropped: z.number().int().describe('quotes the writer gave that were not verbatim, left out'),
    })
    .nullable()
    .optional()
    .describe('a summary written by a language model; its quotes are checked against the record'),
  movement: z.array(z.string()).optional().describe('how positions moved since the previous week, in sentences'),
  asOf: z.string().optional().describe('when the summary they come from was computed (ISO 8601)'),
});

const optionCount = z.object({
  key: z.string(),
  label: z.string(),
  votes: countSchema,
  share: z.number().nullable().describe('votes / voters, 0 to 1'),
});

export const pollResultsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('choice'), multiple: z.boolean(), voters: countSchema, options: z.array(optionCount) }),
  z.object({
    type: z.literal('ranked'),
    voters: countSchema,
    options: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        firstPreferences: countSchema,
        firstShare: z.number().nullable(),
        bordaPoints: z.number().nullable().describe('n-1 points for a first place, down to 0; unranked options 0'),
        bordaRank: z.number().int().nullable(),
      }),
    ),
  }),
  z.object({
    type: z.literal('likert'),
    scale: z.array(z.string()),
    items: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        responses: countSchema,
        distribution: z.array(countSchema).describe('one count per scale point, lowest first'),
        mean: z.number().nullable().describe('1 = lowest scale point'),
      }),
    ),
  }),
  z.object({
    type: z.literal('statements'),
    voters: countSchema,
    statements: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        status: z.enum(['approved', 'pending']),
        votes: countSchema,
        agree: countSchema,
        disagree: countSchema,
        pass: countSchema,
        agreeShare: z.number().nullable().describe('agree / votes, 0 to 1'),
      }),
    ),
  }),
]);

export const digestQuestionSchema = z.object({
  id: z.string(),
  key: z.string(),
  section: z.string(),
  prompt: z.string(),
  kind: z.enum(QUESTION_KINDS),
  anonymity: z.enum(ANONYMITY_LEVELS),
  status: z.enum(['scheduled', 'open', 'closed', 'archived']),
  opensAt: isoInstant.nullable(),
  closesAt: isoInstant.nullable(),
  participation: z.object({
    overall: participationSchema,
    byPlatform: z.array(breakdownSchema),
    byChannel: z.array(breakdownSchema),
  }),
  responses: z
    .object({
      total: countSchema,
      thisWeek: countSchema,
      sinceLastDigest: countSchema,
      previousTotal: countSchema.nullable().describe('the total in the previous digest'),
    })
    .nullable()
    .describe(
      'replies in the thread and private answers; null for a poll nobody has replied to (and for every poll in digests kept before version 2)',
    ),
  results: pollResultsSchema.nullable().describe('polls only'),
  positions: positionsSchema.nullable().describe('open and agree/disagree questions'),
  quotes: z.array(quoteSchema).describe("a few of the responses written this week (a poll's: replies in its thread)"),
});

export const heardSchema = z.object({
  members: z.number().int().nonnegative().describe('members on the roster'),
  tookPart: z.number().int().nonnegative().describe('members who responded or voted in the programme'),
  share: z.number().describe('tookPart / members, 0 to 1'),
  groups: z.array(
    z.object({
      attribute: z.string(),
      value: z.string(),
      members: countSchema.describe('"fewer than 5" for a group of fewer than 5 members'),
      tookPart: countSchema,
      share: z.number().nullable().describe('null for a group of fewer than 5 members'),
      underHeard: z.boolean().describe("its share is below three quarters of the whole roster's"),
    }),
  ),
});

export const digestModelSchema = z.object({
  schemaVersion: z.literal(DIGEST_SCHEMA_VERSION),
  generatedAt: isoInstant,
  programme: z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    organisation: z.string(),
    timezone: z.string(),
  }),
  week: z.object({ label: z.string().describe('ISO week, e.g. 2026-W48'), start: isoInstant, end: isoInstant }),
  previousDigest: z.object({ week: z.string(), generatedAt: isoInstant }).nullable(),
  quiet: z.boolean().describe('true when nobody responded or voted during the week'),
  totals: z.object({
    responsesThisWeek: z.number().int().nonnegative(),
    votesThisWeek: z.number().int().nonnegative(),
  }),
  participation: z.object({ overall: participationSchema, byPlatform: z.array(breakdownSchema) }),
  questions: z.array(digestQuestionSchema),
  heard: heardSchema
    .nullable()
    .optional()
    .describe("who has been heard, against the programme's membership roster; absent without a roster"),
});

/** A digest kept in the Digest table, of this version or the one before (whose polls had no response counts). */
export const storedDigestSchema = digestModelSchema.extend({ schemaVersion: z.union([z.literal(1), z.literal(2)]) });

export type Count = z.infer<typeof countSchema>;
export type Participation = z.infer<typeof participationSchema>;
export type Breakdown = z.infer<typeof breakdownSchema>;
export type DigestQuote = z.infer<typeof quoteSchema>;
export type DigestPosition = z.infer<typeof positionSchema>;
export type DigestPositions = z.infer<typeof positionsSchema>;
export type PollResults = z.infer<typeof pollResultsSchema>;
export type DigestQuestion = z.infer<typeof digestQuestionSchema>;
export type DigestModel = z.infer<typeof digestModelSchema>;
export type DigestHeard = z.infer<typeof heardSchema>;

/** What raw exports need of a digest: its programme, week and questions, without any counting. */
export type DigestOutline = Pick<DigestModel, 'schemaVersion' | 'generatedAt' | 'programme' | 'week'> & {
  questions: Pick<DigestQuestion, 'id' | 'key' | 'kind' | 'prompt' | 'anonymity' | 'section' | 'status'>[];
};

export function formatCount(count: Count): string {
  return typeof count === 'number' ? count.toLocaleString('en-GB') : FEWER_THAN_5;
}

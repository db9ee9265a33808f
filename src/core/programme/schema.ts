import { z } from 'zod';
import { ANONYMITY_LEVELS, QUESTION_KINDS, RESULTS_VISIBILITY } from '../types.ts';

/** The programme file format, as organisers write it (YAML keys in snake_case). */

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and hyphens, like "ascl-blueprint"');
const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'use lower-case letters, digits, "-" and "_", like "q1" or "funding"');
const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/, 'write a local date and time like "2026-12-01 09:00"');
const emailAddress = z
  .string()
  .trim()
  .regex(/^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/, 'write a plain e-mail address, like "chair@example.org"');
/** Who receives the weekly digest by e-mail: organisers always, readers until they unsubscribe. */
const digestEmail = z
  .object({
    organisers: z.array(emailAddress).max(200).default([]),
    readers: z.array(emailAddress).max(2000).default([]),
  })
  .strict()
  .superRefine((lists, context) => {
    const seen = new Map<string, string>();
    for (const list of ['organisers', 'readers'] as const) {
      lists[list].forEach((address, index) => {
        const key = address.toLowerCase();
        const first = seen.get(key);
        if (first)
          context.addIssue({
            code: 'custom',
            path: [list, index],
            message: `${address} is listed twice (first under ${first}); list each address once`,
          });
        else seen.set(key, list);
      });
    }
  });
const labelled = z.union([
  z.string().min(1).max(150),
  z.object({ id: key, label: z.string().min(1).max(150) }).strict(),
]);

export const questionSchema = z
  .object({
    id: key,
    kind: z.enum(QUESTION_KINDS),
    prompt: z.string().trim().min(1, 'a question needs its prompt').max(3000),
    intro: z.string().max(20_000).optional(),
    channels: z.array(key).min(1).optional(),
    opens: localTime.optional(),
    closes: localTime.optional(),
    reminders: z.array(localTime).max(10).optional(),
    anonymity: z.enum(ANONYMITY_LEVELS).default('named'),
    results: z.enum(RESULTS_VISIBILITY).default('live'),
    options: z.array(labelled).max(25).optional(),
    items: z.array(labelled).max(25).optional(),
    scale: z.array(z.string().min(1).max(75)).min(2).max(10).optional(),
    statements: z.array(z.string().trim().min(1).max(280)).max(500).optional(),
    min_choices: z.number().int().min(0).max(25).optional(),
    max_choices: z.number().int().min(1).max(25).optional(),
    participant_statements: z.boolean().default(true),
    /** An open question's themes are cross-tabulated with this choice or Likert question's answers. */
    cross_tab: key.optional(),
  })
  .strict();

export const sectionSchema = z
  .object({
    id: key,
    title: z.string().trim().min(1).max(150),
    intro: z.string().max(20_000).optional(),
    questions: z.array(questionSchema).min(1, 'a section needs at least one question'),
  })
  .strict();

export const programmeSchema = z
  .object({
    slug,
    title: z.string().trim().min(1).max(150),
    organisation: z.string().max(150).optional(),
    intro: z.string().max(20_000).optional(),
    timezone: z.string().default('Europe/London'),
    channels: z.record(key, z.string().max(300)).refine((c) => Object.keys(c).length > 0, 'name at least one channel'),
    organisers_channel: key.optional(),
    digest: z
      .object({ cron: z.string().default('0 8 * * 1'), email: digestEmail.optional() })
      .strict()
      .default({ cron: '0 8 * * 1' }),
    retention_days: z.number().int().min(1).max(3650).optional(),
    participants_see_positions: z.boolean().default(true),
    statement_approval: z.boolean().default(false),
    sections: z.array(sectionSchema).min(1, 'a programme needs at least one section'),
  })
  .strict();

export type ProgrammeFile = z.infer<typeof programmeSchema>;
export type QuestionFile = z.infer<typeof questionSchema>;

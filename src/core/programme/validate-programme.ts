import type { z } from 'zod';
import { isValidTimeZone, localTimeToInstant, readLocalTime } from '../time-zone.ts';
import {
  DEFAULT_LIKERT_SCALE,
  type OptionDefinition,
  type ProgrammeDefinition,
  type QuestionDefinition,
} from './definition.ts';
import { type ProgrammeFile, programmeSchema, type QuestionFile } from './schema.ts';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/;

export type ProblemPath = (string | number)[];

export interface ProgrammeProblem {
  path: ProblemPath;
  message: string;
}

export type ProgrammeValidation =
  | { ok: true; programme: ProgrammeDefinition }
  | { ok: false; problems: ProgrammeProblem[] };

export interface ValidationOptions {
  /** Cron syntax belongs to the scheduler; the caller says whether an expression parses. */
  isValidCron: (expression: string) => boolean;
}

function fromZod(error: z.ZodError): ProgrammeProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: issue.message,
  }));
}

/** Turns labels into stable keys: "Strongly agree" -> "strongly-agree", unique within the list. */
function optionKeys(entries: (string | { id: string; label: string })[]): OptionDefinition[] {
  const used = new Set<string>();
  return entries.map((entry) => {
    if (typeof entry !== 'string') {
      used.add(entry.id);
      return { key: entry.id, label: entry.label };
    }
    const base =
      entry
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || 'option';
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
    used.add(candidate);
    return { key: candidate, label: entry };
  });
}

function checkQuestion(
  q: Partial<QuestionFile>,
  at: ProblemPath,
  declared: Set<string>,
  problems: ProgrammeProblem[],
): void {
  const problem = (field: string, message: string) => problems.push({ path: [...at, field], message });
  const choiceKinds = ['single_choice', 'multi_choice', 'ranked'];
  if (typeof q.kind === 'string' && choiceKinds.includes(q.kind)) {
    if (!q.options || q.options.length < 2) problem('options', `a ${q.kind} question needs at least two options`);
  } else if (q.options) {
    problem('options', `options belong to choice questions, not to a ${q.kind} question (use items for Likert)`);
  }
  if (q.kind !== 'likert' && (q.items || q.scale))
    problem(q.items ? 'items' : 'scale', 'items and scale are for Likert questions');
  if (q.kind !== 'statements' && q.statements) problem('statements', 'statements are for agree/disagree questions');
  if (q.kind !== 'multi_choice' && (q.min_choices !== undefined || q.max_choices !== undefined)) {
    problem(
      q.min_choices !== undefined ? 'min_choices' : 'max_choices',
      'min_choices and max_choices are for multi_choice questions',
    );
  }
  if (q.kind === 'multi_choice' && q.options) {
    const max = q.max_choices ?? q.options.length;
    if (max > q.options.length)
      problem('max_choices', `max_choices is ${max} but there are only ${q.options.length} options`);
    if ((q.min_choices ?? 1) > max) problem('min_choices', 'min_choices is larger than max_choices');
  }
  for (const [i, channel] of (Array.isArray(q.channels) ? q.channels : []).entries()) {
    if (!declared.has(channel)) {
      problems.push({
        path: [...at, 'channels', i],
        message: `"${channel}" is not one of the programme's channels (${[...declared].join(', ')})`,
      });
    }
  }
}

function checkTimes(q: Partial<QuestionFile>, at: ProblemPath, timezone: string, problems: ProgrammeProblem[]): void {
  const instant = (text: unknown, path: ProblemPath): Date | null => {
    if (typeof text !== 'string' || !LOCAL_TIME.test(text)) return null;
    const reading = readLocalTime(text, timezone);
    if (reading.ok) return reading.instant;
    problems.push({ path: [...at, ...path], message: reading.message });
    return null;
  };
  const opens = instant(q.opens, ['opens']);
  const closes = instant(q.closes, ['closes']);
  if (opens && closes && closes <= opens) {
    problems.push({ path: [...at, 'closes'], message: `closes (${q.closes}) must be after opens (${q.opens})` });
  }
  for (const [i, reminder] of (Array.isArray(q.reminders) ? q.reminders : []).entries()) {
    const when = instant(reminder, ['reminders', i]);
    if (!when) continue;
    if ((opens && when <= opens) || (closes && when >= closes)) {
      problems.push({
        path: [...at, 'reminders', i],
        message: 'a reminder must fall between the question opening and closing',
      });
    }
  }
}

function toQuestion(
  q: QuestionFile,
  sectionKey: string,
  position: number,
  timezone: string,
  channels: string[],
): QuestionDefinition {
  const at = (t?: string) => (t ? localTimeToInstant(t, timezone) : null);
  let options: OptionDefinition[] = [];
  if (q.kind === 'likert') options = optionKeys(q.items ?? [{ id: 'overall', label: q.prompt.slice(0, 150) }]);
  else if (q.kind === 'statements') options = (q.statements ?? []).map((label, i) => ({ key: `s${i + 1}`, label }));
  else if (q.options) options = optionKeys(q.options);
  const multi = q.kind === 'multi_choice';
  return {
    key: q.id,
    sectionKey,
    position,
    kind: q.kind,
    prompt: q.prompt,
    intro: q.intro ?? '',
    channels: q.channels ?? channels,
    opensAt: at(q.opens),
    closesAt: at(q.closes),
    reminders: (q.reminders ?? []).map((r) => localTimeToInstant(r, timezone)),
    anonymity: q.anonymity,
    resultsVisibility: q.results,
    options,
    minChoices: multi ? (q.min_choices ?? 1) : 1,
    maxChoices: multi ? (q.max_choices ?? options.length) : q.kind === 'ranked' ? options.length : 1,
    config: {
      ...(q.kind === 'likert' ? { scale: q.scale ?? DEFAULT_LIKERT_SCALE } : {}),
      ...(q.kind === 'statements' ? { participantStatements: q.participant_statements } : {}),
      ...(q.cross_tab ? { crossTab: q.cross_tab } : {}),
    },
  };
}

/** Checks that need the whole programme. They run on the raw input too, so that all problems are listed at once. */
function checkProgramme(file: LooseProgramme, options: ValidationOptions, problems: ProgrammeProblem[]): void {
  const timezone = typeof file.timezone === 'string' ? file.timezone : 'Europe/London';
  if (!isValidTimeZone(timezone)) {
    problems.push({
      path: ['timezone'],
      message: `"${timezone}" is not a time zone; use an IANA name like "Europe/London"`,
    });
  }
  const cronExpression = file.digest?.cron;
  if (typeof cronExpression === 'string' && !options.isValidCron(cronExpression)) {
    problems.push({
      path: ['digest', 'cron'],
      message: `"${cronExpression}" is not a cron expression; the default is "0 8 * * 1" (Mondays 08:00)`,
    });
  }
  const declared = new Set(file.channels && typeof file.channels === 'object' ? Object.keys(file.channels) : []);
  if (file.organisers_channel && !declared.has(file.organisers_channel)) {
    problems.push({
      path: ['organisers_channel'],
      message: `"${file.organisers_channel}" is not one of the programme's channels`,
    });
  }
  const seenSections = new Set<string>();
  const seenQuestions = new Map<string, string>();
  for (const [s, section] of (Array.isArray(file.sections) ? file.sections : []).entries()) {
    if (!section || typeof section !== 'object') continue;
    const sectionId = String(section.id);
    if (seenSections.has(sectionId))
      problems.push({ path: ['sections', s, 'id'], message: `section id "${sectionId}" is used twice` });
    seenSections.add(sectionId);
    for (const [i, question] of (Array.isArray(section.questions) ? section.questions : []).entries()) {
      if (!question || typeof question !== 'object') continue;
      const at: ProblemPath = ['sections', s, 'questions', i];
      const questionId = String(question.id);
      const where = seenQuestions.get(questionId);
      if (where !== undefined)
        problems.push({
          path: [...at, 'id'],
          message: `question id "${questionId}" is already used in section "${where}"`,
        });
      seenQuestions.set(questionId, sectionId);
      checkQuestion(question, at, declared, problems);
      checkTimes(question, at, isValidTimeZone(timezone) ? timezone : 'UTC', problems);
    }
  }
  checkCrossTabs(file, problems);
}

/** `cross_tab` belongs to open questions and names a choice or Likert question of the same programme. */
function checkCrossTabs(file: LooseProgramme, problems: ProgrammeProblem[]): void {
  const sections = Array.isArray(file.sections) ? file.sections : [];
  const kinds = new Map<string, unknown>();
  for (const section of sections)
    for (const q of Array.isArray(section?.questions) ? section.questions : []) if (q) kinds.set(String(q.id), q.kind);
  for (const [s, section] of sections.entries()) {
    for (const [i, q] of (Array.isArray(section?.questions) ? section.questions : []).entries()) {
      if (!q || q.cross_tab === undefined) continue;
      const at = ['sections', s, 'questions', i, 'cross_tab'];
      const target = kinds.get(String(q.cross_tab));
      if (q.kind !== 'open') problems.push({ path: at, message: 'cross_tab is for open questions' });
      else if (target === undefined)
        problems.push({ path: at, message: `"${q.cross_tab}" is not a question of this programme` });
      else if (target === 'open' || target === 'statements')
        problems.push({ path: at, message: `"${q.cross_tab}" is not a choice or Likert question` });
    }
  }
}

type LooseProgramme = Partial<Omit<ProgrammeFile, 'sections'>> & {
  sections?: (Partial<Omit<ProgrammeFile['sections'][number], 'questions'>> & { questions?: QuestionFile[] })[];
};

/** Validates a parsed programme file; every problem is reported at once, with the path of the field at fault. */
export function validateProgramme(input: unknown, options: ValidationOptions): ProgrammeValidation {
  const parsed = programmeSchema.safeParse(input);
  const problems: ProgrammeProblem[] = parsed.success ? [] : fromZod(parsed.error);
  const loose = (parsed.success ? parsed.data : input) as LooseProgramme;
  if (loose && typeof loose === 'object') checkProgramme(loose, options, problems);
  if (!parsed.success || problems.length > 0) {
    const unique = new Map(problems.map((p) => [`${p.path.join('.')}|${p.message}`, p]));
    return { ok: false, problems: [...unique.values()] };
  }
  const file: ProgrammeFile = parsed.data;
  const declared = new Set(Object.keys(file.channels));

  const allChannels = [...declared].filter((c) => c !== file.organisers_channel);
  let position = 0;
  const questions = file.sections.flatMap((section) =>
    section.questions.map((q) =>
      toQuestion(q, section.id, position++, file.timezone, allChannels.length ? allChannels : [...declared]),
    ),
  );
  return {
    ok: true,
    programme: {
      slug: file.slug,
      title: file.title,
      organisation: file.organisation ?? '',
      intro: file.intro ?? '',
      timezone: file.timezone,
      channels: Object.entries(file.channels).map(([placeholder, description]) => ({ placeholder, description })),
      organisersChannel: file.organisers_channel ?? null,
      digestCron: file.digest.cron,
      retentionDays: file.retention_days ?? null,
      settings: {
        participantsSeePositions: file.participants_see_positions,
        statementApproval: file.statement_approval,
        ...(file.digest.email ? { digestEmail: file.digest.email } : {}),
      },
      sections: file.sections.map((s, i) => ({ key: s.id, title: s.title, intro: s.intro ?? '', position: i })),
      questions,
    },
  };
}

import type { PlatformRegistry } from '../consultation/deps.ts';
import { UserError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import { silentLogger } from '../ports/logger.ts';
import type { WrittenAnswer } from '../ports/reporting.ts';
import type { Store } from '../ports/store.ts';
import type { Summariser } from '../ports/summariser.ts';
import type { SummaryWriter } from '../ports/summary-writer.ts';
import { DEFAULT_MIN_PARTICIPANTS } from '../positions/opinion-groups.ts';
import type { QuestionRecord, VoteRecord } from '../records.ts';
import { crossTab, crossTabQuestion } from './cross-tab.ts';
import { summaryInputHash } from './input-hash.ts';
import { writeVerifiedSummary } from './llm-summary.ts';
import { type QuestionSummary, quotesOf, SUMMARY_VERSION, type SummaryMethod, type WrittenPart } from './model.ts';
import { OPINION_GROUP_SEED, opinionGroupsPart } from './opinion-groups-part.ts';
import { type ComparedAnswers, summaryQuote, THEME_MIN_PEOPLE, themesPart } from './themes-part.ts';
import { type Author, INCREMENTAL_SHARE, updatedThemes } from './themes-update.ts';
import { type QuoteSource, verifyQuotes } from './verify-quotes.ts';

export interface SummaryDeps {
  store: Store;
  clock: Clock;
  logger?: Logger;
  /** A language model for written summaries of open questions; absent or null: extractive themes only. */
  summaryWriter?: SummaryWriter | null;
  summaryWriterTimeoutMs?: number;
  /** The connected chat platforms: quotes link to their messages through them (no links without them). */
  platforms?: PlatformRegistry;
}

export interface SummaryOutcome {
  summary: QuestionSummary;
  /** The stored summary was still current, so nothing was recomputed. */
  reused: boolean;
}

const DEFAULT_WRITER_TIMEOUT_MS = 20_000;

export function summaryMethodOf(question: QuestionRecord): SummaryMethod {
  if (question.kind === 'statements') return 'opinion-groups';
  if (question.kind === 'open') return 'themes';
  throw new UserError(
    'POSITIONS_UNAVAILABLE',
    `"${question.key}" is a poll: it has results rather than positions. Positions are mapped for open and agree/disagree questions.`,
    { question: question.key },
  );
}

// Times are compared as text on SQLite, so the bound must print as a four-digit year.
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

type Marks = NonNullable<QuestionSummary['marks']>;

const sameMarks = (a: Marks | undefined, b: Marks) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

async function liveResponses(deps: SummaryDeps, questionId: string, after?: Date): Promise<WrittenAnswer[]> {
  const rows: WrittenAnswer[] = [];
  for await (const batch of deps.store.reporting.answers(questionId, { until: FAR_FUTURE, after })) rows.push(...batch);
  return rows;
}

/** The quoted responses of a summary, read one by one: a stored summary is checked without reading every answer. */
async function quotedSources(deps: SummaryDeps, summary: QuestionSummary): Promise<Map<string, QuoteSource>> {
  const sources = new Map<string, QuoteSource>();
  for (const id of new Set(quotesOf(summary).map((q) => q.responseId))) {
    const response = await deps.store.responses.findById(id);
    if (response && !response.deletedAt) sources.set(id, response);
  }
  return sources;
}

/** What a question's summary would be computed from now, and the stored one, with whether that still stands. */
async function summaryState(deps: SummaryDeps, question: QuestionRecord) {
  const { store } = deps;
  const method = summaryMethodOf(question);
  const compared = method === 'themes' ? await comparedAnswers(deps, question) : null;
  const parameters: Record<string, number | string | boolean> =
    method === 'opinion-groups'
      ? { seed: OPINION_GROUP_SEED, minParticipants: DEFAULT_MIN_PARTICIPANTS }
      : {
          minPeople: THEME_MIN_PEOPLE,
          crossTab: compared?.question.key ?? '',
          writer: deps.summaryWriter?.method ?? 'none',
        };
  const marks: Marks = {
    question: await store.reporting.inputsMark(question.id),
    compared: compared ? await store.reporting.inputsMark(compared.question.id) : null,
  };
  const stored = await store.summaries.latest(question.id, method);
  const storedSummary = stored?.content as QuestionSummary | undefined;
  const sameParameters = JSON.stringify(storedSummary?.parameters) === JSON.stringify(parameters);
  // A written summary that failed (a time-out, say) is tried again rather than kept until the inputs change.
  const current = Boolean(
    storedSummary && sameParameters && sameMarks(storedSummary.marks, marks) && !storedSummary.writtenFallback,
  );
  return { method, compared, parameters, marks, stored, storedSummary, sameParameters, current };
}

/** The stored summary of a question when it still stands (nothing it was computed from has changed), else null. */
export async function currentStoredSummary(
  deps: SummaryDeps,
  question: QuestionRecord,
): Promise<QuestionSummary | null> {
  const state = await summaryState(deps, question);
  return state.current ? (state.storedSummary as QuestionSummary) : null;
}

/**
 * The current summary of a question: the stored one when what it was computed from has not changed (the store's
 * marks, counted in the database, so nothing else is read), else computed, stored and returned. Themes with only
 * new answers since the stored summary (at most INCREMENTAL_SHARE more) are updated from it rather than found again.
 * Every quote is checked against the live responses before the summary is given out.
 */
export async function summariseQuestion(deps: SummaryDeps, question: QuestionRecord): Promise<SummaryOutcome> {
  const { store, clock } = deps;
  const { method, compared, parameters, marks, stored, storedSummary, sameParameters, current } = await summaryState(
    deps,
    question,
  );
  if (current && storedSummary)
    return { summary: checked(deps, storedSummary, await quotedSources(deps, storedSummary)), reused: true };

  if (method === 'themes' && storedSummary && sameParameters && !deps.summaryWriter) {
    const updated = await incrementalThemes(deps, question, storedSummary, marks, compared);
    if (updated) {
      await store.summaries.save({
        questionId: question.id,
        method,
        inputHash: `incremental:${stored?.id}:${updated.inputs.responses}`,
        content: updated,
        createdAt: clock.now(),
      });
      return { summary: checked(deps, updated, await quotedSources(deps, updated)), reused: false };
    }
  }

  const responses = method === 'themes' ? await liveResponses(deps, question.id) : [];
  const statements =
    method === 'opinion-groups' ? await store.questions.options(question.id, { includePending: true }) : [];
  const votes = method === 'opinion-groups' ? await store.votes.listByQuestion(question.id) : [];
  const comparedVotes = compared ? await compared.votes() : [];
  const inputHash = summaryInputHash({
    method,
    parameters,
    responses,
    statements,
    votes: [...votes, ...comparedVotes],
  });
  const sources = new Map<string, QuoteSource>(responses.map((r) => [r.id, r]));
  const live = responses;
  const liveVotes = votes.filter((v) => !v.retractedAt).length;
  const earlierGroups =
    method === 'opinion-groups' && storedSummary && sameParameters && onlyMoreVotes(storedSummary, marks, liveVotes)
      ? storedSummary.opinionGroups
      : null;
  const themes = method === 'themes' ? themesPart(live, compared) : null;
  const written = themes && deps.summaryWriter ? await writtenPart(deps, question, live, themes, sources) : null;
  const summary: QuestionSummary = {
    version: SUMMARY_VERSION,
    questionId: question.id,
    questionKey: question.key,
    prompt: question.prompt,
    computedAt: clock.now().toISOString(),
    method,
    parameters,
    inputs: {
      responses: live.length,
      privateResponses: live.filter((r) => r.private).length,
      votes: liveVotes,
      participants: new Set([
        ...live.map((r) => r.participantId),
        ...votes.filter((v) => !v.retractedAt).map((v) => v.participantId),
      ]).size,
      statements: statements.filter((s) => s.status === 'approved').length,
    },
    marks,
    update:
      earlierGroups && storedSummary
        ? { kind: 'incremental', from: storedSummary.computedAt, added: liveVotes - storedSummary.inputs.votes }
        : { kind: 'full' },
    opinionGroups: method === 'opinion-groups' ? opinionGroupsPart(statements, votes, undefined, earlierGroups) : null,
    themes,
    written: written && 'overview' in written ? written : null,
    writtenFallback: written && 'fallback' in written ? written.fallback : null,
  };
  await store.summaries.save({ questionId: question.id, method, inputHash, content: summary, createdAt: clock.now() });
  return { summary: checked(deps, summary, sources), reused: false };
}

/**
 * Whether a stored grouping can be updated rather than found again: same statements, no vote retracted since,
 * and at most INCREMENTAL_SHARE more live votes than it was made from.
 */
function onlyMoreVotes(before: QuestionSummary, marks: Marks, liveVotes: number): boolean {
  const was = before.marks?.question;
  if (before.opinionGroups?.status !== 'grouped' || !was || was.statements !== marks.question.statements) return false;
  const retractedWas = was.votes.split('/')[3];
  const retractedNow = marks.question.votes.split('/')[3];
  const added = liveVotes - before.inputs.votes;
  return retractedWas === retractedNow && added > 0 && added <= INCREMENTAL_SHARE * Math.max(1, before.inputs.votes);
}

/**
 * The stored themes updated with the answers written since, when that is all that changed (no edit, deletion or
 * erasure since, and not too many new answers); null when they must be found again.
 */
async function incrementalThemes(
  deps: SummaryDeps,
  question: QuestionRecord,
  before: QuestionSummary,
  marks: Marks,
  compared: (ComparedAnswers & { question: QuestionRecord; votes(): Promise<VoteRecord[]> }) | null,
): Promise<QuestionSummary | null> {
  const was = before.marks?.question;
  const now = marks.question;
  if (!before.themes?.model || !was || (was.revisions === now.revisions && was.responses === now.responses))
    return null;
  const addedCount = now.responses - was.responses;
  const [allWas, editedWas, deletedWas, writtenWas] = was.revisions.split('/');
  const [allNow, editedNow, deletedNow, writtenNow] = now.revisions.split('/');
  // Only additions: every row there was is still there, unedited and undeleted, and the new ones are live.
  const onlyAdded =
    editedWas === editedNow &&
    deletedWas === deletedNow &&
    Number(allNow) - Number(allWas) === addedCount &&
    addedCount > 0 &&
    was.latestResponse !== null;
  if (!onlyAdded || addedCount > INCREMENTAL_SHARE * Math.max(1, before.inputs.responses)) return null;
  const added = await liveResponses(deps, question.id, new Date(was.latestResponse as string));
  const addedLength = added.reduce((n, r) => n + r.body.length, 0);
  if (added.length !== addedCount || Number(writtenNow) - Number(writtenWas) !== addedLength) return null;
  const authors = new Map<string, Author>();
  for await (const batch of deps.store.reporting.authors(question.id))
    for (const a of batch) authors.set(a.id, { participantId: a.participantId, private: a.private });
  if (compared) await compared.votes();
  const themes = updatedThemes(before.themes, added, authors, compared);
  if (!themes) return null;
  let privateResponses = 0;
  const people = new Set<string>();
  for (const a of authors.values()) {
    if (a.private) privateResponses++;
    people.add(a.participantId);
  }
  return {
    ...before,
    computedAt: deps.clock.now().toISOString(),
    inputs: { ...before.inputs, responses: authors.size, privateResponses, participants: people.size },
    marks,
    update: { kind: 'incremental', from: before.computedAt, added: added.length },
    themes,
  };
}

async function comparedAnswers(
  deps: SummaryDeps,
  question: QuestionRecord,
): Promise<(ComparedAnswers & { question: QuestionRecord; votes(): Promise<VoteRecord[]> }) | null> {
  const siblings = await deps.store.questions.listByProgramme(question.programmeId);
  const other = crossTabQuestion(question, siblings);
  if (!other) return null;
  const options = await deps.store.questions.options(other.id);
  // Read when first needed: a stored summary that still stands needs none of them.
  let votes: Promise<VoteRecord[]> | null = null;
  const load = () => {
    votes ??= deps.store.votes.listByQuestion(other.id);
    return votes;
  };
  let loaded: VoteRecord[] = [];
  return {
    question: other,
    votes: async () => {
      loaded = await load();
      return loaded;
    },
    tabulate: (people) => crossTab(other, options, loaded, people),
  };
}

async function writtenPart(
  deps: SummaryDeps,
  question: QuestionRecord,
  live: WrittenAnswer[],
  themes: NonNullable<QuestionSummary['themes']>,
  sources: Map<string, QuoteSource>,
): Promise<WrittenPart | { fallback: string }> {
  const writer = deps.summaryWriter as SummaryWriter;
  const byId = new Map(live.map((r) => [r.id, r]));
  const outcome = await writeVerifiedSummary(
    writer,
    {
      questionPrompt: question.prompt,
      responses: live.map((r) => ({ id: r.id, text: r.body })),
      themes: themes.themes.map((t) => ({ label: t.label, responseIds: t.responseIds })),
    },
    sources,
    { timeoutMs: deps.summaryWriterTimeoutMs ?? DEFAULT_WRITER_TIMEOUT_MS, logger: deps.logger ?? silentLogger },
  );
  if (outcome.status === 'fallback') return { fallback: outcome.reason };
  return {
    method: outcome.method,
    overview: outcome.overview,
    points: outcome.points.map((p) => ({
      text: p.text,
      quotes: p.quotes.map((q) => summaryQuote(byId.get(q.responseId) as WrittenAnswer, q.text)),
    })),
    dropped: outcome.dropped,
  };
}

/** The summariser readers ask for fresh summaries: this module, computing and storing them. */
export function storingSummariser(deps: SummaryDeps): Summariser {
  return { fresh: async (question) => (await summariseQuestion(deps, question)).summary };
}

/**
 * The stored summary of a question when it still stands, as it may be shown now; else a fresh one from the
 * summariser. Reading never writes: only the summariser keeps summaries.
 */
export async function standingSummary(
  deps: SummaryDeps,
  summariser: Summariser,
  question: QuestionRecord,
): Promise<QuestionSummary> {
  const stored = await currentStoredSummary(deps, question);
  return stored ? checkedAgainstRecord(deps, question, stored) : summariser.fresh(question);
}

/** A stored summary as it may be shown now: any quote of a response deleted since is left out. */
export async function checkedAgainstRecord(deps: SummaryDeps, _question: QuestionRecord, summary: QuestionSummary) {
  return checked(deps, summary, await quotedSources(deps, summary), { expected: true });
}

/** Drops any quote that is not a verbatim part of a live response, logging it as a bug unless `expected`. */
function checked(
  deps: SummaryDeps,
  summary: QuestionSummary,
  sources: Map<string, QuoteSource>,
  options: { expected?: boolean } = {},
): QuestionSummary {
  const { dropped } = verifyQuotes(quotesOf(summary), sources);
  if (dropped.length === 0) return summary;
  if (!options.expected)
    (deps.logger ?? silentLogger).error(
      { question: summary.questionKey, dropped: dropped.length },
      'summary quotes failed verification',
    );
  const bad = new Set(dropped.map((q) => `${q.responseId}\n${q.text}`));
  const keep = <Q extends { responseId: string; text: string }>(quotes: Q[]) =>
    quotes.filter((q) => !bad.has(`${q.responseId}\n${q.text}`));
  return {
    ...summary,
    themes: summary.themes && {
      ...summary.themes,
      themes: summary.themes.themes.map((t) => ({ ...t, quotes: keep(t.quotes) })),
    },
    written: summary.written && {
      ...summary.written,
      points: summary.written.points.map((p) => ({ ...p, quotes: keep(p.quotes) })),
    },
  };
}

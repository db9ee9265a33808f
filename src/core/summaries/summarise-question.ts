import type { PlatformRegistry } from '../consultation/deps.ts';
import { AgoraError } from '../errors.ts';
import type { Clock, Logger } from '../ports/logger.ts';
import { silentLogger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { SummaryWriter } from '../ports/summary-writer.ts';
import { DEFAULT_MIN_PARTICIPANTS } from '../positions/opinion-groups.ts';
import type { QuestionRecord, ResponseRecord, VoteRecord } from '../records.ts';
import { crossTab, crossTabQuestion } from './cross-tab.ts';
import { summaryInputHash } from './input-hash.ts';
import { writeVerifiedSummary } from './llm-summary.ts';
import { type QuestionSummary, quotesOf, SUMMARY_VERSION, type SummaryMethod, type WrittenPart } from './model.ts';
import { OPINION_GROUP_SEED, opinionGroupsPart } from './opinion-groups-part.ts';
import { type ComparedAnswers, summaryQuote, THEME_MIN_PEOPLE, themesPart } from './themes-part.ts';
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
  throw new AgoraError(
    'POSITIONS_UNAVAILABLE',
    `"${question.key}" is a poll: it has results rather than positions. Positions are mapped for open and agree/disagree questions.`,
    { question: question.key },
  );
}

/**
 * The current summary of a question: the stored one when its inputs have not changed, else computed, stored and
 * returned. Every quote is checked against the live responses before the summary is given out.
 */
export async function summariseQuestion(deps: SummaryDeps, question: QuestionRecord): Promise<SummaryOutcome> {
  const { store, clock } = deps;
  const method = summaryMethodOf(question);
  const responses = method === 'themes' ? await store.responses.listByQuestion(question.id) : [];
  const statements =
    method === 'opinion-groups' ? await store.questions.options(question.id, { includePending: true }) : [];
  const votes = method === 'opinion-groups' ? await store.votes.listByQuestion(question.id) : [];
  const compared = method === 'themes' ? await comparedAnswers(deps, question) : null;
  const parameters: Record<string, number | string | boolean> =
    method === 'opinion-groups'
      ? { seed: OPINION_GROUP_SEED, minParticipants: DEFAULT_MIN_PARTICIPANTS }
      : {
          minPeople: THEME_MIN_PEOPLE,
          crossTab: compared?.question.key ?? '',
          writer: deps.summaryWriter?.method ?? 'none',
        };
  const inputHash = summaryInputHash({
    method,
    parameters,
    responses,
    statements,
    votes: [...votes, ...(compared?.votes ?? [])],
  });
  const sources = new Map<string, QuoteSource>(responses.filter((r) => !r.deletedAt).map((r) => [r.id, r]));
  const stored = await store.summaries.latest(question.id, method);
  const storedSummary = stored?.content as QuestionSummary | undefined;
  // A written summary that failed (a time-out, say) is tried again rather than kept until the inputs change.
  if (stored && storedSummary && stored.inputHash === inputHash && !storedSummary.writtenFallback) {
    return { summary: checked(deps, storedSummary, sources), reused: true };
  }

  const live = responses.filter((r) => !r.deletedAt);
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
      votes: votes.filter((v) => !v.retractedAt).length,
      participants: new Set([
        ...live.map((r) => r.participantId),
        ...votes.filter((v) => !v.retractedAt).map((v) => v.participantId),
      ]).size,
      statements: statements.filter((s) => s.status === 'approved').length,
    },
    opinionGroups: method === 'opinion-groups' ? opinionGroupsPart(statements, votes) : null,
    themes,
    written: written && 'overview' in written ? written : null,
    writtenFallback: written && 'fallback' in written ? written.fallback : null,
  };
  await store.summaries.save({ questionId: question.id, method, inputHash, content: summary, createdAt: clock.now() });
  return { summary: checked(deps, summary, sources), reused: false };
}

async function comparedAnswers(
  deps: SummaryDeps,
  question: QuestionRecord,
): Promise<(ComparedAnswers & { question: QuestionRecord; votes: VoteRecord[] }) | null> {
  const siblings = await deps.store.questions.listByProgramme(question.programmeId);
  const other = crossTabQuestion(question, siblings);
  if (!other) return null;
  const options = await deps.store.questions.options(other.id);
  const votes = await deps.store.votes.listByQuestion(other.id);
  return { question: other, votes, tabulate: (people) => crossTab(other, options, votes, people) };
}

async function writtenPart(
  deps: SummaryDeps,
  question: QuestionRecord,
  live: ResponseRecord[],
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
      quotes: p.quotes.map((q) => summaryQuote(byId.get(q.responseId) as ResponseRecord, q.text)),
    })),
    dropped: outcome.dropped,
  };
}

/** A stored summary as it may be shown now: any quote of a response deleted since is left out. */
export async function checkedAgainstRecord(deps: SummaryDeps, question: QuestionRecord, summary: QuestionSummary) {
  const live = (await deps.store.responses.listByQuestion(question.id)).filter((r) => !r.deletedAt);
  const sources = new Map<string, QuoteSource>(live.map((r) => [r.id, r]));
  return checked(deps, summary, sources, { expected: true });
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

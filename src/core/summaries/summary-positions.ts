import { counted } from '../digest/describe.ts';
import { type MessageLinks, messageLinks } from '../digest/message-links.ts';
import type { DigestPositions, DigestQuote } from '../digest/model.ts';
import type { PositionsSource } from '../digest/positions.ts';
import { authorLabel, QUOTE_LIMIT, quoteLink, reportedInstant } from '../digest/quotes.ts';
import type { DigestWeek } from '../digest/weeks.ts';
import type { Store } from '../ports/store.ts';
import type { ParticipantRecord, QuestionRecord } from '../records.ts';
import { isSmall, reportCount } from '../small-counts.ts';
import { groupingClarity } from './grouping-clarity.ts';
import type { QuestionSummary, SummaryQuote, SummaryStatement } from './model.ts';
import { describeMovement, movementSince } from './movement.ts';
import { checkedAgainstRecord, type SummaryDeps, summariseQuestion, summaryMethodOf } from './summarise-question.ts';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The summary a week's digest shows: the current one for this week and the week just ended (the weekly digest);
 * for an older week, the one stored before that week ended, so a digest made again later says what it said then
 * (less any quote of an answer deleted since). Without one, the current summary.
 */
async function summaryForWeek(deps: SummaryDeps, question: QuestionRecord, week: DigestWeek): Promise<QuestionSummary> {
  if (deps.clock.now().getTime() - week.end.getTime() > WEEK_MS) {
    const stored = await deps.store.summaries.latest(question.id, summaryMethodOf(question), { before: week.end });
    if (stored) return checkedAgainstRecord(deps, question, stored.content as QuestionSummary);
  }
  return (await summariseQuestion(deps, question)).summary;
}

/**
 * Positions in the digest from stored summaries: themes (with a written summary where configured) for open
 * questions, opinion groups and common ground for agree/disagree questions, and how both moved since the
 * summary that stood when the week began.
 */
export function summaryPositions(deps: SummaryDeps): PositionsSource {
  return {
    name: 'summaries',
    kinds: ['open', 'statements'],
    async positions({ question, week, previous, previousEnd }) {
      const summary = await summaryForWeek(deps, question, week);
      const before = await deps.store.summaries.latest(question.id, summary.method, { before: week.start });
      return digestPositions(deps.store, question, summary, (before?.content as QuestionSummary) ?? null, {
        seen: new Set(previous?.positions?.items.map((p) => p.id) ?? []),
        previousEnd,
        audience: 'organisers',
        links: messageLinks(deps.store, deps.platforms),
      });
    },
  };
}

/**
 * Who positions are shown to. Organisers may read private answers, so their quotes are shown to them (unlinked);
 * participants never see a quote from a private answer.
 */
export type PositionsAudience = 'organisers' | 'participants';

/** A question's positions now, with how they moved over the last seven days (the chat command, the dashboard). */
export async function currentPositions(
  deps: SummaryDeps,
  question: QuestionRecord,
  audience: PositionsAudience,
): Promise<DigestPositions> {
  const { summary } = await summariseQuestion(deps, question);
  const before = await deps.store.summaries.latest(question.id, summary.method, {
    before: new Date(deps.clock.now().getTime() - WEEK_MS),
  });
  return digestPositions(deps.store, question, summary, (before?.content as QuestionSummary) ?? null, {
    seen: null,
    previousEnd: null,
    audience,
    links: messageLinks(deps.store, deps.platforms),
  });
}

/** `seen`: the previous digest's position ids, to mark new themes; null where "new" means nothing (chat). */
export async function digestPositions(
  store: Store,
  question: QuestionRecord,
  summary: QuestionSummary,
  before: QuestionSummary | null,
  context: {
    seen: ReadonlySet<string> | null;
    previousEnd: Date | null;
    audience: PositionsAudience;
    links: MessageLinks;
  },
): Promise<DigestPositions> {
  const anonymous = question.anonymity === 'anonymous';
  const c = (n: number) => reportCount(n, anonymous);
  const movement = movementSince(summary, before);
  const toQuote = await quoteMaker(store, question, summary, context.previousEnd, context.links);
  const quotes = (list: SummaryQuote[]) =>
    list.filter((q) => context.audience === 'organisers' || !q.private).map(toQuote);
  const share = (s: SummaryStatement) => ({
    text: s.text,
    direction: s.direction,
    count: c(s.count),
    seen: c(s.seen),
    share: isSmall(s.seen, anonymous) ? null : s.seen ? s.count / s.seen : null,
  });
  const groups = summary.opinionGroups;
  const newConsensus = new Set(movement?.newConsensus.map((s) => `${s.statementKey}:${s.direction}`) ?? []);
  return {
    source: summary.method,
    description:
      summary.method === 'themes'
        ? `Themes found in ${counted(c(summary.inputs.responses), 'response', 'responses')} by the words they share (TF-IDF, cosine clustering); each quote is verbatim.`
        : `Opinion groups from ${counted(c(summary.inputs.votes), 'vote', 'votes')} on ${counted(summary.inputs.statements, 'statement', 'statements')}, computed as Pol.is does.`,
    items: (summary.themes?.themes ?? []).map((theme) => ({
      id: theme.id,
      summary: theme.label,
      support: c(theme.people),
      supportLabel: 'people',
      quotes: quotes(theme.quotes),
      isNew: context.seen ? !context.seen.has(theme.id) : false,
      crossTab: theme.crossTab && {
        ...theme.crossTab,
        answered: c(theme.crossTab.answered),
        rows: theme.crossTab.rows.map((r) => ({
          ...r,
          count: c(r.count),
          share: isSmall(r.count, anonymous) ? null : r.share,
        })),
      },
    })),
    ...(summary.themes
      ? { other: { people: c(summary.themes.other.people), responses: c(summary.themes.other.responses) } }
      : {}),
    opinionGroups: groups
      ? groups.status === 'grouped'
        ? {
            status: 'grouped',
            message: null,
            clarity: groups.stability ? groupingClarity(groups.stability) : null,
            groups: groups.groups.map((g) => ({
              label: g.label,
              size: c(g.members.length),
              representative: g.representative.map(share),
            })),
            consensus: groups.consensus.map((s) => ({
              ...share(s),
              isNew: newConsensus.has(`${s.statementKey}:${s.direction}`),
            })),
            map: groups.map.map(({ x, y, group }) => ({ x, y, group })),
          }
        : { status: 'not-enough-votes', message: groups.message, groups: [], consensus: [], map: [] }
      : null,
    // A language model's prose may retell private answers, which participants must not read.
    written:
      summary.written && (context.audience === 'organisers' || summary.inputs.privateResponses === 0)
        ? {
            method: summary.written.method,
            overview: summary.written.overview,
            points: summary.written.points.map((p) => ({ text: p.text, quotes: quotes(p.quotes) })),
            dropped: summary.written.dropped.length,
          }
        : null,
    movement: movement ? describeMovement(movement) : [],
    asOf: summary.computedAt,
  };
}

async function quoteMaker(
  store: Store,
  question: QuestionRecord,
  summary: QuestionSummary,
  previousEnd: Date | null,
  links: MessageLinks,
): Promise<(q: SummaryQuote) => DigestQuote> {
  const all = [
    ...(summary.themes?.themes.flatMap((t) => t.quotes) ?? []),
    ...(summary.written?.points.flatMap((p) => p.quotes) ?? []),
  ];
  const ids = new Set(all.map((q) => q.participantId));
  const people = new Map((await store.participants.listByIds([...ids])).map((p) => [p.id, p]));
  const anonymous = question.anonymity === 'anonymous';
  // Links are asked of the platforms once per quoted response, with the thread it was written in.
  const linked = new Map<string, string | null>();
  for (const q of all) {
    if (linked.has(q.responseId)) continue;
    const postingId =
      anonymous || q.private ? null : ((await store.responses.findById(q.responseId))?.postingId ?? null);
    linked.set(q.responseId, await quoteLink(links, question, { ...q, postingId }));
  }
  return (q) => {
    const person = people.get(q.participantId);
    const truncated = q.text.length > QUOTE_LIMIT;
    return {
      responseId: anonymous ? null : q.responseId,
      text: truncated ? `${q.text.slice(0, QUOTE_LIMIT)}…` : q.text,
      truncated,
      author: person ? authorLabel(question, person as ParticipantRecord) : null,
      at: reportedInstant(question, new Date(q.at)),
      link: linked.get(q.responseId) ?? null,
      replies: reportCount(0, anonymous),
      isNew: previousEnd === null || new Date(q.at) >= previousEnd,
    };
  };
}

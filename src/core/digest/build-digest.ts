import { UserError } from '../errors.ts';
import type { Store } from '../ports/store.ts';
import type { ChannelTargetRecord, ProgrammeRecord, QuestionRecord } from '../records.ts';
import { heardAgainstRoster, programmeContributors } from '../roster/roster-participation.ts';
import { reportCount } from '../small-counts.ts';
import type { SummaryDeps } from '../summaries/summarise-question.ts';
import { channelKey, type Platform } from '../types.ts';
import { type MessageLinks, messageLinks } from './message-links.ts';
import {
  type Breakdown,
  DIGEST_SCHEMA_VERSION,
  type DigestModel,
  type DigestOutline,
  type DigestQuestion,
  type Participation,
  storedDigestSchema,
} from './model.ts';
import { measureActivity, PRIVATE_CHANNEL, type ProgrammeActivity, type RawParticipation } from './participation.ts';
import { pollResults } from './poll-results.ts';
import type { PositionsSource } from './positions.ts';
import { toQuote } from './quotes.ts';
import { summaryPositions } from './summary-positions.ts';
import { type DigestWeek, resolveWeek } from './weeks.ts';

export interface DigestOptions {
  /** Where positions come from; stored summaries (themes, opinion groups) by default. */
  positions?: PositionsSource;
}

/**
 * The store and clock, optionally a summary writer for written summaries of open questions, and the connected
 * platforms, which give quotes their links (none without them).
 */
export type DigestDeps = SummaryDeps;

export const QUOTES_PER_QUESTION = 3;

/** The programme by slug or id, or an error naming the programmes there are. */
export async function findProgramme(store: Store, slugOrId: string): Promise<ProgrammeRecord> {
  const programme = (await store.programmes.findBySlug(slugOrId)) ?? (await store.programmes.findById(slugOrId));
  if (programme) return programme;
  const valid = (await store.programmes.list()).map((p) => p.slug);
  throw new UserError(
    'PROGRAMME_NOT_FOUND',
    `There is no programme "${slugOrId}". ${valid.length ? `Programmes: ${valid.join(', ')}.` : 'No programme is loaded yet.'}`,
    { field: 'programme', value: slugOrId, valid },
  );
}

function toParticipation(raw: RawParticipation, anonymous: boolean): Participation {
  const c = (n: number) => reportCount(n, anonymous);
  return {
    people: c(raw.people),
    active: c(raw.active),
    new: c(raw.new),
    returning: c(raw.returning),
    nonRespondents: raw.nonRespondents === null ? null : c(raw.nonRespondents),
  };
}

function platformBreakdowns(byPlatform: Map<Platform, RawParticipation>, anonymous: boolean): Breakdown[] {
  return [...byPlatform].map(([platform, raw]) => ({
    key: platform,
    label: platform.charAt(0).toUpperCase() + platform.slice(1),
    platform,
    counts: toParticipation(raw, anonymous),
  }));
}

function channelBreakdowns(
  byChannel: Map<string, RawParticipation>,
  targets: ChannelTargetRecord[],
  anonymous: boolean,
): Breakdown[] {
  // Channels by their address, then private answers, then votes that cannot be placed in one channel.
  const rank = (key: string) => {
    const target = targets.find((t) => t.id === key);
    return target ? `0 ${channelKey(target)}` : key === PRIVATE_CHANNEL ? '1' : '2';
  };
  return [...byChannel]
    .sort((a, b) => (rank(a[0]) < rank(b[0]) ? -1 : rank(a[0]) > rank(b[0]) ? 1 : 0))
    .map(([key, raw]) => {
      const target = targets.find((t) => t.id === key);
      const counts = toParticipation(raw, anonymous);
      if (target)
        return {
          key: channelKey(target),
          label: `${target.placeholder} (${target.platform} ${target.channelId})`,
          platform: target.platform,
          counts,
        };
      return {
        key,
        label: key === PRIVATE_CHANNEL ? 'Private answers' : 'Poll votes (posted in several channels)',
        platform: null,
        counts,
      };
    });
}

async function previousModel(store: Store, programmeId: string, week: string): Promise<DigestModel | null> {
  const stored = await store.digests.latestBefore(programmeId, week);
  if (!stored) return null;
  const parsed = storedDigestSchema.safeParse(stored.model);
  return parsed.success ? { ...parsed.data, schemaVersion: DIGEST_SCHEMA_VERSION } : null;
}

async function channelMaps(store: Store, questions: QuestionRecord[], targets: ChannelTargetRecord[]) {
  const postingChannels = new Map<string, string>();
  const soleChannels = new Map<string, string>();
  for (const question of questions) {
    const perPlatform = new Map<string, string[]>();
    for (const posting of await store.postings.listByQuestion(question.id)) {
      postingChannels.set(posting.id, posting.channelTargetId);
      const target = targets.find((t) => t.id === posting.channelTargetId);
      if (target) perPlatform.set(target.platform, [...(perPlatform.get(target.platform) ?? []), target.id]);
    }
    for (const [platform, ids] of perPlatform)
      if (ids.length === 1) soleChannels.set(`${question.id}:${platform}`, ids[0] as string);
  }
  return { postingChannels, soleChannels };
}

interface QuestionContext {
  week: DigestWeek;
  targets: ChannelTargetRecord[];
  sections: Map<string, string>;
  previous: DigestModel | null;
  positions: PositionsSource;
  links: MessageLinks;
}

/** What a question's part of the digest reads besides the participation counts: quotes, positions, the tally. */
async function readQuestion(store: Store, question: QuestionRecord, context: QuestionContext) {
  const { week, previous } = context;
  const before = previous?.questions.find((q) => q.id === question.id) ?? null;
  const previousEnd = previous ? new Date(previous.week.end) : null;
  // Every question's thread replies (a poll's too) are responses: counted, and quoted, the same way.
  const fresh = await store.reporting.mostReplied(question.id, {
    since: week.start,
    until: week.end,
    limit: QUOTES_PER_QUESTION,
    includeUnreplied: true,
  });
  const quotes = await Promise.all(fresh.map((r) => toQuote(question, r, previousEnd, context.links)));
  const positions = context.positions.kinds.includes(question.kind)
    ? await context.positions.positions({ store, question, week, previous: before, previousEnd })
    : null;
  if (question.kind === 'open') return { before, quotes, positions, poll: null };
  const options = await store.questions.options(question.id, { includePending: question.kind === 'statements' });
  const tally = await store.reporting.tallyVotes(question.id, { until: week.end });
  return { before, quotes, positions, poll: { options, tally } };
}

function describeQuestion(
  question: QuestionRecord,
  read: Awaited<ReturnType<typeof readQuestion>>,
  activity: ProgrammeActivity,
  context: QuestionContext,
): DigestQuestion {
  const { before, quotes, positions, poll } = read;
  const anonymous = question.anonymity === 'anonymous';
  const c = (n: number) => reportCount(n, anonymous);
  const raw = activity.questions.get(question.id);
  const empty = { people: 0, active: 0, new: 0, returning: 0, nonRespondents: activity.overall.people };
  const base = {
    id: question.id,
    key: question.key,
    section: question.sectionId ? (context.sections.get(question.sectionId) ?? '') : '',
    prompt: question.prompt,
    kind: question.kind,
    anonymity: question.anonymity,
    status: question.status,
    opensAt: question.opensAt?.toISOString() ?? null,
    closesAt: question.closesAt?.toISOString() ?? null,
    participation: {
      overall: toParticipation(raw?.overall ?? empty, anonymous),
      byPlatform: platformBreakdowns(raw?.byPlatform ?? new Map(), anonymous),
      byChannel: channelBreakdowns(raw?.byChannel ?? new Map(), context.targets, anonymous),
    },
  };
  const counts = raw?.responses ?? { total: 0, thisWeek: 0, sinceLastDigest: 0 };
  const responses = {
    total: c(counts.total),
    thisWeek: c(counts.thisWeek),
    sinceLastDigest: c(counts.sinceLastDigest),
    previousTotal: before?.responses ? before.responses.total : null,
  };
  if (!poll) return { ...base, responses, results: null, positions, quotes };
  return {
    ...base,
    // A poll nobody has replied to has no responses to speak of (a hidden count of none would still read "fewer than 5").
    responses: counts.total === 0 ? null : responses,
    results: pollResults(question, poll.options, poll.tally, raw?.overall.people ?? 0),
    positions,
    quotes,
  };
}

/** A digest's programme, week and questions, found and checked as for the digest itself, but nothing counted. */
export async function buildOutline(deps: DigestDeps, programmeId: string, weekLabel?: string): Promise<DigestOutline> {
  const { store, clock } = deps;
  const programme = await findProgramme(store, programmeId);
  const questions = await store.questions.listByProgramme(programme.id);
  const week = resolveWeek(weekLabel, questions, clock.now());
  const sections = new Map((await store.programmes.sections(programme.id)).map((s) => [s.id, s.title]));
  return {
    schemaVersion: DIGEST_SCHEMA_VERSION,
    generatedAt: clock.now().toISOString(),
    programme: programmeSummary(programme),
    week: { label: week.label, start: week.start.toISOString(), end: week.end.toISOString() },
    questions: questions.map((q) => ({
      id: q.id,
      key: q.key,
      kind: q.kind,
      prompt: q.prompt,
      anonymity: q.anonymity,
      section: q.sectionId ? (sections.get(q.sectionId) ?? '') : '',
      status: q.status,
    })),
  };
}

function programmeSummary(programme: ProgrammeRecord): DigestModel['programme'] {
  return {
    id: programme.id,
    slug: programme.slug,
    title: programme.title,
    organisation: programme.settings.organisation ?? '',
    timezone: programme.timezone,
  };
}

/**
 * Builds a programme's digest for an ISO week (the current week when none is given) from the store: participation,
 * poll results, and for open questions counts, what is new since the previous stored digest, positions and quotes.
 * Counts are as they stood at the end of the week; deleted responses and retracted votes are left out.
 */
export async function buildDigest(
  deps: DigestDeps,
  programmeId: string,
  weekLabel?: string,
  options: DigestOptions = {},
): Promise<DigestModel> {
  const { store, clock } = deps;
  const programme = await findProgramme(store, programmeId);
  const questions = await store.questions.listByProgramme(programme.id);
  const week = resolveWeek(weekLabel, questions, clock.now());
  const previous = await previousModel(store, programme.id, week.label);
  const targets = await store.channels.targets(programme.id);
  const sections = new Map((await store.programmes.sections(programme.id)).map((s) => [s.id, s.title]));
  const since = previous ? new Date(previous.week.end) : undefined;
  const counting = measureActivity(
    store.reporting.contributions(programme.id, { until: week.end, weekStart: week.start, since }),
    store.reporting.participantPlatforms(),
    { questionIds: questions.map((q) => q.id), ...(await channelMaps(store, questions, targets)) },
  );
  counting.catch(() => {});
  const context: QuestionContext = {
    week,
    targets,
    sections,
    previous,
    positions: options.positions ?? summaryPositions(deps),
    links: messageLinks(store, deps.platforms),
  };
  // The questions' quotes, positions and tallies are read while the participation counts are made: on SQLite the
  // counts' scans run on threads of their own, so the two go side by side.
  const reads: Awaited<ReturnType<typeof readQuestion>>[] = [];
  for (const question of questions) reads.push(await readQuestion(store, question, context));
  const activity = await counting;
  const described = questions.map((question, i) =>
    describeQuestion(question, reads[i] as (typeof reads)[number], activity, context),
  );
  const roster = await store.roster.list(programme.id);
  const heard = roster.length
    ? heardAgainstRoster(roster, await programmeContributors(store.reporting, programme.id, week.end))
    : null;
  return {
    schemaVersion: DIGEST_SCHEMA_VERSION,
    generatedAt: clock.now().toISOString(),
    programme: programmeSummary(programme),
    week: { label: week.label, start: week.start.toISOString(), end: week.end.toISOString() },
    previousDigest: previous ? { week: previous.week.label, generatedAt: previous.generatedAt } : null,
    quiet: activity.responsesThisWeek === 0 && activity.votesThisWeek === 0,
    totals: { responsesThisWeek: activity.responsesThisWeek, votesThisWeek: activity.votesThisWeek },
    participation: {
      overall: toParticipation(activity.overall, false),
      byPlatform: platformBreakdowns(activity.byPlatform, false),
    },
    questions: described,
    ...(heard ? { heard } : {}),
  };
}

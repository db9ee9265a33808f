import {
  type ContributionRows,
  RESPONSE_BEFORE_WEEK,
  RESPONSE_IN_WEEK,
  RESPONSE_POSTING,
  RESPONSE_SINCE_LAST,
} from '../ports/reporting.ts';
import { PLATFORMS, type Platform } from '../types.ts';

/**
 * Participation counts from one pass over a programme's contributions, in compact arrays (one byte per person and
 * question), so a million responses cost a few megabytes. A person is "new" in a week when they contributed to the
 * programme that week and never before it, "returning" when they contributed that week and before it.
 * Platforms come from one pass over the participants afterwards, not from a lookup per contribution.
 */

export const PRIVATE_CHANNEL = 'private';
export const SEVERAL_CHANNELS = 'several';

const PRESENT = 1;
const ACTIVE = 2;
const UNKNOWN_PLATFORM = 255;

export interface RawParticipation {
  people: number;
  active: number;
  new: number;
  returning: number;
  /** Null where it cannot be known (channels: nobody tells us who could have answered there). */
  nonRespondents: number | null;
}

export interface QuestionActivity {
  overall: RawParticipation;
  byPlatform: Map<Platform, RawParticipation>;
  /** Keyed by channel target id, PRIVATE_CHANNEL or SEVERAL_CHANNELS. */
  byChannel: Map<string, RawParticipation>;
  responses: { total: number; thisWeek: number; sinceLastDigest: number };
}

export interface ProgrammeActivity {
  overall: RawParticipation;
  byPlatform: Map<Platform, RawParticipation>;
  questions: Map<string, QuestionActivity>;
  responsesThisWeek: number;
  votesThisWeek: number;
}

export interface ActivityContext {
  questionIds: string[];
  /** posting id -> channel target id */
  postingChannels: Map<string, string>;
  /**
   * `${questionId}:${platform}` -> the one channel the question is posted to on that platform. Votes carry no
   * channel: they are placed there, or under SEVERAL_CHANNELS when the question is in more than one.
   */
  soleChannels: Map<string, string>;
}

class Flags {
  bytes = new Uint8Array(1024);
  set(index: number, flag: number): void {
    if (index >= this.bytes.length) {
      const grown = new Uint8Array(Math.max(index + 1, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[index] = (this.bytes[index] as number) | flag;
  }
  get(index: number): number {
    return index < this.bytes.length ? (this.bytes[index] as number) : 0;
  }
}

class People {
  readonly ids = new Map<string, number>();
  /** Contributed before the week: 1. */
  readonly earlier = new Flags();
  platform = new Uint8Array(0);

  index(id: string): number {
    let n = this.ids.get(id);
    if (n === undefined) {
      n = this.ids.size;
      this.ids.set(id, n);
    }
    return n;
  }

  async namePlatforms(platforms: AsyncIterable<[participantId: string, platform: string][]>): Promise<void> {
    this.platform = new Uint8Array(this.ids.size).fill(UNKNOWN_PLATFORM);
    for await (const batch of platforms)
      for (const [id, platform] of batch) {
        const n = this.ids.get(id);
        if (n !== undefined) this.platform[n] = PLATFORMS.indexOf(platform as Platform);
      }
  }
}

interface QuestionFlags {
  all: Flags;
  votes: Flags;
  channels: Map<string, Flags>;
  responses: { total: number; thisWeek: number; sinceLastDigest: number };
}

function flagsOf(map: Map<string, Flags>, key: string): Flags {
  let found = map.get(key);
  if (!found) {
    found = new Flags();
    map.set(key, found);
  }
  return found;
}

function count(flags: Flags, people: People, platform: number | null): RawParticipation {
  let present = 0;
  let active = 0;
  let newcomers = 0;
  const bytes = flags.bytes;
  const size = Math.min(bytes.length, people.ids.size);
  for (let i = 0; i < size; i++) {
    const f = bytes[i] as number;
    if (f === 0 || (platform !== null && people.platform[i] !== platform)) continue;
    present++;
    if (f & ACTIVE) {
      active++;
      if (people.earlier.get(i) === 0) newcomers++;
    }
  }
  return { people: present, active, new: newcomers, returning: active - newcomers, nonRespondents: null };
}

export async function measureActivity(
  contributions: AsyncIterable<ContributionRows>,
  platforms: AsyncIterable<[participantId: string, platform: string][]>,
  context: ActivityContext,
): Promise<ProgrammeActivity> {
  const people = new People();
  const programme = new Flags();
  const questions = new Map<string, QuestionFlags>(
    context.questionIds.map((id) => [
      id,
      {
        all: new Flags(),
        votes: new Flags(),
        channels: new Map(),
        responses: { total: 0, thisWeek: 0, sinceLastDigest: 0 },
      },
    ]),
  );
  let responsesThisWeek = 0;
  let votesThisWeek = 0;
  for await (const batch of contributions) {
    if (batch.kind === 'vote') {
      const polls = batch.questionIds.map((id) => questions.get(id));
      for (const [participantId, voted, votedInWeek, beforeWeek, castInWeek] of batch.rows) {
        const n = people.index(participantId);
        votesThisWeek += castInWeek;
        if (beforeWeek) people.earlier.set(n, 1);
        programme.set(n, votedInWeek ? PRESENT | ACTIVE : PRESENT);
        for (let rest = voted; rest !== 0; rest &= rest - 1) {
          const bit = rest & -rest;
          const q = polls[31 - Math.clz32(bit)];
          if (!q) continue;
          const flag = votedInWeek & bit ? PRESENT | ACTIVE : PRESENT;
          q.all.set(n, flag);
          q.votes.set(n, flag);
        }
      }
      continue;
    }
    const q = questions.get(batch.questionId);
    if (!q) continue;
    // A channel is counted once someone has responded there.
    const channels: (Flags | undefined)[] = [];
    for (const [participantId, bits] of batch.rows) {
      const n = people.index(participantId);
      const inWeek = bits & RESPONSE_IN_WEEK;
      const flag = inWeek ? PRESENT | ACTIVE : PRESENT;
      if (bits & RESPONSE_BEFORE_WEEK) people.earlier.set(n, 1);
      programme.set(n, flag);
      q.all.set(n, flag);
      const k = Math.floor(bits / RESPONSE_POSTING);
      let channel = channels[k];
      if (!channel) {
        const id = batch.postingIds[k];
        channel = flagsOf(q.channels, (id && context.postingChannels.get(id)) ?? PRIVATE_CHANNEL);
        channels[k] = channel;
      }
      channel.set(n, flag);
      q.responses.total++;
      q.responses.thisWeek += inWeek;
      q.responses.sinceLastDigest += bits & RESPONSE_SINCE_LAST ? 1 : 0;
      responsesThisWeek += inWeek;
    }
  }
  await people.namePlatforms(platforms);

  const platformsSeen = PLATFORMS.filter((_, i) => people.platform.includes(i));
  const overall = count(programme, people, null);
  const programmeByPlatform = new Map(
    platformsSeen.map((p) => [p, count(programme, people, PLATFORMS.indexOf(p))] as const),
  );
  const result = new Map<string, QuestionActivity>();
  for (const [id, q] of questions) {
    for (let i = 0; i < people.ids.size; i++) {
      const f = q.votes.get(i);
      if (f === 0) continue;
      const platform = PLATFORMS[people.platform[i] as number];
      flagsOf(q.channels, (platform && context.soleChannels.get(`${id}:${platform}`)) ?? SEVERAL_CHANNELS).set(i, f);
    }
    const all = count(q.all, people, null);
    all.nonRespondents = overall.people - all.people;
    const byPlatform = new Map<Platform, RawParticipation>();
    for (const platform of platformsSeen) {
      const counts = count(q.all, people, PLATFORMS.indexOf(platform));
      counts.nonRespondents = (programmeByPlatform.get(platform)?.people ?? 0) - counts.people;
      byPlatform.set(platform, counts);
    }
    const byChannel = new Map([...q.channels].map(([key, flags]) => [key, count(flags, people, null)] as const));
    result.set(id, { overall: all, byPlatform, byChannel, responses: q.responses });
  }
  return { overall, byPlatform: programmeByPlatform, questions: result, responsesThisWeek, votesThisWeek };
}

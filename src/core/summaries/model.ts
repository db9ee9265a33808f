import type { InputsMark } from '../ports/reporting.ts';
import type { ThemeModel } from '../themes/theme-model.ts';

/**
 * A computed summary of one question, as the Summary table keeps it (content JSON) and digests, exports and the
 * positions command read it. Agree/disagree questions get opinion groups; open questions get themes (and, where
 * configured, a written summary). Quotes keep the id of their response, so each can be checked against the record;
 * who may see names, ids and links is decided where a summary is shown, by the question's anonymity.
 */
export const SUMMARY_VERSION = 1;

export type SummaryMethod = 'opinion-groups' | 'themes';

export interface SummaryQuote {
  responseId: string;
  /** A verbatim part of the response (all of it when short). */
  text: string;
  participantId: string;
  messageRef: string | null;
  private: boolean;
  at: string;
}

export interface SummaryStatement {
  statementKey: string;
  text: string;
  direction: 'agree' | 'disagree';
  /** Of those who voted on it (in the group, or overall), how many voted this way. */
  count: number;
  seen: number;
}

export interface SummaryGroup {
  /** 0 is the largest. */
  id: number;
  label: string;
  members: string[];
  centre: { x: number; y: number };
  representative: SummaryStatement[];
}

export type OpinionGroupsPart =
  | {
      status: 'grouped';
      k: number;
      silhouette: number;
      /** Of the clustering runs made, how many found these groups (absent in summaries stored before it was kept). */
      stability?: { runs: number; agreeingRuns: number };
      groups: SummaryGroup[];
      consensus: SummaryStatement[];
      /**
       * Every voter on the map; group null when not yet placed. The participant id is kept only to show each person
       * their own dot (absent in summaries stored before it was kept); it never leaves the core with the map.
       */
      map: { x: number; y: number; group: number | null; participantId?: string }[];
      unplaced: number;
    }
  | { status: 'not-enough-votes'; message: string; morePeopleNeeded: number };

export interface CrossTabRow {
  key: string;
  label: string;
  /** Theme members who answered it this way, and their share of the theme members who answered at all. */
  count: number;
  share: number;
}

export interface CrossTab {
  questionKey: string;
  prompt: string;
  kind: 'choice' | 'likert';
  answered: number;
  /** Choice: one row per option. Likert: one row per item, count = answers, share = mean (1 = lowest point). */
  rows: CrossTabRow[];
}

export interface SummaryTheme {
  id: string;
  label: string;
  keyPhrases: string[];
  people: number;
  responses: number;
  responseIds: string[];
  quotes: SummaryQuote[];
  crossTab: CrossTab | null;
}

export interface ThemesPart {
  themes: SummaryTheme[];
  other: { people: number; responses: number };
  /** Responses with only emoji, links or mentions: kept, not themed. */
  leftOut: number;
  /** Their ids, so a later update can tell "other" from them. */
  leftOutIds?: string[];
  /** What answers written later are placed with, without finding the themes again (themes-update.ts). */
  model?: ThemeModel | null;
}

export interface WrittenPart {
  method: string;
  overview: string;
  points: { text: string; quotes: SummaryQuote[] }[];
  /** Quotes the writer gave that were not verbatim parts of live responses, left out. */
  dropped: { responseId: string; text: string; reason: string }[];
}

export interface QuestionSummary {
  version: typeof SUMMARY_VERSION;
  questionId: string;
  questionKey: string;
  prompt: string;
  computedAt: string;
  method: SummaryMethod;
  parameters: Record<string, number | string | boolean>;
  /** What it read; `privateResponses` of the responses were private answers (organisers only). */
  inputs: { responses: number; privateResponses: number; votes: number; participants: number; statements: number };
  /**
   * What it was computed from, as the store's marks (the question's, and the compared question's for themes): the
   * same marks, the same summary. Absent from summaries stored before marks were kept.
   */
  marks?: { question: InputsMark; compared: InputsMark | null };
  /** How it was made: found from all the answers, or updated from the one before with the answers since. */
  update?: { kind: 'full' } | { kind: 'incremental'; from: string; added: number };
  opinionGroups: OpinionGroupsPart | null;
  themes: ThemesPart | null;
  /** Null when no writer is configured or it failed (then `writtenFallback` says why). */
  written: WrittenPart | null;
  writtenFallback: string | null;
}

/** Every quote a summary shows, wherever it sits. */
export function quotesOf(summary: QuestionSummary): SummaryQuote[] {
  return [
    ...(summary.themes?.themes.flatMap((t) => t.quotes) ?? []),
    ...(summary.written?.points.flatMap((p) => p.quotes) ?? []),
  ];
}

const GROUP_LABELS = ['A', 'B', 'C', 'D', 'E', 'F'];
export const groupLabel = (id: number) => `Group ${GROUP_LABELS[id] ?? id + 1}`;

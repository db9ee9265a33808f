import type { Anonymity, QuestionKind, ResultsVisibility } from '../types.ts';

/** A validated programme, times resolved to instants: what the core loads into the store. */
export interface ProgrammeDefinition {
  slug: string;
  title: string;
  organisation: string;
  intro: string;
  timezone: string;
  channels: { placeholder: string; description: string }[];
  organisersChannel: string | null;
  digestCron: string;
  retentionDays: number | null;
  settings: ProgrammeSettings;
  sections: SectionDefinition[];
  questions: QuestionDefinition[];
}

export interface ProgrammeSettings {
  participantsSeePositions: boolean;
  statementApproval: boolean;
  /** Who receives the weekly digest by e-mail (absent: nobody). */
  digestEmail?: DigestEmailList;
}

/** E-mail addresses, as written in the programme file; organisers cannot unsubscribe, readers can. A type, not an
 * interface, so that it is a JSON value for the store. */
export type DigestEmailList = {
  organisers: string[];
  readers: string[];
};

export interface SectionDefinition {
  key: string;
  title: string;
  intro: string;
  position: number;
}

export interface OptionDefinition {
  key: string;
  label: string;
}

export interface QuestionConfig {
  /** Likert scale labels, lowest first. */
  scale?: string[];
  /** Whether participants may add statements to an agree/disagree question. */
  participantStatements?: boolean;
  /** The choice or Likert question an open question's themes are cross-tabulated with. */
  crossTab?: string;
}

export interface QuestionDefinition {
  key: string;
  sectionKey: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  intro: string;
  channels: string[];
  opensAt: Date | null;
  closesAt: Date | null;
  reminders: Date[];
  anonymity: Anonymity;
  resultsVisibility: ResultsVisibility;
  /** Poll options, Likert items, or the seed statements of an agree/disagree question. */
  options: OptionDefinition[];
  minChoices: number;
  maxChoices: number;
  config: QuestionConfig;
}

export const DEFAULT_LIKERT_SCALE = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
];

/**
 * An optional writer of prose summaries (a language model behind an OpenAI-compatible endpoint). It is given the
 * responses with their ids and must cite them; the core checks every quote it returns (summaries/verify-quotes.ts)
 * and falls back to the extractive summary when it fails or is too slow.
 */
export interface SummaryRequest {
  questionPrompt: string;
  responses: { id: string; text: string }[];
  /** Themes already found, to write about rather than invent. */
  themes: { label: string; responseIds: string[] }[];
}

export interface WrittenPoint {
  text: string;
  quotes: { responseId: string; text: string }[];
}

export interface WrittenSummary {
  overview: string;
  points: WrittenPoint[];
}

export interface SummaryWriter {
  /** The method recorded with the summary, e.g. `llm:gpt-4o-mini`. */
  readonly method: string;
  write(request: SummaryRequest, signal: AbortSignal): Promise<WrittenSummary>;
}

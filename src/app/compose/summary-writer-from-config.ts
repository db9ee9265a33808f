import { OpenAiSummaryWriter } from '../../../adapters/llm/openai-summary-writer.ts';
import type { SummaryWriter } from '../../core/ports/summary-writer.ts';
import type { Config } from '../config.ts';

/** The language-model summary writer when LLM_BASE_URL is set; null (extractive summaries only) otherwise. */
export function summaryWriterFrom(
  config: Pick<Config, 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_MODEL'>,
): SummaryWriter | null {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return null;
  return new OpenAiSummaryWriter({ baseUrl: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, model: config.LLM_MODEL });
}

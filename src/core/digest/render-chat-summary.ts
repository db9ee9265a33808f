import { activityLine, n, participationLine, quietLine, weekSpan } from './describe.ts';
import type { DigestModel, DigestQuestion } from './model.ts';

/**
 * The short message posted to the organisers' channel with a digest: plain text, a few lines, for every platform.
 * The caller makes it safe for the platform it goes to (`safeChatText`).
 */

const MAX_QUESTIONS = 8;

function questionLine(q: DigestQuestion): string {
  const prompt = q.prompt.length > 80 ? `${q.prompt.slice(0, 79)}…` : q.prompt;
  if (q.kind === 'open' && q.responses)
    return `• ${prompt}: ${n(q.responses.thisWeek)} new responses (${n(q.responses.total)} in all)`;
  return `• ${prompt}: ${n(q.participation.overall.active)} voted this week (${n(q.participation.overall.people)} in all)`;
}

export function renderChatSummary(model: DigestModel, attachment: string | null): string {
  const head = `Weekly digest for ${model.programme.title}, ${model.week.label} (${weekSpan(model)})`;
  if (model.quiet)
    return [head, quietLine(model), participationLine(model), attachment ? `Details in ${attachment}.` : '']
      .filter(Boolean)
      .join('\n');
  const active = model.questions.filter((q) =>
    q.kind === 'open' && q.responses ? q.responses.thisWeek !== 0 : q.participation.overall.active !== 0,
  );
  const lines = active.slice(0, MAX_QUESTIONS).map(questionLine);
  if (active.length > MAX_QUESTIONS) lines.push(`• and ${active.length - MAX_QUESTIONS} more questions`);
  return [
    head,
    `${participationLine(model)} ${activityLine(model)}`,
    ...lines,
    attachment ? `The full digest, with positions and quotes, is in ${attachment}.` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

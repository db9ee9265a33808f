import type { ConsultationReads } from '../../../src/core/consultation/consultation.ts';
import type { PostingRecord } from '../../../src/core/records.ts';
import { messageRef, permalinkTargets } from '../refs.ts';

/**
 * Slack has no reply-to inside a thread, so Agora reads it from what people do by habit. A reply in a question's
 * thread answers another response when:
 *  1. it links that response's message (Slack's "Copy link" gives `https://x.slack.com/archives/C…/p…`): the first
 *     such link, other than one to the question itself, names the response replied to; or else
 *  2. it starts with a quote (`> …`, one or more lines) of words from that response: the most recent response in the
 *     same thread whose text contains the quoted words (at least three characters, compared ignoring case, spacing
 *     and formatting marks; a trailing "…" is ignored, so a shortened quote still matches).
 * Anything else answers the question itself.
 */
export async function findReplyTarget(
  read: Pick<ConsultationReads, 'responsesTo'>,
  posting: PostingRecord,
  at: { team: string; channel: string; threadTs: string },
  body: string,
): Promise<string | null> {
  for (const link of permalinkTargets(body)) {
    if (link.ts !== at.threadTs) return messageRef(at.team, link.channel, link.ts);
  }
  const quoted = leadingQuote(body);
  if (!quoted) return null;
  const responses = await read.responsesTo(posting.questionId);
  for (let i = responses.length - 1; i >= 0; i--) {
    const candidate = responses[i];
    if (candidate?.postingId === posting.id && candidate.messageRef && normalise(candidate.body).includes(quoted)) {
      return candidate.messageRef;
    }
  }
  return null;
}

/** The quoted words a message starts with, normalised; null when it does not start with a quote. */
export function leadingQuote(body: string): string | null {
  const quoted: string[] = [];
  for (const line of body.split('\n')) {
    if (!/^\s*>/.test(line)) break;
    quoted.push(line.replace(/^\s*>+\s?/, ''));
  }
  const text = normalise(quoted.join(' '))
    .replace(/(…|\.\.\.)$/, '')
    .trim();
  return text.length >= 3 ? text : null;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_~`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import { KIND_LABEL } from '../../../src/core/presentation/question-wording.ts';
import { anonymityNote, howToTakePart, isClosed } from './card-wording.ts';
import { fullAndRelative } from './discord-time.ts';
import { itemsInRows, LIMITS } from './layout.ts';
import { tallyFields } from './tally-text.ts';
import { shown, truncateText } from './text.ts';

const OPEN_COLOUR = 0x5865f2;
const CLOSED_COLOUR = 0x95a5a6;
const INTRO_CUT = '\n*(Shortened: the full introduction is longer than one Discord message holds.)*';

function whenField(card: QuestionCard): APIEmbedField {
  if (isClosed(card)) {
    return {
      name: 'Closed',
      value: card.closedAt
        ? `Closed ${fullAndRelative(card.closedAt)}`
        : card.closesAt
          ? `Closing time was ${fullAndRelative(card.closesAt)}`
          : 'Closed',
      inline: true,
    };
  }
  return {
    name: 'Closes',
    value: card.closesAt ? fullAndRelative(card.closesAt) : 'No closing time set',
    inline: true,
  };
}

function itemLines(card: QuestionCard): string {
  if (!itemsInRows(card) || isClosed(card)) return '';
  const noun = card.kind === 'likert' ? 'Item' : 'Statement';
  return card.options.map((o, i) => `**${noun} ${i + 1}** · ${shown(o.label, 300)}`).join('\n');
}

function embedLength(embed: APIEmbed): number {
  const fields = embed.fields ?? [];
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** The introduction gets whatever room is left once everything else is in; past that it is cut, with a note. */
function fitIntro(intro: string, room: number): string {
  const text = shown(intro.trim(), Number.MAX_SAFE_INTEGER);
  if (!text || room <= INTRO_CUT.length + 20) return '';
  if (text.length <= room) return text;
  return `${truncateText(text, room - INTRO_CUT.length)}${INTRO_CUT}`;
}

/** A question as a Discord embed: programme, the question, how to take part, when it closes, results. */
export function questionEmbed(card: QuestionCard): APIEmbed {
  const prompt = shown(card.prompt, 6000);
  const title = truncateText(prompt, LIMITS.embedTitle);
  const head = prompt.length > LIMITS.embedTitle ? `**${truncateText(prompt, 3000)}**` : '';
  const tail = [
    itemLines(card),
    howToTakePart(card, itemsInRows(card)),
    `*${anonymityNote(card.anonymity, card.kind)}*`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const fields: APIEmbedField[] = [];
  if (card.sectionTitle) fields.push({ name: 'Section', value: shown(card.sectionTitle, 150), inline: true });
  fields.push(whenField(card));
  fields.push(...tallyFields(card).slice(0, LIMITS.embedFields - fields.length));
  const embed: APIEmbed = {
    author: { name: shown(card.programmeTitle, LIMITS.authorName) || 'Agora' },
    title,
    description: [head, tail].filter(Boolean).join('\n\n'),
    fields,
    footer: { text: `${KIND_LABEL[card.kind]}${isClosed(card) ? ' · closed' : ''}` },
    color: isClosed(card) ? CLOSED_COLOUR : OPEN_COLOUR,
  };
  const used = embedLength(embed);
  const room = Math.min(LIMITS.embedDescription - (embed.description?.length ?? 0) - 4, LIMITS.embedTotal - used - 4);
  const intro = fitIntro(card.intro, room);
  if (intro) embed.description = [head, intro, tail].filter(Boolean).join('\n\n');
  return shrinkToFit(embed);
}

/** Last resort for very long polls: shortens the longest field values until the embed fits Discord's 6,000. */
function shrinkToFit(embed: APIEmbed): APIEmbed {
  let excess = embedLength(embed) - LIMITS.embedTotal;
  if (excess <= 0) return embed;
  if (embed.description && embed.description.length > 500) {
    const cut = Math.min(excess, embed.description.length - 500);
    embed.description = truncateText(embed.description, embed.description.length - cut);
    excess -= cut;
  }
  const fields = embed.fields ?? [];
  while (excess > 0 && fields.length > 0) {
    const longest = fields.reduce((a, b) => (b.value.length > a.value.length ? b : a));
    const cut = Math.min(excess, Math.max(1, longest.value.length - 40));
    longest.value = truncateText(longest.value, longest.value.length - cut);
    excess -= cut;
  }
  return embed;
}

/** The embed as plain text (for logs, tests and notices). */
export function embedText(embed: APIEmbed): string {
  return [
    embed.author?.name,
    embed.title,
    embed.description,
    ...(embed.fields ?? []).map((f) => `${f.name}: ${f.value}`),
    embed.footer?.text,
  ]
    .filter(Boolean)
    .join('\n');
}

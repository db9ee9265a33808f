import { stem } from './stem.ts';
import { STOP_WORDS } from './stop-words.ts';

/**
 * The words of a written answer. Chat markup carries none: Slack and Discord mentions, channel links and custom
 * emoji (`<@U123>`, `<#C1|x>`, `<!here>`, `<:name:123>`), links (`<https://...|label>` or bare) and emoji
 * shortcodes (`:smile:`). What is left is split into runs of Unicode letters and digits; apostrophes and hyphens
 * inside a word join it ("don't" -> "dont", "well-being" -> "wellbeing").
 */
const MARKUP = /<(?:[@#!]|a?:|https?:|mailto:)[^>]*>|https?:\/\/\S+|www\.\S+|:[a-z0-9_+-]+:/giu;
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
// Between two words, anything but spaces (a comma, a full stop, removed markup) ends a phrase.
const PHRASE_BREAK = /[^\s]/u;

export interface Word {
  /** The stem that stands for the word in vectors: "marking" -> "mark". */
  readonly stem: string;
  /** The word as written, for labels. */
  readonly surface: string;
}

/** Whether the answer says anything in words: false for emoji, links, mentions, numbers or punctuation alone. */
export function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(MARKUP, ' '));
}

// The words seen lately, as written (null: not a content word): chat repeats its words, and stemming is the cost.
// Words are never changed, so one object serves every use of a spelling.
const WORDS = new Map<string, Word | null>();
const WORDS_KEPT = 200_000;

function wordOf(token: string): Word | null {
  const known = WORDS.get(token);
  if (known !== undefined) return known;
  const joined = token.toLowerCase().replace(/['’-]/g, '');
  const found =
    joined.length < 2 || STOP_WORDS.has(joined) || /^\p{N}+$/u.test(joined)
      ? null
      : { stem: stem(joined), surface: token };
  if (WORDS.size >= WORDS_KEPT) WORDS.clear();
  WORDS.set(token, found);
  return found;
}

/**
 * The content words of a text in order, lower-cased and stemmed, with `null` wherever a stop word, a number,
 * punctuation or markup comes between two of them, so that bigrams are only ever made of adjacent words.
 */
export function contentWords(text: string): (Word | null)[] {
  const plain = text.replace(MARKUP, ' | ');
  const words: (Word | null)[] = [];
  let end = 0;
  for (const match of plain.matchAll(TOKEN)) {
    if (PHRASE_BREAK.test(plain.slice(end, match.index)) && words.at(-1)) words.push(null);
    end = match.index + match[0].length;
    const found = wordOf(match[0]);
    if (found === null) {
      if (words.at(-1)) words.push(null);
      continue;
    }
    words.push(found);
  }
  return words;
}

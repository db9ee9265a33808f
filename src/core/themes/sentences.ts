/**
 * The sentences of a text, each a verbatim substring of it: split after ., ! or ? (and any closing quote or
 * bracket) followed by white space, and at line breaks; trimmed, never otherwise edited.
 */
const BOUNDARY = /(?<=[.!?]["'’”)\]]*)\s+|\s*\n\s*/u;

export function sentences(text: string): string[] {
  return text
    .split(BOUNDARY)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

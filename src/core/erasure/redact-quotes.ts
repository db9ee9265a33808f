import type { RemovedResponses } from '../ports/store.ts';

/**
 * Removes, from a stored digest (any JSON shape), every quote of a removed response: a quote is an object with a
 * `text`, found by its `responseId` or, for anonymous quotes that carry none, by its text (the whole text, or the
 * first part of a quote cut at its limit). Returns the cleaned copy and how many quotes went.
 */
export function redactQuotes(value: unknown, removed: Pick<RemovedResponses, 'responseIds' | 'texts'>) {
  const ids = new Set(removed.responseIds);
  const texts = removed.texts.filter((t) => t.length > 0);
  let count = 0;
  const quotesRemoved = (item: unknown): boolean => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return false;
    const record = item as Record<string, unknown>;
    if (typeof record.responseId === 'string' && ids.has(record.responseId)) return true;
    const text = typeof record.text === 'string' ? record.text : typeof record.quote === 'string' ? record.quote : null;
    if (text === null || !('responseId' in record || 'author' in record)) return false;
    const cut = record.truncated === true ? text.replace(/…$/, '') : text;
    return texts.some((t) => t === text || (cut.length > 0 && record.truncated === true && t.startsWith(cut)));
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      const kept = node.filter((item) => {
        const gone = quotesRemoved(item);
        if (gone) count += 1;
        return !gone;
      });
      return kept.map(walk);
    }
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    }
    return node;
  };
  const cleaned = walk(value);
  return { value: cleaned, removed: count };
}

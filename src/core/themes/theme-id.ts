/**
 * A theme's id: "t-" and a 53-bit hash (cyrb53) of its response ids sorted and joined by "\n", so the same answers
 * always make the same id, whatever order they came in. The ids are given sorted and hashed as they are, without
 * building the joined text (a large theme's ids are megabytes of it).
 */
export function themeId(sortedIds: readonly string[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let line = 0; line < sortedIds.length; line++) {
    if (line > 0) {
      h1 = Math.imul(h1 ^ 10, 2654435761);
      h2 = Math.imul(h2 ^ 10, 1597334677);
    }
    const id = sortedIds[line] as string;
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `t-${hash.toString(16).padStart(14, '0')}`;
}

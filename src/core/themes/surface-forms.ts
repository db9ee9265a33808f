import type { Word } from './words.ts';

/**
 * How to show a stem: the lower-cased form people wrote most often ("marking" for "mark"), in capitals when most
 * of its uses were in capitals, as acronyms are ("SLT", "CPD"). Ties go to the alphabetically first form.
 */
export class SurfaceForms {
  private readonly uses = new Map<string, Map<string, { count: number; capitals: number }>>();

  add(words: readonly (Word | null)[]): void {
    for (const word of words) {
      if (!word) continue;
      const forms = this.uses.get(word.stem) ?? new Map<string, { count: number; capitals: number }>();
      this.uses.set(word.stem, forms);
      const lower = word.surface.toLowerCase();
      const form = forms.get(lower) ?? { count: 0, capitals: 0 };
      form.count++;
      if (/\p{Lu}.*\p{Lu}/u.test(word.surface) && word.surface === word.surface.toUpperCase()) form.capitals++;
      forms.set(lower, form);
    }
  }

  /** A term (a stem, or two stems joined by a space) as people wrote it. */
  show(term: string): string {
    return term
      .split(' ')
      .map((stem) => this.showStem(stem))
      .join(' ');
  }

  private showStem(stem: string): string {
    let best: [string, { count: number; capitals: number }] | undefined;
    for (const entry of this.uses.get(stem) ?? []) {
      if (!best || entry[1].count > best[1].count || (entry[1].count === best[1].count && entry[0] < best[0])) {
        best = entry;
      }
    }
    if (!best) return stem;
    return best[1].capitals * 2 > best[1].count ? best[0].toUpperCase() : best[0];
  }
}

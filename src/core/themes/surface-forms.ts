import type { Word } from './words.ts';

/**
 * How to show a stem: the lower-cased form people wrote most often ("marking" for "mark"), in capitals when most
 * of its uses were in capitals, as acronyms are ("SLT", "CPD"). Ties go to the alphabetically first form.
 */
export class SurfaceForms {
  /** How often each word was written. A word is one spelling (see words.ts), so this is one lookup per use. */
  private readonly counts = new Map<Word, number>();
  /** Per stem, how often each spelling was written (as written: folded to lower case only when shown). */
  private uses: Map<string, Map<string, number>> | null = null;

  add(words: readonly (Word | null)[]): void {
    for (const word of words) if (word) this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
    this.uses = null;
  }

  /** A term (a stem, or two stems joined by a space) as people wrote it. */
  show(term: string): string {
    return term
      .split(' ')
      .map((stem) => this.showStem(stem))
      .join(' ');
  }

  private showStem(stem: string): string {
    const forms = new Map<string, { count: number; capitals: number }>();
    for (const [surface, count] of this.spellings(stem)) {
      const lower = surface.toLowerCase();
      const form = forms.get(lower) ?? { count: 0, capitals: 0 };
      form.count += count;
      if (/\p{Lu}.*\p{Lu}/u.test(surface) && surface === surface.toUpperCase()) form.capitals += count;
      forms.set(lower, form);
    }
    let best: [string, { count: number; capitals: number }] | undefined;
    for (const entry of forms) {
      if (!best || entry[1].count > best[1].count || (entry[1].count === best[1].count && entry[0] < best[0])) {
        best = entry;
      }
    }
    if (!best) return stem;
    return best[1].capitals * 2 > best[1].count ? best[0].toUpperCase() : best[0];
  }

  private spellings(stem: string): Map<string, number> {
    if (!this.uses) {
      this.uses = new Map();
      for (const [word, count] of this.counts) {
        let spellings = this.uses.get(word.stem);
        if (!spellings) {
          spellings = new Map();
          this.uses.set(word.stem, spellings);
        }
        spellings.set(word.surface, (spellings.get(word.surface) ?? 0) + count);
      }
    }
    return this.uses.get(stem) ?? new Map();
  }
}

/** How long a stance counts as on its way: the core applies it within moments, unless the store is away. */
const ON_ITS_WAY_MS = 5 * 60_000;
const MAX_PEOPLE = 5_000;

/**
 * The statements each person answered lately in this process, so that the next card dealt never repeats one whose
 * vote is stored but not applied yet (a person can press faster than the core applies). The cards of a person's
 * flow come to the one process that serves their guild.
 */
export class SubmittedStances {
  readonly #byPerson = new Map<string, Map<string, number>>();

  /** Notes the stance and returns every statement of the question this person answered lately. */
  add(userId: string, questionId: string, statementKey: string): string[] {
    const key = `${userId}\n${questionId}`;
    const now = Date.now();
    const mine = this.#byPerson.get(key) ?? new Map<string, number>();
    this.#byPerson.delete(key);
    mine.set(statementKey, now);
    for (const [statement, at] of mine) if (now - at > ON_ITS_WAY_MS) mine.delete(statement);
    this.#byPerson.set(key, mine);
    if (this.#byPerson.size > MAX_PEOPLE) {
      const oldest = this.#byPerson.keys().next().value;
      if (oldest !== undefined) this.#byPerson.delete(oldest);
    }
    return [...mine.keys()];
  }
}

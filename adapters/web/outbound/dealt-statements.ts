import type { DealtStatement } from '../../../src/core/statements/deal-statement.ts';

/**
 * What each person was dealt last on each agree/disagree question: the sandbox's stand-in for the card a chat
 * platform shows only to them. Kept in memory, like private notices; after a restart people press "Vote on
 * statements" again.
 */
const KEEP = 2000;

export class DealtStatements {
  readonly #dealt = new Map<string, DealtStatement>();

  show(userId: string, questionId: string, dealt: DealtStatement): void {
    const key = `${userId}\n${questionId}`;
    this.#dealt.delete(key);
    this.#dealt.set(key, dealt);
    if (this.#dealt.size > KEEP) {
      const oldest = this.#dealt.keys().next().value;
      if (oldest !== undefined) this.#dealt.delete(oldest);
    }
  }

  shownTo(userId: string, questionId: string): DealtStatement | undefined {
    return this.#dealt.get(`${userId}\n${questionId}`);
  }
}

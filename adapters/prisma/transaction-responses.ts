import type { NewResponse, Respondent, ResponseRepository } from '../../src/core/ports/store.ts';
import type { ResponseRecord, ResponseRevisionRecord } from '../../src/core/records.ts';
import { recordId } from './record-id.ts';
import type { PrismaResponseRepository } from './response-repository.ts';

const pair = (questionId: string, participantId: string) => `${questionId} ${participantId}`;

/**
 * Responses as a transaction sees them. New responses are held and written in one insert before any other
 * use of the response table (an edit, a deletion, a list) and before the transaction commits, and what was read or
 * recorded is remembered, so a batch of replies costs a few round trips rather than several each. A response already stored under the same key makes the insert
 * fail, and with it the transaction: the caller applies such a batch again event by event.
 */
export class TransactionResponses implements ResponseRepository {
  readonly #held: ResponseRecord[] = [];
  readonly #byMessageRef = new Map<string, ResponseRecord | null>();
  readonly #byKey = new Map<string, ResponseRecord>();
  readonly #responded = new Map<string, boolean>();

  constructor(private readonly stored: PrismaResponseRepository) {}

  async record(response: NewResponse): Promise<{ response: ResponseRecord; created: boolean }> {
    const known =
      this.#byKey.get(response.idempotencyKey) ??
      (response.messageRef ? this.#byMessageRef.get(response.messageRef) : null);
    if (known) return { response: known, created: false };
    const record: ResponseRecord = { ...response, id: recordId(), editedAt: null, deletedAt: null };
    this.#held.push(record);
    this.#remember(record);
    this.#responded.set(pair(record.questionId, record.participantId), true);
    return { response: record, created: true };
  }

  /** Writes the held responses. */
  async flush(): Promise<void> {
    if (this.#held.length === 0) return;
    await this.stored.insertMany(this.#held.splice(0));
  }

  async findByMessageRef(messageRef: string): Promise<ResponseRecord | null> {
    const known = this.#byMessageRef.get(messageRef);
    if (known !== undefined) return known;
    const found = await this.stored.findByMessageRef(messageRef);
    this.#byMessageRef.set(messageRef, found);
    return found;
  }

  async findById(id: string): Promise<ResponseRecord | null> {
    return this.#held.find((r) => r.id === id) ?? this.stored.findById(id);
  }

  async hasResponded(questionId: string, participantId: string): Promise<boolean> {
    const key = pair(questionId, participantId);
    const known = this.#responded.get(key);
    if (known !== undefined) return known;
    const answered = await this.stored.hasResponded(questionId, participantId);
    this.#responded.set(key, answered);
    return answered;
  }

  async respondedAmong(pairs: Respondent[]): Promise<Respondent[]> {
    const asked = pairs.filter((p) => !this.#responded.has(pair(p.questionId, p.participantId)));
    for (const found of asked) this.#responded.set(pair(found.questionId, found.participantId), false);
    for (const found of await this.stored.respondedAmong(asked))
      this.#responded.set(pair(found.questionId, found.participantId), true);
    return pairs.filter((p) => this.#responded.get(pair(p.questionId, p.participantId)));
  }

  async revise(responseId: string, body: string, idempotencyKey: string, at: Date): Promise<boolean> {
    await this.flush();
    this.#forget(responseId);
    return this.stored.revise(responseId, body, idempotencyKey, at);
  }

  async markDeleted(responseId: string, at: Date): Promise<boolean> {
    await this.flush();
    const forgotten = this.#forget(responseId);
    if (forgotten) this.#responded.delete(pair(forgotten.questionId, forgotten.participantId));
    return this.stored.markDeleted(responseId, at);
  }

  async revisions(responseId: string): Promise<ResponseRevisionRecord[]> {
    await this.flush();
    return this.stored.revisions(responseId);
  }

  async listByQuestion(questionId: string, options?: { includeDeleted?: boolean }): Promise<ResponseRecord[]> {
    await this.flush();
    return this.stored.listByQuestion(questionId, options);
  }

  async listByParticipant(participantId: string): Promise<ResponseRecord[]> {
    await this.flush();
    return this.stored.listByParticipant(participantId);
  }

  async respondentIds(questionId: string): Promise<string[]> {
    await this.flush();
    return this.stored.respondentIds(questionId);
  }

  async latestMessageRef(postingId: string): Promise<string | null> {
    await this.flush();
    return this.stored.latestMessageRef(postingId);
  }

  #remember(record: ResponseRecord): void {
    this.#byKey.set(record.idempotencyKey, record);
    if (record.messageRef) this.#byMessageRef.set(record.messageRef, record);
  }

  /** Drops what is remembered of a response about to change, so it is read again as changed; returns it. */
  #forget(responseId: string): ResponseRecord | undefined {
    let known: ResponseRecord | undefined;
    for (const [ref, r] of this.#byMessageRef)
      if (r?.id === responseId) {
        known = r;
        this.#byMessageRef.delete(ref);
      }
    for (const [key, r] of this.#byKey)
      if (r.id === responseId) {
        known = r;
        this.#byKey.delete(key);
      }
    return known;
  }
}

import { randomUUID } from 'node:crypto';
import type { OutgoingFile } from '../../src/core/ports/chat-platform.ts';

/** How long a file waits for the person's Allow, and how much waiting is held at once (oldest dropped first). */
export const OFFER_LIFETIME_MS = 60 * 60_000;
const OFFERED_BYTES_MAX = 100 * 1024 * 1024;
const OFFERS_MAX = 500;

export interface OfferedFile {
  name: string;
  title: string;
  bytes: Uint8Array;
}

interface Offer {
  owner: string;
  name: string;
  expiresAt: number;
  /** The bytes while the file waits; null once it is sent, declined or on its way. */
  file: OfferedFile | null;
  state: 'offered' | 'uploading' | 'sent' | 'declined';
}

/** What an Allow finds: the file to upload, or why there is none. */
type Taken =
  | { kind: 'file'; file: OfferedFile }
  | { kind: 'gone' }
  | { kind: 'uploading'; name: string }
  | { kind: 'sent'; name: string };

const bytesOf = (file: OutgoingFile): Uint8Array =>
  typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;

/**
 * Files offered in a consent card, kept in this process's memory until the person allows or declines them. A
 * command's file exists only in its reply (nothing stores it), and running the command again on Allow would
 * audit it twice and could give other figures; so the bytes wait here, for an hour at most, within a bounded
 * amount of memory. A restart, or an Allow reaching another replica, finds nothing: the person is told to ask again.
 */
export class FileOffers {
  readonly #offers = new Map<string, Offer>();
  #offeredBytes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  offer(owner: string, file: OutgoingFile): { id: string; file: OfferedFile } {
    this.#prune();
    const offered = { name: file.name, title: file.title, bytes: bytesOf(file) };
    const id = randomUUID();
    this.#offers.set(id, {
      owner,
      name: file.name,
      expiresAt: this.now() + OFFER_LIFETIME_MS,
      file: offered,
      state: 'offered',
    });
    this.#offeredBytes += offered.bytes.length;
    while (this.#offeredBytes > OFFERED_BYTES_MAX || this.#offers.size > OFFERS_MAX) {
      const oldest = this.#offers.keys().next().value;
      if (oldest === undefined || oldest === id) break;
      this.#forget(oldest);
    }
    return { id, file: offered };
  }

  /** The file for its owner's Allow, marked as on its way so that a second Allow uploads nothing. */
  take(id: string, owner: string): Taken {
    this.#prune();
    const offer = this.#offers.get(id);
    if (!offer || offer.owner !== owner || offer.state === 'declined') return { kind: 'gone' };
    if (offer.state === 'uploading') return { kind: 'uploading', name: offer.name };
    if (offer.state === 'sent' || !offer.file) return { kind: 'sent', name: offer.name };
    const file = offer.file;
    offer.state = 'uploading';
    return { kind: 'file', file };
  }

  /** The upload went through: the bytes are let go, the offer remembered as sent until it would have expired. */
  sent(id: string): void {
    const offer = this.#offers.get(id);
    if (!offer) return;
    this.#release(offer);
    offer.state = 'sent';
  }

  /** The upload failed: the file waits again for another Allow. */
  failed(id: string): void {
    const offer = this.#offers.get(id);
    if (offer?.state === 'uploading') offer.state = 'offered';
  }

  /** Declined by its owner: the bytes go; resolves with what had become of it. */
  decline(id: string, owner: string): 'declined' | 'sent' | 'gone' {
    const offer = this.#offers.get(id);
    if (!offer || offer.owner !== owner) return 'gone';
    if (offer.state === 'sent' || offer.state === 'uploading') return 'sent';
    this.#release(offer);
    offer.state = 'declined';
    return 'declined';
  }

  #release(offer: Offer): void {
    if (offer.file) this.#offeredBytes -= offer.file.bytes.length;
    offer.file = null;
  }

  #forget(id: string): void {
    const offer = this.#offers.get(id);
    if (offer) this.#release(offer);
    this.#offers.delete(id);
  }

  #prune(): void {
    const now = this.now();
    for (const [id, offer] of this.#offers) if (offer.expiresAt <= now) this.#forget(id);
  }
}

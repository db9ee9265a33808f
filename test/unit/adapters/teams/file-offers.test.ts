import { describe, expect, it } from 'vitest';
import { FileOffers, OFFER_LIFETIME_MS } from '../../../../adapters/teams/file-offers.ts';

const file = (name: string, size: number) => ({ name, title: name, content: new Uint8Array(size) });

describe('files waiting for an Allow in Teams', () => {
  it('gives the file to its owner only, once', () => {
    const offers = new FileOffers(() => 0);
    const { id } = offers.offer('aad-alice', file('a.csv', 10));
    expect(offers.take(id, 'aad-bob')).toEqual({ kind: 'gone' });
    expect(offers.take(id, 'aad-alice')).toMatchObject({ kind: 'file', file: { name: 'a.csv' } });
    expect(offers.take(id, 'aad-alice')).toEqual({ kind: 'uploading', name: 'a.csv' });
    offers.sent(id);
    expect(offers.take(id, 'aad-alice')).toEqual({ kind: 'sent', name: 'a.csv' });
    expect(offers.decline(id, 'aad-alice')).toBe('sent');
  });

  it('lets a file go after its hour, after a Decline, and the oldest first when they hold too much', () => {
    let now = 0;
    const offers = new FileOffers(() => now);
    const late = offers.offer('p', file('late.csv', 1)).id;
    now = OFFER_LIFETIME_MS;
    expect(offers.take(late, 'p')).toEqual({ kind: 'gone' });
    const declined = offers.offer('p', file('no.csv', 1)).id;
    expect(offers.decline(declined, 'p')).toBe('declined');
    expect(offers.take(declined, 'p')).toEqual({ kind: 'gone' });
    const big = 30 * 1024 * 1024;
    const ids = [1, 2, 3, 4].map((n) => offers.offer('p', file(`${n}.xlsx`, big)).id);
    expect(ids.map((id) => offers.take(id, 'p').kind)).toEqual(['gone', 'file', 'file', 'file']);
  });

  it('keeps a file whose upload failed for the next Allow', () => {
    const offers = new FileOffers(() => 0);
    const { id } = offers.offer('p', file('a.csv', 3));
    offers.take(id, 'p');
    offers.failed(id);
    expect(offers.take(id, 'p')).toMatchObject({ kind: 'file' });
  });
});

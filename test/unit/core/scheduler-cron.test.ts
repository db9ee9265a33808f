import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { nextCronOccurrence, parseCron } from '../../../src/core/cron.ts';

const at = (iso: string) => new Date(iso);

/** Every occurrence in [from, to), in order. */
function occurrences(expression: string, from: string, to: string, timeZone: string): string[] {
  const found: string[] = [];
  let cursor = new Date(new Date(from).getTime() - 1);
  for (;;) {
    const next = nextCronOccurrence(expression, cursor, timeZone);
    if (!next || next >= new Date(to)) return found;
    found.push(next.toISOString());
    cursor = next;
  }
}

describe('the next time a cron expression fires', () => {
  it('sends the Monday 08:00 London digest at 08:00 GMT in winter and 07:00 UTC once clocks go forward', () => {
    expect(occurrences('0 8 * * 1', '2027-03-15T00:00:00Z', '2027-04-06T00:00:00Z', 'Europe/London')).toEqual([
      '2027-03-15T08:00:00.000Z',
      '2027-03-22T08:00:00.000Z',
      '2027-03-29T07:00:00.000Z',
      '2027-04-05T07:00:00.000Z',
    ]);
    expect(occurrences('0 8 * * 1', '2026-10-19T00:00:00Z', '2026-10-27T00:00:00Z', 'Europe/London')).toEqual([
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('runs a time skipped when clocks go forward at the instant it would have had, once', () => {
    // 28 March 2027: 01:00 GMT becomes 02:00 BST, so 01:30 does not exist in London.
    expect(occurrences('30 1 * * *', '2027-03-27T00:00:00Z', '2027-03-30T00:00:00Z', 'Europe/London')).toEqual([
      '2027-03-27T01:30:00.000Z',
      '2027-03-28T01:30:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ]);
  });

  it('runs a time repeated when clocks go back once, at its first occurrence', () => {
    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens at 00:30 UTC and again at 01:30 UTC.
    expect(occurrences('30 1 * * *', '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z', 'Europe/London')).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
    expect(occurrences('*/30 * * * *', '2026-10-24T23:00:00Z', '2026-10-25T02:31:00Z', 'Europe/London')).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('follows other time zones through their own DST changes', () => {
    // New York moves to EDT on 14 March 2027.
    expect(occurrences('0 9 * * *', '2027-03-13T00:00:00Z', '2027-03-15T00:00:00Z', 'America/New_York')).toEqual([
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
    ]);
    expect(nextCronOccurrence('0 8 * * 1', at('2027-01-10T00:00:00Z'), 'UTC')?.toISOString()).toBe(
      '2027-01-11T08:00:00.000Z',
    );
  });

  it('is strictly after the given instant', () => {
    expect(nextCronOccurrence('0 8 * * 1', at('2027-01-11T08:00:00Z'), 'Europe/London')?.toISOString()).toBe(
      '2027-01-18T08:00:00.000Z',
    );
    expect(nextCronOccurrence('* * * * *', at('2027-01-11T08:00:30Z'), 'Europe/London')?.toISOString()).toBe(
      '2027-01-11T08:01:00.000Z',
    );
  });

  it('reads names, ranges, steps and lists, and fires on either day field when both are restricted', () => {
    expect(occurrences('0 12 1 * mon', '2027-02-01T00:00:00Z', '2027-02-16T00:00:00Z', 'UTC')).toEqual([
      '2027-02-01T12:00:00.000Z',
      '2027-02-08T12:00:00.000Z',
      '2027-02-15T12:00:00.000Z',
    ]);
    expect(occurrences('15 9-17/4 * jan MON-FRI', '2027-01-04T00:00:00Z', '2027-01-05T00:00:00Z', 'UTC')).toEqual([
      '2027-01-04T09:15:00.000Z',
      '2027-01-04T13:15:00.000Z',
      '2027-01-04T17:15:00.000Z',
    ]);
    expect(parseCron('0 0 * * 7').daysOfWeek).toEqual(new Set([0]));
    expect(parseCron('0 8 * * 1').minutes).toEqual([0]);
  });

  it('accepts a leading seconds field, says when an expression never fires, and explains a bad one', () => {
    expect(nextCronOccurrence('0 0 8 * * 1', at('2027-01-10T00:00:00Z'), 'UTC')?.toISOString()).toBe(
      '2027-01-11T08:00:00.000Z',
    );
    expect(nextCronOccurrence('0 0 30 2 *', at('2027-01-01T00:00:00Z'), 'UTC')).toBeNull();
    expect(() => parseCron('61 * * * *')).toThrow(/minute/);
    expect(() => parseCron('0 8 * *')).toThrow(/five fields/);
    expect(() => parseCron('0 8 * * funday')).toThrow(/day of week/);
  });

  it('agrees with node-cron on which expressions are valid, for the ones programmes use', () => {
    for (const expression of ['0 8 * * 1', '*/15 * * * *', '30 17 * * fri', '0 9 1,15 * *'])
      expect([expression, cron.validate(expression)]).toEqual([expression, true]);
    for (const expression of ['0 8 * * 1', '*/15 * * * *', '30 17 * * fri', '0 9 1,15 * *'])
      expect(() => parseCron(expression)).not.toThrow();
  });
});

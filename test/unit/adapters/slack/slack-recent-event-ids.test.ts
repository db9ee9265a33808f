import { describe, expect, it } from 'vitest';
import { RecentEventIds } from '../../../../adapters/slack/inbound/recent-event-ids.ts';

describe('the event_ids a Slack adapter remembers', () => {
  it('remembers what it was given, and forgets the oldest once full', () => {
    const recent = new RecentEventIds(2);
    recent.add('Ev1');
    recent.add('Ev2');
    expect([recent.has('Ev1'), recent.has('Ev2'), recent.has('Ev3')]).toEqual([true, true, false]);
    recent.add('Ev1');
    recent.add('Ev3');
    expect([recent.has('Ev1'), recent.has('Ev2'), recent.has('Ev3')]).toEqual([true, false, true]);
  });
});

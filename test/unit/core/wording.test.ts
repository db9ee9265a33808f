import { describe, expect, it } from 'vitest';
import { tally } from '../../../src/core/consultation/question-card.ts';
import {
  activityLine,
  attribution,
  participationLine,
  responseLine,
  soFarLine,
} from '../../../src/core/digest/describe.ts';
import type { DigestModel, DigestQuestion } from '../../../src/core/digest/model.ts';
import type { QuestionRecord, VoteRecord } from '../../../src/core/records.ts';
import { describeMovement, type Movement } from '../../../src/core/summaries/movement.ts';
import { cutAtWord, plural } from '../../../src/core/wording.ts';

/** One of anything reads in the singular; a range never runs backwards; a week not over is not called over. */

const week = { label: '2026-W50', start: '2026-12-07T00:00:00.000Z', end: '2026-12-14T00:00:00.000Z' };

describe('counts in words', () => {
  it('makes one plural helper say 1 response, 2 responses and 1,204 people', () => {
    expect(plural(1, 'response')).toBe('1 response');
    expect(plural(2, 'response')).toBe('2 responses');
    expect(plural(1204, 'person', 'people')).toBe('1,204 people');
  });

  it('says 1 response, 1 vote, 1 voter and 1 person in the digest lines', () => {
    const model = {
      week,
      totals: { responsesThisWeek: 1, votesThisWeek: 1 },
      participation: { overall: { people: 1, active: 1, new: 1, returning: 0 } },
    } as unknown as DigestModel;
    expect(activityLine(model)).toBe('1 response and 1 vote this week.');
    expect(participationLine(model)).toMatch(/^1 person has taken part/);
    const open = {
      kind: 'open',
      responses: { total: 1, thisWeek: 1, sinceLastDigest: 1, previousTotal: null },
      participation: { overall: { people: 1 } },
    } as unknown as DigestQuestion;
    expect(responseLine(open)).toMatch(/^1 response in total/);
    expect(soFarLine(open)).toBe('1 response so far');
    expect(soFarLine({ ...open, kind: 'single_choice' } as DigestQuestion)).toBe('1 voter and 1 response so far');
  });

  it('says 1 person in the movement of groups and themes', () => {
    const movement = {
      groups: [{ label: 'Group A', size: 1, previousSize: null }],
      newConsensus: [],
      themes: [{ label: 'Workload', people: 1, previousPeople: null }],
    } as unknown as Movement;
    expect(describeMovement(movement).join(' ')).not.toMatch(/\b1 people\b/);
  });
});

describe('a digest of a week not over yet', () => {
  it('says its counts are as they stood when it was made, not at the end of the week', () => {
    const soFar = attribution({ week, generatedAt: '2026-12-09T15:30:00.000Z' });
    expect(soFar).not.toMatch(/end of the week/);
    expect(soFar).toContain('2026-12-09 15:30 UTC');
    expect(attribution({ week, generatedAt: '2026-12-14T08:00:00.000Z' })).toMatch(/at the end of the week/);
  });
});

describe('cutting text to fit', () => {
  it('cuts at a word boundary with an ellipsis', () => {
    expect(cutAtWord('What would make this a healthier place to work for everyone?', 30)).toBe(
      'What would make this a…',
    );
  });
});

describe('a rating scale', () => {
  it('gives no average for an item nobody rated', () => {
    const question = { kind: 'likert', config: { scale: ['1', '2', '3', '4', '5'] } } as unknown as QuestionRecord;
    const vote = { subject: 'pay', choice: ['3'], retractedAt: null } as unknown as VoteRecord;
    const lines = tally(
      question,
      [
        { key: 'pay', label: 'Pay' },
        { key: 'time', label: 'Time' },
      ],
      [vote],
    );
    expect(lines.map((l) => l.label)).toEqual(['Pay (average 4.0 of 5)', 'Time (not rated yet)']);
  });
});

import { describe, expect, it } from 'vitest';
import { placedParticipants } from '../../../../src/core/positions/in-conversation.ts';
import { firstDistinctCentres, kMeans } from '../../../../src/core/positions/k-means.ts';
import { silhouette } from '../../../../src/core/positions/map-silhouette.ts';
import { principalComponents } from '../../../../src/core/positions/pca.ts';
import { buildVoteMatrix, UNSEEN, type Vote } from '../../../../src/core/positions/vote-matrix.ts';
import { votesFromTable } from './votes.ts';

describe('the vote matrix', () => {
  it('keeps the latest vote and orders people and statements by first vote', () => {
    const votes: Vote[] = [
      { participantId: 'b', statementId: 's2', vote: 1, at: 5 },
      { participantId: 'a', statementId: 's1', vote: 1, at: 1 },
      { participantId: 'b', statementId: 's2', vote: -1, at: 9 },
      { participantId: 'a', statementId: 's1', vote: 0, at: 3 },
    ];
    const matrix = buildVoteMatrix(votes);
    expect(matrix.participantIds).toEqual(['a', 'b']);
    expect(matrix.statementIds).toEqual(['s1', 's2']);
    expect([...matrix.cells]).toEqual([0, UNSEEN, UNSEEN, -1]);
  });
});

describe('k-means', () => {
  it('starts from the first distinct points and settles on the obvious clusters', () => {
    const points = Float64Array.from([0, 0, 0, 0, 1, 0, 10, 0, 11, 0, 10, 1]);
    const starts = firstDistinctCentres(points, [0, 1, 2, 3], 2);
    expect([...starts]).toEqual([0, 0, 1, 0]);
    const clustering = kMeans(points, undefined, starts, 20);
    expect([...clustering.assignment]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(clustering.centres[2]).toBeCloseTo(31 / 3, 12);
  });

  it('drops a cluster left without points', () => {
    const points = Float64Array.from([0, 0, 1, 0]);
    const clustering = kMeans(points, undefined, Float64Array.from([0.5, 0, 100, 100]), 10);
    expect(clustering.count).toBe(1);
  });

  it('weights points when asked', () => {
    const points = Float64Array.from([0, 0, 3, 0]);
    const clustering = kMeans(points, Float64Array.from([2, 1]), Float64Array.from([1, 0]), 10);
    expect(clustering.centres[0]).toBeCloseTo(1, 12);
  });
});

describe('silhouette', () => {
  it('averages (b - a) / max(a, b), with 0 for a point alone in its group', () => {
    const points = Float64Array.from([0, 0, 1, 0, 10, 0, 11, 0, 50, 0]);
    const score = silhouette(points, Int32Array.from([0, 0, 1, 1, 2]), 3);
    // (0,0): a = 1, b = 10.5; (1,0): a = 1, b = 9.5; the other pair mirrors them; (50,0) scores 0.
    expect(score).toBeCloseTo((2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 5, 12);
  });
});

describe('principal components', () => {
  it('find the axis that divides the voters', () => {
    const rows: Record<string, string> = {};
    for (let i = 0; i < 6; i++) rows[`p${i}`] = i % 2 === 0 ? '++--' : '--++';
    const { first, centre } = principalComponents(buildVoteMatrix(votesFromTable(rows)));
    expect([...centre]).toEqual([0, 0, 0, 0]);
    const along = (first[0] as number) + (first[1] as number) - (first[2] as number) - (first[3] as number);
    expect(Math.abs(along) / 2).toBeCloseTo(1, 9);
  });
});

describe('placing participants', () => {
  it('keeps early voters placed, as Pol.is does, but not late ones with few votes', () => {
    const early = votesFromTable({ e1: '++', e2: '-+', e3: '+-' }, 1);
    const regulars: Record<string, string> = {};
    for (let i = 0; i < 15; i++) regulars[`q${i}`] = i % 2 === 0 ? '++++----' : '----++++';
    const late = votesFromTable({ late: '++' }, 100_000);
    const votes = [...early, ...votesFromTable(regulars, 100), ...late];
    const matrix = buildVoteMatrix(votes);
    const placed = [...placedParticipants(votes, matrix)].map((row) => matrix.participantIds[row]);
    expect(placed).toContain('e1');
    expect(placed).toContain('e3');
    expect(placed).not.toContain('late');
    expect(placed).toHaveLength(18);
  });
});

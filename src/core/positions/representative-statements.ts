import type { GroupTallies } from './group-tallies.ts';
import { isSignificant, proportionTest, twoProportionTest } from './significance.ts';
import type { VoteMatrix } from './vote-matrix.ts';

/**
 * What sets a group apart, computed and chosen exactly as Pol.is does (math/repness.clj).
 * For a statement and a group: probability (Pol.is's pa or pd) = (votes that way + 1) / (seen + 2) inside the
 * group; ratio (ra or rd) = that probability over the same probability among the members of the other groups;
 * probabilityTest (pat or pdt) and ratioTest (rat or rdt) are the z-scores of those two comparisons. A statement
 * counts when both z-scores pass 90% significance; each group keeps at most five, ranked by
 * ratio x ratioTest x probability x probabilityTest, agreements first, with the statement the group agrees with
 * most always included.
 */
export interface RepresentativeStatement {
  readonly statementId: string;
  readonly direction: 'agree' | 'disagree';
  /** Group members who voted that way. */
  readonly count: number;
  /** Group members who voted on the statement at all (passes included). */
  readonly seen: number;
  readonly probability: number;
  readonly probabilityTest: number;
  readonly ratio: number;
  /** Kept at single precision, as Pol.is stores and ranks it. */
  readonly ratioTest: number;
  /** The statement the group most agrees on, which Pol.is always puts first. */
  readonly bestAgree: boolean;
}

const MOST_PER_GROUP = 5;

interface Stats {
  column: number;
  agree: number;
  disagree: number;
  seen: number;
  pa: number;
  pd: number;
  pat: number;
  pdt: number;
  ra: number;
  rd: number;
  rat: number;
  rdt: number;
}

function statsFor(tallies: GroupTallies, columns: number, group: number, column: number): Stats {
  let agreeOut = 0;
  let disagreeOut = 0;
  let seenOut = 0;
  for (let other = 0; other < tallies.groupCount; other++) {
    if (other === group) continue;
    agreeOut += tallies.agree[other * columns + column] as number;
    disagreeOut += tallies.disagree[other * columns + column] as number;
    seenOut += tallies.seen[other * columns + column] as number;
  }
  const at = group * columns + column;
  const agree = tallies.agree[at] as number;
  const disagree = tallies.disagree[at] as number;
  const seen = tallies.seen[at] as number;
  const pa = (agree + 1) / (seen + 2);
  const pd = (disagree + 1) / (seen + 2);
  return {
    column,
    agree,
    disagree,
    seen,
    pa,
    pd,
    pat: proportionTest(agree, seen),
    pdt: proportionTest(disagree, seen),
    ra: pa / ((agreeOut + 1) / (seenOut + 2)),
    rd: pd / ((disagreeOut + 1) / (seenOut + 2)),
    rat: twoProportionTest(agree, agreeOut, seen, seenOut),
    rdt: twoProportionTest(disagree, disagreeOut, seen, seenOut),
  };
}

/** The more representative direction of a statement for the group. */
function finalise(matrix: VoteMatrix, s: Stats, bestAgree = false): RepresentativeStatement {
  const agree = s.rat > s.rdt;
  return {
    statementId: matrix.statementIds[s.column] as string,
    direction: agree ? 'agree' : 'disagree',
    count: agree ? s.agree : s.disagree,
    seen: s.seen,
    probability: agree ? s.pa : s.pd,
    probabilityTest: agree ? s.pat : s.pdt,
    ratio: agree ? s.ra : s.rd,
    ratioTest: Math.fround(agree ? s.rat : s.rdt),
    bestAgree,
  };
}

function passes(s: Stats): boolean {
  return (isSignificant(s.rat) && isSignificant(s.pat)) || (isSignificant(s.rdt) && isSignificant(s.pdt));
}

/** Pol.is's choice of the statement a group agrees with most, kept even when nothing passes the tests. */
function beatsBestAgree(s: Stats, current: Stats | undefined): boolean {
  if (s.agree === 0 && s.disagree === 0) return false;
  if (current !== undefined && current.ra > 1)
    return s.ra * s.rat * s.pa * s.pat > current.ra * current.rat * current.pa * current.pat;
  if (current !== undefined) return s.pa * s.pat > current.pa * current.pat;
  return isSignificant(s.pat) || (s.ra > 1 && s.pa > 0.5);
}

function strength(r: RepresentativeStatement): number {
  return r.ratio * r.ratioTest * r.probability * r.probabilityTest;
}

function selectForGroup(matrix: VoteMatrix, tallies: GroupTallies, group: number): RepresentativeStatement[] {
  const columns = matrix.statementIds.length;
  const sufficient: RepresentativeStatement[] = [];
  let best: RepresentativeStatement | undefined;
  let bestAgree: Stats | undefined;
  for (let column = 0; column < columns; column++) {
    if (matrix.hidden[column] === 1) continue;
    const s = statsFor(tallies, columns, group, column);
    if (passes(s)) sufficient.push(finalise(matrix, s));
    if (sufficient.length === 0 && (best === undefined || Math.max(s.rat, s.rdt) > best.ratioTest)) {
      best = finalise(matrix, s);
    }
    if (beatsBestAgree(s, bestAgree)) bestAgree = s;
  }
  const head = bestAgree === undefined ? undefined : finalise(matrix, bestAgree, true);
  if (sufficient.length === 0) return head !== undefined ? [head] : best !== undefined ? [best] : [];
  const ranked = sufficient
    .filter((r) => r.statementId !== head?.statementId)
    .sort((a, b) => strength(b) - strength(a));
  const chosen = (head === undefined ? ranked : [head, ...ranked]).slice(0, MOST_PER_GROUP);
  return [...chosen.filter((r) => r.direction === 'agree'), ...chosen.filter((r) => r.direction === 'disagree')];
}

/** Up to five statements per group, agreements first. */
export function representativeStatements(matrix: VoteMatrix, tallies: GroupTallies): RepresentativeStatement[][] {
  return Array.from({ length: tallies.groupCount }, (_, group) => selectForGroup(matrix, tallies, group));
}

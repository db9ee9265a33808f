/**
 * A literal transcription of Pol.is's repness, consensus and group-aware consensus (compdemocracy/polis,
 * math/src/polismath/math/repness.clj, stats.clj and conversation.clj), written apart from the engine and in the
 * shape of the original (maps of counts, one statement at a time), so the benchmark can check the engine's
 * statements against it. Votes here use the export's convention, agree = 1.
 */

type Ballot = Map<string, number>;

export interface ReferenceRepness {
  tid: string;
  repfulFor: 'agree' | 'disagree';
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
  repness: number;
  repnessTest: number;
  bestAgree: boolean;
}

export interface ReferenceConsensus {
  tid: string;
  consensusFor: 'agree' | 'disagree';
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
}

function propTest(succ: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((succ + 1) / (n + 1) - 0.5);
}

function twoPropTest(succIn: number, succOut: number, popIn: number, popOut: number): number {
  const [s1, s2, p1, p2] = [succIn + 1, succOut + 1, popIn + 1, popOut + 1];
  const piHat = (s1 + s2) / (p1 + p2);
  if (piHat === 1) return 0;
  return (s1 / p1 - s2 / p2) / Math.sqrt(piHat * (1 - piHat) * (1 / p1 + 1 / p2));
}

const zSig90 = (z: number) => z > 1.2816;

interface CommentStats {
  na: number;
  nd: number;
  ns: number;
  pa: number;
  pd: number;
  pat: number;
  pdt: number;
  ra: number;
  rd: number;
  rat: number;
  rdt: number;
}

function commentStats(votes: (number | undefined)[]): CommentStats {
  const na = votes.filter((v) => v === 1).length;
  const nd = votes.filter((v) => v === -1).length;
  const ns = votes.filter((v) => v !== undefined).length;
  return {
    na,
    nd,
    ns,
    pa: (1 + na) / (2 + ns),
    pd: (1 + nd) / (2 + ns),
    pat: propTest(na, ns),
    pdt: propTest(nd, ns),
    ra: 0,
    rd: 0,
    rat: 0,
    rdt: 0,
  };
}

function addComparativeStats(inStats: CommentStats, rest: CommentStats[]): CommentStats {
  const sum = (key: 'na' | 'nd' | 'ns') => rest.reduce((total, s) => total + s[key], 0);
  return {
    ...inStats,
    ra: inStats.pa / ((1 + sum('na')) / (2 + sum('ns'))),
    rd: inStats.pd / ((1 + sum('nd')) / (2 + sum('ns'))),
    rat: twoPropTest(inStats.na, sum('na'), inStats.ns, sum('ns')),
    rdt: twoPropTest(inStats.nd, sum('nd'), inStats.ns, sum('ns')),
  };
}

function finalize(tid: string, s: CommentStats): ReferenceRepness {
  const agree = s.rat > s.rdt;
  return {
    tid,
    repfulFor: agree ? 'agree' : 'disagree',
    nSuccess: agree ? s.na : s.nd,
    nTrials: s.ns,
    pSuccess: agree ? s.pa : s.pd,
    pTest: agree ? s.pat : s.pdt,
    repness: agree ? s.ra : s.rd,
    repnessTest: Math.fround(agree ? s.rat : s.rdt),
    bestAgree: false,
  };
}

function beatsBestAgr(s: CommentStats, current: CommentStats | undefined): boolean {
  if (s.na === 0 && s.nd === 0) return false;
  if (current && current.ra > 1.0)
    return s.ra * s.rat * s.pa * s.pat > current.ra * current.rat * current.pa * current.pat;
  if (current) return s.pa * s.pat > current.pa * current.pat;
  return zSig90(s.pat) || (s.ra > 1.0 && s.pa > 0.5);
}

const passesByTest = (s: CommentStats) => (zSig90(s.rat) && zSig90(s.pat)) || (zSig90(s.rdt) && zSig90(s.pdt));
const repnessMetric = (r: ReferenceRepness) => r.repness * r.repnessTest * r.pSuccess * r.pTest;

/** conv-repness then select-rep-comments, for groups given as lists of participants. */
export function referenceRepness(
  ballots: Map<string, Ballot>,
  groups: string[][],
  tids: string[],
  modOut: Set<string>,
): ReferenceRepness[][] {
  const results = groups.map(() => ({
    best: undefined as ReferenceRepness | undefined,
    bestAgree: undefined as (CommentStats & { tid: string }) | undefined,
    sufficient: [] as ReferenceRepness[],
  }));
  for (const tid of tids) {
    if (modOut.has(tid)) continue;
    const perGroup = groups.map((members) => commentStats(members.map((p) => ballots.get(p)?.get(tid))));
    perGroup.forEach((inStats, gid) => {
      const stats = addComparativeStats(
        inStats,
        perGroup.filter((_, other) => other !== gid),
      );
      const result = results[gid] as (typeof results)[number];
      if (passesByTest(stats)) result.sufficient.push(finalize(tid, stats));
      if (
        result.sufficient.length === 0 &&
        (result.best === undefined || Math.max(stats.rat, stats.rdt) > result.best.repnessTest)
      ) {
        result.best = finalize(tid, stats);
      }
      if (beatsBestAgr(stats, result.bestAgree)) result.bestAgree = { ...stats, tid };
    });
  }
  return results.map(({ best, bestAgree, sufficient }) => {
    const agreeHead = bestAgree ? { ...finalize(bestAgree.tid, bestAgree), bestAgree: true } : undefined;
    const bestHead = agreeHead ? [agreeHead] : best ? [best] : [];
    if (sufficient.length === 0) return bestHead;
    const sorted = sufficient
      .filter((r) => r.tid !== agreeHead?.tid)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => repnessMetric(b.r) - repnessMetric(a.r) || a.i - b.i)
      .map(({ r }) => r);
    const top = [...(agreeHead ? [agreeHead] : []), ...sorted].slice(0, 5);
    return [...top.filter((r) => r.repfulFor === 'agree'), ...top.filter((r) => r.repfulFor === 'disagree')];
  });
}

/** consensus-stats then select-consensus-comments, over every participant. */
export function referenceConsensus(
  ballots: Map<string, Ballot>,
  tids: string[],
  modOut: Set<string>,
): ReferenceConsensus[] {
  const everyone = [...ballots.keys()];
  const stats = tids
    .filter((tid) => !modOut.has(tid))
    .map((tid) => ({ tid, ...commentStats(everyone.map((p) => ballots.get(p)?.get(tid))) }));
  const top5 = (consensusFor: 'agree' | 'disagree') =>
    stats
      .filter((s) => (consensusFor === 'agree' ? s.pa > 0.5 && zSig90(s.pat) : s.pd > 0.5 && zSig90(s.pdt)))
      .map((s, i) => ({ s, i, metric: consensusFor === 'agree' ? s.pa * s.pat : s.pd * s.pdt }))
      .sort((a, b) => b.metric - a.metric || a.i - b.i)
      .slice(0, 5)
      .map(({ s }) => ({
        tid: s.tid,
        consensusFor,
        nSuccess: consensusFor === 'agree' ? s.na : s.nd,
        nTrials: s.ns,
        pSuccess: consensusFor === 'agree' ? s.pa : s.pd,
        pTest: consensusFor === 'agree' ? s.pat : s.pdt,
      }));
  return [...top5('agree'), ...top5('disagree')];
}

/** group-aware-consensus: per statement, the product over groups of (A + 1) / (S + 2). */
export function referenceGroupAwareConsensus(
  ballots: Map<string, Ballot>,
  groups: string[][],
  tids: string[],
): Map<string, number> {
  return new Map(
    tids.map((tid) => [
      tid,
      groups
        .map((members) => {
          const votes = members.map((p) => ballots.get(p)?.get(tid));
          return (votes.filter((v) => v === 1).length + 1.0) / (votes.filter((v) => v !== undefined).length + 2.0);
        })
        .reduce((a, b) => a * b, 1),
    ]),
  );
}

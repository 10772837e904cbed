import type { Claim, CountedClaim } from "../claims/claim.js";
import { WEAK_GRADES, gradeTitle } from "../claims/grade.js";
import { OUTCOMES, relateMeasures, type Measure } from "../claims/measures.js";
import { minHigh, type Interval } from "../figures/interval.js";
import { note, type GroupNote } from "../findings/notes.js";

/** The counts all consistent claims allow for one measure; absent when they allow none. */
export interface Consensus extends Measure, Interval {}

const allFalse: boolean[][] = [];

/** A frozen list of n falses, one per size, shared by every group of that size that names no outlier. */
function noOutliers(n: number): boolean[] {
  let list = allFalse[n];
  if (list === undefined) {
    list = Object.freeze(Array.from({ length: n }, () => false)) as boolean[];
    if (n < 1024) allFalse[n] = list;
  }
  return list;
}

export const isWeak = (c: Claim) => c.grade !== undefined && WEAK_GRADES.has(c.grade);

/** The note on a conflict every clash of which involves one of these weakly graded claims. */
export function weakGradesNote(weak: readonly Claim[]): GroupNote {
  const graded = new Map(weak.map((c) => [`${c.record ?? c.id} (${gradeTitle(c.grade!)})`, { record: c.record ?? c.id, grade: c.grade!, title: gradeTitle(c.grade!) }]));
  return note({ kind: "weak-grades", incidents: [...graded].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, i]) => i) });
}

/**
 * From the voices' roles to the claims': a claim is an outlier when its voice is outside every largest
 * consistent set; the statements of voices in every largest set are trusted for the consensus.
 */
export function rolesOfClaims(
  claims: readonly Claim[],
  groupsOf: readonly number[][],
  voiceOf: readonly number[],
  inEvery: ReadonlySet<number>,
  inSome: ReadonlySet<number>,
): { outlier: boolean[]; trusted: CountedClaim[] } {
  // Most groups name no outlier: they share one frozen all-false list per group size.
  let outlier = noOutliers(claims.length);
  if (inEvery.size > 0) {
    outlier = claims.map(() => false);
    groupsOf.forEach((members, k) => {
      if (inEvery.has(voiceOf[k]!)) for (const i of members) outlier[i] = true;
    });
  }
  const trusted = groupsOf.flatMap((members, k) => (inSome.has(voiceOf[k]!) ? [] : [claims[members[0]!] as CountedClaim]));
  return { outlier, trusted };
}

/**
 * For each measure present in the group: the counts every trusted claim allows.
 * A claim bounds its own measure, its parts from above and its wholes from below.
 */
export function consensusOf(all: readonly CountedClaim[], trusted: readonly CountedClaim[]): Consensus[] {
  const measures = new Map<string, Measure>();
  for (const c of all) {
    const key = `${c.outcome}/${c.victims}`;
    const known = measures.get(key);
    // One category the victims lie in per measure, whatever the order of the claims: the first by name.
    if (known === undefined || (c.within !== undefined && (known.within === undefined || c.within < known.within))) measures.set(key, measureOf(c));
  }
  const result: Consensus[] = [];
  // Measures in one order whatever the rows': by outcome (killed, injured, both), then wholes before
  // their parts (how many of the group's measures each lies within), then by name.
  const list = [...measures.values()];
  const depth = new Map(list.map((m) => [m, list.filter((w) => relateMeasures(m, w) === "a-within-b").length]));
  const ordered = list.sort(
    (x, y) => OUTCOMES.indexOf(x.outcome) - OUTCOMES.indexOf(y.outcome) || depth.get(x)! - depth.get(y)! || (x.victims < y.victims ? -1 : x.victims > y.victims ? 1 : 0),
  );
  for (const m of ordered) {
    let low = -1;
    let high: number | null = null;
    for (const c of trusted) {
      const rel = relateMeasures(c, m);
      if (rel === "same" || rel === "a-within-b") low = Math.max(low, c.figure.low);
      if (rel === "same" || rel === "b-within-a") high = minHigh(high, c.figure.high);
    }
    if (low < 0) continue; // no trusted claim bounds it from below: nothing is agreed
    if (high !== null && low > high) continue;
    result.push({ outcome: m.outcome, victims: m.victims, low, high });
  }
  return result.length === 1 ? sharedConsensus(result) : result;
}

/** Lists of one consensus shared by value, up to this many (a run of single-claim groups held a list and an object per claim). */
const SHARED_CONSENSUS_LIMIT = 50_000;
const consensusLists = new Map<string, Consensus[]>();

/** One frozen list per distinct consensus of one measure: groups read it, none writes to it. */
function sharedConsensus(list: Consensus[]): Consensus[] {
  const [c] = list as [Consensus];
  const key = `${c.outcome}\u0000${c.victims}\u0000${c.within ?? ""}\u0000${c.low}\u0000${c.high}`;
  const known = consensusLists.get(key);
  if (known !== undefined) return known;
  const frozen = Object.freeze([Object.freeze(c)]) as Consensus[];
  if (consensusLists.size < SHARED_CONSENSUS_LIMIT) consensusLists.set(key, frozen);
  return frozen;
}

function measureOf(c: Measure): Measure {
  return { outcome: c.outcome, victims: c.victims, within: c.within };
}


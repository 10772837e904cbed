import type { CountedClaim } from "../claims/claim.js";
import type { CoverRoles } from "./cover.js";
import { Heap } from "../util/heap.js";

/** One voice's interval of a measure: integers low..high, high null for no upper end. */
export interface VoiceInterval {
  voice: number;
  low: number;
  high: number | null;
}

/**
 * The largest consistent sets of voices that each state one interval of one measure, by a sweep over
 * the intervals' ends (n log n): a set of intervals is consistent when they share a point, so the
 * largest sets are the voices over the points covered most. Those points form regions; each region is
 * one largest set (two regions never have the same voices: between them the depth would not drop).
 * A voice over no such region is outside every largest set (an outlier); one over every region is in
 * every largest set (trusted for the consensus); several regions are a tie. The roles are those of
 * the minimum covers of the pairwise conflict graph, found without building it.
 */
export function sweepRoles(intervals: readonly VoiceInterval[]): CoverRoles {
  // Events: +1 at low, −1 after high (an interval covers low..high inclusive). At one coordinate all
  // events apply before the depth is read, so [1,3] and [4,9] do not share a point.
  const events: Array<[number, number]> = [];
  for (const v of intervals) {
    events.push([v.low, 1]);
    if (v.high !== null) events.push([v.high + 1, -1]);
  }
  events.sort((a, b) => a[0] - b[0]);
  let depth = 0;
  let best = 0;
  const regions: Array<[number, number]> = [];
  for (let k = 0; k < events.length; ) {
    const at = events[k]![0];
    while (k < events.length && events[k]![0] === at) depth += events[k++]![1];
    const next = k < events.length ? events[k]![0] : Infinity;
    if (depth > best) {
      best = depth;
      regions.length = 0;
    }
    // Every coordinate with events changes who covers it (9 ends one interval and starts another):
    // each stretch between events is a region of its own, even beside one of the same depth.
    if (depth === best && depth > 0) regions.push([at, next]);
  }
  const roles: CoverRoles = { inEvery: new Set(), inSome: new Set(), several: regions.length > 1, exact: true };
  const starts = regions.map((r) => r[0]);
  for (const v of intervals) {
    // The regions a voice covers are a run of them: those starting at or after its low and ending by its high.
    const first = lowerBound(starts, v.low);
    let covered = 0;
    for (let r = first; r < regions.length; r++) {
      if (v.high !== null && regions[r]![1] - 1 > v.high) break;
      covered++;
    }
    if (covered === 0) roles.inEvery.add(v.voice);
    if (covered < regions.length) roles.inSome.add(v.voice);
  }
  return roles;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Distinct intervals of one measure, each with the statements (one per voice) that state it. */
export interface IntervalNode {
  low: number;
  high: number | null;
  /**
   * Where the interval starts for telling disjoint pairs: its low, or under a tolerance the least count
   * from which a lower interval's end is near enough (the low widened by the tolerance, as an integer).
   */
  start: number;
  /** Representative claims, one per voice stating this interval, in an order of what they say. */
  claims: CountedClaim[];
}

/** The relative gap between an end below and a start above it, as findings measure it. */
export function relativeGap(lower: number, upper: number): number {
  return upper === 0 ? 0 : (upper - lower) / upper;
}

/**
 * The least integer `s` such that an interval ending below `s` is apart from one starting at `low` by
 * more than the tolerance: `low` itself without one. The test is the one findings make, so a pair is
 * disjoint here exactly when comparing the two claims would call it a conflict.
 */
export function widenedStart(low: number, tolerance: number): number {
  if (tolerance <= 0) return low;
  let s = Math.ceil(low * (1 - tolerance));
  while (s > 0 && relativeGap(s - 1, low) <= tolerance) s--;
  while (s < low && relativeGap(s, low) > tolerance) s++;
  return s;
}

/**
 * How many pairs of statements (of different voices) of one measure agree, overlap or are disjoint,
 * counted from the sorted intervals, not pair by pair: identical intervals agree; two distinct
 * intervals are disjoint when one ends before the other starts. `each` is called for pairs of
 * distinct disjoint intervals, the largest relative gap first (as reports order conflicts), until it
 * returns false: n log n for the first pairs, never all of them.
 */
export function countPairs(nodes: readonly IntervalNode[], each: (x: IntervalNode, y: IntervalNode) => boolean): { agree: number; compatible: number; conflict: number } {
  let agree = 0;
  let voices = 0;
  for (const n of nodes) {
    agree += (n.claims.length * (n.claims.length - 1)) / 2;
    voices += n.claims.length;
  }
  const conflict = disjointPairs(nodes, nodes, each);
  const all = (voices * (voices - 1)) / 2;
  return { agree, compatible: all - agree - conflict, conflict };
}

/**
 * How many pairs (x of `below`, y of `above`, each node counted by its claims) have x ending before y
 * starts; `each` is called for such pairs of nodes, the largest relative gap first, until it returns
 * false. For one measure both lists are its intervals (a pair is disjoint one way only); for a part
 * and its whole, `below` holds the wholes and `above` the parts.
 */
export function disjointPairs(below: readonly IntervalNode[], above: readonly IntervalNode[], each: (x: IntervalNode, y: IntervalNode) => boolean): number {
  const byStart = [...above].sort((a, b) => a.start - b.start || a.low - b.low);
  const starts = byStart.map((n) => n.start);
  // Suffix sums of claims by start: how many statements start above a given count.
  const after = new Array<number>(byStart.length + 1).fill(0);
  for (let k = byStart.length - 1; k >= 0; k--) after[k] = after[k + 1]! + byStart[k]!.claims.length;
  let count = 0;
  for (const n of below) if (n.high !== null) count += n.claims.length * after[upperBound(starts, n.high)]!;
  if (count === 0) return 0;
  // Pairs, the largest relative gap first: for one interval x, the gap to the intervals starting above
  // its end shrinks as their start comes down, so each x keeps a pointer into the starts, and a heap
  // gives the next largest pair over all of them.
  const byHigh = below.filter((n) => n.high !== null).sort((a, b) => a.high! - b.high! || a.low - b.low);
  type Entry = { x: number; at: number; gap: number };
  const heap = new Heap<Entry>((p, q) => p.gap > q.gap || (p.gap === q.gap && (p.x < q.x || (p.x === q.x && p.at > q.at))));
  const offer = (x: number, at: number) => {
    const y = byStart[at];
    if (y !== undefined && y.start > byHigh[x]!.high!) heap.push({ x, at, gap: relativeGap(byHigh[x]!.high!, y.low) });
  };
  for (let x = 0; x < byHigh.length; x++) offer(x, byStart.length - 1);
  for (let e = heap.pop(); e !== undefined; e = heap.pop()) {
    if (!each(byHigh[e.x]!, byStart[e.at]!)) break;
    offer(e.x, e.at - 1);
  }
  return count;
}

function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

import type { CountedClaim } from "../claims/claim.js";
import type { CoverRoles } from "./cover.js";

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
  /** Representative claims, one per voice stating this interval, in the group's statement order. */
  claims: CountedClaim[];
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
  const byLow = [...nodes].sort((a, b) => a.low - b.low);
  const lows = byLow.map((n) => n.low);
  // Suffix sums of voices by low: how many statements start above a given count.
  const after = new Array<number>(byLow.length + 1).fill(0);
  for (let k = byLow.length - 1; k >= 0; k--) after[k] = after[k + 1]! + byLow[k]!.claims.length;
  let conflict = 0;
  for (const n of nodes) if (n.high !== null) conflict += n.claims.length * after[upperBound(lows, n.high)]!;
  // Pairs of disjoint intervals, the largest relative gap first: for one interval x, the gap to the
  // intervals starting above its end shrinks as their start comes down, so each x keeps a pointer
  // into the starts, and a heap gives the next largest pair over all of them.
  const byHigh = nodes.filter((n) => n.high !== null).sort((a, b) => a.high! - b.high! || a.low - b.low);
  const relative = (x: IntervalNode, y: IntervalNode) => (y.low === 0 ? 0 : (y.low - x.high!) / y.low);
  const heap: Array<{ x: number; at: number; gap: number }> = [];
  const before = (p: { x: number; at: number; gap: number }, q: { x: number; at: number; gap: number }) => p.gap > q.gap || (p.gap === q.gap && (p.x < q.x || (p.x === q.x && p.at > q.at)));
  const push = (e: { x: number; at: number; gap: number }) => {
    heap.push(e);
    for (let k = heap.length - 1; k > 0; ) {
      const up = (k - 1) >> 1;
      if (!before(heap[k]!, heap[up]!)) break;
      [heap[k], heap[up]] = [heap[up]!, heap[k]!];
      k = up;
    }
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let k = 0; ; ) {
        const [l, r] = [2 * k + 1, 2 * k + 2];
        let m = k;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === k) break;
        [heap[k], heap[m]] = [heap[m]!, heap[k]!];
        k = m;
      }
    }
    return top;
  };
  const offer = (x: number, at: number) => {
    const y = byLow[at];
    if (y !== undefined && y.low > byHigh[x]!.high!) push({ x, at, gap: relative(byHigh[x]!, y) });
  };
  if (conflict > 0) for (let x = 0; x < byHigh.length; x++) offer(x, byLow.length - 1);
  while (heap.length > 0) {
    const { x, at } = pop();
    if (!each(byHigh[x]!, byLow[at]!)) break;
    offer(x, at - 1);
  }
  const all = (voices * (voices - 1)) / 2;
  return { agree, compatible: all - agree - conflict, conflict };
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

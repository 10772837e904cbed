import type { Claim } from "../claims/claim.js";
import { dayGap } from "../claims/date.js";
import type { ReasonTable } from "./reasons.js";
import type { GroupState } from "./state.js";

/** A growable list of index pairs, flat in one Int32Array: millions of candidate joins at 8 bytes each. */
class PairList {
  items = new Int32Array(64);
  length = 0;
  push(a: number, b: number): void {
    if (this.length + 2 > this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = a;
    this.items[this.length++] = b;
  }
}

interface RecordEdge {
  a: number;
  b: number;
  figures: number;
}

/**
 * Candidate joins found by name (the sweep) and by distance, decided best first: the nearer place (the
 * same spelling), then the nearer date, then (where a record is involved, since a record may join only
 * one record of another source) the closer figures. Joins of two record-free claims (news claims) are
 * kept as bare pairs of indices in bins by place and date gap, in the order found; a million claims give
 * millions of them.
 */
export class Candidates {
  private readonly plainBins: Array<PairList | undefined> = [];
  private readonly recordBins: Array<RecordEdge[] | undefined> = [];
  /** The distance of a pair met by coordinates, by "i,j" (i < j). */
  private readonly nearKm = new Map<string, number>();

  constructor(private readonly state: GroupState) {}

  private binOf(x: Claim, y: Claim): number {
    const w = this.state.dateWindow;
    return (x.location === y.location ? 0 : w + 1) + Math.min(dayGap(x.date, y.date), w);
  }

  add(a: number, b: number): void {
    const x = this.state.claims[a]!;
    const y = this.state.claims[b]!;
    const bin = this.binOf(x, y);
    if (x.record === undefined && y.record === undefined) (this.plainBins[bin] ??= new PairList()).push(a, b);
    else (this.recordBins[bin] ??= []).push({ a, b, figures: 0 });
  }

  addNear(a: number, b: number, km: number): void {
    this.nearKm.set(`${a},${b}`, km);
    this.add(a, b);
  }

  /** Phase 4: try every candidate, best first. */
  joinBestFirst(reasons: ReasonTable): void {
    const { state } = this;
    this.rankRecordEdges();
    const binCount = 2 * (state.dateWindow + 1);
    for (let bin = 0; bin < binCount; bin++) {
      for (const e of this.recordBins[bin] ?? []) this.tryJoin(e.a, e.b, reasons);
      const plain = this.plainBins[bin];
      if (plain !== undefined) for (let k = 0; k < plain.length; k += 2) this.tryJoin(plain.items[k]!, plain.items[k + 1]!, reasons);
      this.plainBins[bin] = undefined;
    }
  }

  /** Where a record could join several, the closest figures decide after place and date: worked out only for those edges. */
  private rankRecordEdges(): void {
    if (this.recordBins.length === 0) return;
    const { state } = this;
    const claims = state.claims;
    const counted = new Map<number, Claim[]>();
    claims.forEach((c, i) => {
      if (c.figure.rule === "none") return;
      const root = state.find(i);
      const list = counted.get(root);
      if (list) list.push(c);
      else counted.set(root, [c]);
    });
    for (const list of this.recordBins) {
      if (list === undefined) continue;
      for (const e of list) e.figures = figureDistance(counted.get(state.find(e.a)) ?? [], counted.get(state.find(e.b)) ?? []);
      list.sort((x, y) => x.figures - y.figures || byText(pairOrder(claims[x.a]!, claims[x.b]!), pairOrder(claims[y.a]!, claims[y.b]!)));
    }
  }

  private tryJoin(i: number, j: number, reasons: ReasonTable): void {
    const { state } = this;
    const ra = state.find(i);
    const rb = state.find(j);
    if (ra === rb) return;
    const a = state.claims[i]!;
    const c = state.claims[j]!;
    if (!state.canJoin(ra, rb, state.windowFor(a))) return;
    const clash = state.recordClash(ra, rb);
    if (clash !== undefined) return state.passOver(i, j, clash);
    // A pair met by distance whose names do not share a key gives the distance as its reason.
    const km = this.nearKm.size > 0 ? this.nearKm.get(i < j ? `${i},${j}` : `${j},${i}`) : undefined;
    const byName = km === undefined || state.places.key(a.location) === state.places.key(c.location);
    const gap = dayGap(a.date, c.date);
    state.union(i, j, byName ? reasons.place(state.places.why(a.location, c.location), gap) : reasons.distance(a.location, c.location, Math.round(km * 100) / 100, gap));
  }
}

/** A fixed order for two claims, from what they say: the last tie-break between equally good joins. */
function pairOrder(a: Claim, b: Claim): string {
  const x = `${a.source}\u0000${a.record ?? a.id}`;
  const y = `${b.source}\u0000${b.record ?? b.id}`;
  return x < y ? `${x}\u0001${y}` : `${y}\u0001${x}`;
}

/** How far apart two units' figures are: the least gap between intervals of one measure (0 when they overlap; large when none share a measure). */
function figureDistance(xs: readonly Claim[], ys: readonly Claim[]): number {
  let best = Number.MAX_SAFE_INTEGER;
  for (const x of xs) {
    for (const y of ys) {
      if (x.outcome !== y.outcome || x.victims !== y.victims) continue;
      const [xl, xh, yl, yh] = [x.figure.low ?? 0, x.figure.high ?? Infinity, y.figure.low ?? 0, y.figure.high ?? Infinity];
      const gap = xh < yl ? yl - xh : yh < xl ? xl - yh : 0;
      if (gap < best) best = gap;
    }
  }
  return best;
}

/** Plain code-unit order: any fixed order will do here, and localeCompare costs an ICU call a comparison. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

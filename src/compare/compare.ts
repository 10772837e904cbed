import { isCounted, type CountedClaim } from "../claims/claim.js";
import { measureText, relateMeasures, type Measure } from "../claims/measures.js";
import { formatInterval, minHigh, overlaps, sameInterval, type Interval } from "../figures/interval.js";
import type { Group } from "../group/group.js";
import { minimumCovers } from "./cover.js";
import { worse, type Finding, type PairVerdict, type Status } from "./findings.js";

/** The counts all consistent claims allow for one measure; absent when they allow none. */
export interface Consensus extends Measure, Interval {}

export interface Comparison {
  status: Status;
  findings: Finding[];
  consensus: Consensus[];
  /** Per claim of the group, in its order: does it stand outside the largest consistent set? */
  outlier: boolean[];
  /** Set when a conflict has no single largest consistent set, so no claim can be named the outlier. */
  tie: boolean;
}

function describe(c: CountedClaim): string {
  return `${c.source} "${c.figure.raw}" (${measureText(c)} ${formatInterval(c.figure)})`;
}

/** Compare two claims from different sources, or undefined when they measure unrelated things. */
export function comparePair(x: CountedClaim, y: CountedClaim): Finding | undefined {
  const relation = relateMeasures(x, y);
  if (relation === "unrelated") return undefined;
  if (relation === "same") {
    const kind: PairVerdict = sameInterval(x.figure, y.figure) ? "agree" : overlaps(x.figure, y.figure) ? "compatible" : "conflict";
    const explanation =
      kind === "agree"
        ? `${describe(x)} and ${describe(y)} state the same interval`
        : kind === "compatible"
          ? `${describe(x)} and ${describe(y)} overlap`
          : `${describe(x)} and ${describe(y)} do not overlap`;
    return { kind, a: x.id, b: y.id, relation: "same measure", measures: [measureOf(x), measureOf(y)], explanation };
  }
  const [part, whole] = relation === "a-within-b" ? [x, y] : [y, x];
  const fits = whole.figure.high === null || part.figure.low <= whole.figure.high;
  return {
    kind: fits ? "compatible" : "conflict",
    a: part.id,
    b: whole.id,
    relation: "part of",
    measures: [measureOf(part), measureOf(whole)],
    explanation: fits
      ? `${describe(part)} fits within ${describe(whole)}`
      : `${describe(part)} is a part of ${describe(whole)} but its lowest count exceeds the whole's highest`,
  };
}

function measureOf(c: Measure): Measure {
  return { outcome: c.outcome, victims: c.victims };
}

/** Verdicts for every pair of a group's claims from different sources, its status, consensus and outliers. */
export function compareGroup(group: Group): Comparison {
  const claims = group.claims;
  // Claims without a count are shown but take part in nothing.
  const counted = claims.flatMap((c, i) => (isCounted(c) ? [i] : []));
  const findings: Finding[] = [];
  const conflicts: Array<[number, number]> = [];
  let status: Status = "single";
  for (let a = 0; a < counted.length; a++) {
    for (let b = a + 1; b < counted.length; b++) {
      const i = counted[a]!;
      const j = counted[b]!;
      const x = claims[i] as CountedClaim;
      const y = claims[j] as CountedClaim;
      if (x.source === y.source) continue;
      const finding = comparePair(x, y);
      if (finding === undefined) continue;
      findings.push(finding);
      status = worse(status, finding.kind);
      if (finding.kind === "conflict") conflicts.push([i, j]);
    }
  }
  const { covers } = minimumCovers(conflicts);
  const inEvery = new Set(covers[0]);
  const inAny = new Set<number>();
  for (const cover of covers) {
    for (const i of cover) inAny.add(i);
    for (const i of inEvery) if (!cover.includes(i)) inEvery.delete(i);
  }
  const outlier = claims.map((_, i) => inEvery.has(i));
  const trusted = counted.filter((i) => !inAny.has(i)).map((i) => claims[i] as CountedClaim);
  return {
    status,
    findings,
    consensus: consensusOf(counted.map((i) => claims[i] as CountedClaim), trusted),
    outlier,
    tie: conflicts.length > 0 && covers.length > 1,
  };
}

/**
 * For each measure present in the group: the counts every trusted claim allows.
 * A claim bounds its own measure, its parts from above and its wholes from below.
 */
export function consensusOf(all: readonly CountedClaim[], trusted: readonly CountedClaim[]): Consensus[] {
  const measures = new Map<string, Measure>();
  for (const c of all) measures.set(`${c.outcome}/${c.victims}`, measureOf(c));
  const result: Consensus[] = [];
  for (const m of measures.values()) {
    let low = -1;
    let high: number | null = null;
    for (const c of trusted) {
      const rel = relateMeasures(c, m);
      if (rel === "same" || rel === "a-within-b") low = Math.max(low, c.figure.low);
      if (rel === "same" || rel === "b-within-a") high = minHigh(high, c.figure.high);
    }
    if (low < 0) continue; // no trusted claim bounds it from below: nothing is agreed
    if (high !== null && low > high) continue;
    result.push({ ...m, low, high });
  }
  return result;
}

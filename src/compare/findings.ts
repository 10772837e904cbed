
/** A verdict on one pair of claims from different sources. */
export type PairVerdict = "agree" | "compatible" | "conflict";

/**
 * What a finding says; adding a kind means adding an entry to FINDING_INFO.
 * The two claims are held by reference and the explanation is written from
 * them when a report needs it (explainFinding): a million findings held as
 * sentences would be most of the memory of a run. The claims' ids are read
 * from the claims, not held twice.
 */
export class Finding {
  constructor(
    readonly kind: PairVerdict,
    readonly relation: "same measure" | "part of",
    /** The claims compared: for a part-of-whole pair, `x` is the part. */
    readonly x: CountedClaim,
    readonly y: CountedClaim,
    /** Set when the pair is apart but within this tolerance (0.05 for 5%), and so read as compatible. */
    readonly tolerance?: number,
  ) {}

  /** Claim ids: for a part-of-whole pair, `a` is the part. */
  get a(): string {
    return this.x.id;
  }

  get b(): string {
    return this.y.id;
  }

  /**
   * How far apart the pair is, when it is: the gap between the intervals (for a part, its low above the
   * whole's high), absolute and relative to the bound beyond the gap (5,056 against 4,935: 121, 2.4%).
   * Computed from the claims when asked: a million findings hold no numbers of their own.
   */
  get gap(): { absolute: number; relative: number } | undefined {
    const [x, y] = [this.x.figure, this.y.figure];
    let lower: number;
    let upper: number;
    if (this.relation === "part of") {
      if (y.high === null || x.low <= y.high) return undefined;
      [lower, upper] = [y.high, x.low];
    } else if (x.high !== null && x.high < y.low) [lower, upper] = [x.high, y.low];
    else if (y.high !== null && y.high < x.low) [lower, upper] = [y.high, x.low];
    else return undefined;
    return { absolute: upper - lower, relative: upper === 0 ? 0 : (upper - lower) / upper };
  }
}
export type FindingKind = Finding["kind"];

function describe(c: CountedClaim): string {
  return `${c.source} "${c.figure.raw}" (${measureText(c)} ${formatInterval(c.figure)})`;
}

/** "121 apart, 2.4%" */
export function gapText(gap: { absolute: number; relative: number }): string {
  const pct = gap.relative * 100;
  return `${gap.absolute.toLocaleString("en-US")} apart, ${pct >= 10 ? Math.round(pct) : pct.toFixed(1)}%`;
}

/** The finding in words, as reports give it. */
export function explainFinding(f: Finding): string {
  const [x, y] = [describe(f.x), describe(f.y)];
  const gap = f.gap;
  const size = gap === undefined ? "" : f.tolerance !== undefined ? ` (${gapText(gap)}: within the tolerance of ${Math.round(f.tolerance * 1000) / 10}%)` : ` (${gapText(gap)})`;
  if (f.relation === "same measure") {
    return f.kind === "agree" ? `${x} and ${y} state the same interval` : f.kind === "compatible" && gap === undefined ? `${x} and ${y} overlap` : `${x} and ${y} do not overlap${size}`;
  }
  return f.kind === "compatible" && gap === undefined ? `${x} fits within ${y}` : `${x} is a part of ${y} but its lowest count exceeds the whole's highest${size}`;
}

import type { CountedClaim } from "../claims/claim.js";
import { measureText } from "../claims/measures.js";
import { formatInterval } from "../figures/interval.js";

export type Status = "agree" | "compatible" | "conflict" | "single";
export const STATUSES: readonly Status[] = ["conflict", "compatible", "agree", "single"];

export const STATUS_INFO = {
  agree: {
    title: "agree",
    description: "Every pair of claims from different sources states the same interval for the same measure, and every part (civilians) fits its whole (all killed).",
  },
  compatible: {
    title: "compatible",
    description:
      "No pair rules the other out, but they are stated differently: overlapping ranges, an open-ended figure against a closed one, or a part (civilians) against its whole (all killed). The consensus range holds the counts all of them allow.",
  },
  conflict: {
    title: "conflict",
    description:
      "At least one pair cannot both be true: their intervals do not overlap, or a part's lowest count exceeds its whole's highest. Outliers are the claims outside the largest set that can all be true together.",
  },
  single: {
    title: "single",
    description: "Nothing to compare: one source only, or no two claims measure comparable things (killed vs injured, civilians vs fighters).",
  },
} as const satisfies Record<Status, { title: string; description: string }>;

export const FINDING_INFO = {
  agree: { title: "agree", description: "Both claims state the same interval for the same measure." },
  compatible: {
    title: "compatible",
    description: "Some count satisfies both claims: their intervals overlap, or the part's low does not exceed the whole's high.",
  },
  conflict: {
    title: "conflict",
    description: "No count satisfies both claims: their intervals are disjoint, or the part's low exceeds the whole's high.",
  },
} as const satisfies Record<FindingKind, { title: string; description: string }>;

const RANK: Record<Status, number> = { single: 0, agree: 1, compatible: 2, conflict: 3 };

/** The worse of two statuses: conflict > compatible > agree > single. */
export function worse(a: Status, b: Status): Status {
  return RANK[a] >= RANK[b] ? a : b;
}

export function atLeast(status: Status, threshold: Status): boolean {
  return RANK[status] >= RANK[threshold];
}

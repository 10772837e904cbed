import { isCounted, type Claim, type CountedClaim } from "../claims/claim.js";
import { measureText, relateMeasures } from "../claims/measures.js";
import { formatInterval } from "../figures/interval.js";
import type { Group } from "../group/group.js";

/**
 * A record whose own measures cannot all be true: a part above its whole (children above
 * civilians, a side's deaths above the total), or disjoint parts that add up to more than the
 * whole allows (a UCDP row whose sides and civilians sum to 7 beside a total of at most 4).
 * Claims of one source are never compared with each other, so without this check such a row
 * reads `single`. It counts as a conflict for --fail-on.
 */
export interface RecordFinding {
  id: string;
  kind: "record-inconsistent";
  rule: "part-exceeds-whole" | "parts-exceed-whole" | "parts-exceed-best";
  group: string;
  source: string;
  record: string;
  whole: string;
  parts: string[];
  /** The parts' lows added up (the one part's low for part-exceeds-whole; their best estimates for parts-exceed-best), and the whole's high (its best). */
  low: number;
  high: number;
  text: string;
}

export const RECORD_INFO = {
  "part-exceeds-whole": { title: "a record's part exceeds its whole", description: "One measure of a record (children killed) states a lowest count above the highest of a measure it is part of (civilians killed)." },
  "parts-exceed-whole": {
    title: "a record's parts add up to more than its whole",
    description: "Measures of a record that count disjoint victims within one whole (each side's deaths, civilians and unknown within all killed; children, women and men within civilians) have lows that add up to more than the whole's highest count.",
  },
  "parts-exceed-best": {
    title: "a record's parts add up to more than its best estimate",
    description: "Disjoint parts of a record (UCDP's deaths of each side, civilians and unknown) have best estimates that add up to more than the whole's best estimate, which by the dataset's coding is their sum.",
  },
} as const satisfies Record<RecordFinding["rule"], { title: string; description: string }>;

function describe(c: CountedClaim): string {
  return `${c.id} (${measureText(c)} ${formatInterval(c.figure)})`;
}

/** A group's claims by record (source and record id), in the order read; claims without a record are left out. */
export function claimsByRecord(claims: readonly Claim[]): Array<{ source: string; record: string; claims: Claim[] }> {
  const byRecord = new Map<string, { source: string; record: string; claims: Claim[] }>();
  for (const c of claims) {
    if (c.record === undefined) continue;
    const key = `${c.source}\u0000${c.record}`;
    const entry = byRecord.get(key);
    if (entry) entry.claims.push(c);
    else byRecord.set(key, { source: c.source, record: c.record, claims: [c] });
  }
  return [...byRecord.values()];
}

/** Check each record of a group against itself. Ids are given by the caller, in report order. */
export function checkRecords(group: Group): RecordFinding[] {
  const findings: RecordFinding[] = [];
  for (const entry of claimsByRecord(group.claims)) {
    const claims = entry.claims.filter(isCounted);
    if (claims.length < 2) continue;
    const { source, record } = entry;
    const found = (rule: RecordFinding["rule"], whole: CountedClaim, parts: CountedClaim[], low: number, high: number, text: string): void => {
      findings.push({ id: "", kind: "record-inconsistent", rule, group: group.id, source, record, whole: whole.id, parts: parts.map((p) => p.id), low, high, text: `${source} record ${record}: ${text}` });
    };
    for (const whole of claims) {
      const high = whole.figure.high;
      if (high === null) continue;
      const parts = claims.filter((p) => p !== whole && relateMeasures(p, whole) === "a-within-b");
      for (const p of parts) {
        if (p.figure.low > high) found("part-exceeds-whole", whole, [p], p.figure.low, high, `${describe(p)} is a part of ${describe(whole)} but its lowest count exceeds the whole's highest`);
      }
      // The outermost parts (those within no other part) count disjoint victims: their lows add up.
      const top = parts.filter((p) => !parts.some((q) => q !== p && relateMeasures(p, q) === "a-within-b"));
      // One part alone above the whole is reported above, not again as a sum.
      if (top.length < 2 || top.some((p) => p.figure.low > high)) continue;
      const sum = top.reduce((acc, p) => acc + p.figure.low, 0);
      if (sum > high) {
        found("parts-exceed-whole", whole, top, sum, high, `${top.map(describe).join(" + ")} add up to at least ${sum}, above ${describe(whole)}`);
        continue;
      }
      const best = whole.figure.best;
      if (best === null || top.some((p) => p.figure.best === null)) continue;
      const bestSum = top.reduce((acc, p) => acc + p.figure.best!, 0);
      if (bestSum > best) found("parts-exceed-best", whole, top, bestSum, best, `the best estimates of ${top.map(describe).join(" + ")} add up to ${bestSum}, above the best estimate ${best} of ${describe(whole)}`);
    }
  }
  return findings;
}

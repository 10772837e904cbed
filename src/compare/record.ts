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

/** Check each record of a group against itself. Ids are given by the caller, in report order. */
export function checkRecords(group: Group): RecordFinding[] {
  const byRecord = new Map<string, CountedClaim[]>();
  for (const c of group.claims) {
    if (c.record === undefined || !isCounted(c)) continue;
    const key = `${c.source}\u0000${c.record}`;
    const list = byRecord.get(key);
    if (list) list.push(c);
    else byRecord.set(key, [c]);
  }
  const findings: RecordFinding[] = [];
  for (const claims of byRecord.values()) {
    if (claims.length < 2) continue;
    const { source, record } = claims[0]! as Claim & { record: string };
    for (const whole of claims) {
      const high = whole.figure.high;
      if (high === null) continue;
      const parts = claims.filter((p) => p !== whole && relateMeasures(p, whole) === "a-within-b");
      for (const p of parts) {
        if (p.figure.low <= high) continue;
        findings.push({
          id: "",
          kind: "record-inconsistent",
          rule: "part-exceeds-whole",
          group: group.id,
          source,
          record,
          whole: whole.id,
          parts: [p.id],
          low: p.figure.low,
          high,
          text: `${source} record ${record}: ${describe(p)} is a part of ${describe(whole)} but its lowest count exceeds the whole's highest`,
        });
      }
      // The outermost parts (those within no other part) count disjoint victims: their lows add up.
      const top = parts.filter((p) => !parts.some((q) => q !== p && relateMeasures(p, q) === "a-within-b"));
      if (top.length < 2) continue;
      const sum = top.reduce((acc, p) => acc + p.figure.low, 0);
      if (top.some((p) => p.figure.low > high)) continue;
      if (sum <= high) {
        const best = whole.figure.best;
        if (best === null || top.some((p) => p.figure.best === null)) continue;
        const bestSum = top.reduce((acc, p) => acc + p.figure.best!, 0);
        if (bestSum <= best) continue;
        findings.push({
          id: "",
          kind: "record-inconsistent",
          rule: "parts-exceed-best",
          group: group.id,
          source,
          record,
          whole: whole.id,
          parts: top.map((p) => p.id),
          low: bestSum,
          high: best,
          text: `${source} record ${record}: the best estimates of ${top.map(describe).join(" + ")} add up to ${bestSum}, above the best estimate ${best} of ${describe(whole)}`,
        });
        continue;
      }
      findings.push({
        id: "",
        kind: "record-inconsistent",
        rule: "parts-exceed-whole",
        group: group.id,
        source,
        record,
        whole: whole.id,
        parts: top.map((p) => p.id),
        low: sum,
        high,
        text: `${source} record ${record}: ${top.map(describe).join(" + ")} add up to at least ${sum}, above ${describe(whole)}`,
      });
    }
  }
  return findings;
}

import { measureText, relateMeasures, type Measure } from "../claims/measures.js";
import { dayText } from "../claims/date.js";
import { least, most, type Group } from "../group/group.js";
import type { Comparison } from "./compare.js";

/**
 * A finding across groups: a part (a town within a province, a day within a
 * month, civilians within all killed) that states more than its whole allows.
 * The whole is a group that may be a total: none of its claims is an event
 * record (scope "event", or an event label).
 */
export interface ContainmentFinding {
  id: string;
  kind: "containment";
  /** One part alone exceeds the whole, or disjoint parts together do. */
  rule: "part-exceeds-whole" | "parts-exceed-whole";
  whole: { group: string; measure: Measure; high: number };
  parts: Array<{ group: string; measure: Measure; low: number }>;
  text: string;
}

export const CONTAINMENT_INFO = {
  "part-exceeds-whole": {
    title: "a part exceeds its whole",
    description: "A group inside another (its place lies in the other's, its dates within the other's, its victims among the other's) states a lowest count above the other's highest.",
  },
  "parts-exceed-whole": {
    title: "the parts together exceed the whole",
    description:
      "Groups of one kind inside another (say, a province's towns on single days, inside the province's monthly total) are disjoint, so their lowest counts add up; the sum is above the whole's highest count.",
  },
} as const satisfies Record<ContainmentFinding["rule"], { title: string; description: string }>;

type Compared = Group & Comparison;

function label(g: Compared): string {
  return `${g.id} (${g.location}, ${g.date})`;
}

/** Is `part` inside `whole`, strictly in place or in time? */
function inside(part: Compared, whole: Compared): boolean {
  const samePlace = part.place.key === whole.place.key;
  if (!samePlace && !part.place.within.includes(whole.place.key)) return false;
  if (part.span.start < whole.span.start || part.span.end > whole.span.end) return false;
  return !samePlace || part.span.start !== whole.span.start || part.span.end !== whole.span.end;
}

/** The least a part certainly counts toward a whole's measure: its largest consensus low among measures within it. */
function contribution(part: Compared, measure: Measure): { low: number; measure: Measure } | undefined {
  let best: { low: number; measure: Measure } | undefined;
  for (const m of part.consensus) {
    const rel = relateMeasures(m, measure);
    if (rel !== "same" && rel !== "a-within-b") continue;
    if (best === undefined || m.low > best.low) best = { low: m.low, measure: { outcome: m.outcome, victims: m.victims } };
  }
  return best;
}

/**
 * Check every group against the groups inside it. Groups are indexed by their
 * place and the places they lie in, each index sorted by start day, so a whole
 * meets only the groups that can be inside it.
 */
export function checkContainment(groups: readonly Compared[]): ContainmentFinding[] {
  const index = new Map<string, Compared[]>();
  for (const g of groups) {
    for (const key of [g.place.key, ...g.place.within]) {
      const list = index.get(key);
      if (list) list.push(g);
      else index.set(key, [g]);
    }
  }
  for (const list of index.values()) list.sort((a, b) => a.span.start - b.span.start);

  const findings: ContainmentFinding[] = [];
  for (const whole of groups) {
    // Only a total can be exceeded by its parts: a group of event records (a dataset's rows, claims with
    // an event label, scope "event") is one event, however coarsely it is placed or dated.
    if (whole.claims.some((c) => c.scope === "event" || c.event !== undefined)) continue;
    const candidates = index.get(whole.place.key) ?? [];
    // First candidate starting on or after the whole's first day.
    let lo = 0;
    let hi = candidates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (candidates[mid]!.span.start < whole.span.start) lo = mid + 1;
      else hi = mid;
    }
    const parts: Compared[] = [];
    for (let k = lo; k < candidates.length && candidates[k]!.span.start <= whole.span.end; k++) {
      const g = candidates[k]!;
      if (g !== whole && inside(g, whole)) parts.push(g);
    }
    if (parts.length === 0) continue;
    for (const m of whole.consensus) {
      if (m.high === null) continue;
      const measure: Measure = { outcome: m.outcome, victims: m.victims };
      const wholeText = `${label(whole)} ${measureText(measure)} at most ${m.high}`;
      // Parts of one kind (place level and date precision) are disjoint; kinds are summed apart.
      const classes = new Map<string, Array<{ g: Compared; low: number; measure: Measure }>>();
      for (const g of parts) {
        const c = contribution(g, measure);
        if (c === undefined || c.low === 0) continue;
        if (c.low > m.high) {
          findings.push({
            id: "",
            kind: "containment",
            rule: "part-exceeds-whole",
            whole: { group: whole.id, measure, high: m.high },
            parts: [{ group: g.id, measure: c.measure, low: c.low }],
            text: `${label(g)} ${measureText(c.measure)} at least ${c.low} lies within ${wholeText}`,
          });
          continue;
        }
        const kind = `${g.place.level}|${g.span.precision}|${g.place.key === whole.place.key}`;
        const list = classes.get(kind) ?? [];
        list.push({ g, ...c });
        classes.set(kind, list);
      }
      for (const list of classes.values()) {
        if (list.length < 2) continue;
        const sum = list.reduce((acc, p) => acc + p.low, 0);
        if (sum <= m.high) continue;
        const first = list[0]!.g;
        const span = `${dayText(least(list.map((p) => p.g.span.start)))}…${dayText(most(list.map((p) => p.g.span.end)))}`;
        findings.push({
          id: "",
          kind: "containment",
          rule: "parts-exceed-whole",
          whole: { group: whole.id, measure, high: m.high },
          parts: list.map((p) => ({ group: p.g.id, measure: p.measure, low: p.low })),
          text: `${list.length} groups of ${first.place.level === "place" ? "places" : first.place.level} on ${first.span.precision === "day" ? "single days" : `single ${first.span.precision}s`} (${span}) within ${wholeText} add up to at least ${sum}: ${list.map((p) => `${p.g.id} ${p.low}`).join(" + ")}`,
        });
      }
    }
  }
  return findings;
}

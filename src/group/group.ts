import type { Claim } from "../claims/claim.js";
import { dayGap, dayText, type DatePrecision } from "../claims/date.js";
import { placeKey } from "./place.js";

/** Claims that speak of the same event, place and date, with the reasons they were put together. */
export interface Group {
  id: string;
  claims: Claim[];
  event?: string;
  location: string;
  date: string;
  reasons: string[];
}

export interface GroupOptions {
  /** Dates this many days apart still meet (reports often lag the event). */
  dateWindow: number;
}

/** Only dates of one kind meet: a month's total is not a day's figure. */
function precisionClass(p: DatePrecision): string {
  return p === "range" ? "day" : p;
}

function eventKey(label: string): string {
  return label.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Group claims. Claims with the same event label are one group. Otherwise
 * claims join when their place names share a key and their dates, of the same
 * precision, are at most `dateWindow` days apart (chains join too). Two claims
 * that carry different event labels are never joined by place and date.
 *
 * The grouping does not depend on input order; the groups are listed in the
 * order their first claim was read.
 */
export function groupClaims(claims: readonly Claim[], options: GroupOptions): Group[] {
  const parent = claims.map((_, i) => i);
  const label: Array<string | undefined> = claims.map((c) => (c.event !== undefined ? eventKey(c.event) : undefined));
  const reasons = new Map<number, Set<string>>();
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number, reason: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
    parent[gone] = keep;
    const set = reasons.get(keep) ?? new Set<string>();
    for (const r of reasons.get(gone) ?? []) set.add(r);
    set.add(reason);
    reasons.set(keep, set);
    label[keep] ??= label[gone];
  };

  // 1. The same event label.
  const byLabel = new Map<string, number>();
  claims.forEach((c, i) => {
    const key = label[i];
    if (key === undefined) return;
    const first = byLabel.get(key);
    if (first === undefined) byLabel.set(key, i);
    else union(first, i, `same event "${c.event}"`);
  });

  // 2. The same place key and date class; then a sweep over dates.
  const buckets = new Map<string, number[]>();
  claims.forEach((c, i) => {
    const key = `${placeKey(c.location)}\u0000${precisionClass(c.date.precision)}`;
    const list = buckets.get(key);
    if (list) list.push(i);
    else buckets.set(key, [i]);
  });
  for (const members of buckets.values()) {
    if (members.length < 2) continue;
    // Ties are broken by what a claim says, not where it stands in the input, so the result is order-free.
    members.sort((a, b) => compareForSweep(claims[a]!, claims[b]!, label[a], label[b]));
    // Sweep in date order; `run` is the member whose date reaches furthest, so a
    // claim within the window of it is within the window of the run.
    let run = members[0]!;
    for (let k = 1; k < members.length; k++) {
      const i = members[k]!;
      const c = claims[i]!;
      const reach = claims[run]!;
      const gap = dayGap(reach.date, c.date);
      if (gap <= options.dateWindow) {
        const li = label[find(i)];
        const lr = label[find(run)];
        if (li === undefined || lr === undefined || li === lr) {
          const place = reach.location === c.location ? `same place "${c.location}"` : `same place: "${reach.location}" ~ "${c.location}"`;
          union(run, i, gap === 0 ? place : `${place}; dates ${gap} day${gap === 1 ? "" : "s"} apart, window ${options.dateWindow}`);
        }
      }
      if (c.date.end > reach.date.end) run = i;
    }
  }

  // Collect in first-read order.
  const byRoot = new Map<number, number[]>();
  claims.forEach((_, i) => {
    const r = find(i);
    const list = byRoot.get(r);
    if (list) list.push(i);
    else byRoot.set(r, [i]);
  });
  const groups: Group[] = [];
  for (const [root, members] of byRoot) {
    const list = members.map((i) => claims[i]!);
    const event = list.find((c) => c.event !== undefined)?.event;
    groups.push({
      id: `G${groups.length + 1}`,
      claims: list,
      ...(event !== undefined && { event }),
      location: mostCommon(list.map((c) => c.location)),
      date: dateSpan(list),
      reasons: [...(reasons.get(root) ?? [])].sort(),
    });
  }
  return groups;
}

function compareForSweep(a: Claim, b: Claim, la: string | undefined, lb: string | undefined): number {
  return (
    a.date.start - b.date.start ||
    a.date.end - b.date.end ||
    (la ?? "").localeCompare(lb ?? "") ||
    a.source.localeCompare(b.source) ||
    a.id.localeCompare(b.id)
  );
}

/** The most frequent value, the earliest read among equals. */
function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? "";
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

function dateSpan(claims: Claim[]): string {
  const texts = new Set(claims.map((c) => c.date.text));
  if (texts.size === 1) return claims[0]!.date.text;
  const start = Math.min(...claims.map((c) => c.date.start));
  const end = Math.max(...claims.map((c) => c.date.end));
  return `${dayText(start)}/${dayText(end)}`;
}

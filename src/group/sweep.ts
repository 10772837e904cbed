import type { Claim } from "../claims/claim.js";
import { byText, type Candidates } from "./candidates.js";
import type { ReasonTable } from "./reasons.js";
import { precisionClass, type GroupState } from "./state.js";

/**
 * Phase 2: claims whose place names share a key and whose dates are of one class meet in a bucket; a
 * sweep over each bucket's dates proposes the pairs within the window as candidates. The sweep keeps
 * one claim per record, and one per run of record-free claims that say the same of where and when
 * (joined at once: nothing can keep them apart), so identical rows cost one.
 */
export function sweepPlaces(state: GroupState, candidates: Candidates, reasons: ReasonTable): void {
  const { claims, places, label, perpetrator, periodTotal, regionAt } = state;
  // A bucket per place key and class of date, by key then class: no key text made per claim.
  const buckets = new Map<string, Partial<Record<"day" | "month" | "year", number[]>>>();
  claims.forEach((c, i) => {
    const key = places.key(c.location);
    let byClass = buckets.get(key);
    if (byClass === undefined) buckets.set(key, (byClass = {}));
    const list = (byClass[precisionClass(c.date.precision)] ??= []);
    list.push(i);
  });
  // Buckets are swept in an order set by what they hold (their least place name and their class),
  // not by where their first claim stands: a claim that two groups could take (it names no region;
  // they name different ones) must go to the same one whatever the order of the rows. No two buckets
  // have the same (a name has one key).
  const sweepOrder = [...buckets.values()].flatMap((byClass) =>
    Object.entries(byClass).flatMap(([precision, members]) => {
      if (members.length < 2) return [];
      let name = claims[members[0]!]!.location;
      for (const i of members) if (claims[i]!.location < name) name = claims[i]!.location;
      return [{ order: `${name}\u0000${precision}`, members }];
    }),
  );
  sweepOrder.sort((a, b) => byText(a.order, b.order));
  // Where each claim stands in its bucket's sweep, for merging lists in that order.
  const order = new Int32Array(claims.length);
  for (const { members } of sweepOrder) {
    // Ties are broken by what a claim says, not where it stands in the input, so the result is order-free.
    members.sort((a, b) => compareForSweep(claims[a]!, claims[b]!, label[a], label[b]));
    // The window is for days (a report a day after the event). A month or a year meets only itself:
    // September's total and October's are two counts, however few days lie between them.
    const window = state.windowFor(claims[members[0]!]!);
    // The claims still within the window: all of them, for a claim without an event label (it may
    // join any); and by their own label ("" for none), so that a labelled claim meets only its own
    // label's claims and unlabelled ones, never the thousands of other labels at one place and day.
    const active: number[] = [];
    const byLabel = new Map<string, number[]>();
    const live = (list: number[], c: Claim): number[] => {
      let kept = 0;
      for (const a of list) if (c.date.start - claims[a]!.date.end <= window) list[kept++] = a;
      list.length = kept;
      return list;
    };
    members.forEach((i, k) => (order[i] = k));
    for (const i of members) {
      const c = claims[i]!;
      const own = label[i];
      let others: number[];
      if (own === undefined) others = live(active, c);
      else {
        // Its label's claims and the unlabelled ones, in the order they were read into the sweep.
        const mine = live(byLabel.get(own) ?? [], c);
        const free = live(byLabel.get("") ?? [], c);
        others = mergeByOrder(mine, free, order);
      }
      let represented = false;
      for (const a of others) {
        const other = claims[a]!;
        if (state.find(a) === state.find(i)) {
          if (c.record !== undefined) represented = true;
          continue;
        }
        if (
          c.record === undefined &&
          other.record === undefined &&
          sameSpot(c, other) &&
          periodTotal[i] === 0 &&
          periodTotal[state.find(a)] === 0 &&
          label[a] === label[i] &&
          perpetrator[a] === perpetrator[i] &&
          regionAt[a] === regionAt[i] &&
          !state.far(state.find(a), state.find(i))
        ) {
          state.union(a, i, reasons.place(places.why(other.location, c.location), 0));
          represented = true;
          continue;
        }
        candidates.add(a, i);
      }
      if (!represented) {
        active.push(i);
        const key = own ?? "";
        const list = byLabel.get(key);
        if (list) list.push(i);
        else byLabel.set(key, [i]);
      }
    }
  }
}

/** Two lists of indices, each in sweep order, merged in that order. */
function mergeByOrder(x: readonly number[], y: readonly number[], order: Int32Array): number[] {
  if (y.length === 0) return x as number[];
  if (x.length === 0) return y as number[];
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (j >= y.length || (i < x.length && order[x[i]!]! < order[y[j]!]!)) out.push(x[i++]!);
    else out.push(y[j++]!);
  }
  return out;
}

/** Two claims that say the same of when and where (the same place text, the same dates). */
function sameSpot(a: Claim, b: Claim): boolean {
  return a.location === b.location && a.date.start === b.date.start && a.date.end === b.date.end;
}

function compareForSweep(a: Claim, b: Claim, la: string | undefined, lb: string | undefined): number {
  return a.date.start - b.date.start || a.date.end - b.date.end || byText(la ?? "", lb ?? "") || byText(a.source, b.source) || byText(a.id, b.id);
}

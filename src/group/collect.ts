import type { Claim } from "../claims/claim.js";
import { dayText } from "../claims/date.js";
import { listOrNone } from "../util/word-table.js";
import { byText } from "./candidates.js";
import type { SingleGroupMaker } from "../compare/single.js";
import type { Group } from "./group.js";
import type { PlaceIndex } from "./matcher.js";
import { fingerprint } from "./place-name.js";
import type { MatchReason } from "./reasons.js";
import { precisionClass, regionId, type GroupState } from "./state.js";

/** Distinct spans and places shared per run; past this, each group has its own (memory stays bounded). */
const SHARED_LIMIT = 200_000;

function levelOf(location: string, index: PlaceIndex, country: string | undefined): string {
  const chain = index.gazetteerChain(location);
  if (chain[0]?.level !== undefined) return chain[0].level;
  const words = fingerprint(location).split(" ");
  for (const level of ["subdistrict", "district", "governorate"]) if (words.includes(level)) return level;
  if (country !== undefined && index.key(location) === index.key(country)) return "country";
  return "place";
}

/**
 * The most frequent value, the first in text order among equals: a group joined by an event label
 * across places is placed the same whatever the order of its rows (its place decides what it lies in,
 * and so the containment checks).
 */
function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? "";
  for (const [v, n] of counts) {
    const m = counts.get(best) ?? 0;
    if (n > m || (n === m && byText(v, best) < 0)) best = v;
  }
  return best;
}

/** One list per key, shared by every group that has it. */
function shared<T>(lists: Map<string, T[]>, key: string, list: T[]): T[] {
  const known = lists.get(key);
  if (known !== undefined) return known;
  lists.set(key, list);
  return list;
}

/**
 * Phase 5: the groups, in the order their first claim was read, each with its place, the places it lies
 * in, its span, its reasons and the links it passed over. Lists that many groups share (the places a
 * region lies in, the reasons most groups were joined for) are one array each. Given `single`, a
 * group of one claim that nothing joined is made by it (compare/single.ts), compared already.
 */
export function collectGroups(state: GroupState, single?: SingleGroupMaker): Group[] {
  const { claims, places, regionAt } = state;
  // The members of each group, in reading order, as one array of claim indexes sorted by group (a
  // counting sort over the roots): no map, and no list per group, for a dataset of single-claim groups.
  // Three columns of n, where a whole dataset's grouping is at its largest: each claim's root is
  // written into the union-find's own parents (every claim then points at its root, as find would
  // leave it), and the sort fills each group from its end, counting its size down to nothing.
  const n = claims.length;
  const rootOf = state.parent;
  const size = new Int32Array(n);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = state.find(i);
    rootOf[i] = r;
    if (size[r] === 0) roots.push(r);
    size[r] = size[r]! + 1;
  }
  const startOf = new Int32Array(n);
  let at = 0;
  for (const r of roots) {
    startOf[r] = at;
    at += size[r]!;
  }
  const sorted = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const r = rootOf[i]!;
    size[r] = size[r]! - 1;
    sorted[startOf[r]! + size[r]!] = i;
  }
  const countOf = (k: number): number => (k + 1 < roots.length ? startOf[roots[k + 1]!]! : n) - startOf[roots[k]!]!;
  const groups: Group[] = [];
  const lists = new Map<string, string[]>();
  const sharedList = (list: string[]): string[] => (list.length === 0 ? listOrNone(list) : shared(lists, list.join("\u0000"), list));
  const reasonLists = new Map<string, MatchReason[]>();
  const reasonList = (set: Set<MatchReason> | undefined): MatchReason[] => {
    if (set === undefined || set.size === 0) return listOrNone([]);
    const list = [...set].sort((x, y) => byText(x.text, y.text));
    return shared(reasonLists, list.map((r) => r.text).join("\u0000"), list);
  };
  // Where a group's claims all name one place in one region (most do), what it lies in is worked out once for all such groups.
  const withinOf = new Map<string, string[]>();
  const levels = new Map<string, string>();
  const spans = new Map<string, Group["span"]>();
  const placesShared = new Map<string, Group["place"]>();
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!;
    // The group's claim indexes are sorted[from, from + count): read in place, no view made per group.
    const from = startOf[root]!;
    const count = countOf(r);
    const list: Claim[] = new Array<Claim>(count);
    for (let k = 0; k < count; k++) list[k] = claims[sorted[from + k]!]!;
    const first = list[0]!;
    let event: string | undefined;
    let oneRegion = true;
    let oneDate = true;
    let start = first.date.start;
    let end = first.date.end;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      if (event === undefined && c.event !== undefined) event = c.event;
      if (regionAt[sorted[from + k]!] !== regionAt[sorted[from]!] || c.location !== first.location) oneRegion = false;
      if (c.date.text !== first.date.text) oneDate = false;
      if (c.date.start < start) start = c.date.start;
      if (c.date.end > end) end = c.date.end;
    }
    const location = oneRegion ? first.location : mostCommon(list.map((c) => c.location));
    const key = places.key(location);
    const whereKey = `${regionId(first)}\u0000${location}`;
    let within = oneRegion ? withinOf.get(whereKey) : undefined;
    if (within === undefined) {
      const set = new Set<string>();
      for (let k = 0; k < list.length; k++) {
        for (const w of regionAt[sorted[from + k]!]!.within) set.add(w);
        for (const up of places.gazetteerChain(list[k]!.location).slice(1)) set.add(`g:${up.id}`);
      }
      set.delete(key);
      within = sharedList([...set].sort());
      if (oneRegion) withinOf.set(whereKey, within);
    }
    const levelKey = `${location}\u0000${first.country ?? ""}`;
    let level = levels.get(levelKey);
    if (level === undefined) {
      level = levelOf(location, places, first.country);
      levels.set(levelKey, level);
    }
    // Groups of one place, or of one span of days, share one object for it: a dataset of single-claim
    // groups held two small objects per claim.
    const precision = precisionClass(first.date.precision);
    const spanKey = `${start},${end},${precision}`;
    let span = spans.get(spanKey);
    if (span === undefined) {
      span = { start, end, precision };
      if (spans.size < SHARED_LIMIT) spans.set(spanKey, span);
    }
    const placeKey = `${key}\u0000${level}\u0000${within.join("\u0001")}`;
    let place = placesShared.get(placeKey);
    if (place === undefined) {
      place = { key, level, within };
      if (placesShared.size < SHARED_LIMIT) placesShared.set(placeKey, place);
    }
    if (single !== undefined && count === 1 && (state.reasons.get(root)?.size ?? 0) === 0 && (state.passed.get(root)?.length ?? 0) === 0) {
      // A group of one claim, nothing joined and nothing passed over: its claim alone holds it.
      const made = single(first, groups.length + 1, span, place);
      if (made !== undefined) {
        groups.push(made);
        continue;
      }
    }
    // The comparison's fields are in the literal too, unset until the group is compared (index.ts
    // assigns them): added afterwards, they took a second store of 136 bytes per group.
    const group = {
      id: `G${groups.length + 1}`,
      claims: list,
      event,
      location,
      date: oneDate ? first.date.text : `${dayText(start)}/${dayText(end)}`,
      span,
      place,
      reasons: reasonList(state.reasons.get(root)),
      passedOver: listOrNone(state.passed.get(root) ?? []),
      status: undefined,
      findings: undefined,
      consensus: undefined,
      outlier: undefined,
      tie: undefined,
      supersededBy: undefined,
      notes: undefined,
    } as Group;
    groups.push(group);
  }
  return groups;
}

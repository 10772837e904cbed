import type { Claim } from "../claims/claim.js";
import { dayGap, dayText, type DatePrecision } from "../claims/date.js";
import { listOrNone } from "../util/word-table.js";
import { PlaceIndex, type MatchOptions } from "./matcher.js";
import { fingerprint, placeWords } from "./place-name.js";

/** Where a group is: its place's key, how large a place it is, and the places it lies in. */
export interface GroupPlace {
  key: string;
  /** "country", "governorate", "district", "subdistrict", a gazetteer level, or "place" (a town, a village, a site). */
  level: string;
  /** Keys of the places it lies in (from the gazetteer and the claims' admin1/admin2/country). */
  within: string[];
}

/** Claims that speak of the same event, place and date, with the reasons they were put together. */
export interface Group {
  id: string;
  claims: Claim[];
  event?: string;
  location: string;
  date: string;
  /** The day range the group covers, and its precision class. */
  span: { start: number; end: number; precision: "day" | "month" | "year" };
  place: GroupPlace;
  reasons: string[];
}

export interface GroupOptions {
  /** Dates this many days apart still meet (reports often lag the event). */
  dateWindow: number;
  match: MatchOptions;
}

/** A group's region where its claims (joined by an event label) name several: no claim joins it by place. */
const MIXED = "\u0000mixed";

const DEFAULT_MATCH: MatchOptions = { mode: "normal", threshold: 0.85 };

const adminNames = new Map<string, string>();

/** The name of the region an admin field names: "Idlib" in admin1 is Idlib governorate, not Idlib city. */
function adminName(value: string | undefined, word: string): string | undefined {
  if (value === undefined) return undefined;
  const key = `${word}\u0000${value}`;
  let name = adminNames.get(key);
  if (name === undefined) {
    name = placeWords(value).some((w) => w === "governorate" || w === "district" || w === "subdistrict" || w === "region") ? value : `${value} ${word}`;
    if (adminNames.size < 100_000) adminNames.set(key, name);
  }
  return name;
}

/** What a claim says of the regions its place lies in, as one key. */
function regionId(c: Claim): string {
  return `${c.admin1 ?? ""}\u0000${c.admin2 ?? ""}\u0000${c.country ?? ""}`;
}

/** The names of those regions: its district, its governorate, its country. */
function regionNames(c: Claim): [string | undefined, string | undefined, string | undefined] {
  return [adminName(c.admin2, "district"), adminName(c.admin1, "governorate"), c.country];
}

function levelOf(location: string, index: PlaceIndex, country: string | undefined): string {
  const chain = index.gazetteerChain(location);
  if (chain[0]?.level !== undefined) return chain[0].level;
  const words = fingerprint(location).split(" ");
  for (const level of ["subdistrict", "district", "governorate"]) if (words.includes(level)) return level;
  if (country !== undefined && index.key(location) === index.key(country)) return "country";
  return "place";
}

/** Only dates of one kind meet: a month's total is not a day's figure. */
function precisionClass(p: DatePrecision): "day" | "month" | "year" {
  return p === "range" ? "day" : p;
}

function eventKey(label: string): string {
  return label.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Group claims. Claims with the same event label are one group. Otherwise
 * claims join when their place names share a key and their dates, of the same
 * precision, are at most `dateWindow` days apart (chains join too; months and
 * years meet only the same month or year). Two claims
 * that carry different event labels, or name different regions (admin1,
 * admin2) or countries for their place, are never joined by place and date:
 * two villages called Jadida are two places.
 *
 * The grouping does not depend on input order; the groups are listed in the
 * order their first claim was read.
 */
export function groupClaims(claims: readonly Claim[], options: Partial<GroupOptions> = {}): Group[] {
  const dateWindow = options.dateWindow ?? 0;
  const names = new Set<string>();
  const seenRegions = new Set<string>();
  for (const c of claims) {
    names.add(c.location);
    const id = regionId(c);
    if (seenRegions.has(id)) continue;
    seenRegions.add(id);
    for (const n of regionNames(c)) if (n !== undefined) names.add(n);
  }
  const places = new PlaceIndex(names, options.match ?? DEFAULT_MATCH);
  const parent = claims.map((_, i) => i);
  const label: Array<string | undefined> = claims.map((c) => (c.event !== undefined ? eventKey(c.event) : undefined));
  // What a claim says of where its place lies; claims that disagree on it are not one place.
  // Rows repeat their admin1/admin2/country: each distinct triple is looked up once.
  const regions = new Map<string, { context: Array<string | undefined>; within: string[] }>();
  const regionOf = (c: Claim) => {
    const id = regionId(c);
    let r = regions.get(id);
    if (r === undefined) {
      const [admin2, admin1, country] = regionNames(c);
      const within: string[] = [];
      for (const n of [admin2, admin1, country]) {
        if (n === undefined) continue;
        within.push(places.key(n));
        for (const up of places.gazetteerChain(n)) within.push(`g:${up.id}`);
      }
      const key = (n: string | undefined) => (n !== undefined ? places.key(n) : undefined);
      r = { context: [key(admin1), key(admin2), key(country)], within };
      regions.set(id, r);
    }
    return r;
  };
  const regionAt = claims.map(regionOf);
  const context: Array<Array<string | undefined>> = regionAt.map((r) => r.context);
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
    const keep = ra < rb ? ra : rb;
    const gone = ra < rb ? rb : ra;
    parent[gone] = keep;
    let set = reasons.get(keep);
    if (set === undefined) reasons.set(keep, (set = new Set<string>()));
    const goneReasons = reasons.get(gone);
    if (goneReasons !== undefined) {
      for (const r of goneReasons) set.add(r);
      reasons.delete(gone);
    }
    set.add(reason);
    label[keep] ??= label[gone];
    // The group knows what either side said of its region (a new list only when the other side adds to it: lists are shared).
    // Where the sides name different regions (claims joined by an event label), the group names several: MIXED,
    // whichever side's root it keeps, so that no later claim joins it by place for naming one of them.
    const [mine, theirs] = [context[keep]!, context[gone]!];
    if (mine !== theirs && mine.some((k, d) => theirs[d] !== undefined && k !== theirs[d])) {
      context[keep] = mine.map((k, d) => (k === undefined ? theirs[d] : theirs[d] === undefined || theirs[d] === k ? k : MIXED));
    }
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

  // One string per distinct reason, shared by every group that has it.
  const reasonTexts = new Map<string, string>();
  const reasonFor = (place: string, gap: number): string => {
    if (gap === 0) return place;
    const key = `${gap}\u0000${place}`;
    let text = reasonTexts.get(key);
    if (text === undefined) {
      text = `${place}; dates ${gap} day${gap === 1 ? "" : "s"} apart, window ${dateWindow}`;
      reasonTexts.set(key, text);
    }
    return text;
  };

  // 2. The same place key and date class; then a sweep over dates.
  const buckets = new Map<string, number[]>();
  claims.forEach((c, i) => {
    const key = `${places.key(c.location)}\u0000${precisionClass(c.date.precision)}`;
    const list = buckets.get(key);
    if (list) list.push(i);
    else buckets.set(key, [i]);
  });
  // Buckets are swept in an order set by what they hold (their least place name), not by where
  // their first claim stands: a claim that two groups could take (it names no region; they name
  // different ones) must go to the same one whatever the order of the rows.
  const sweepOrder = [...buckets.entries()].flatMap(([key, members]) => {
    if (members.length < 2) return [];
    let name = claims[members[0]!]!.location;
    for (const i of members) if (claims[i]!.location < name) name = claims[i]!.location;
    return [{ order: `${name}\u0000${key.slice(key.indexOf("\u0000") + 1)}`, members }];
  });
  sweepOrder.sort((a, b) => byText(a.order, b.order));
  for (const { members } of sweepOrder) {
    // Ties are broken by what a claim says, not where it stands in the input, so the result is order-free.
    members.sort((a, b) => compareForSweep(claims[a]!, claims[b]!, label[a], label[b]));
    // The window is for days (a report a day after the event). A month or a year meets only itself:
    // September's total and October's are two counts, however few days lie between them.
    const window = precisionClass(claims[members[0]!]!.date.precision) === "day" ? dateWindow : 0;
    // Sweep in date order, keeping the claims still within the window: one per
    // group so far (the one whose date reaches furthest), so a run of identical
    // rows costs no more than one row.
    const active: number[] = [];
    for (const i of members) {
      const c = claims[i]!;
      // Drop the claims the window has passed (in place: this runs once per claim).
      let kept = 0;
      for (const a of active) if (c.date.start - claims[a]!.date.end <= window) active[kept++] = a;
      active.length = kept;
      for (const a of active) {
        const ri = find(i);
        const ra = find(a);
        if (ri === ra) continue;
        const clash =
          (label[ri] !== undefined && label[ra] !== undefined && label[ri] !== label[ra]) ||
          context[ri]!.some((k, d) => k !== undefined && context[ra]![d] !== undefined && (k !== context[ra]![d] || k === MIXED));
        if (clash) continue;
        const other = claims[a]!;
        const gap = dayGap(other.date, c.date);
        union(a, i, reasonFor(places.why(other.location, c.location), gap));
      }
      // One claim per group stays: the one whose date reaches furthest.
      const ri = find(i);
      const same = active.findIndex((a) => find(a) === ri);
      if (same < 0) active.push(i);
      else if (c.date.end > claims[active[same]!]!.date.end) active[same] = i;
      for (let x = active.length - 1; x >= 0; x--) {
        for (let y = 0; y < x; y++) {
          if (find(active[x]!) !== find(active[y]!)) continue;
          if (claims[active[x]!]!.date.end > claims[active[y]!]!.date.end) active[y] = active[x]!;
          active.splice(x, 1);
          break;
        }
      }
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
  // Groups in one region list the same places they lie in: one list each, shared.
  const lists = new Map<string, string[]>();
  const sharedList = (list: string[]): string[] => {
    if (list.length === 0) return listOrNone(list);
    const key = list.join("\u0000");
    const known = lists.get(key);
    if (known !== undefined) return known;
    lists.set(key, list);
    return list;
  };
  // Groups joined for the same reasons share one list of them (most have one reason, the same as many others').
  const reasonList = (set: Set<string> | undefined): string[] => {
    if (set === undefined || set.size === 0) return listOrNone([]);
    if (set.size === 1) {
      const [only] = set as Iterable<string> as [string];
      return sharedList([only]);
    }
    return sharedList([...set].sort());
  };
  // Where a group's claims all name one place in one region (most do), what it lies in is worked out once for all such groups.
  const withinOf = new Map<string, string[]>();
  const levels = new Map<string, string>();
  for (const [root, members] of byRoot) {
    const list = members.map((i) => claims[i]!);
    const first = list[0]!;
    let event: string | undefined;
    let oneRegion = true;
    let oneDate = true;
    let start = first.date.start;
    let end = first.date.end;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      if (event === undefined && c.event !== undefined) event = c.event;
      if (regionAt[members[k]!] !== regionAt[members[0]!] || c.location !== first.location) oneRegion = false;
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
        for (const w of regionAt[members[k]!]!.within) set.add(w);
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
    const group: Group = {
      id: `G${groups.length + 1}`,
      claims: list,
      location,
      date: oneDate ? first.date.text : `${dayText(start)}/${dayText(end)}`,
      span: { start, end, precision: precisionClass(first.date.precision) },
      place: { key, level, within },
      reasons: reasonList(reasons.get(root)),
    };
    if (event !== undefined) group.event = event;
    groups.push(group);
  }
  return groups;
}

function compareForSweep(a: Claim, b: Claim, la: string | undefined, lb: string | undefined): number {
  return (
    a.date.start - b.date.start ||
    a.date.end - b.date.end ||
    byText(la ?? "", lb ?? "") ||
    byText(a.source, b.source) ||
    byText(a.id, b.id)
  );
}

/** Plain code-unit order: any fixed order will do here, and localeCompare costs an ICU call a comparison. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Math.min/max of a list of any length (spreading a long list into Math.min overflows the stack). */
export function least(values: readonly number[]): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m;
}

export function most(values: readonly number[]): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** The most frequent value, the earliest read among equals. */
function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? "";
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

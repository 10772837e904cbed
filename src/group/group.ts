import type { Claim } from "../claims/claim.js";
import { dayGap, dayText, type DatePrecision } from "../claims/date.js";
import { FAR_KM, distanceKm, nearPairs } from "./distance.js";
import { listOrNone } from "../util/word-table.js";
import { PlaceIndex, type MatchOptions } from "./matcher.js";
import { fingerprint, placeWords } from "./place-name.js";
import { ReasonTable, type MatchReason } from "./reasons.js";

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
  reasons: MatchReason[];
  /** Records this group could also have taken, passed over because each would be a second record of one source here. */
  passedOver: string[];
}

export interface GroupOptions {
  /** Dates this many days apart still meet (reports often lag the event). */
  dateWindow: number;
  match: MatchOptions;
  /** Places whose coordinates lie this close (km, widened by their precision) meet whatever their names. */
  withinKm: number;
}

/** A group's region where its claims (joined by an event label) name several: no claim joins it by place. */
const MIXED = "\u0000mixed";

const DEFAULT_MATCH: MatchOptions = { mode: "normal", threshold: 0.85 };
export const DEFAULT_WITHIN_KM = 5;

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
  // Where a group lies, by the first coordinates any of its claims gave (NaN: none).
  const lat = Float64Array.from(claims, (c) => c.latitude ?? NaN);
  const lon = Float64Array.from(claims, (c) => c.longitude ?? NaN);
  const prec = Float64Array.from(claims, (c) => c.precisionKm ?? 0);
  /** Are the groups of ra and rb too far apart to be one place, whatever their names? */
  const far = (ra: number, rb: number): boolean =>
    !Number.isNaN(lat[ra]!) && !Number.isNaN(lat[rb]!) && distanceKm(lat[ra]!, lon[ra]!, lat[rb]!, lon[rb]!) > FAR_KM + prec[ra]! + prec[rb]!;
  // Who did the killing, where a claim says: claims naming different perpetrators are different events.
  const perpetrator: Array<string | undefined> = claims.map((c) => (c.perpetrator !== undefined ? eventKey(c.perpetrator) : undefined));
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
  const reasons = new Map<number, Set<MatchReason>>();
  const reasonTable = new ReasonTable(dateWindow);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Records: claims of one record are one unit. A group keeps, per source, the one record it holds
  // (source -> record), so that a second record of that source never joins it.
  const recordsOf = new Map<number, Map<string, string>>();
  const passed = new Map<number, string[]>();
  // The days a group's claims span, for the window: its latest start and earliest end.
  const latestStart = Int32Array.from(claims, (c) => c.date.start);
  const earliestEnd = Int32Array.from(claims, (c) => c.date.end);
  // A total over several days (scope "total", a date range) is never one group with the days inside
  // it: it meets only claims of exactly its dates. Its days are its parts, for the containment checks.
  // Per group: does it hold such a total, and the widest span of its claims.
  const periodTotal = Uint8Array.from(claims, (c) => (c.scope === "total" && c.date.end > c.date.start ? 1 : 0));
  const earliestStart = Int32Array.from(claims, (c) => c.date.start);
  const latestEnd = Int32Array.from(claims, (c) => c.date.end);
  const recordClash = (ra: number, rb: number): string | undefined => {
    const x = recordsOf.get(ra);
    const y = recordsOf.get(rb);
    if (x === undefined || y === undefined) return undefined;
    const [small, large] = x.size <= y.size ? [x, y] : [y, x];
    for (const [source, record] of small) {
      const other = large.get(source);
      if (other !== undefined && other !== record) return source;
    }
    return undefined;
  };
  const perpetratorClash = (ra: number, rb: number): boolean => perpetrator[ra] !== undefined && perpetrator[rb] !== undefined && perpetrator[ra] !== perpetrator[rb];
  const union = (a: number, b: number, reason: MatchReason | undefined): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const keep = ra < rb ? ra : rb;
    const gone = ra < rb ? rb : ra;
    parent[gone] = keep;
    latestStart[keep] = Math.max(latestStart[keep]!, latestStart[gone]!);
    earliestEnd[keep] = Math.min(earliestEnd[keep]!, earliestEnd[gone]!);
    earliestStart[keep] = Math.min(earliestStart[keep]!, earliestStart[gone]!);
    latestEnd[keep] = Math.max(latestEnd[keep]!, latestEnd[gone]!);
    periodTotal[keep] = periodTotal[keep]! | periodTotal[gone]!;
    const goneRecords = recordsOf.get(gone);
    if (goneRecords !== undefined) {
      const mine = recordsOf.get(keep);
      if (mine === undefined) recordsOf.set(keep, goneRecords);
      else for (const [k, v] of goneRecords) mine.set(k, v);
      recordsOf.delete(gone);
    }
    const gonePassed = passed.get(gone);
    if (gonePassed !== undefined) {
      passed.set(keep, [...(passed.get(keep) ?? []), ...gonePassed]);
      passed.delete(gone);
    }
    let set = reasons.get(keep);
    const goneReasons = reasons.get(gone);
    if (set === undefined && (goneReasons !== undefined || reason !== undefined)) reasons.set(keep, (set = new Set<MatchReason>()));
    if (goneReasons !== undefined) {
      for (const r of goneReasons) set!.add(r);
      reasons.delete(gone);
    }
    if (reason !== undefined) set!.add(reason);
    label[keep] ??= label[gone];
    perpetrator[keep] ??= perpetrator[gone];
    if (Number.isNaN(lat[keep]!) && !Number.isNaN(lat[gone]!)) {
      lat[keep] = lat[gone]!;
      lon[keep] = lon[gone]!;
      prec[keep] = prec[gone]!;
    }
    // The group knows what either side said of its region (a new list only when the other side adds to it: lists are shared).
    // Where the sides name different regions (claims joined by an event label), the group names several: MIXED,
    // whichever side's root it keeps, so that no later claim joins it by place for naming one of them.
    const [mine, theirs] = [context[keep]!, context[gone]!];
    if (mine !== theirs && mine.some((k, d) => theirs[d] !== undefined && k !== theirs[d])) {
      context[keep] = mine.map((k, d) => (k === undefined ? theirs[d] : theirs[d] === undefined || theirs[d] === k ? k : MIXED));
    }
  };

  // 0. The claims of one record (a dataset row's measures) are one unit.
  const byRecord = new Map<string, number>();
  claims.forEach((c, i) => {
    if (c.record === undefined) return;
    const key = `${c.source}\u0000${c.record}`;
    const first = byRecord.get(key);
    if (first === undefined) {
      byRecord.set(key, i);
      recordsOf.set(i, new Map([[c.source, c.record]]));
    } else union(first, i, undefined);
  });
  const describeUnit = (i: number): string => {
    const c = claims[i]!;
    return `${c.source} ${c.record ?? c.id} (${c.location}, ${c.date.text})`;
  };
  /** Remember, on both sides, a join refused because it would put two records of `source` in one group. */
  const passOver = (a: number, b: number, source: string): void => {
    // Two records of one source are apart by definition: only a link across sources refused is worth a note.
    if (claims[a]!.source === claims[b]!.source) return;
    for (const [side, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const root = find(side);
      const list = passed.get(root) ?? [];
      const text = `passed over ${describeUnit(other)}: it would be a second ${source} record in this group`;
      if (!list.includes(text)) list.push(text);
      passed.set(root, list);
    }
  };

  // 1. The same event label (never two records of one source).
  const byLabel = new Map<string, number>();
  claims.forEach((c, i) => {
    const key = label[i];
    if (key === undefined) return;
    const first = byLabel.get(key);
    if (first === undefined) byLabel.set(key, i);
    else {
      const clash = recordClash(find(first), find(i));
      if (perpetratorClash(find(first), find(i))) return;
      if (clash !== undefined) passOver(first, i, clash);
      else union(first, i, reasonTable.event(c.event!));
    }
  });

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
  // Candidate joins: claims of one bucket within the window of each other, decided best first: the
  // nearer place (the same spelling), then the nearer date, then (where a record is involved, since
  // a record may join only one record of another source) the closer figures. Joins of two record-free
  // claims (news claims) are kept as bare pairs of indices in bins by place and date gap, in the
  // sweep's order; a million claims give millions of them. The sweep keeps one claim per record, and
  // one per run of record-free claims that say the same of where and when (joined at once: nothing
  // can keep them apart), so identical rows cost one.
  interface RecordEdge {
    a: number;
    b: number;
    figures: number;
  }
  const binCount = 2 * (dateWindow + 1);
  const plainBins: Array<PairList | undefined> = [];
  const recordBins: Array<RecordEdge[] | undefined> = [];
  const binOf = (x: Claim, y: Claim) => (x.location === y.location ? 0 : dateWindow + 1) + Math.min(dayGap(x.date, y.date), dateWindow);
  /** Can the groups of a and b be one? Labels, regions and the window must allow it. */
  const canJoin = (ra: number, rb: number, window: number): boolean => {
    const labelClash = label[ra] !== undefined && label[rb] !== undefined && label[ra] !== label[rb];
    if (labelClash || perpetratorClash(ra, rb) || far(ra, rb) || context[ra]!.some((k, d) => k !== undefined && context[rb]![d] !== undefined && (k !== context[rb]![d] || k === MIXED))) return false;
    // A total over a period meets only claims of exactly its dates.
    if ((periodTotal[ra]! | periodTotal[rb]!) === 1) {
      const one = (r: number) => earliestStart[r] === latestStart[r] && earliestEnd[r] === latestEnd[r];
      if (!one(ra) || !one(rb) || earliestStart[ra] !== earliestStart[rb] || latestEnd[ra] !== latestEnd[rb]) return false;
    }
    // A chain must not outrun the window: every two claims of a group lie within it.
    return Math.max(latestStart[ra]!, latestStart[rb]!) - Math.min(earliestEnd[ra]!, earliestEnd[rb]!) <= window;
  };
  for (const { members } of sweepOrder) {
    // Ties are broken by what a claim says, not where it stands in the input, so the result is order-free.
    members.sort((a, b) => compareForSweep(claims[a]!, claims[b]!, label[a], label[b]));
    // The window is for days (a report a day after the event). A month or a year meets only itself:
    // September's total and October's are two counts, however few days lie between them.
    const window = precisionClass(claims[members[0]!]!.date.precision) === "day" ? dateWindow : 0;
    const active: number[] = [];
    for (const i of members) {
      const c = claims[i]!;
      let kept = 0;
      for (const a of active) if (c.date.start - claims[a]!.date.end <= window) active[kept++] = a;
      active.length = kept;
      let represented = false;
      for (const a of active) {
        const other = claims[a]!;
        if (find(a) === find(i)) {
          if (c.record !== undefined) represented = true;
          continue;
        }
        if (c.record === undefined && other.record === undefined && sameSpot(c, other) && periodTotal[i] === 0 && periodTotal[find(a)] === 0 && label[a] === label[i] && perpetrator[a] === perpetrator[i] && regionAt[a] === regionAt[i] && !far(find(a), find(i))) {
          union(a, i, places.why(other.location, c.location));
          represented = true;
          continue;
        }
        const bin = binOf(other, c);
        if (c.record === undefined && other.record === undefined) (plainBins[bin] ??= new PairList()).push(a, i);
        else (recordBins[bin] ??= []).push({ a, b: i, figures: 0 });
      }
      if (!represented) active.push(i);
    }
  }
  // 3. Coordinates: claims within withinKm of each other meet whatever their names (one claim per record
  // seeds the search: its other measures are joined to it already). The pair's distance is its reason.
  const nearKm = new Map<string, number>();
  const withinKm = options.withinKm ?? DEFAULT_WITHIN_KM;
  if (withinKm > 0) {
    const seedOf = new Set<string>();
    nearPairs(
      claims,
      (i) => {
        const c = claims[i]!;
        if (c.record === undefined) return true;
        const key = `${c.source}\u0000${c.record}`;
        if (seedOf.has(key)) return false;
        seedOf.add(key);
        return true;
      },
      withinKm,
      dateWindow,
      (a, b, km) => {
        if (find(a) === find(b)) return;
        nearKm.set(`${a},${b}`, km);
        const x = claims[a]!;
        const y = claims[b]!;
        const bin = binOf(x, y);
        if (x.record === undefined && y.record === undefined) (plainBins[bin] ??= new PairList()).push(a, b);
        else (recordBins[bin] ??= []).push({ a, b, figures: 0 });
      },
    );
  }
  // Where a record could join several, the closest figures decide after place and date: worked out only for those edges.
  if (recordBins.length > 0) {
    const counted = new Map<number, Claim[]>();
    claims.forEach((c, i) => {
      if (c.figure.rule === "none") return;
      const root = find(i);
      const list = counted.get(root);
      if (list) list.push(c);
      else counted.set(root, [c]);
    });
    for (const list of recordBins) {
      if (list === undefined) continue;
      for (const e of list) e.figures = figureDistance(counted.get(find(e.a)) ?? [], counted.get(find(e.b)) ?? []);
      list.sort((x, y) => x.figures - y.figures || byText(pairOrder(claims[x.a]!, claims[x.b]!), pairOrder(claims[y.a]!, claims[y.b]!)));
    }
  }
  const tryJoin = (i: number, j: number): void => {
    const ra = find(i);
    const rb = find(j);
    if (ra === rb) return;
    const a = claims[i]!;
    const c = claims[j]!;
    if (!canJoin(ra, rb, precisionClass(a.date.precision) === "day" ? dateWindow : 0)) return;
    const clash = recordClash(ra, rb);
    if (clash !== undefined) return passOver(i, j, clash);
    // A pair met by distance whose names do not share a key gives the distance as its reason.
    const km = nearKm.size > 0 ? (nearKm.get(i < j ? `${i},${j}` : `${j},${i}`)) : undefined;
    const byName = km === undefined || places.key(a.location) === places.key(c.location);
    const gap = dayGap(a.date, c.date);
    union(i, j, byName ? reasonTable.place(places.why(a.location, c.location), gap) : reasonTable.distance(a.location, c.location, Math.round(km * 100) / 100, gap));
  };
  for (let bin = 0; bin < binCount; bin++) {
    for (const e of recordBins[bin] ?? []) tryJoin(e.a, e.b);
    const plain = plainBins[bin];
    if (plain !== undefined) for (let k = 0; k < plain.length; k += 2) tryJoin(plain.items[k]!, plain.items[k + 1]!);
    plainBins[bin] = undefined;
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
  const reasonLists = new Map<string, MatchReason[]>();
  const reasonList = (set: Set<MatchReason> | undefined): MatchReason[] => {
    if (set === undefined || set.size === 0) return listOrNone([]);
    const list = set.size === 1 ? [...set] : [...set].sort((x, y) => byText(x.text, y.text));
    const key = set.size === 1 ? list[0]!.text : list.map((r) => r.text).join("\u0000");
    const known = reasonLists.get(key);
    if (known !== undefined) return known;
    reasonLists.set(key, list);
    return list;
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
      passedOver: listOrNone(passed.get(root) ?? []),
    };
    if (event !== undefined) group.event = event;
    groups.push(group);
  }
  return groups;
}

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

/** Two claims that say the same of when and where (the same place text, the same dates). */
function sameSpot(a: Claim, b: Claim): boolean {
  return a.location === b.location && a.date.start === b.date.start && a.date.end === b.date.end;
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

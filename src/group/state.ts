import type { Claim } from "../claims/claim.js";
import type { DatePrecision } from "../claims/date.js";
import { FAR_KM, distanceKm } from "./distance.js";
import type { PlaceIndex } from "./matcher.js";
import { placeWords } from "./place-name.js";
import { note, type GroupNote } from "../findings/notes.js";
import type { MatchReason } from "./reasons.js";

/** A group's region where its claims (joined by an event label) name several: no claim joins it by place. */
const MIXED = "\u0000mixed";

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
export function regionId(c: Claim): string {
  return `${c.admin1 ?? ""}\u0000${c.admin2 ?? ""}\u0000${c.country ?? ""}`;
}

/** The names of those regions: its district, its governorate, its country. */
export function regionNames(c: Claim): [string | undefined, string | undefined, string | undefined] {
  return [adminName(c.admin2, "district"), adminName(c.admin1, "governorate"), c.country];
}

/** Only dates of one kind meet: a month's total is not a day's figure. */
export function precisionClass(p: DatePrecision): "day" | "month" | "year" {
  return p === "range" ? "day" : p;
}

export function eventKey(label: string): string {
  return label.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** What a claim says of where its place lies, looked up once per distinct admin1/admin2/country. */
export interface Region {
  /** The keys of its admin1, admin2 and country: claims that disagree on any are not one place. */
  context: Array<string | undefined>;
  /** Keys of the places it lies in, for the group's `within`. */
  within: string[];
}

/**
 * The groups as they form: a union-find over the claims, each root holding what its group says
 * (its event label, perpetrator, coordinates, region, records, the days it spans, its reasons). Each
 * phase of the grouping proposes joins; `union` and `canJoin` keep the rules every join obeys.
 */
export class GroupState {
  readonly parent: Int32Array;
  readonly label: Array<string | undefined>;
  readonly perpetrator: Array<string | undefined>;
  /** Where a group lies, by the first coordinates any of its claims gave (NaN: none). */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly prec: Float64Array;
  readonly regionAt: Region[];
  private readonly context: Array<Array<string | undefined>>;
  readonly reasons = new Map<number, Set<MatchReason>>();
  /**
   * Records: a group keeps, per source, the one record it holds, so that a second record of that source
   * never joins it. A group of one record (most of a dataset's) names the claim that holds it in
   * `recordOf` (-1: none); only a group of several sources' records has a map in `recordsOf`, which a
   * map per record would cost 240 bytes a row of a whole dataset.
   */
  private readonly recordOf: Int32Array;
  private readonly recordsOf = new Map<number, Map<string, string>>();
  /** Links across sources refused because they would put two records of one source in a group. */
  readonly passed = new Map<number, GroupNote[]>();
  // The days a group's claims span, for the window: its latest start and earliest end, and its widest span.
  private readonly latestStart: Int32Array;
  private readonly earliestEnd: Int32Array;
  private readonly earliestStart: Int32Array;
  private readonly latestEnd: Int32Array;
  /**
   * Does the group hold a total over several days (scope "total", a date range)? Such a total is never
   * one group with the days inside it: it meets only claims of exactly its dates. Its days are its
   * parts, for the containment checks.
   */
  readonly periodTotal: Uint8Array;

  constructor(
    readonly claims: readonly Claim[],
    readonly places: PlaceIndex,
    readonly dateWindow: number,
  ) {
    this.parent = Int32Array.from(claims, (_, i) => i);
    // A dataset without event labels, or without perpetrators, has no list of them: an empty list reads undefined at every index.
    this.label = claims.some((c) => c.event !== undefined) ? claims.map((c) => (c.event !== undefined ? eventKey(c.event) : undefined)) : [];
    this.perpetrator = claims.some((c) => c.perpetrator !== undefined) ? claims.map((c) => (c.perpetrator !== undefined ? eventKey(c.perpetrator) : undefined)) : [];
    this.lat = Float64Array.from(claims, (c) => c.latitude ?? NaN);
    this.lon = Float64Array.from(claims, (c) => c.longitude ?? NaN);
    this.prec = Float64Array.from(claims, (c) => c.precisionKm ?? 0);
    // Rows repeat their admin1/admin2/country: each distinct triple is looked up once.
    const regions = new Map<string, Region>();
    this.regionAt = claims.map((c) => {
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
    });
    this.context = this.regionAt.map((r) => r.context);
    this.latestStart = Int32Array.from(claims, (c) => c.date.start);
    this.earliestEnd = Int32Array.from(claims, (c) => c.date.end);
    this.earliestStart = Int32Array.from(claims, (c) => c.date.start);
    this.latestEnd = Int32Array.from(claims, (c) => c.date.end);
    this.periodTotal = Uint8Array.from(claims, (c) => (c.scope === "total" && c.date.end > c.date.start ? 1 : 0));
    this.recordOf = new Int32Array(claims.length).fill(-1);
  }

  /** Claim i is the first of its record: its group holds that record. */
  holdRecord(i: number): void {
    this.recordOf[this.find(i)] = i;
  }

  /** The record a group holds of a source, if any. */
  private recordFor(root: number, source: string): string | undefined {
    const map = this.recordsOf.get(root);
    if (map !== undefined) return map.get(source);
    const at = this.recordOf[root]!;
    return at >= 0 && this.claims[at]!.source === source ? this.claims[at]!.record : undefined;
  }

  /** How many sources' records a group holds. */
  private recordCount(root: number): number {
    return this.recordsOf.get(root)?.size ?? (this.recordOf[root]! >= 0 ? 1 : 0);
  }

  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  }

  /** The window for a claim's dates: days for day dates; a month or a year meets only itself. */
  windowFor(c: Claim): number {
    return precisionClass(c.date.precision) === "day" ? this.dateWindow : 0;
  }

  /** Are the groups of ra and rb too far apart to be one place, whatever their names? */
  far(ra: number, rb: number): boolean {
    const { lat, lon, prec } = this;
    return !Number.isNaN(lat[ra]!) && !Number.isNaN(lat[rb]!) && distanceKm(lat[ra]!, lon[ra]!, lat[rb]!, lon[rb]!) > FAR_KM + prec[ra]! + prec[rb]!;
  }

  /** Claims naming different perpetrators are different events. */
  perpetratorClash(ra: number, rb: number): boolean {
    const p = this.perpetrator;
    return p[ra] !== undefined && p[rb] !== undefined && p[ra] !== p[rb];
  }

  /** The source of which the groups of ra and rb hold different records, if any: they must stay apart. */
  recordClash(ra: number, rb: number): string | undefined {
    const [nx, ny] = [this.recordCount(ra), this.recordCount(rb)];
    if (nx === 0 || ny === 0) return undefined;
    const [small, large] = nx <= ny ? [ra, rb] : [rb, ra];
    const map = this.recordsOf.get(small);
    if (map === undefined) {
      const c = this.claims[this.recordOf[small]!]!;
      const other = this.recordFor(large, c.source);
      return other !== undefined && other !== c.record ? c.source : undefined;
    }
    for (const [source, record] of map) {
      const other = this.recordFor(large, source);
      if (other !== undefined && other !== record) return source;
    }
    return undefined;
  }

  /** Can the groups of ra and rb be one by place and date? Labels, perpetrators, distance, regions and the window must allow it. */
  canJoin(ra: number, rb: number, window: number): boolean {
    const { label, context } = this;
    const labelClash = label[ra] !== undefined && label[rb] !== undefined && label[ra] !== label[rb];
    if (labelClash || this.perpetratorClash(ra, rb) || this.far(ra, rb) || context[ra]!.some((k, d) => k !== undefined && context[rb]![d] !== undefined && (k !== context[rb]![d] || k === MIXED))) return false;
    const { earliestStart, latestStart, earliestEnd, latestEnd } = this;
    // A total over a period meets only claims of exactly its dates.
    if ((this.periodTotal[ra]! | this.periodTotal[rb]!) === 1) {
      const one = (r: number) => earliestStart[r] === latestStart[r] && earliestEnd[r] === latestEnd[r];
      if (!one(ra) || !one(rb) || earliestStart[ra] !== earliestStart[rb] || latestEnd[ra] !== latestEnd[rb]) return false;
    }
    // A chain must not outrun the window: every two claims of a group lie within it.
    return Math.max(latestStart[ra]!, latestStart[rb]!) - Math.min(earliestEnd[ra]!, earliestEnd[rb]!) <= window;
  }

  /** Join the groups of a and b (the lower root is kept), for `reason` where there is one. */
  union(a: number, b: number, reason: MatchReason | undefined): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const keep = ra < rb ? ra : rb;
    const gone = ra < rb ? rb : ra;
    this.parent[gone] = keep;
    const { latestStart, earliestEnd, earliestStart, latestEnd, periodTotal } = this;
    latestStart[keep] = Math.max(latestStart[keep]!, latestStart[gone]!);
    earliestEnd[keep] = Math.min(earliestEnd[keep]!, earliestEnd[gone]!);
    earliestStart[keep] = Math.min(earliestStart[keep]!, earliestStart[gone]!);
    latestEnd[keep] = Math.max(latestEnd[keep]!, latestEnd[gone]!);
    periodTotal[keep] = periodTotal[keep]! | periodTotal[gone]!;
    this.joinRecords(keep, gone);
    const gonePassed = this.passed.get(gone);
    if (gonePassed !== undefined) {
      this.passed.set(keep, [...(this.passed.get(keep) ?? []), ...gonePassed]);
      this.passed.delete(gone);
    }
    let set = this.reasons.get(keep);
    const goneReasons = this.reasons.get(gone);
    if (set === undefined && (goneReasons !== undefined || reason !== undefined)) this.reasons.set(keep, (set = new Set<MatchReason>()));
    if (goneReasons !== undefined) {
      for (const r of goneReasons) set!.add(r);
      this.reasons.delete(gone);
    }
    if (reason !== undefined) set!.add(reason);
    // Written only when there is something to write: a dataset's empty list stays empty.
    if (this.label[gone] !== undefined) this.label[keep] ??= this.label[gone];
    if (this.perpetrator[gone] !== undefined) this.perpetrator[keep] ??= this.perpetrator[gone];
    const { lat, lon, prec } = this;
    if (Number.isNaN(lat[keep]!) && !Number.isNaN(lat[gone]!)) {
      lat[keep] = lat[gone]!;
      lon[keep] = lon[gone]!;
      prec[keep] = prec[gone]!;
    }
    // The group knows what either side said of its region (a new list only when the other side adds to it: lists are shared).
    // Where the sides name different regions (claims joined by an event label), the group names several: MIXED,
    // whichever side's root it keeps, so that no later claim joins it by place for naming one of them.
    const [mine, theirs] = [this.context[keep]!, this.context[gone]!];
    if (mine !== theirs && mine.some((k, d) => theirs[d] !== undefined && k !== theirs[d])) {
      this.context[keep] = mine.map((k, d) => (k === undefined ? theirs[d] : theirs[d] === undefined || theirs[d] === k ? k : MIXED));
    }
  }

  /** The records of gone's group become keep's (callers join only groups whose records do not clash). */
  private joinRecords(keep: number, gone: number): void {
    const [goneMap, goneAt] = [this.recordsOf.get(gone), this.recordOf[gone]!];
    if (goneMap === undefined && goneAt < 0) return;
    this.recordsOf.delete(gone);
    this.recordOf[gone] = -1;
    let mine = this.recordsOf.get(keep);
    const keepAt = this.recordOf[keep]!;
    if (mine === undefined && keepAt < 0) {
      if (goneMap !== undefined) this.recordsOf.set(keep, goneMap);
      else this.recordOf[keep] = goneAt;
      return;
    }
    if (mine === undefined) {
      const c = this.claims[keepAt]!;
      // One record each, of one source (the same record: callers never join a clash): gone's is kept, as a map would.
      if (goneMap === undefined && this.claims[goneAt]!.source === c.source) {
        this.recordOf[keep] = goneAt;
        return;
      }
      mine = new Map([[c.source, c.record!]]);
      this.recordsOf.set(keep, mine);
      this.recordOf[keep] = -1;
    }
    if (goneMap !== undefined) for (const [k, v] of goneMap) mine.set(k, v);
    else mine.set(this.claims[goneAt]!.source, this.claims[goneAt]!.record!);
  }

  /** Remember, on both sides, a join refused because it would put two records of `source` in one group. */
  passOver(a: number, b: number, source: string): void {
    // Two records of one source are apart by definition: only a link across sources refused is worth a note.
    if (this.claims[a]!.source === this.claims[b]!.source) return;
    for (const [side, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const root = this.find(side);
      const list = this.passed.get(root) ?? [];
      const c = this.claims[other]!;
      const n = note({ kind: "passed-over", source: c.source, record: c.record ?? c.id, location: c.location, date: c.date.text, duplicate_source: source });
      if (!list.some((m) => m.text === n.text)) list.push(n);
      this.passed.set(root, list);
    }
  }
}

import type { Claim } from "../claims/claim.js";
import type { SingleGroupMaker } from "../compare/single.js";
import type { GroupNote } from "../findings/notes.js";
import { Candidates } from "./candidates.js";
import { collectGroups } from "./collect.js";
import { PlaceIndex, type MatchOptions } from "./matcher.js";
import { sweepCoordinates } from "./near.js";
import { ReasonTable, type MatchReason } from "./reasons.js";
import { joinLabels, joinRecords } from "./records.js";
import { regionId, regionNames, GroupState } from "./state.js";
import { sweepPlaces } from "./sweep.js";

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
  passedOver: GroupNote[];
}

export interface GroupOptions {
  /** Dates this many days apart still meet (reports often lag the event). */
  dateWindow: number;
  match: MatchOptions;
  /** Places whose coordinates lie this close (km, widened by their precision) meet whatever their names. */
  withinKm: number;
  /** Makes the groups of one claim, compared already, in the form a whole dataset of them can hold (compare/single.ts). */
  single?: SingleGroupMaker;
}

const DEFAULT_MATCH: MatchOptions = { mode: "normal", threshold: 0.85 };
export const DEFAULT_WITHIN_KM = 5;

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
 *
 * The phases, one file each, over one GroupState (state.ts: the union-find and
 * the rules every join obeys): records and event labels (records.ts), place
 * keys swept by date (sweep.ts), coordinates (near.ts), the candidates of
 * both decided best first (candidates.ts), the groups collected (collect.ts).
 */
export function groupClaims(claims: readonly Claim[], options: Partial<GroupOptions> = {}): Group[] {
  const dateWindow = options.dateWindow ?? 0;
  // Every place name of the run, and the names of the regions the claims say their places lie in.
  const names = new Set<string>();
  const seenRegions = new Set<string>();
  for (const c of claims) {
    names.add(c.location);
    const id = regionId(c);
    if (seenRegions.has(id)) continue;
    seenRegions.add(id);
    for (const n of regionNames(c)) if (n !== undefined) names.add(n);
  }
  const state = new GroupState(claims, new PlaceIndex(names, options.match ?? DEFAULT_MATCH), dateWindow);
  const reasons = new ReasonTable(dateWindow);
  joinRecords(state);
  joinLabels(state, reasons);
  const candidates = new Candidates(state);
  sweepPlaces(state, candidates, reasons);
  sweepCoordinates(state, candidates, options.withinKm ?? DEFAULT_WITHIN_KM);
  candidates.joinBestFirst(reasons);
  return collectGroups(state, options.single);
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

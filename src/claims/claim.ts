import type { Figure, Reading } from "../figures/read.js";
import type { ClaimDate } from "./date.js";
import type { Grade } from "./grade.js";
import type { Outcome } from "./measures.js";

/** One source's statement of one count, read and checked. */
export interface Claim {
  /** The row's own id, or file:line when it has none. */
  id: string;
  source: string;
  /** The count as read; `rule: "none"` when the source gives none. */
  figure: Figure;
  outcome: Outcome;
  victims: string;
  /** The victims category this claim's victims lie in beyond the built-in ones (a UCDP side's deaths are fighters; Airwars' women are civilians). */
  within?: string;
  /**
   * The dataset record (one coding of one event) the claim belongs to: a preset row's id, or a
   * claims file's \`record\` column. Two records of one source are never in one group.
   */
  record?: string;
  location: string;
  country?: string;
  admin1?: string;
  admin2?: string;
  /** Where the source places it, in degrees (WGS 84), when it gives coordinates in range. */
  latitude?: number;
  longitude?: number;
  /** How far off the coordinates may be, in km (a village's centre, a town's): widens the distance within which places meet. */
  precisionKm?: number;
  /** Coordinates the claim gave but that could not be used (out of range, unreadable), set aside with this note; the claim is kept. */
  coordinatesNote?: string;
  date: ClaimDate;
  event?: string;
  /** "event": the count of one event; "total": a total over a place or a period. Unset: either. */
  scope?: "event" | "total";
  /**
   * Who did the killing, as the source names it. Claims that name different perpetrators are
   * different events: never grouped together, never compared.
   */
  perpetrator?: string;
  /** The parties a dataset codes for the event (UCDP's sides, Airwars' belligerent, ACLED's actors): shown side by side, never split on. */
  actors?: string;
  /** How well the dataset graded the evidence (Airwars: Confirmed … Discounted). */
  grade?: Grade;
  reported_at?: string;
  url?: string;
  quote?: string;
  notes?: string;
  /** Columns the tool does not use, carried to the output as they were. */
  extra: Record<string, string>;
  /**
   * Set when the claim's url, quote, notes and extra columns are kept on disk (a large run: see
   * claims/carried.ts): their record there. The fields read the same either way.
   */
  carried?: number;
  file: string;
  line: number;
}

/** A claim that states a count, and so can be compared. */
export type CountedClaim = Claim & { figure: Reading };

export function isCounted(claim: Claim): claim is CountedClaim {
  return claim.figure.rule !== "none";
}

import { inspect } from "node:util";
import type { Claim } from "../claims/claim.js";
import type { Group, GroupPlace } from "../group/group.js";
import { listOrNone } from "../util/word-table.js";
import { compareOne, comparedAlone, type CompareOptions, type Comparison } from "./compare.js";
import type { Finding, Status } from "./findings.js";

/** A group of one claim, already compared. */
export type SingleGroup = Group & Comparison;

/** Makes the group of one claim, or undefined where it must be a group like the others (compareOne declines it). */
export type SingleGroupMaker = (claim: Claim, number: number, span: Group["span"], place: GroupPlace) => SingleGroup | undefined;

const NONE = listOrNone<never>([]);

/**
 * Groups of one claim held as their claim alone, for a whole dataset (most of whose events one
 * source coded once): an object of four fields, 56 bytes, where a group as a literal held 16 fields,
 * a list of its claim and its id, 230 bytes. Every other field is a getter, reading what collect.ts
 * and compareOne would have written: the claim's place, date and event, the group's number, and its
 * comparison (single; its consensus its own figure), worked out when read. A test holds the two
 * forms equal on every group of one of the fixtures.
 *
 * Like the claims of a spilled run, such a group's fields are on its prototype: JSON.stringify and
 * util.inspect see them (toJSON), but a copy made with `{ ...group }` does not.
 */
export function singleGroups(options: CompareOptions): SingleGroupMaker {
  class Single {
    constructor(
      readonly claim: Claim,
      readonly number: number,
      readonly span: Group["span"],
      readonly place: GroupPlace,
    ) {}
    get id(): string {
      return `G${this.number}`;
    }
    /** A new list each time it is read: a list held per group was 56 bytes a claim. */
    get claims(): Claim[] {
      return [this.claim];
    }
    get event(): string | undefined {
      return this.claim.event;
    }
    get location(): string {
      return this.claim.location;
    }
    get date(): string {
      return this.claim.date.text;
    }
    get reasons(): never[] {
      return NONE;
    }
    get passedOver(): never[] {
      return NONE;
    }
    get status(): Status {
      return "single";
    }
    get findings(): Finding[] {
      return NONE;
    }
    get consensus(): Comparison["consensus"] {
      return compareOne(this as unknown as Group, options)!.consensus;
    }
    get outlier(): boolean[] {
      return compareOne(this as unknown as Group, options)!.outlier;
    }
    get tie(): boolean {
      return false;
    }
    get supersededBy(): Array<string | undefined> {
      return NONE;
    }
    get notes(): Comparison["notes"] {
      return NONE;
    }
    /** The group as the literal collect.ts and index.ts make, key for key. */
    toJSON(): SingleGroup {
      return {
        id: this.id,
        claims: this.claims,
        event: this.event,
        location: this.location,
        date: this.date,
        span: this.span,
        place: this.place,
        reasons: this.reasons,
        passedOver: this.passedOver,
        status: this.status,
        findings: this.findings,
        consensus: this.consensus,
        outlier: this.outlier,
        tie: this.tie,
        supersededBy: this.supersededBy,
        notes: this.notes,
      };
    }
    [inspect.custom](): SingleGroup {
      return this.toJSON();
    }
  }
  return (claim, number, span, place) => {
    // A claim counted as another source (--same-source) gets compareMany's note: a group like the others.
    if (!comparedAlone(claim, options)) return undefined;
    return new Single(claim, number, span, place) as unknown as SingleGroup;
  };
}

import { checkContainment, CONTAINMENT_INFO, type ContainmentFinding } from "../compare/containment.js";
import { checkDuplicates, DUPLICATE_INFO, type DuplicateFinding } from "../compare/duplicates.js";
import type { Comparison } from "../compare/compare.js";
import { FINDING_INFO, type Finding, type Status } from "../compare/findings.js";
import { checkRecords, RECORD_INFO, type RecordFinding } from "../compare/record.js";
import type { Group } from "../group/group.js";
import type { Claim } from "../claims/claim.js";

/**
 * The findings of a report, one discriminated union on `kind`. Pair verdicts (`agree`, `compatible`,
 * `conflict`) belong to one group and are held by its comparison; the others are checks over a
 * group or across groups, listed once for the whole report with ids of their own (C1, R1, D1) and
 * the groups they touch. Each kind carries its data as fields; `text` is the sentence a report
 * shows beside them.
 */
export type ReportFinding = ContainmentFinding | RecordFinding | DuplicateFinding;
export type AnyFinding = Finding | ReportFinding;
export type ReportFindingKind = ReportFinding["kind"];

interface KindInfo {
  title: string;
  description: string;
  /** A report's heading for this kind's section, and the noun its summary line counts in. */
  section: string;
  noun: string;
  /** The id prefix of this kind's findings. */
  prefix: string;
  /** The group status this finding is worth for --fail-on: a containment breach fails `--fail-on conflict`. */
  severity: Exclude<Status, "single" | "agree">;
}

/** Titles and explanations of every kind, apart from detection: adding a kind without an entry does not compile. */
export const KIND_INFO = {
  ...FINDING_INFO,
  containment: {
    title: "containment",
    description: "A group that lies inside another (a town within its province, a day within a month, civilians within all killed) states more than the other allows.",
    section: "Containment",
    noun: "containment conflict",
    prefix: "C",
    severity: "conflict",
  },
  "record-inconsistent": {
    title: "inconsistent record",
    description: "A record's own measures cannot all be true: a part above its whole, or disjoint parts that add up to more than the whole.",
    section: "Inconsistent records",
    noun: "inconsistent record",
    prefix: "R",
    severity: "conflict",
  },
  "duplicate-record": {
    title: "duplicate record",
    description: "One source holds two records that look like one event: the same id twice, or ids that differ only by formatting with the same place, dates and figures. They are kept apart (two records of one source are never one group) and named here.",
    section: "Duplicate records",
    noun: "duplicate record",
    prefix: "D",
    severity: "compatible",
  },
} as const satisfies { [K in AnyFinding["kind"]]: { title: string; description: string } } & { [K in ReportFindingKind]: KindInfo };

/** The rules within each kind, for the title a report gives a finding. */
export const RULE_INFO = {
  containment: CONTAINMENT_INFO,
  "record-inconsistent": RECORD_INFO,
  "duplicate-record": DUPLICATE_INFO,
} as const satisfies { [K in ReportFindingKind]: Record<Extract<ReportFinding, { kind: K }>["rule"], { title: string; description: string }> };

/** The kinds of report findings, in the order reports list them. */
export const REPORT_KINDS: readonly ReportFindingKind[] = ["containment", "record-inconsistent", "duplicate-record"];

export function ruleTitle(f: ReportFinding): string {
  return (RULE_INFO[f.kind] as Record<string, { title: string }>)[f.rule]!.title;
}

type Compared = Group & Comparison;

/** Every check over the compared groups, registered here and run in this order. */
const CHECKS: ReadonlyArray<(groups: readonly Compared[]) => ReportFinding[]> = [checkContainment, (groups) => groups.flatMap(checkRecords), checkDuplicates];

/** Run every check; ids are numbered per kind in report order (C1, C2, R1, D1). */
export function runChecks(groups: readonly Compared[]): ReportFinding[] {
  const findings = CHECKS.flatMap((check) => check(groups));
  const counts = new Map<string, number>();
  for (const f of findings) {
    const n = (counts.get(f.kind) ?? 0) + 1;
    counts.set(f.kind, n);
    f.id = `${KIND_INFO[f.kind].prefix}${n}`;
  }
  return findings;
}

/** The groups a finding touches. */
export function groupsOf(f: ReportFinding): string[] {
  switch (f.kind) {
    case "containment":
      return [f.whole.group, ...f.parts.map((p) => p.group)];
    case "record-inconsistent":
      return [f.group];
    case "duplicate-record":
      return f.groups;
  }
}

/** Group id → the findings it takes part in. */
export function findingsByGroup(all: readonly ReportFinding[]): Map<string, ReportFinding[]> {
  const index = new Map<string, ReportFinding[]>();
  for (const f of all) {
    for (const group of groupsOf(f)) {
      const list = index.get(group);
      if (list === undefined) index.set(group, [f]);
      else if (list[list.length - 1] !== f) list.push(f);
    }
  }
  return index;
}

/** How many findings of each kind: every kind is present, 0 when none. */
export function countKinds(all: readonly ReportFinding[]): Record<ReportFindingKind, number> {
  const counts = Object.fromEntries(REPORT_KINDS.map((k) => [k, 0])) as Record<ReportFindingKind, number>;
  for (const f of all) counts[f.kind]++;
  return counts;
}

/** The findings of one kind, typed as that kind. */
export function ofKind<K extends ReportFindingKind>(all: readonly ReportFinding[], kind: K): Array<Extract<ReportFinding, { kind: K }>> {
  return all.filter((f): f is Extract<ReportFinding, { kind: K }> => f.kind === kind);
}

/** The findings kind by kind, in the order reports list them, leaving out kinds with none: one section each. */
export function sections(all: readonly ReportFinding[]): Array<{ kind: ReportFindingKind; findings: ReportFinding[] }> {
  return REPORT_KINDS.map((kind) => ({ kind, findings: all.filter((f) => f.kind === kind) })).filter((s) => s.findings.length > 0);
}

/** The claims a finding over groups rests on: the measure's claims of each group it names (all of a group's, if none has it), or a record's. */
export function claimsOfFinding(f: ReportFinding, groups: ReadonlyMap<string, { claims: readonly Claim[] }>): Claim[] {
  const claimsOf = (id: string) => groups.get(id)?.claims ?? [];
  switch (f.kind) {
    case "containment":
      return [f.whole, ...f.parts].flatMap(({ group, measure }) => {
        const all = claimsOf(group);
        const measured = all.filter((c) => c.outcome === measure.outcome && c.victims === measure.victims);
        return measured.length > 0 ? measured : [...all];
      });
    case "record-inconsistent":
      return claimsOf(f.group).filter((c) => c.source === f.source && c.record === f.record);
    case "duplicate-record":
      return f.groups.flatMap(claimsOf).filter((c) => c.source === f.source && c.record !== undefined && f.records.includes(c.record));
  }
}

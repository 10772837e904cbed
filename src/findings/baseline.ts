import { z } from "zod";
import { atLeast, explainFinding, type Finding, type Status } from "../compare/findings.js";
import { UsageError } from "../errors.js";
import { readJsonFile, zodPath } from "../util/option-file.js";
import type { ReconcileResult, RejectedRow } from "../index.js";
import { claimRef, fileName, rowFingerprint, type ClaimRef } from "./identity.js";
import { claimsOfFinding, KIND_INFO, REPORT_KINDS, type ReportFinding, type ReportFindingKind } from "./index.js";

/**
 * A committed list of the findings a dataset is known to have (reviewed disagreements that will
 * stand, rows known to be bad), each by identity, not by count (knip's baseline, ESLint's bulk
 * suppressions): `--fail-on` then fails only on what is new or worse, and on entries that no longer
 * match anything (Betterer), until they are pruned.
 */
export interface BaselineFile {
  reconcile_baseline: 1;
  entries: BaselineEntry[];
}

/** A finding by identity: the claims it involves, or a rejected row's file and cells; `text` is for the reader. */
export type BaselineEntry =
  | { kind: "pair"; severity: "compatible" | "conflict"; claims: ClaimRef[]; gap?: number; text: string }
  | { kind: ReportFindingKind; rule: string; claims: ClaimRef[]; text: string }
  | { kind: "rejected"; file: string; fingerprint: string; line: number; text: string };

/** A finding of the run, with the identity a baseline matches it by and how bad it is. */
export interface CurrentFinding {
  key: string;
  entry: BaselineEntry;
  /** The finding or rejected row of the run it is: what a report marks when it fails the run. */
  of: Finding | ReportFinding | RejectedRow;
  /** The status it is worth for --fail-on (a rejected row fails whatever the level). */
  severity: Exclude<Status, "single" | "agree">;
}

const idsKey = (refs: readonly ClaimRef[]) =>
  refs
    .map((r) => r.id)
    .sort()
    .join("\u0001");

/**
 * The identity of an entry: its kind and rule, and the ids of its claims (in any order), or its row's
 * file and cells. The claims' fingerprints are not part of it: a finding whose claims were edited is
 * the same finding, judged by how it stands now (worse, or not).
 */
export function entryKey(e: BaselineEntry): string {
  if (e.kind === "rejected") return `rejected\u0000${e.file}\u0000${e.fingerprint}`;
  return `${e.kind}\u0000${"rule" in e ? e.rule : ""}\u0000${idsKey(e.claims)}`;
}

/** A rejected row as a baseline names it. */
function rowEntry(r: RejectedRow, folder: string): BaselineEntry {
  return { kind: "rejected", file: fileName(r.file, folder), fingerprint: rowFingerprint(r.cells), line: r.line, text: r.issues.map((i) => i.code).join(", ") };
}

/** Every finding of a run by identity: pair verdicts of compatible or worse, findings across groups, rejected rows. */
export function currentFindings(result: ReconcileResult, folder: string): CurrentFinding[] {
  const found: CurrentFinding[] = [];
  const add = (entry: BaselineEntry, severity: CurrentFinding["severity"], of: CurrentFinding["of"]) => found.push({ key: entryKey(entry), entry, of, severity });
  for (const g of result.groups) {
    for (const f of g.findings) {
      if (f.kind === "agree") continue;
      const gap = f.gap;
      add({ kind: "pair", severity: f.kind, claims: [claimRef(f.x, folder), claimRef(f.y, folder)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), ...(gap !== undefined && { gap: gap.absolute }), text: `${g.location}, ${g.date}: ${explainFinding(f)}` }, f.kind, f);
    }
  }
  const groups = new Map(result.groups.map((g) => [g.id, g]));
  for (const f of result.findings) {
    const claims = [...new Set(claimsOfFinding(f, groups))].map((c) => claimRef(c, folder));
    add({ kind: f.kind, rule: f.rule, claims, text: f.text }, KIND_INFO[f.kind].severity, f);
  }
  for (const r of result.rejected) add(rowEntry(r, folder), "conflict", r);
  return found;
}

/**
 * The baseline of a run: its findings at `failOn` or worse, and its rejected rows, in a stable order.
 * `folder` is the baseline file's: rows' files are named from it, so the baseline reads the same
 * wherever the dataset is checked out and whatever folder a run starts in.
 */
export function makeBaseline(result: ReconcileResult, failOn: "compatible" | "conflict", folder: string): BaselineFile {
  const entries = currentFindings(result, folder)
    .filter((f) => f.entry.kind === "rejected" || atLeast(f.severity, failOn))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((f) => f.entry);
  return { reconcile_baseline: 1, entries };
}

export interface BaselineCheck {
  /** Findings at `failOn` or worse, or rejected rows, that the baseline does not hold. */
  fresh: CurrentFinding[];
  /** Findings the baseline holds that got worse: a pair now in conflict or further apart, a finding across groups that a new claim joined. */
  worse: Array<{ now: CurrentFinding; was: BaselineEntry }>;
  /** Findings the baseline holds, as they were or better: hidden from --fail-on. */
  known: number;
  /** Entries that match nothing in the run (resolved, or rows fixed): prune them. */
  stale: BaselineEntry[];
}

/** Is the pair further from agreement than its entry says: a conflict where it was compatible, or a wider gap? */
function pairWorse(now: BaselineEntry, was: BaselineEntry): boolean {
  if (now.kind !== "pair" || was.kind !== "pair") return false;
  if (now.severity === "conflict" && was.severity !== "conflict") return true;
  return (now.gap ?? 0) > (was.gap ?? 0);
}

/**
 * A run against its baseline. Entries are matched by identity, each at most once (two identical bad
 * rows need two entries), so a new finding fails even when the count of findings is unchanged. A
 * finding across groups whose claims include all of an unmatched entry's, and more, is that finding
 * grown: worse, not new.
 */
export function checkBaseline(result: ReconcileResult, baseline: BaselineFile, failOn: "compatible" | "conflict", folder: string): BaselineCheck {
  const pending = new Map<string, BaselineEntry[]>();
  for (const e of baseline.entries) {
    const key = entryKey(e);
    pending.set(key, [...(pending.get(key) ?? []), e]);
  }
  const check: BaselineCheck = { fresh: [], worse: [], known: 0, stale: [] };
  const unmatched: CurrentFinding[] = [];
  for (const f of currentFindings(result, folder)) {
    const was = pending.get(f.key)?.shift();
    if (was === undefined) unmatched.push(f);
    else if (pairWorse(f.entry, was)) check.worse.push({ now: f, was });
    else check.known++;
  }
  const left = [...pending.values()].flat();
  for (const f of unmatched) {
    const now = f.entry;
    const grown =
      now.kind === "pair" || now.kind === "rejected"
        ? -1
        : left.findIndex((e) => e.kind === now.kind && "rule" in e && e.rule === now.rule && e.claims.length < now.claims.length && e.claims.every((r) => now.claims.some((c) => c.id === r.id)));
    if (grown >= 0) check.worse.push({ now: f, was: left.splice(grown, 1)[0]! });
    else if (now.kind === "rejected" || atLeast(f.severity, failOn)) check.fresh.push(f);
  }
  check.stale = left;
  return check;
}

/** The baseline without its stale entries. */
export function pruneBaseline(baseline: BaselineFile, check: BaselineCheck): BaselineFile {
  const stale = new Set(check.stale);
  return { reconcile_baseline: 1, entries: baseline.entries.filter((e) => !stale.has(e)) };
}

const ref = z.object({ id: z.string(), fingerprint: z.string(), at: z.string().optional() });
const entrySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pair"), severity: z.enum(["compatible", "conflict"]), claims: z.array(ref).length(2), gap: z.number().optional(), text: z.string() }),
  z.object({ kind: z.enum(REPORT_KINDS as [ReportFindingKind, ...ReportFindingKind[]]), rule: z.string(), claims: z.array(ref).min(1), text: z.string() }),
  z.object({ kind: z.literal("rejected"), file: z.string(), fingerprint: z.string(), line: z.number().int(), text: z.string() }),
]);
const baselineSchema = z.object({ reconcile_baseline: z.literal(1), entries: z.array(entrySchema) });

/** Read a baseline file, each problem located (`b.json: entries[3].claims: …`) and coded BASELINE_INVALID. */
export function readBaseline(file: string): BaselineFile {
  const parsed = baselineSchema.safeParse(readJsonFile(file, "BASELINE_INVALID", "cannot read the baseline"));
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `${file}: ${zodPath(i.path)}: ${i.message} [BASELINE_INVALID]`);
    throw new UsageError(lines.join("\nreconcile: ") as `${string} [BASELINE_INVALID]`);
  }
  return parsed.data as BaselineFile;
}

/** A baseline as its committed file holds it: an entry a line, so that a change to it reads as a diff of lines. */
export function baselineText(baseline: BaselineFile): string {
  if (baseline.entries.length === 0) return `{"reconcile_baseline": 1, "entries": []}\n`;
  return `{"reconcile_baseline": 1, "entries": [\n${baseline.entries.map((e) => `  ${JSON.stringify(e)}`).join(",\n")}\n]}\n`;
}

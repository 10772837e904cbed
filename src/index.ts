/**
 * The library: reconcile(options) reads every input, checks every row, groups
 * and compares the claims and returns the result as data. No console, no exit.
 */
import { stat } from "node:fs/promises";
import { claimBuilder } from "./claims/build.js";
import { carriedStore, type CarriedStore } from "./claims/carried.js";
import type { Claim } from "./claims/claim.js";
import { atLeast, type Grade } from "./claims/grade.js";
import { mapColumns, type ClaimField, type ColumnMapping } from "./claims/fields.js";
import { compareGroup, type Comparison } from "./compare/compare.js";
import { singleGroups } from "./compare/single.js";
import { countKinds, runChecks, type ReportFinding, type ReportFindingKind } from "./findings/index.js";
import { STATUSES, type Status } from "./compare/findings.js";
import { InputError, type InputIssue } from "./errors.js";
import { DEFAULT_LEXICON, type Lexicon } from "./figures/lexicon.js";
import type { Gazetteer } from "./group/gazetteer.js";
import { groupClaims, type Group } from "./group/group.js";
import type { MatchMode } from "./group/matcher.js";
import type { InputFormat } from "./read/formats.js";
import { readInput, sourceName, type InputSource } from "./read/index.js";
import type { DateOrder } from "./claims/date.js";
import type { RawRow } from "./read/row.js";
import { adaptPreset, expander, getPreset, type Expander, type Preset } from "./presets/index.js";

export type { Claim } from "./claims/claim.js";
export type { Group } from "./group/group.js";
export type { Comparison, Consensus } from "./compare/compare.js";
export { explainFinding, type Finding, type Status } from "./compare/findings.js";
export type { ContainmentFinding } from "./compare/containment.js";
export type { RecordFinding } from "./compare/record.js";
export type { DuplicateFinding } from "./compare/duplicates.js";
export type { ReportFinding } from "./findings/index.js";
export { InputError, UsageError, formatIssue, type InputIssue } from "./errors.js";

export interface InputSpec {
  source: InputSource;
  format?: InputFormat;
  /** Source name for rows that have no source column. */
  sourceName?: string;
  /** The tool's fields → the input's column names. */
  map?: Partial<Record<ClaimField, string>>;
  /** Read the input as a dataset export (ucdp-ged, acled, airwars, airwars-gaza, tbij): one row may give several claims. */
  preset?: string;
  /** The CSV delimiter (sniffed when absent), the text encoding (UTF-8 when absent) and a workbook's sheet. */
  delimiter?: string;
  encoding?: string;
  sheet?: string;
}

export interface ReconcileOptions {
  inputs: InputSpec[];
  dateWindow?: number;
  lexicon?: Lexicon;
  /** Keep going past bad rows, returning them as `rejected` (else any bad row is an InputError). */
  keepRejects?: boolean;
  /** How place names are matched (default normal), and the least similarity for fuzzy (default 0.85). */
  match?: MatchMode;
  threshold?: number;
  gazetteer?: Gazetteer;
  /** Source → the source it counts as (syndication): one source, not corroboration. */
  sameSource?: ReadonlyMap<string, string>;
  /** Pairs apart by at most this share (0.05 for 5%) read as compatible, the finding saying so. */
  tolerance?: number;
  /** Places whose coordinates lie this close (km, widened by their precision) meet whatever their names (default 5; 0: names only). */
  withinKm?: number;
  /** Set aside claims whose dataset graded the evidence below this (Airwars' assessment); ungraded claims stay. */
  minGrade?: Grade;
  /** Told how far the run has got: the stage, the rows read, and (reading a CSV) the share of the input parsed. */
  onProgress?: (progress: Progress) => void;
  /** How numeric dates such as 01/09/2016 read: day first or month first; without it they are errors. */
  dateOrder?: DateOrder;
  /**
   * Keep the claims' carried text (url, quote, notes, the columns the tool does not use) in a temporary
   * file, not in memory: what lets a whole dataset be read in bounded memory. true: always; "auto": when
   * the inputs are at least SPILL_BYTES together; false (the default): never. Every report reads the
   * same either way, but such a claim's url, quote, notes and extra are getters on its prototype that
   * read the file, and so are the fields it shares with many claims (source, measure, place): a copy
   * made with `{ ...claim }` or JSON.stringify(claim) leaves them out. Such a run also holds each group
   * of one claim as an object whose fields are getters (JSON.stringify and util.inspect show them all;
   * `{ ...group }` does not).
   */
  spill?: boolean | "auto";
  /** The folder of that temporary file (default: the system's, os.tmpdir()). */
  tempDir?: string;
}

/** Inputs this large together keep their claims' carried text on disk (see ReconcileOptions.spill). */
export const SPILL_BYTES = 64 * 1024 * 1024;

/** How far a run has got, for a progress line. */
export interface Progress {
  stage: "reading" | "grouping" | "comparing";
  rows: number;
  /** Reading: the input being read, its place among the inputs (from 1), and the share of it parsed (0 to 1) where known. */
  file?: string;
  input?: number;
  inputs?: number;
  share?: number;
}

export interface RejectedRow {
  file: string;
  line: number;
  issues: InputIssue[];
  columns: readonly string[];
  cells: readonly unknown[];
  /**
   * Set when the row's other claims were kept: the ids of the claims its bad cells fed (TBIJ Ob193's
   * injuries, min 3 above max 2), rejected alone. Absent: the whole row is rejected.
   */
  claims?: string[];
}

export interface ReconciledGroup extends Group, Comparison {}

export interface Summary {
  rows: number;
  /** Rows whose cells are all empty (what a spreadsheet writes under its data): counted in rows, no claim, no error. */
  blank: number;
  /** Rows that gave at least one claim: rows = rows_with_claims + rejected + blank, so no row is lost. */
  rows_with_claims: number;
  /** Claims rejected from rows whose other claims were kept (a bad cell rejects only the claims it feeds). */
  rejected_claims: number;
  claims: number;
  rejected: number;
  groups: number;
  statuses: Record<Status, number>;
  /** Findings of each kind over groups and across them: containment, inconsistent and duplicate records. */
  findings: Record<ReportFindingKind, number>;
  /** Claims set aside by --min-grade (counted in `claims`, in no group). */
  set_aside: number;
  /** Set by a run given a baseline (the CLI's --baseline): the known findings it holds, not counted for --fail-on. */
  baselined?: number;
}

export interface ReconcileResult {
  summary: Summary;
  groups: ReconciledGroup[];
  /** Findings over a group or across groups, each kind numbered apart (C1, R1, D1). */
  findings: ReportFinding[];
  rejected: RejectedRow[];
  /** Claims read but set aside by --min-grade, in reading order: reported, not grouped. */
  setAside: Claim[];
  /** What the reader chose that a user may not expect (a file read as semicolon-separated), one line each. */
  notes: string[];
  /**
   * Release what the run holds outside the heap: the temporary file of a run with `spill` (set by
   * reconcile(), not enumerable). Its claims' url, quote, notes and extra cannot be read after it;
   * without it, the file is closed when the result is garbage-collected.
   */
  close?: () => void;
}

/** Fields a file's columns must provide, each with the alternatives that also do. */
const REQUIRED: Array<{ fields: ClaimField[]; expected: string }> = [
  { fields: ["source"], expected: 'a "source" column (or --source NAME, or --map source=COLUMN)' },
  { fields: ["figure", "low", "high", "best"], expected: 'a "figure" column, or "low"/"high"/"best" columns' },
  { fields: ["location"], expected: 'a "location" column (or --map location=COLUMN)' },
  { fields: ["date", "date_start"], expected: 'a "date" column, or "date_start" and "date_end"' },
];

/** Problems with a CSV header as a whole, found once rather than on every row. */
function headerIssues(file: string, line: number, columns: readonly string[], mapping: ColumnMapping, spec: InputSpec): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const { field, columns: cols } of mapping.duplicates) {
    issues.push({ file, line, column: cols[1]!, code: "CSV_DUPLICATE_COLUMN", message: `both "${cols[0]}" and "${cols[1]}" give the field "${field}"` });
  }
  // Two columns of one name: the second's cells would be lost, so the header is refused.
  const seen = new Map<string, string>();
  for (const c of columns) {
    const key = String(c).trim().toLowerCase();
    // Blank header cells are named by their place ("(column 7)"): several lose nothing.
    if (key === "") continue;
    const first = seen.get(key);
    if (first !== undefined && !mapping.duplicates.some((d) => d.columns.includes(c))) {
      issues.push({ file, line, column: String(c), code: "CSV_DUPLICATE_COLUMN", message: `the header names "${first}" twice: rename one so neither column is lost` });
    }
    seen.set(key, String(c));
  }
  const got = columns.length === 0 ? "no columns" : `columns ${columns.slice(0, 8).map((c) => JSON.stringify(c)).join(", ")}${columns.length > 8 ? ", ..." : ""}`;
  // A --map that names a column the file does not have is a mistake, whichever field it is for.
  const misMapped = new Set<ClaimField>();
  for (const [field, column] of Object.entries(spec.map ?? {}) as Array<[ClaimField, string]>) {
    if (mapping.index[field] !== undefined && String(columns[mapping.index[field]!]).trim().toLowerCase() === column.trim().toLowerCase()) continue;
    misMapped.add(field);
    issues.push({ file, line, column: field, code: "CLAIM_MISSING_FIELD", expected: `the column "${column}" that --map ${field}=${column} names`, got });
  }
  for (const { fields, expected } of REQUIRED) {
    if (fields[0] === "source" && spec.sourceName !== undefined) continue;
    if (fields.some((f) => mapping.index[f] !== undefined || misMapped.has(f))) continue;
    issues.push({ file, line, column: fields[0]!, code: "CLAIM_MISSING_FIELD", expected, got });
  }
  return issues;
}

/** A problem a row's claims share (its date, say) is one problem, not one per claim. */
function distinctIssues(issues: InputIssue[]): InputIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = JSON.stringify([i.line, i.column, i.code, i.expected, i.got, i.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Issues by input, then line: the order a reader would meet them in. */
function inReadingOrder(issues: InputIssue[], inputs: InputSpec[]): InputIssue[] {
  const order = new Map(inputs.map((spec, i) => [sourceName(spec.source), i]));
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (order.get(a.issue.file) ?? 0) - (order.get(b.issue.file) ?? 0) || a.issue.line - b.issue.line || a.i - b.i)
    .map((x) => x.issue);
}

/** The size of the inputs together: files by their size, stdin by what was read. */
export async function inputBytes(inputs: readonly InputSpec[]): Promise<number> {
  let bytes = 0;
  for (const spec of inputs) {
    if ("bytes" in spec.source) bytes += spec.source.bytes.length;
    else {
      const info = await stat(spec.source.path).catch(() => undefined);
      if (info?.isFile()) bytes += info.size;
    }
  }
  return bytes;
}

/** Does a run of inputs this large keep its claims' text on disk, under this `spill`? */
export function spills(spill: ReconcileOptions["spill"], bytes: number): boolean {
  return spill === "auto" ? bytes >= SPILL_BYTES : spill === true;
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const spill = spills(options.spill, options.spill === "auto" ? await inputBytes(options.inputs) : 0);
  const store = spill ? carriedStore(options.tempDir) : undefined;
  try {
    const result = await reconcileWith(options, store);
    return Object.defineProperty(result, "close", { value: () => store?.close(), enumerable: false });
  } catch (error) {
    // A run that fails keeps nothing open.
    store?.close();
    throw error;
  }
}

async function reconcileWith(options: ReconcileOptions, store: CarriedStore | undefined): Promise<ReconcileResult> {
  const lexicon = options.lexicon ?? DEFAULT_LEXICON;
  const claims: Claim[] = [];
  const rejected: RejectedRow[] = [];
  const fatal: InputIssue[] = [];
  let rowIssuesUnderBadHeader = 0;
  let rows = 0;
  let blank = 0;
  let rowsWithClaims = 0;
  const notes: string[] = [];
  for (const [inputIndex, spec] of options.inputs.entries()) {
    const file = sourceName(spec.source);
    let share: number | undefined;
    const build = claimBuilder({ lexicon, ...(spec.sourceName !== undefined && { source: spec.sourceName }), ...(options.dateOrder !== undefined && { dateOrder: options.dateOrder }), ...(store !== undefined && { carried: store }) });
    const mappings = new WeakMap<readonly string[], ColumnMapping>();
    // Fields a CSV header lacks: the header is reported once, and its rows are still
    // checked for every other problem, without repeating the header's on each row.
    let headerMissing: Set<string> | undefined;
    // --map and --source apply on top of a preset: a field read from another column, the source named otherwise.
    const adapted = spec.preset !== undefined ? adaptPreset(getPreset(spec.preset), spec.map, spec.sourceName) : undefined;
    const preset = adapted?.preset;
    const expanders = new WeakMap<readonly string[], Expander>();
    let presetFailed = false;
    /** A dataset row through its preset: every claim it gives, or the row rejected with all its problems. */
    const presetSink = (row: RawRow, p: Preset): void => {
      rows++;
      if (row.issue) {
        rejected.push({ file: row.file, line: row.line, issues: [row.issue], columns: row.columns, cells: row.cells });
        return;
      }
      let ex = expanders.get(row.columns);
      if (ex === undefined) {
        ex = expander(p, row.columns, file, row.headerLine ?? 1, adapted?.mapped, options.dateOrder);
        expanders.set(row.columns, ex);
        if (ex.issues.length > 0) {
          fatal.push(...ex.issues);
          presetFailed = true;
        }
      }
      if (presetFailed) return;
      const made: Claim[] = [];
      const problems: InputIssue[] = [];
      const failed: string[] = [];
      for (const { row: claimRow, map } of ex.expand(row)) {
        let mapping = mappings.get(claimRow.columns);
        if (mapping === undefined) {
          mapping = mapColumns(claimRow.columns, map);
          mappings.set(claimRow.columns, mapping);
        }
        const built = build(claimRow, mapping);
        if (built.ok) made.push(...built.claims);
        else {
          problems.push(...built.issues);
          const idAt = mapping.index.id;
          failed.push(idAt === undefined ? `${row.file}:${row.line}` : String(claimRow.cells[idAt]));
        }
      }
      if (made.length > 0) {
        claims.push(...made);
        rowsWithClaims++;
      }
      if (problems.length > 0) {
        // A column that gives two fields (UCDP's deaths_civilians, the low and the best) is one column to the reader.
        const located = problems.map((i) => (i.column?.endsWith(")") ? { ...i, column: i.column.replace(/ \(as (low|high|best|figure)\)$/, "") } : i));
        // A bad cell rejects only the claims it feeds: the row's other claims are kept.
        rejected.push({ file: row.file, line: row.line, issues: distinctIssues(located), columns: row.columns, cells: row.cells, ...(made.length > 0 && { claims: failed }) });
      }
    };
    const sink = (row: RawRow): void => {
      if (options.onProgress !== undefined && (rows & 0x3fff) === 0) options.onProgress({ stage: "reading", rows, file, input: inputIndex + 1, inputs: options.inputs.length, ...(share !== undefined && { share }) });
      if (row.blank) {
        rows++;
        blank++;
        return;
      }
      if (preset !== undefined) return presetSink(row, preset);
      rows++;
      let mapping = mappings.get(row.columns);
      if (mapping === undefined) {
        mapping = mapColumns(row.columns, spec.map);
        mappings.set(row.columns, mapping);
        if (row.headerLine !== undefined) {
          const issues = headerIssues(file, row.headerLine, row.columns, mapping, spec);
          if (issues.length > 0) {
            fatal.push(...issues);
            headerMissing = new Set(issues.map((i) => i.column ?? ""));
          }
        }
      }
      const built = build(row, mapping);
      if (headerMissing !== undefined) {
        const missing = headerMissing;
        if (!built.ok) {
          const own = built.issues.filter((i) => !(i.code === "CLAIM_MISSING_FIELD" && missing.has(i.column ?? "")));
          fatal.push(...own);
          // Problems of the row itself: the header stops the run, but these are not file or header problems.
          rowIssuesUnderBadHeader += own.length;
        }
        return;
      }
      if (built.ok) {
        claims.push(...built.claims);
        rowsWithClaims++;
      }
      else rejected.push({ file: row.file, line: row.line, issues: built.issues, columns: row.columns, cells: row.cells });
    };
    const issue = await readInput(spec.source, spec.format, sink, {
      ...(spec.delimiter !== undefined && { delimiter: spec.delimiter }),
      ...(spec.encoding !== undefined && { encoding: spec.encoding }),
      ...(spec.sheet !== undefined && { sheet: spec.sheet }),
      onNote: (note) => notes.push(note),
      onShare: (s) => (share = s),
    });
    if (issue) fatal.push(issue);
  }

  if (fatal.length > 0 || (rejected.length > 0 && !options.keepRejects)) {
    throw new InputError(inReadingOrder([...fatal, ...rejected.flatMap((r) => r.issues)], options.inputs), fatal.length - rowIssuesUnderBadHeader);
  }

  // Weaker incidents are set aside before grouping, kept for the report: no claim read is lost.
  const setAside: Claim[] = [];
  let kept = claims;
  if (options.minGrade !== undefined) {
    const least = options.minGrade;
    kept = claims.filter((c) => {
      if (c.grade === undefined || atLeast(c.grade, least)) return true;
      setAside.push(c);
      return false;
    });
  }
  options.onProgress?.({ stage: "grouping", rows });
  const compareOptions = { ...(options.sameSource && { sameSource: options.sameSource }), ...(options.tolerance !== undefined && { tolerance: options.tolerance }) };
  const grouped = groupClaims(kept, {
    // A large run holds its groups of one claim as the claim alone (compare/single.ts).
    ...(store !== undefined && { single: singleGroups(compareOptions) }),
    dateWindow: options.dateWindow ?? 0,
    ...(options.withinKm !== undefined && { withinKm: options.withinKm }),
    match: { mode: options.match ?? "normal", threshold: options.threshold ?? 0.85, ...(options.gazetteer && { gazetteer: options.gazetteer }) },
  });
  // Each group takes its comparison in place: a copy per group would double what a large run holds.
  options.onProgress?.({ stage: "comparing", rows });
  // (Groups of one made by singleGroups are compared already.)
  for (const g of grouped) if ((g as Partial<Comparison>).status === undefined) Object.assign(g, compareGroup(g, compareOptions));
  const groups = grouped as ReconciledGroup[];
  const findings = runChecks(groups);
  const statuses = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const g of groups) statuses[g.status]++;
  return {
    summary: {
      rows,
      blank,
      rows_with_claims: rowsWithClaims,
      claims: claims.length,
      rejected: rejected.filter((r) => r.claims === undefined).length,
      rejected_claims: rejected.reduce((n, r) => n + (r.claims?.length ?? 0), 0),
      groups: groups.length,
      statuses,
      findings: countKinds(findings),
      set_aside: setAside.length,
    },
    groups,
    findings,
    rejected,
    setAside,
    notes,
  };
}

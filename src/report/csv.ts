import type { MatchReason } from "../group/reasons.js";
import { stringify } from "csv-stringify/sync";
import type { Claim, ReconcileResult, RejectedRow } from "../index.js";
import { findingsByGroup } from "../findings/index.js";
import { rejectedRecord } from "./model.js";
import { storedShape } from "../claims/carried.js";

const FIXED = [
  "group",
  "status",
  "consensus_low",
  "consensus_high",
  "outlier",
  "id",
  "source",
  "figure",
  "low",
  "high",
  "best",
  "outcome",
  "victims",
  "location",
  "date",
  "event",
  "match_reason",
  "file",
  "line",
] as const;
/** The optional fields a claim may keep on disk. */
const CARRIED: ReadonlySet<string> = new Set(["url", "quote", "notes"]);
const OPTIONAL = ["record", "within", "perpetrator", "actors", "grade", "reported_at", "url", "quote", "notes", "country", "admin1", "admin2", "latitude", "longitude", "precision_km", "coordinates_note"] as const;

/** Each optional field read by a function of its own: one property each, not a lookup by name per row. */
const GET = {
  record: (c) => c.record,
  within: (c) => c.within,
  perpetrator: (c) => c.perpetrator,
  actors: (c) => c.actors,
  grade: (c) => c.grade,
  reported_at: (c) => c.reported_at,
  url: (c) => c.url,
  quote: (c) => c.quote,
  notes: (c) => c.notes,
  country: (c) => c.country,
  admin1: (c) => c.admin1,
  admin2: (c) => c.admin2,
  latitude: (c) => c.latitude?.toString(),
  longitude: (c) => c.longitude?.toString(),
  precision_km: (c) => c.precisionKm?.toString(),
  coordinates_note: (c) => c.coordinatesNote,
} satisfies Record<(typeof OPTIONAL)[number], (c: Claim) => string | undefined>;

const cell = (v: string | number | null | undefined): string => (v === null || v === undefined ? "" : String(v));

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): one that
 * begins with =, +, -, @, a tab or a carriage return, or the fullwidth ＝ ＋ －
 * ＠ that Apple Numbers reads as those, unless it is a number. It gets a
 * leading apostrophe, which spreadsheets show as text. --raw-csv turns this
 * off for tools that read the CSV themselves.
 *
 * csv-stringify's own escape_formulas has the same list but spares only cells
 * passed as JavaScript numbers; a text cell "-5" from the input (an extra
 * column) must stay "-5", as a number, so the check is made here.
 */
export function spreadsheetSafe(value: string): string {
  if (value === "") return value;
  const first = value.charCodeAt(0);
  // = + - @ \t \r, and fullwidth ＝ ＋ － ＠
  if (first !== 61 && first !== 43 && first !== 45 && first !== 64 && first !== 9 && first !== 13 && first !== 0xff1d && first !== 0xff0b && first !== 0xff0d && first !== 0xff20) return value;
  if ((first === 43 || first === 45) && /^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) return value;
  return `'${value}`;
}

export interface CsvOptions {
  /** Leave formula-like cells as they are (default: prefix them with '). */
  raw?: boolean;
}

function finish(rows: string[][], options: CsvOptions): string {
  return stringify(options.raw ? rows : rows.map((r) => r.map(spreadsheetSafe)));
}

/** One row per claim with its group's verdict; columns the input carried follow the tool's own. */
/** The CSV report as records, the header first, then one per claim; formula-like cells made safe unless raw. */
export function* csvRecords(result: ReconcileResult, options: CsvOptions = {}): Generator<string[]> {
  // One pass over the claims: which optional fields and which extra columns any of them has.
  const present = new Set<(typeof OPTIONAL)[number]>();
  const extras: string[] = [];
  const seen = new Set<string>([...FIXED, ...OPTIONAL]);
  let lastExtra: Claim["extra"] | readonly string[] | undefined;
  for (const g of result.groups) {
    for (const c of g.claims) {
      // Text kept on disk is not read to learn the columns: its record's shape says which it has.
      const shape = storedShape(c);
      for (const f of OPTIONAL) if (shape !== undefined && CARRIED.has(f) ? shape[f as "url" | "quote" | "notes"] : GET[f](c) !== undefined) present.add(f);
      // Claims of one file without extra columns share one (empty) record: look at each distinct one once.
      const record = shape !== undefined ? shape.extra : c.extra;
      if (record === lastExtra) continue;
      lastExtra = record;
      for (const k of shape?.extra ?? Object.keys(c.extra)) {
        if (!seen.has(k)) {
          seen.add(k);
          extras.push(k);
        }
      }
    }
  }
  const optional = OPTIONAL.filter((f) => present.has(f));
  const getters = optional.map((f) => GET[f]);
  // Columns that only matter when something used them.
  const revised = result.groups.some((g) => g.supersededBy.some((s) => s !== undefined));
  const contained = result.findings.length > 0;
  const noted = result.groups.some((g) => g.notes.length > 0);
  const tied = result.groups.some((g) => g.tie);
  const situational = [...(tied ? ["tie"] : []), ...(revised ? ["superseded_by"] : []), ...(noted ? ["notes_on_group"] : []), ...(contained ? ["report_findings"] : [])];
  const safe = options.raw
    ? (row: string[]) => row
    : (row: string[]) => {
        for (let k = 0; k < row.length; k++) row[k] = spreadsheetSafe(row[k]!);
        return row;
      };
  yield safe([...FIXED, ...situational, ...optional, ...extras]);
  const findingsOf = contained ? findingsByGroup(result.findings) : undefined;
  // Groups share their lists of reasons: each list is joined once.
  const joined = new Map<readonly MatchReason[], string>();
  for (const g of result.groups) {
    let reason = joined.get(g.reasons);
    if (reason === undefined) joined.set(g.reasons, (reason = g.reasons.map((r) => r.text).join("; ")));
    const across = (findingsOf?.get(g.id) ?? []).map((f) => `${f.id}: ${f.text}`).join("; ");
    const notes = g.notes.map((n) => n.text).join("; ");
    for (let i = 0; i < g.claims.length; i++) {
      const c = g.claims[i]!;
      const consensus = g.consensus.find((m) => m.outcome === c.outcome && m.victims === c.victims);
      const row = [
        g.id,
        g.status,
        cell(consensus?.low),
        cell(consensus?.high),
        g.outlier[i] ? "true" : "false",
        c.id,
        c.source,
        c.figure.raw,
        cell(c.figure.low),
        cell(c.figure.high),
        cell(c.figure.best),
        c.outcome,
        c.victims,
        c.location,
        c.date.text,
        cell(c.event),
        reason,
        c.file,
        String(c.line),
      ];
      // A tied conflict: several largest consistent sets, no consensus and no outlier can be named.
      if (tied) row.push(g.tie ? "true" : "false");
      if (revised) row.push(cell(g.supersededBy[i]));
      if (noted) row.push(notes);
      if (contained) row.push(across);
      for (const get of getters) row.push(cell(get(c)));
      for (const k of extras) row.push(cell(c.extra[k]));
      yield safe(row);
    }
  }
}

/** A cell csv-stringify would quote: one holding the delimiter, a quote or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One record as csv-stringify writes it with its defaults (a comma between cells, a cell holding a comma,
 * a quote or a line break quoted with its quotes doubled, "\n" after the record), byte for byte (a
 * property test holds it to csv-stringify): the report's hot path, where csv-stringify's per-record checks
 * and buffer cost as much as reading the claims.
 */
export function csvLine(row: readonly string[]): string {
  let out = "";
  for (let k = 0; k < row.length; k++) {
    const v = row[k]!;
    if (k > 0) out += ",";
    out += NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }
  return `${out}\n`;
}

/** The whole CSV report as one string (for small reports and tests; the CLI streams csvRecords). */
export function renderCsv(result: ReconcileResult, options: CsvOptions = {}): string {
  return stringify([...csvRecords(result, options)]);
}

/** Rejected rows as they were read, followed by where they came from and why they were rejected. */
export function renderRejects(rejected: readonly RejectedRow[], options: CsvOptions = {}): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rejected) {
    const names = [...r.columns, ...r.cells.slice(r.columns.length).map((_, k) => `(cell ${r.columns.length + k + 1})`)];
    for (const c of names) {
      if (!seen.has(c)) {
        seen.add(c);
        columns.push(c);
      }
    }
  }
  // Rows whose other claims were kept name the claims rejected.
  const partial = rejected.some((r) => r.claims !== undefined);
  const tail = ["file", "line", "code", "message", ...(partial ? ["rejected_claims"] : [])];
  const rows: string[][] = [[...columns, ...tail]];
  for (const r of rejected) {
    const rec = rejectedRecord(r);
    rows.push([
      ...columns.map((c) => {
        const v = rec.row[c];
        return v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
      }),
      rec.file,
      String(rec.line),
      rec.code,
      rec.message,
      ...(partial ? [rec.claims?.join("; ") ?? ""] : []),
    ]);
  }
  return finish(rows, options);
}

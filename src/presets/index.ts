/**
 * Dataset presets: how to read UCDP GED, ACLED, Airwars or TBIJ exports
 * without any --map. A preset is data (a JSON file in ./data): which column
 * is the row's id, which columns give the place and the dates, which are
 * carried, and one entry per measure the row states. One row becomes one
 * claim per measure it states, each with the id `<row id>#<measure>`.
 *
 * The claims a preset makes keep the dataset's own column names, so a
 * problem is reported at the real column ("civilian_deaths_max"), and they go
 * through the same checks as any other claim.
 */
import { z } from "zod";
import type { ClaimField } from "../claims/fields.js";
import { dayText, parseDate, type DateOrder } from "../claims/date.js";
import { parseVictims } from "../claims/measures.js";
import { UsageError, type InputIssue } from "../errors.js";
import { readJsonFile, zodPath } from "../util/option-file.js";
import { measureKey } from "../figures/compound.js";
import { NO_FIGURE } from "../figures/rules.js";
import type { RawRow } from "../read/row.js";
import acled from "./data/acled.json" with { type: "json" };
import airwars from "./data/airwars.json" with { type: "json" };
import tbij from "./data/tbij.json" with { type: "json" };
import airwarsGaza from "./data/airwars-gaza.json" with { type: "json" };
import ucdpGed from "./data/ucdp-ged.json" with { type: "json" };

const columns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const measureSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9_]+$/),
  low: z.string().optional(),
  high: z.string().optional(),
  best: z.string().optional(),
  figure: z.string().optional(),
  outcome: z.enum(["killed", "injured", "killed_or_injured"]),
  victims: z.union([z.string(), z.strictObject({ column: z.string(), fallback: z.string() })]),
  /** The victims category these victims lie in (a side's deaths within fighters, women within civilians). */
  within: z.string().optional(),
  /** Make the claim even when the row gives no figure for it (the row's main measure). */
  always: z.boolean().optional(),
  /** Columns of other harm: where this measure's cells are blank and one of these states a figure, the measure reads "none reported" (0). */
  noneReported: z.array(z.string()).optional(),
  /** The whole's high column: a blank high beside a stated low is bounded by it, not open-ended. */
  boundedBy: z.string().optional(),
  note: z.string().optional(),
});

export const presetSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  source: z.string(),
  about: z.string(),
  id: z.string(),
  blank: z.array(z.string()).optional(),
  fields: z.strictObject({
    location: columns.optional(),
    admin1: columns.optional(),
    admin2: columns.optional(),
    country: columns.optional(),
    date: z.string().optional(),
    date_start: z.string().optional(),
    date_end: z.string().optional(),
    notes: z.string().optional(),
    quote: z.string().optional(),
    url: z.string().optional(),
    /** A column that names the dataset's incident: each claim's event label, so two incidents of one place and day stay apart. */
    event: z.string().optional(),
  }),
  /** Where a row names no place: a readable place from its coordinates ("31.45, 34.39"), so that it meets others by distance. */
  placeFromCoordinates: z.boolean().optional(),
  /** The place of a row that names none and gives no coordinates (the region the whole dataset covers). */
  placeOtherwise: z.string().optional(),
  /**
   * A column listing parts of a measure in one cell ("(2 children1 woman)", Airwars Gaza's Civilian_type):
   * one claim per part, within the measure named.
   */
  breakdown: z
    .strictObject({
      column: z.string(),
      outcome: z.enum(["killed", "injured", "killed_or_injured"]),
      within: z.string(),
      /**
       * The categories that split the whole without overlap (children, women, men): parts within it, whose
       * sum a record's check holds to the whole. Others (journalists, healthcare personnel) overlap them,
       * and are categories of their own.
       */
      disjoint: z.array(z.string()),
    })
    .optional(),
  datePrecision: z.strictObject({ column: z.string(), values: z.record(z.string(), z.enum(["week", "month"])) }).optional(),
  sources: z.strictObject({ column: z.string(), split: z.string().optional() }).optional(),
  carry: z.array(z.string()).default([]),
  /**
   * Where the dataset places the event: latitude and longitude columns (used when the file has them),
   * and the precision column with what each of its values means in km (null: too coarse to place by,
   * the coordinates are a region's centre). A value the table lacks reads as `otherKm`.
   */
  coordinates: z
    .strictObject({ latitude: z.string(), longitude: z.string(), precision: z.string().optional(), km: z.record(z.string(), z.number().nullable()).default({}), otherKm: z.number().nullable().default(null) })
    .optional(),
  /** The column of the dataset's grading of the evidence (Airwars' assessment), read as each claim's grade. */
  grade: z.string().optional(),
  /** The columns naming the parties (UCDP's sides, Airwars' belligerent): each claim's actors, joined by " – ". */
  actors: z.array(z.string()).optional(),
  measures: z.array(measureSchema).min(1),
}).refine((p) => p.fields.location !== undefined || p.placeFromCoordinates === true || p.placeOtherwise !== undefined, {
  message: "expected fields.location, placeFromCoordinates or placeOtherwise: a claim needs a place",
  path: ["fields", "location"],
});
export type Preset = z.infer<typeof presetSchema>;

/** Every preset, by name: adding a dataset means adding a file to ./data and a line here. */
const BUILT_IN: ReadonlyArray<{ name: string }> = [ucdpGed, acled, airwars, airwarsGaza, tbij];

export const PRESETS: ReadonlyMap<string, Preset> = new Map(
  BUILT_IN.map((data) => {
    const preset = presetSchema.parse(data);
    return [preset.name, preset];
  }),
);

/** A preset by name, or a user's own preset file (a path ending in .json, in the shape of the built-in ones). */
export function getPreset(name: string): Preset {
  if (/\.json$/i.test(name)) return loadPresetFile(name);
  const preset = PRESETS.get(name);
  if (!preset) throw new UsageError(`no preset "${name}": expected one of ${[...PRESETS.keys()].join(", ")}, or a preset file (.json) (see "reconcile presets") [USAGE_UNKNOWN_PRESET]`);
  return preset;
}

const loaded = new Map<string, Preset>();

/** A user's preset file, checked with the place of each problem: `mine.json: measures[0].outcome: … [PRESET_INVALID]`. */
export function loadPresetFile(path: string): Preset {
  const known = loaded.get(path);
  if (known !== undefined) return known;
  const raw = readJsonFile(path, "PRESET_INVALID", "cannot read the preset file");
  const parsed = presetSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `${path}: ${zodPath(i.path) || "(the file)"}: ${i.message} [PRESET_INVALID]`);
    throw new UsageError(lines.join("\nreconcile: ") as `${string} [PRESET_INVALID]`);
  }
  loaded.set(path, parsed.data);
  return parsed.data;
}

/** The built-in preset as the JSON file it is kept in: a starting point for one's own (reconcile presets --show NAME). */
export function presetFileText(name: string): string {
  const data = BUILT_IN.find((d) => d.name === name);
  if (data === undefined) throw new UsageError(`no preset "${name}": expected one of ${[...PRESETS.keys()].join(", ")} [USAGE_UNKNOWN_PRESET]`);
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The preset's JSON Schema, as published in docs/preset.schema.json. */
export function presetJsonSchema(): unknown {
  return z.toJSONSchema(presetSchema, { target: "draft-2020-12", io: "input" });
}

/** Fields --map may point at another column of a preset's export; the measures' columns are the preset's own. */
const MAPPABLE = ["id", "location", "admin1", "admin2", "country", "date", "date_start", "date_end", "notes", "quote", "url", "event", "grade"] as const;

/**
 * A preset with --map and --source on top: a field read from another column (`--map location=town`),
 * the source named otherwise (`--source "Airwars (Gaza team)"`). Returns the preset and the columns
 * the map names, which the export must have.
 */
export function adaptPreset(preset: Preset, map: Partial<Record<ClaimField, string>> | undefined, source: string | undefined): { preset: Preset; mapped: Array<[string, string]> } {
  const adapted: Preset = { ...preset, fields: { ...preset.fields }, ...(source !== undefined && { source }) };
  const mapped: Array<[string, string]> = [];
  for (const [field, column] of Object.entries(map ?? {}) as Array<[ClaimField, string]>) {
    if (!(MAPPABLE as readonly string[]).includes(field)) {
      throw new UsageError(
        `--map ${field}=${column} with --preset ${preset.name}: the preset reads ${field === "source" ? "one source (give --source NAME)" : "its figures from its own columns"}; --map may move ${MAPPABLE.join(", ")} (or write your own preset: reconcile presets --show ${preset.name}) [USAGE_INVALID_ARGUMENT]`,
      );
    }
    mapped.push([field, column]);
    if (field === "id") adapted.id = column;
    else if (field === "grade") adapted.grade = column;
    else if (field === "date") {
      adapted.fields.date = column;
      delete adapted.fields.date_start;
      delete adapted.fields.date_end;
    } else (adapted.fields as Record<string, unknown>)[field] = column;
  }
  return { preset: adapted, mapped };
}

/** A claim row made from a dataset row, with the fields its columns give. */
export interface PresetRow {
  row: RawRow;
  map: Partial<Record<ClaimField, string>>;
}

export interface Expander {
  issues: InputIssue[];
  expand: (row: RawRow) => PresetRow[];
}

const list = (c: string | string[] | undefined): string[] => (c === undefined ? [] : Array.isArray(c) ? c : [c]);

/** Week and month precision as the days they cover, for a day in any form a date is read in. */
function widen(date: string, precision: "week" | "month" | undefined, order: DateOrder | undefined): { start: string; end?: string } {
  if (precision === undefined) return { start: date };
  const day = parseDate(date, undefined, order);
  // Not a day (unreadable, or already a month or a year): left as it is, for the claim to read or refuse.
  if (day === undefined || day.precision !== "day") return { start: date };
  if (precision === "week") return { start: dayText(day.start - 3), end: dayText(day.start + 3) };
  return { start: dayText(day.start).slice(0, 7) };
}

/** "31.45, 34.39": a place a reader can find, from coordinates in range; none from cells that are not degrees. */
function placeOfCoordinates(lat: string | undefined, lon: string | undefined): string | undefined {
  const [y, x] = [Number(lat), Number(lon)];
  if (lat === undefined || lon === undefined || !Number.isFinite(y) || !Number.isFinite(x) || Math.abs(y) > 90 || Math.abs(x) > 180) return undefined;
  return `${y.toFixed(2)}, ${x.toFixed(2)}`;
}

/** Singular victim words as the categories they name ("child" is children). */
const SINGULAR: Record<string, string> = { child: "children", woman: "women", man: "men", boy: "boys", girl: "girls", journalist: "journalists", healthcare_personnel: "healthcare personnel" };

/** "(2 children1 woman)", "(1–3 children)": each count and what it counts, as a breakdown cell lists them. */
export function listedParts(cell: string | undefined): Array<{ count: string; victims: string }> {
  if (cell === undefined) return [];
  const parts: Array<{ count: string; victims: string }> = [];
  for (const m of cell.replace(/^\(|\)$/g, "").matchAll(/(\d+(?:\s*[–-]\s*\d+)?)\s*([^\d()]+?)\s*(?=\d|$)/gu)) {
    const word = m[2]!.trim().toLowerCase();
    parts.push({ count: m[1]!.replace(/\s+/g, ""), victims: SINGULAR[word] ?? word.replace(/_/g, " ") });
  }
  return parts;
}

/**
 * Prepare a preset for one file's header: check the columns it needs are
 * there, and return the function that turns each row into claim rows.
 */
export function expander(preset: Preset, header: readonly string[], file: string, headerLine: number, mapped: ReadonlyArray<readonly [string, string]> = [], order?: DateOrder): Expander {
  const at = new Map<string, number>();
  header.forEach((name, i) => {
    const key = String(name).trim();
    if (!at.has(key)) at.set(key, i);
  });
  const has = (c: string) => at.has(c);
  const issues: InputIssue[] = [];
  const need = (field: string, cols: string[]) => {
    // A field --map moved is checked as the map's (once): "the column "town" that --map location=town names".
    if (mapped.some(([f]) => f === field)) return;
    if (cols.length > 0 && !cols.some(has)) {
      issues.push({
        file,
        line: headerLine,
        column: cols[0]!,
        code: "CLAIM_MISSING_FIELD",
        expected: `the ${field} column${cols.length > 1 ? ` (one of ${cols.join(", ")})` : ""} of the ${preset.name} preset`,
        got: `columns ${header.slice(0, 8).map((c) => JSON.stringify(c)).join(", ")}${header.length > 8 ? ", ..." : ""}`,
      });
    }
  };
  // A --map on top of the preset names a column the export must have, whichever field it is for.
  for (const [field, column] of mapped) {
    if (!has(column)) {
      issues.push({ file, line: headerLine, column: field, code: "CLAIM_MISSING_FIELD", expected: `the column "${column}" that --map ${field}=${column} names`, got: `columns ${header.slice(0, 8).map((c) => JSON.stringify(c)).join(", ")}${header.length > 8 ? ", ..." : ""}` });
    }
  }
  need("id", [preset.id]);
  need("location", list(preset.fields.location));
  need("date", [preset.fields.date ?? preset.fields.date_start ?? ""].filter(Boolean));
  const main = preset.measures.filter((m) => m.always);
  for (const m of main) need(`${m.name} figure`, [m.low, m.high, m.best, m.figure].filter((c): c is string => c !== undefined));
  const measures = preset.measures.filter((m) => [m.low, m.high, m.best, m.figure].some((c) => c !== undefined && has(c)));

  // Cells that mean "no value": the words that mean "no figure" anywhere, and the preset's own.
  const blank = new Set([...NO_FIGURE, "null", ...(preset.blank ?? []).map((b) => b.toLowerCase())]);
  const value = (cells: readonly unknown[], column: string | undefined): string | undefined => {
    if (column === undefined) return undefined;
    const i = at.get(column);
    if (i === undefined) return undefined;
    const v = cells[i];
    if (v === undefined || v === null) return undefined;
    const text = String(v).trim();
    return blank.has(text.toLowerCase()) ? undefined : text;
  };
  const first = (cells: readonly unknown[], cols: string[]) => {
    for (const c of cols) {
      const v = value(cells, c);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const carried = preset.carry.filter(has);
  const actorCols = (preset.actors ?? []).filter(has);
  const coords = preset.coordinates !== undefined && has(preset.coordinates.latitude) && has(preset.coordinates.longitude) ? preset.coordinates : undefined;
  /** A precision cell as km; null when the coordinates are too coarse to place by. */
  const precisionKm = (cells: readonly unknown[]): number | null => {
    if (coords?.precision === undefined) return coords?.otherKm ?? null;
    const cell = value(cells, coords.precision) ?? "";
    return Object.hasOwn(coords.km, cell) ? coords.km[cell]! : coords.otherKm;
  };
  // A figure column may be a sum of columns ("deaths_civilians + deaths_unknown + high - best"): UCDP's
  // deaths of unknown status, and its spread between best and high, may be civilians.
  const terms = (column: string) => column.split(/\s+(?=[+-]\s)/).map((t) => ({ sign: t.startsWith("-") ? -1 : 1, column: t.replace(/^[+-]\s+/, "").trim() }));
  const isSum = (column: string) => /\s[+-]\s/.test(column);
  const hasColumn = (column: string) => (isSum(column) ? terms(column).every((t) => has(t.column)) : has(column));
  const figureValue = (cells: readonly unknown[], column: string | undefined): string | undefined => {
    if (column === undefined || !isSum(column)) return value(cells, column);
    let total = 0;
    let first: number | undefined;
    for (const t of terms(column)) {
      const v = value(cells, t.column);
      if (v === undefined || !/^\d+$/.test(v)) return undefined;
      first ??= Number(v);
      total += t.sign * Number(v);
    }
    // A difference that goes below zero (a high under the best) adds nothing: the sum is never below its first column.
    return String(Math.max(total, first ?? 0));
  };

  // "None reported" needs a column of other harm stated, and no part of the measure stated (children
  // killed beside blank civilian deaths are deaths reported): both column lists worked out once per header.
  const noneReportedOf = (m: Preset["measures"][number]) => {
    const harm = (m.noneReported ?? []).filter(has);
    const parts = preset.measures
      .filter((p) => typeof m.victims === "string" && p.within === m.victims)
      .flatMap((p) => [p.low, p.high, p.best, p.figure].filter((c): c is string => c !== undefined && has(c)));
    return harm.length === 0 ? undefined : (cells: readonly unknown[]) => harm.some((c) => value(cells, c) !== undefined) && !parts.some((c) => value(cells, c) !== undefined);
  };

  // One columns array per measure, shared by every row, so the claim stage maps them once.
  const shapeOf = (m: Preset["measures"][number]) => {
    const reportsOtherHarm = noneReportedOf(m);
    const figureCols = (["low", "high", "best", "figure"] as const).filter((f) => m[f] !== undefined && hasColumn(m[f]!));
    const fieldCols: Array<[ClaimField, string]> = [
      ["id", preset.id],
      ["record", `${preset.id} (record)`],
      ...(m.within !== undefined ? ([["within", "(within)"]] as Array<[ClaimField, string]>) : []),
      ["source", "(source)"],
      // One column may give two fields (UCDP's deaths_civilians is both the low and the best): the second is named apart.
      ...figureCols.map((f, k): [ClaimField, string] => [f, figureCols.slice(0, k).some((g) => m[g] === m[f]) ? `${m[f]!} (as ${f})` : m[f]!]),
      // "none reported" stands in the figure field, read before the low/high columns, only on rows that report other harm.
      ...(reportsOtherHarm !== undefined && !figureCols.includes("figure") ? ([["figure", `${m.low ?? m.best ?? m.name} (none reported)`]] as Array<[ClaimField, string]>) : []),
      ["outcome", "(outcome)"],
      ["scope", "(scope)"],
      ["victims", typeof m.victims === "string" ? "(victims)" : m.victims.column],
      ["location", list(preset.fields.location)[0] ?? "(location)"],
      ...(coords !== undefined
        ? ([
            ["latitude", coords.latitude],
            ["longitude", coords.longitude],
            ["precision_km", `${coords.precision ?? coords.latitude} (km)`],
          ] as Array<[ClaimField, string]>)
        : []),
      ...(preset.grade !== undefined && has(preset.grade) ? ([["grade", preset.grade]] as Array<[ClaimField, string]>) : []),
      ...(actorCols.length > 0 ? ([["actors", "(actors)"]] as Array<[ClaimField, string]>) : []),
      ...(["admin1", "admin2", "country", "notes", "quote", "url", "event"] as const).flatMap((f): Array<[ClaimField, string]> => {
        const cols = list(preset.fields[f]).filter(has);
        // Named apart: the event column may be the id column itself (Airwars Gaza's incident id).
        return cols.length > 0 ? [[f, f === "event" ? `${cols[0]!} (event)` : cols[0]!]] : [];
      }),
      ...(preset.fields.date !== undefined
        ? ([["date_start", preset.fields.date], ["date_end", `${preset.fields.date} (end)`]] as Array<[ClaimField, string]>)
        : ([["date_start", preset.fields.date_start ?? "date_start"], ["date_end", preset.fields.date_end ?? "date_end"]] as Array<[ClaimField, string]>)),
    ];
    const extras = [...(preset.sources ? ["original_sources"] : []), ...(m.note ? ["coding_note"] : []), ...carried];
    return { m, reportsOtherHarm, figureCols, fieldCols, columns: [...fieldCols.map(([, c]) => c), ...extras], map: Object.fromEntries(fieldCols) as Partial<Record<ClaimField, string>> };
  };
  const shapes = measures.map(shapeOf);
  // The parts listed in one cell: a claim each, of victims named by the cell, within the measure named.
  const breakdown = preset.breakdown !== undefined && has(preset.breakdown.column) ? preset.breakdown : undefined;
  const partShape = (within: string | undefined) =>
    breakdown === undefined
      ? undefined
      : shapeOf({ name: "parts", figure: breakdown.column, outcome: breakdown.outcome, victims: { column: `${breakdown.column} (victims)`, fallback: breakdown.within }, ...(within !== undefined && { within }) });
  const partsShape = partShape(breakdown?.within);
  const ownShape = partShape(undefined);

  const seenIds = new Map<string, number>();
  const expand = (row: RawRow): PresetRow[] => {
    const cells = row.cells;
    const rowId = value(cells, preset.id) ?? `${row.file}:${row.line}`;
    // One row is one record. A second row under an id already read is a record of its own (reported as a duplicate).
    const known = seenIds.get(rowId);
    if (known === undefined) seenIds.set(rowId, row.line);
    const record = known === undefined || known === row.line ? rowId : `${rowId} (line ${row.line})`;
    const location = first(cells, list(preset.fields.location)) ?? (preset.placeFromCoordinates ? placeOfCoordinates(value(cells, coords?.latitude), value(cells, coords?.longitude)) : undefined) ?? preset.placeOtherwise;
    const km = coords !== undefined ? precisionKm(cells) : null;
    const actors = actorCols.flatMap((c) => value(cells, c) ?? []).join(" – ") || undefined;
    const admin = (f: "admin1" | "admin2" | "country" | "notes" | "quote" | "url" | "event") => first(cells, list(preset.fields[f]));
    const precisionCell = preset.datePrecision ? (value(cells, preset.datePrecision.column) ?? "") : "";
    const precision = preset.datePrecision && Object.hasOwn(preset.datePrecision.values, precisionCell) ? preset.datePrecision.values[precisionCell] : undefined;
    const dates = preset.fields.date !== undefined ? widen(value(cells, preset.fields.date) ?? "", precision, order) : { start: value(cells, preset.fields.date_start) ?? "", end: value(cells, preset.fields.date_end) };
    const sources = preset.sources ? value(cells, preset.sources.column) : undefined;
    const originalSources =
      sources === undefined ? "" : preset.sources?.split ? [...new Set(sources.split(preset.sources.split).map((s) => s.trim()).filter(Boolean))].join("; ") : sources;
    const out: PresetRow[] = [];
    // One claim per measure: a side named like a measure the row already states (UCDP's
    // one-sided violence has side_b "Civilians", whose deaths_b is 0 by convention, the
    // deaths being in deaths_civilians) is that measure again, not a second count of it.
    const stated = new Set<string>();
    const claimRow = (shape: ReturnType<typeof shapeOf>, figures: Array<string | undefined>, noneReported: boolean, victims: string, idName: string): void => {
      const { m, figureCols, fieldCols, columns: cols, map } = shape;
      const fieldValues = fieldCols.map(([field]) => {
        switch (field) {
          case "id":
            return `${rowId}#${idName}`;
          case "record":
            return record;
          case "within":
            return m.within;
          case "source":
            return preset.source;
          case "outcome":
            return m.outcome;
          case "scope":
            return "event";
          case "victims":
            return victims;
          case "location":
            return location;
          case "grade":
            return value(cells, preset.grade);
          // Coordinates too coarse to place by (a governorate's centre) are left out, as if the row gave none.
          case "latitude":
            return km === null ? undefined : value(cells, coords?.latitude);
          case "longitude":
            return km === null ? undefined : value(cells, coords?.longitude);
          case "precision_km":
            return km === null ? undefined : String(km);
          case "actors":
            return actors;
          case "admin1":
          case "admin2":
          case "country":
          case "notes":
          case "quote":
          case "url":
          case "event":
            return admin(field);
          case "date_start":
            return dates.start;
          case "date_end":
            return dates.end;
          case "figure":
            return noneReported ? "none reported" : figures[figureCols.indexOf("figure")];
          default:
            return figures[figureCols.indexOf(field as (typeof figureCols)[number])];
        }
      });
      const extraValues = [...(preset.sources ? [originalSources] : []), ...(m.note ? [m.note] : []), ...carried.map((c) => value(cells, c) ?? "")];
      out.push({ row: { file: row.file, line: row.line, columns: cols, cells: [...fieldValues, ...extraValues] }, map });
    };
    for (const shape of shapes) {
      const { m, reportsOtherHarm, figureCols } = shape;
      const figures = figureCols.map((f) => figureValue(cells, m[f]));
      // A blank high beside a stated low: the whole's high bounds it (Airwars' men killed are at most its civilians killed).
      const hi = figureCols.indexOf("high");
      if (m.boundedBy !== undefined && hi >= 0 && figures[hi] === undefined && figures.some((v) => v !== undefined)) figures[hi] = value(cells, m.boundedBy);
      const noneReported = reportsOtherHarm !== undefined && figures.every((v) => v === undefined) && reportsOtherHarm(cells);
      if (!m.always && !noneReported && figureCols.every((f, k) => figures[k] === undefined || isSum(m[f]!))) continue;
      const victims = typeof m.victims === "string" ? m.victims : (value(cells, m.victims.column) ?? m.victims.fallback);
      const measure = `${m.outcome}\u0000${parseVictims(victims)}`;
      if (stated.has(measure)) continue;
      stated.add(measure);
      claimRow(shape, figures, noneReported, victims, m.name);
    }
    if (breakdown !== undefined && partsShape !== undefined && ownShape !== undefined) {
      for (const part of listedParts(value(cells, breakdown.column))) {
        const measure = `${breakdown.outcome}\u0000${parseVictims(part.victims)}`;
        if (stated.has(measure)) continue;
        stated.add(measure);
        const shape = breakdown.disjoint.includes(parseVictims(part.victims)) ? partsShape : ownShape;
        claimRow(shape, [part.count], false, part.victims, measureKey(breakdown.outcome, parseVictims(part.victims)));
      }
    }
    return out;
  };
  return { issues, expand };
}

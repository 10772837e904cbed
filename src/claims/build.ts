import { z } from "zod";
import { quoted, type InputIssue, type IssueCode } from "../errors.js";
import { MAX_COUNT, type Figure, type Reading } from "../figures/read.js";
import { measureKey, readStatement, type FigurePart, type StatementResult } from "../figures/compound.js";
import { NO_FIGURE } from "../figures/rules.js";
import type { Lexicon } from "../figures/lexicon.js";
import type { RawRow } from "../read/row.js";
import type { Claim } from "./claim.js";
import { DATE_EXPECTED, ambiguousDate, isDateTime, parseDate, type ClaimDate, type DateOrder } from "./date.js";
import { GRADE_EXPECTED, parseGrade } from "./grade.js";
import { CLAIM_FIELDS, type ClaimField, type ColumnMapping } from "./fields.js";
import { ALL_VICTIMS, OUTCOME_EXPECTED, measureText, parseOutcome, parseVictims } from "./measures.js";
import { bareRecord, wordTable } from "../util/word-table.js";
import type { CarriedStore } from "./carried.js";

export interface BuildOptions {
  lexicon: Lexicon;
  /** Source for rows that have no source column (`--source NAME`). */
  source?: string;
  /** How numeric dates (01/09/2016) read; without it one that reads both ways is an error. */
  dateOrder?: DateOrder;
  /** Where the claims' carried text (url, quote, notes, extra columns) is kept when not in memory. */
  carried?: CarriedStore;
}

interface IssueParams {
  code: IssueCode;
  expected?: string;
  got?: string;
  message?: string;
}

/** A cell as text: numbers and booleans as written, empty or blank as absent. Objects and arrays are not cells. */
const cell = z
  .unknown()
  .optional()
  .transform((v, ctx): string | undefined => {
    // One pass instead of a union of four schemas: this runs for every cell of every row.
    if (typeof v === "string") {
      const text = v.trim();
      return text === "" ? undefined : text;
    }
    if (v === null || v === undefined) return undefined;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    ctx.issues.push({ code: "custom", input: v, message: issueParams({ code: "CLAIM_INVALID_CELL", expected: "text or a number", got: describe(v) }) });
    return z.NEVER;
  });

const cellsSchema = z.object(Object.fromEntries(CLAIM_FIELDS.map((f) => [f, cell])) as Record<ClaimField, typeof cell>);
type Cells = z.output<typeof cellsSchema>;

/** The cells schema for just the fields a file maps: zod then checks 5 cells a row, not 21. */
function cellsFor(fields: readonly ClaimField[]): typeof cellsSchema {
  return cellsSchema.pick(Object.fromEntries(fields.map((f) => [f, true])) as Record<ClaimField, true>) as unknown as typeof cellsSchema;
}

/** zod carries our code and expected/got in the issue's message as JSON, read back in toInputIssue. */
function issueParams(p: IssueParams): string {
  return JSON.stringify(p);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "an object";
  return quoted(value);
}

const WHOLE = /^\d+$/;

/** The extra columns of a claim that has none: shared, never written to. */
const NO_EXTRA: Record<string, string> = Object.freeze(bareRecord<string>());

/** Distinct texts remembered per run; past this, texts are read afresh (memory stays bounded). */
const CACHE_LIMIT = 200_000;

/** The longest cells read, by field (stated in the README): a figure is a phrase, a place a name. */
const CELL_LIMITS: ReadonlyArray<readonly [ClaimField, number]> = [
  ["figure", 200],
  ...(["location", "admin1", "admin2", "country", "source", "event", "perpetrator", "actors"] as const).map((f) => [f, 1_000] as const),
];
/** A place name must hold a letter or a digit: "---" and "???" would all fold to one empty key. */
const HAS_LETTER = /[\p{L}\p{N}]/u;
/** The widest date range read: a hundred years (a range of thousands would meet every claim of its place). */
const MAX_RANGE_DAYS = 36_525;

/** Does a number column state a number? "NA", "unknown", "?" there mean the source gives none. */
function stated(text: string | undefined): text is string {
  return text !== undefined && !NO_FIGURE.has(text.toLowerCase());
}

/** Numeric low/high/best columns into a reading, for rows that state no figure text. */
function readColumns(c: Cells, add: (field: ClaimField, p: IssueParams) => void, lexicon: Lexicon): Reading | undefined {
  const values: Partial<Record<"low" | "high" | "best", number>> = {};
  let bad = false;
  for (const f of ["low", "high", "best"] as const) {
    const text = c[f];
    if (!stated(text)) continue;
    // "1,200" as 1200, and "20.0" (what pandas writes for a whole count) as 20; "20.5" stays an error.
    const normal = text.replace(/^(\d{1,3})((?:,\d{3})+)$/, (_, h: string, r: string) => h + r.replace(/,/g, "")).replace(/^(\d+)\.0+$/, "$1");
    if (!WHOLE.test(normal) || !Number.isSafeInteger(Number(normal))) {
      // A count past 2^53 is not held exactly, and a long run of digits is Infinity.
      const expected = WHOLE.test(normal) ? `a whole number of at most ${MAX_COUNT.toLocaleString("en-US")}` : "a whole number of 0 or more";
      add(f, { code: "CLAIM_INVALID_NUMBER", expected, got: quoted(text) });
      bad = true;
    } else values[f] = Number(normal);
  }
  if (bad) return undefined;
  const { low, high, best } = values;
  const lo = low ?? best ?? 0;
  const hi = high ?? best ?? null;
  if (hi !== null && lo > hi) {
    add("high", { code: "CLAIM_INVALID_RANGE", expected: `a high of at least the low (${lo})`, got: quoted(c.high ?? c.best) });
    return undefined;
  }
  if (best !== undefined && (best < lo || (hi !== null && best > hi))) {
    add("best", { code: "CLAIM_INVALID_RANGE", expected: `a best between low and high`, got: quoted(c.best) });
    return undefined;
  }
  const raw = (["low", "best", "high"] as const)
    .filter((f) => c[f] !== undefined)
    .map((f) => `${f} ${c[f]}`)
    .join(", ");
  const conservative = lexicon.best === "conservative" ? lo : null;
  return { raw, low: lo, high: hi, best: best ?? (lo === hi ? lo : conservative), rule: "columns" };
}

/**
 * Latitude and longitude cells as a place. Coordinates that cannot be used (out of range, as in
 * Airwars CS1033's longitude 4239.00416, or unreadable, or one without the other) are set aside with
 * a note: the claim is kept, and meets others by its name alone.
 */
export function readCoordinates(lat: string | undefined, lon: string | undefined, precision: string | undefined): { latitude?: number; longitude?: number; precisionKm?: number; note?: string } {
  if (!stated(lat) && !stated(lon)) return {};
  const number = (t: string | undefined) => (t !== undefined && /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined);
  if (!stated(lat) || !stated(lon)) return { note: `coordinates set aside: ${stated(lat) ? "a latitude" : "a longitude"} with no ${stated(lat) ? "longitude" : "latitude"}` };
  const [y, x] = [number(lat), number(lon)];
  if (y === undefined || x === undefined) return { note: `coordinates set aside: ${quoted(lat)}, ${quoted(lon)} are not decimal degrees` };
  if (Math.abs(y) > 90 || Math.abs(x) > 180) return { note: `coordinates set aside: ${Math.abs(y) > 90 ? `latitude ${lat} is outside -90 to 90` : `longitude ${lon} is outside -180 to 180`}` };
  const km = number(precision);
  return { latitude: y, longitude: x, ...(km !== undefined && km >= 0 && { precisionKm: km }) };
}


const SCOPES: Record<string, "event" | "total"> = wordTable({ event: "event", incident: "event", strike: "event", total: "total", aggregate: "total", sum: "total" });

function makeClaimSchema(options: BuildOptions, cells: typeof cellsSchema = cellsSchema) {
  // Real files repeat their phrases and dates: each distinct text is read once.
  const figures = new Map<string, StatementResult>();
  const readCached = (text: string) => {
    let read = figures.get(text);
    if (read === undefined) {
      read = readStatement(text, options.lexicon);
      if (figures.size < CACHE_LIMIT) figures.set(text, read);
    }
    return read;
  };
  const columnReadings = new Map<string, Reading>();
  const dates = new Map<string, ClaimDate | undefined>();
  const dateCached = (start: string, end: string | undefined) => {
    const key = end === undefined ? start : `${start}\u0000${end}`;
    if (dates.has(key)) return dates.get(key);
    const d = parseDate(start, end, options.dateOrder);
    if (dates.size < CACHE_LIMIT) dates.set(key, d);
    return d;
  };
  // reported_at repeats too (a day's reports): each text checked once.
  const instants = new Map<string, boolean>();
  const isInstant = (text: string) => {
    let ok = instants.get(text);
    if (ok === undefined) {
      ok = isDateTime(text);
      if (instants.size < CACHE_LIMIT) instants.set(text, ok);
    }
    return ok;
  };
  // Sources, places and regions repeat on every row: keep one copy of each text, not one per row.
  const texts = new Map<string, string>();
  const intern = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    const known = texts.get(text);
    if (known !== undefined) return known;
    if (texts.size < CACHE_LIMIT) texts.set(text, text);
    return text;
  };
  return cells.transform((c, ctx): Made[] => {
    const add = (field: ClaimField, p: IssueParams) =>
      ctx.issues.push({ code: "custom", path: [field], message: issueParams(p), input: c[field] });
    const source = c.source ?? options.source;
    if (source === undefined) add("source", { code: "CLAIM_MISSING_FIELD", expected: "the name of the source that made the claim", got: "an empty cell" });
    if (c.location === undefined) add("location", { code: "CLAIM_MISSING_FIELD", expected: "a place name", got: "an empty cell" });
    else if (!HAS_LETTER.test(c.location)) add("location", { code: "CLAIM_INVALID_PLACE", expected: "a place name with a letter or a digit", got: quoted(c.location) });
    // Each cell's work is linear in its length, and bounded: past these lengths a cell is refused at once.
    let longFigure = false;
    for (const [field, limit] of CELL_LIMITS) {
      const text = c[field];
      if (typeof text !== "string" || text.length <= limit) continue;
      add(field, { code: "CLAIM_TOO_LONG", expected: `at most ${limit.toLocaleString("en-US")} characters`, got: `${text.length.toLocaleString("en-US")} characters, starting ${quoted(text)}` });
      if (field === "figure") longFigure = true;
    }

    let figure: Figure | undefined;
    let parts: readonly FigurePart[] | undefined;
    if (longFigure) {
      figure = undefined;
    } else if (c.figure !== undefined) {
      const read = readCached(c.figure);
      if (!read.ok) add("figure", { code: "CLAIM_INVALID_FIGURE", expected: read.expected, got: read.hint ? `${read.got} (${read.hint})` : read.got });
      else if (read.statement === undefined) figure = { raw: c.figure, rule: "none", low: null, high: null, best: null };
      else {
        parts = read.statement.parts;
        figure = parts[0]!.reading;
      }
    } else if ([c.low, c.high, c.best].some(stated)) {
      // Number columns repeat as figure texts do (a dataset's 0s and 1s): one reading per distinct triple.
      const key = `${c.low ?? ""}\u0000${c.high ?? ""}\u0000${c.best ?? ""}`;
      figure = columnReadings.get(key);
      if (figure === undefined) {
        let bad = false;
        figure = readColumns(c, (field, p) => ((bad = true), add(field, p)), options.lexicon);
        if (!bad && figure !== undefined && columnReadings.size < CACHE_LIMIT) columnReadings.set(key, figure);
      }
    } else {
      // An empty figure is the source saying nothing: kept, shown, compared with nothing.
      figure = { raw: "", rule: "none", low: null, high: null, best: null };
    }

    const date = c.date !== undefined ? dateCached(c.date, undefined) : c.date_start !== undefined ? dateCached(c.date_start, c.date_end) : undefined;
    if (date !== undefined && date.end - date.start > MAX_RANGE_DAYS) {
      add(c.date !== undefined ? "date" : "date_start", { code: "CLAIM_INVALID_DATE", expected: "a date range of at most 100 years", got: quoted(c.date ?? `${c.date_start} to ${c.date_end}`) });
    }
    if (date === undefined) {
      const field: ClaimField = c.date !== undefined || c.date_start === undefined ? "date" : "date_start";
      const shown = c.date ?? (c.date_start !== undefined ? `${c.date_start}${c.date_end ? ` to ${c.date_end}` : ""}` : undefined);
      const either = shown === undefined ? undefined : ambiguousDate(shown);
      add(field, { code: shown === undefined ? "CLAIM_MISSING_FIELD" : "CLAIM_INVALID_DATE", expected: DATE_EXPECTED, got: shown === undefined ? "an empty cell" : either !== undefined ? `${quoted(shown)}, which reads as ${either}` : quoted(shown) });
    }
    if (c.reported_at !== undefined && !isInstant(c.reported_at)) {
      add("reported_at", { code: "CLAIM_INVALID_DATE", expected: "a date or date-time such as 2016-09-02 or 2016-09-02T09:00Z", got: quoted(c.reported_at) });
    }
    const scope = c.scope === undefined ? undefined : SCOPES[c.scope.toLowerCase()];
    if (c.scope !== undefined && scope === undefined) add("scope", { code: "CLAIM_INVALID_SCOPE", expected: '"event" or "total"', got: quoted(c.scope) });
    const grade = c.grade === undefined ? undefined : parseGrade(c.grade);
    if (c.grade !== undefined && grade === undefined) add("grade", { code: "CLAIM_INVALID_GRADE", expected: GRADE_EXPECTED, got: quoted(c.grade) });
    const place = readCoordinates(c.latitude, c.longitude, c.precision_km);
    const columnOutcome = c.outcome === undefined ? undefined : parseOutcome(c.outcome);
    if (c.outcome !== undefined && columnOutcome === undefined) add("outcome", { code: "CLAIM_INVALID_OUTCOME", expected: OUTCOME_EXPECTED, got: quoted(c.outcome) });
    const columnVictims = c.victims === undefined ? undefined : parseVictims(c.victims);
    // What each count measures: the figure's own words where the columns are empty; words that say
    // otherwise than a column are an error naming both. Later counts of a cell of several ("12 killed
    // and 30 wounded") say what they count themselves.
    const measures = (parts ?? [undefined]).map((part, k) => {
      const outcome = part?.outcome ?? columnOutcome ?? "killed";
      // A part within the count before it ("including 3 children") names its own victims, never the column's.
      const victims = part?.victims ?? (k > 0 && part?.within === true ? ALL_VICTIMS : (columnVictims ?? ALL_VICTIMS));
      return { outcome, victims };
    });
    const head = parts?.[0];
    if (head?.outcome !== undefined && columnOutcome !== undefined && head.outcome !== columnOutcome) {
      add("figure", { code: "CLAIM_MEASURE_MISMATCH", expected: `a figure of ${measureText({ outcome: columnOutcome, victims: ALL_VICTIMS })}, as the outcome column says`, got: `${quoted(c.figure)}, which says ${measureText({ outcome: head.outcome, victims: ALL_VICTIMS })}` });
    }
    if (head?.victims !== undefined && columnVictims !== undefined && head.victims !== columnVictims) {
      add("figure", { code: "CLAIM_MEASURE_MISMATCH", expected: `a figure of ${columnVictims === ALL_VICTIMS ? "all victims" : columnVictims}, as the victims column says`, got: `${quoted(c.figure)}, which counts ${head.victims}` });
    }
    if (parts !== undefined && parts.length > 1) {
      const keys = measures.map((m) => measureKey(m.outcome, m.victims));
      const twice = keys.find((k, i) => keys.indexOf(k) !== i);
      if (twice !== undefined) add("figure", { code: "CLAIM_INVALID_FIGURE", expected: "one count per measure in a cell of several", got: `${quoted(c.figure)}, which counts ${twice.replace(/_/g, " ")} twice` });
    }

    // Built once, in its final shape, with no spread copies: this runs for every row. The region
    // fields, which most rows of a dataset carry, are in the literal (undefined when absent): a
    // property added later takes a second store per claim, 40 bytes, where a slot here takes 8.
    const claim: Claim = {
      id: c.id ?? "",
      source: intern(source) ?? "",
      figure: figure!,
      outcome: measures[0]!.outcome,
      victims: measures[0]!.victims,
      location: intern(c.location) ?? "",
      within: c.within === undefined ? undefined : parseVictims(c.within),
      record: c.record,
      date: date!,
      country: intern(c.country),
      admin1: intern(c.admin1),
      admin2: intern(c.admin2),
      extra: NO_EXTRA,
      file: "",
      line: 0,
    };
    if (c.event !== undefined) claim.event = c.event;
    if (scope !== undefined) claim.scope = scope;
    if (place.latitude !== undefined) {
      claim.latitude = place.latitude;
      claim.longitude = place.longitude;
      if (place.precisionKm !== undefined) claim.precisionKm = place.precisionKm;
    }
    if (place.note !== undefined) claim.coordinatesNote = place.note;
    if (c.perpetrator !== undefined) claim.perpetrator = intern(c.perpetrator);
    if (c.actors !== undefined) claim.actors = intern(c.actors);
    if (grade !== undefined) claim.grade = grade;
    if (c.reported_at !== undefined) claim.reported_at = c.reported_at;
    // The row's checked cells carry its url, quote and notes: handed on as they are, no object made per row.
    const text: Made["text"] = c;
    if (parts === undefined || parts.length === 1) return [{ claim, text }];
    // One claim per count of the cell, each with its measure, its id suffixed by it ("#children_killed").
    return parts.map((part, k) => {
      const { outcome, victims } = measures[k]!;
      // A part is within the last count before it that is no part itself ("12 killed, including 3 children and 2 women").
      let w = k - 1;
      while (w > 0 && parts[w]!.within === true) w--;
      const whole = k > 0 && part.within === true ? measures[w]! : undefined;
      const within = whole !== undefined && whole.victims !== ALL_VICTIMS && whole.victims !== victims ? whole.victims : claim.within;
      const copy = { ...claim };
      copy.figure = part.reading;
      copy.outcome = outcome;
      copy.victims = victims;
      copy.within = within;
      return { claim: copy, key: measureKey(outcome, victims), text };
    });
  });
}

/** A claim the schema made, and the key its id is suffixed with when its cell holds several counts. */
interface Made {
  claim: Claim;
  key?: string;
  /** The row's url, quote and notes, which buildClaim keeps with its extra columns. */
  text: { readonly url?: string | undefined; readonly quote?: string | undefined; readonly notes?: string | undefined };
}

export type BuildResult = { ok: true; claims: Claim[] } | { ok: false; issues: InputIssue[] };

export type ClaimBuilder = (row: RawRow, mapping: ColumnMapping) => BuildResult;

/** A function from raw row to claim for one set of options (the schema is built once, not per row). */
export function claimBuilder(options: BuildOptions): ClaimBuilder {
  const carried = carriedTexts();
  const schemas = new WeakMap<ColumnMapping, ReturnType<typeof makeClaimSchema>>();
  return (row, mapping) => {
    let schema = schemas.get(mapping);
    if (schema === undefined) {
      schema = makeClaimSchema(options, cellsFor(CLAIM_FIELDS.filter((f) => mapping.index[f] !== undefined)));
      schemas.set(mapping, schema);
    }
    return buildClaim(schema, row, mapping, carried, options.carried);
  };
}

/** A raw row → a claim, or every problem the row has, each located at its column. */
/**
 * One copy of each carried text that repeats (an event type, a precision code, a dataset's sources),
 * column by column: a column whose first 2,000 values are mostly distinct (URLs, notes, quotes) is
 * left alone, since a table of its texts would only add to them.
 */
function carriedTexts(): (column: string, text: string) => string {
  const columns = new Map<string, { seen: number; texts: Map<string, string> | undefined }>();
  return (column, text) => {
    let c = columns.get(column);
    if (c === undefined) columns.set(column, (c = { seen: 0, texts: new Map() }));
    const texts = c.texts;
    if (texts === undefined) return text;
    // After 2,000 values, a column of which more than half were new is of texts of their own: let go.
    if (++c.seen === 2_000 && texts.size > 1_000) {
      c.texts = undefined;
      return text;
    }
    const known = texts.get(text);
    if (known !== undefined) return known;
    if (texts.size < CACHE_LIMIT) texts.set(text, text);
    return text;
  };
}

function buildClaim(schema: ReturnType<typeof makeClaimSchema>, row: RawRow, mapping: ColumnMapping, carried: (column: string, text: string) => string, store: CarriedStore | undefined): BuildResult {
  if (row.issue) return { ok: false, issues: [row.issue] };
  const input = bareRecord<unknown>();
  for (const f of CLAIM_FIELDS) {
    const i = mapping.index[f];
    if (i !== undefined) input[f] = row.cells[i];
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((zi) => {
        const field = String(zi.path[0] ?? "") as ClaimField;
        // A missing date is reported at whichever date column the file has.
        const i = mapping.index[field] ?? (field === "date" ? mapping.index.date_start : undefined);
        const column = i !== undefined ? String(row.columns[i]) : field;
        let p: IssueParams;
        try {
          p = JSON.parse(zi.message) as IssueParams;
        } catch {
          p = { code: "CLAIM_MISSING_FIELD", message: zi.message };
        }
        return { file: row.file, line: row.line, column, ...p };
      }),
    };
  }
  const text = parsed.data[0]!.text;
  let extra: Record<string, string> | undefined;
  let at: number | undefined;
  if (store !== undefined) {
    // On disk: the row's carried text is one record, which every claim of the row points to.
    const keys: string[] = [];
    const values: string[] = [];
    for (const { name, index } of mapping.extras) {
      const v = row.cells[index];
      if (v === undefined || v === null || v === "") continue;
      keys.push(name);
      values.push(typeof v === "object" ? JSON.stringify(v) : String(v));
    }
    at = store.add(text.url, text.quote, text.notes, keys, values);
  } else if (mapping.extras.length > 0) {
    // Null prototype: a column named "__proto__" is carried as data, never touches a prototype.
    extra = bareRecord<string>();
    for (const { name, index } of mapping.extras) {
      const v = row.cells[index];
      if (v === undefined || v === null || v === "") continue;
      extra[name] = carried(name, typeof v === "object" ? JSON.stringify(v) : String(v));
    }
  }
  const claims = parsed.data.map(({ claim, key }) => {
    if (claim.id === "") claim.id = `${row.file}:${row.line}`;
    if (key !== undefined) claim.id = `${claim.id}#${key}`;
    claim.file = row.file;
    claim.line = row.line;
    if (at !== undefined) {
      // The carried text is on disk: the store's kind of claim, whose getters read it back.
      claim.carried = at;
      return store!.claim(claim);
    } else {
      if (extra !== undefined) claim.extra = extra;
      if (text.url !== undefined) claim.url = text.url;
      if (text.quote !== undefined) claim.quote = text.quote;
      if (text.notes !== undefined) claim.notes = text.notes;
    }
    return claim;
  });
  return { ok: true, claims };
}

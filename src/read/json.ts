import type { InputIssue } from "../errors.js";
import type { RowSink } from "./row.js";

/**
 * Read a JSON document of claims: an array of objects, or an object with a
 * "claims" array. Each claim is located by the line its object starts on.
 */
export function readJson(text: string, file: string, sink: RowSink): InputIssue | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { file, line: jsonErrorLine(text, error), code: "JSON_MALFORMED", message: jsonMessage(error) };
  }
  const inClaimsKey = !Array.isArray(doc) && isObject(doc) && Array.isArray(doc["claims"]);
  const items: unknown = Array.isArray(doc) ? doc : inClaimsKey ? (doc as Record<string, unknown>)["claims"] : undefined;
  if (!Array.isArray(items)) {
    return {
      file,
      line: 0,
      code: "JSON_NOT_CLAIMS",
      expected: 'an array of claim objects or {"claims": [...]}',
      got: describeJson(doc),
    };
  }
  if (items.length === 0) return { file, line: 0, code: "FILE_EMPTY", message: "the file holds no claims" };
  const lines = elementLines(text, inClaimsKey);
  const shapes: Shapes = new Map();
  items.forEach((item, i) => sink(objectRow(item, file, lines[i] ?? 0, shapes)));
  return undefined;
}

/** Distinct key lists remembered per file; past this, each row keeps its own (memory stays bounded). */
const SHAPE_LIMIT = 10_000;

/**
 * Key lists shared by the rows that have the same keys in the same order: one array per shape, so
 * that everything keyed by a row's columns (its mapping, its schema) is worked out once per shape,
 * as for a CSV's header, not once per row.
 */
export type Shapes = Map<string, string[]>;

function shared(columns: string[], shapes: Shapes | undefined): string[] {
  if (shapes === undefined) return columns;
  const key = JSON.stringify(columns);
  const known = shapes.get(key);
  if (known !== undefined) return known;
  if (shapes.size < SHAPE_LIMIT) shapes.set(key, columns);
  return columns;
}

/** A parsed JSON value as a row; anything but a plain object is an issue of its own. */
export function objectRow(item: unknown, file: string, line: number, shapes?: Shapes) {
  if (!isObject(item)) {
    return {
      file,
      line,
      columns: [],
      cells: [],
      issue: { file, line, code: "CLAIM_NOT_OBJECT" as const, expected: "a claim object", got: describeJson(item) },
    };
  }
  // Own keys only: JSON.parse makes "__proto__" an ordinary own key, and no key is ever assigned onto a prototype.
  const columns = shared(Object.keys(item), shapes);
  const cells = columns.map((k) => item[k]);
  const issue = cellIssue(columns, cells, file, line);
  return issue === undefined ? { file, line, columns, cells } : { file, line, columns, cells, issue };
}

/** A carried JSON field deeper than this is refused: it is written back as JSON, and 100,000 levels overflow the stack. */
const MAX_DEPTH = 100;

/** Is a parsed JSON value nested deeper than `limit`? Walked with a stack of its own, not by recursion. */
function nestedDeeperThan(value: object, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What CSV refuses, JSON must too: two keys that differ only in case or spacing (figure, FIGURE) would
 * give one field twice and lose a value; a NUL (\u0000) or a lone surrogate (\ud800) in a string is no
 * text (JSON.parse keeps the surrogate, which would be written as U+FFFD, and the NUL raw into a report).
 */
function cellIssue(columns: readonly string[], cells: readonly unknown[], file: string, line: number): InputIssue | undefined {
  const seen = new Map<string, string>();
  for (const key of columns) {
    const folded = key.trim().toLowerCase();
    const first = seen.get(folded);
    if (first !== undefined) return { file, line, column: key, code: "CLAIM_DUPLICATE_KEY", message: `the claim has both ${JSON.stringify(first)} and ${JSON.stringify(key)}: rename one so neither value is lost` };
    seen.set(folded, key);
  }
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (typeof cell === "object" && cell !== null && nestedDeeperThan(cell, MAX_DEPTH)) {
      return { file, line, column: columns[k]!, code: "CLAIM_INVALID_CELL", expected: `a value nested at most ${MAX_DEPTH} deep`, got: "one nested deeper" };
    }
    if (typeof cell !== "string" || !NUL_OR_LONE_SURROGATE.test(cell)) continue;
    const what = cell.includes("\u0000") ? "a NUL character (\\u0000)" : "a lone surrogate (half of a UTF-16 pair)";
    return { file, line, column: columns[k]!, code: "CLAIM_INVALID_CELL", expected: "text", got: `${what} in the string` };
  }
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0 ? "an empty object" : `an object with keys ${keys.slice(0, 5).map((k) => JSON.stringify(k)).join(", ")}`;
  }
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

export function jsonMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `not valid JSON (${text.replace(/ in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)$/, "")})`;
}

function jsonErrorLine(text: string, error: unknown): number {
  const match = error instanceof Error ? error.message.match(/at position (\d+)/) : null;
  if (match) return lineAt(text, Number(match[1]));
  const at = errorOffset(text);
  return at === undefined ? 0 : lineAt(text, at);
}

/**
 * Where JSON.parse fails when its message gives no position (Node 20 for a trailing comma or a bare
 * word: "Unexpected token ']'"): the shortest prefix that fails for another reason than ending too
 * soon ends just past the bad character. A prefix shorter than that fails only by ending too soon
 * (or parses), a longer one at the bad character, so the search halves (log n parses, on errors only).
 */
function errorOffset(text: string): number | undefined {
  const fails = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      // Failing at the prefix's end ("Unexpected end", "Unterminated string", "Expected ',' … at
      // position <its length>") is ending too soon, not the error.
      const message = (error as Error).message;
      if (/end of JSON input|Unterminated string/.test(message)) return false;
      const at = message.match(/at position (\d+)/);
      return at === null || Number(at[1]) < length;
    }
  };
  if (!fails(text.length)) return undefined;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fails(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The line on which each element of the claims array starts. JSON.parse keeps
 * no positions, so the text is scanned once: strings are skipped, nesting is
 * counted, and an element starts wherever a value begins directly inside the
 * target array (the root array, or the array under the root's "claims" key).
 */
function elementLines(text: string, inClaimsKey: boolean): number[] {
  const lines: number[] = [];
  const targetDepth = inClaimsKey ? 2 : 1;
  let depth = 0;
  let line = 1;
  let expectValue = false;
  let lastKey = "";
  let inTarget = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") continue;
    if (depth === targetDepth && inTarget && expectValue && c !== "]") {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') {
      // Skipped, not copied: a 50 MB string built a character at a time took 2 GB.
      let j = i + 1;
      for (let code = text.charCodeAt(j); j < text.length && code !== 34; code = text.charCodeAt(++j)) if (code === 92) j++;
      // Only a key of the root object is wanted (is it "claims"?), and only when the text is short enough to be one.
      if (depth === 1 && inClaimsKey) lastKey = j - i < 64 ? (JSON.parse(text.slice(i, j + 1)) as string) : "";
      i = j;
      continue;
    }
    if (c === "[" || c === "{") {
      depth++;
      if (depth === targetDepth && c === "[" && (!inClaimsKey || lastKey === "claims")) {
        // A repeated "claims" key: JSON.parse keeps the last one, and so do we.
        lines.length = 0;
        inTarget = true;
        expectValue = true;
      }
    } else if (c === "]" || c === "}") {
      if (depth === targetDepth && inTarget) inTarget = false;
      depth--;
    } else if (c === "," && depth === targetDepth && inTarget) {
      expectValue = true;
    }
  }
  return lines;
}

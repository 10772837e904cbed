import type { ReconcileResult } from "../index.js";
import { findingsByGroup } from "../findings/index.js";
import { claimRecord, findingRecord, groupRecord, rejectedRecord } from "./model.js";

/** A value as JSON.stringify(…, null, 2) writes it at `depth` levels in: every line after the first indented to match. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);
}

/** Arrays longer than this are written an item at a time. */
const PART_ITEMS = 256;

/** Does the value hold an array long enough to be written in parts (a group of many claims)? */
function hasLongArray(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > PART_ITEMS;
  if (value === null || typeof value !== "object") return false;
  for (const v of Object.values(value)) if (Array.isArray(v) && v.length > PART_ITEMS) return true;
  return false;
}

/**
 * A value as JSON.stringify(value, null, 2) (pretty, `depth` levels in) or JSON.stringify(value)
 * writes it, in parts: an object or array holding a long array is written a member at a time, so
 * that one group of a million claims is never one string (V8's longest is about 512 MB).
 */
export function* jsonParts(value: unknown, pretty: boolean, depth = 0): Generator<string> {
  if (!hasLongArray(value)) {
    yield pretty ? nested(value, depth) : JSON.stringify(value);
    return;
  }
  const [open, close, entries] = Array.isArray(value)
    ? (["[", "]", value.map((v) => [undefined, v === undefined || typeof v === "function" ? null : v] as const)] as const)
    : (["{", "}", Object.entries(value as object).filter(([, v]) => v !== undefined && typeof v !== "function")] as const);
  const inner = pretty ? `\n${"  ".repeat(depth + 1)}` : "";
  let first = true;
  for (const [key, v] of entries) {
    yield `${first ? open : ","}${inner}${key === undefined ? "" : `${JSON.stringify(key)}:${pretty ? " " : ""}`}`;
    yield* jsonParts(v, pretty, depth + 1);
    first = false;
  }
  yield first ? `${open}${close}` : `${pretty ? `\n${"  ".repeat(depth)}` : ""}${close}`;
}

/** The members of one top-level array, a chunk per item, written as JSON.stringify(…, null, 2) would write them. */
function* arrayMembers<T>(key: string, items: Iterable<T>, record: (item: T) => unknown, last: boolean): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? `  "${key}": [\n` : ",\n"}    `;
    yield* jsonParts(record(item), true, 2);
    first = false;
  }
  yield first ? `  "${key}": []${last ? "\n" : ",\n"}` : `\n  ]${last ? "\n" : ",\n"}`;
}

/**
 * The JSON report in chunks, a group at a time (a large group a claim at a
 * time): the same text as JSON.stringify(reportRecord(result), null, 2), but
 * never one string, which for a million claims would pass V8's longest string.
 */
export function* jsonChunks(result: ReconcileResult): Generator<string> {
  const across = findingsByGroup(result.findings);
  yield `{\n  "summary": ${nested(result.summary, 1)},\n`;
  yield* arrayMembers("groups", result.groups, (g) => groupRecord(g, across), false);
  yield* arrayMembers("findings", result.findings, findingRecord, false);
  if (result.setAside.length > 0) yield* arrayMembers("set_aside", result.setAside, (c) => claimRecord(c, false), false);
  yield* arrayMembers("rejected", result.rejected, rejectedRecord, true);
  yield "}\n";
}

export function renderJson(result: ReconcileResult): string {
  return [...jsonChunks(result)].join("");
}

/** One group per line, for streaming tools (jq -c, Miller). */
export function* ndjsonLines(result: ReconcileResult): Generator<string> {
  const across = findingsByGroup(result.findings);
  for (const g of result.groups) {
    yield* jsonParts(groupRecord(g, across), false);
    yield "\n";
  }
}

export function renderNdjson(result: ReconcileResult): string {
  return [...ndjsonLines(result)].join("");
}

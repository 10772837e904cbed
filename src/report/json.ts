import type { ReconcileResult } from "../index.js";
import { findingsByGroup } from "../findings/index.js";
import { claimRecord, findingRecord, groupRecord, rejectedRecord } from "./model.js";

/** A value as JSON.stringify(…, null, 2) writes it at `depth` levels in: every line after the first indented to match. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);
}

/** The members of one top-level array, a chunk per item, written as JSON.stringify(…, null, 2) would write them. */
function* arrayMembers<T>(key: string, items: Iterable<T>, record: (item: T) => unknown, last: boolean): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? `  "${key}": [\n` : ",\n"}    ${nested(record(item), 2)}`;
    first = false;
  }
  yield first ? `  "${key}": []${last ? "\n" : ",\n"}` : `\n  ]${last ? "\n" : ",\n"}`;
}

/**
 * The JSON report in chunks, a group at a time: the same text as
 * JSON.stringify(reportRecord(result), null, 2), but never one string, which
 * for a million claims would pass V8's longest string.
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
  for (const g of result.groups) yield `${JSON.stringify(groupRecord(g, across))}\n`;
}

export function renderNdjson(result: ReconcileResult): string {
  return [...ndjsonLines(result)].join("");
}

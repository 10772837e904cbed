import type { ReconcileResult } from "../index.js";
import { containmentIndex, groupRecord, reportRecord } from "./model.js";

export function renderJson(result: ReconcileResult): string {
  return `${JSON.stringify(reportRecord(result), null, 2)}\n`;
}

/** One group per line, for streaming tools (jq -c, Miller). */
export function* ndjsonLines(result: ReconcileResult): Generator<string> {
  const containment = containmentIndex(result.containment);
  for (const g of result.groups) yield `${JSON.stringify(groupRecord(g, containment))}\n`;
}

export function renderNdjson(result: ReconcileResult): string {
  return [...ndjsonLines(result)].join("");
}

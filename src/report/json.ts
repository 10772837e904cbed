import type { ReconcileResult } from "../index.js";
import { groupRecord, reportRecord } from "./model.js";

export function renderJson(result: ReconcileResult): string {
  return `${JSON.stringify(reportRecord(result), null, 2)}\n`;
}

/** One group per line, for streaming tools (jq -c, Miller). */
export function renderNdjson(result: ReconcileResult): string {
  return result.groups.map((g) => `${JSON.stringify(groupRecord(g, result.containment))}\n`).join("");
}

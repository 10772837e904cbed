import { extname } from "node:path";
import { wordTable } from "../util/word-table.js";

export const INPUT_FORMATS = ["csv", "tsv", "json", "ndjson"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

const BY_EXTENSION: Record<string, InputFormat> = wordTable({
  ".csv": "csv",
  ".tsv": "tsv",
  ".tab": "tsv",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
});

/** The format a file name implies, or undefined when its extension says nothing. */
export function formatFromName(name: string): InputFormat | undefined {
  return BY_EXTENSION[extname(name).toLowerCase()];
}

/**
 * Tell JSON from NDJSON from CSV by content (stdin, or a file without a known
 * extension): a leading "[" is JSON; a leading "{" is JSON when the whole text
 * parses as one value (but one object on a single line, not {"claims": ...},
 * is one NDJSON claim) and NDJSON otherwise; anything else is CSV.
 */
export function sniffFormat(text: string): InputFormat {
  const first = text.match(/\S/)?.[0];
  if (first === "[") return "json";
  if (first === "{") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return "ndjson";
    }
    // One object on one line that is not {"claims": [...]} is one NDJSON claim
    // (`jq -c '.[]' | reconcile` with a single result).
    const oneLine = !text.trim().includes("\n");
    const claimsDoc = typeof value === "object" && value !== null && Object.hasOwn(value, "claims");
    return oneLine && !claimsDoc ? "ndjson" : "json";
  }
  return "csv";
}

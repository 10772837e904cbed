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
 * parses as one value and NDJSON otherwise; anything else is CSV.
 */
export function sniffFormat(text: string): InputFormat {
  const first = text.match(/\S/)?.[0];
  if (first === "[") return "json";
  if (first === "{") {
    try {
      JSON.parse(text);
      return "json";
    } catch {
      return "ndjson";
    }
  }
  return "csv";
}

import { extname } from "node:path";
import { wordTable } from "../util/word-table.js";

export const INPUT_FORMATS = ["csv", "tsv", "json", "ndjson", "xlsx"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

const BY_EXTENSION: Record<string, InputFormat> = wordTable({
  ".csv": "csv",
  ".tsv": "tsv",
  ".tab": "tsv",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
  ".xlsx": "xlsx",
});

/** The delimiters a CSV may use: what spreadsheets write (a semicolon in much of Europe). */
export const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** A delimiter's name, for messages. */
export function delimiterName(d: string): string {
  return d === "\t" ? "tab" : d === ";" ? "semicolon" : d === "|" ? "pipe" : d === "," ? "comma" : JSON.stringify(d);
}

/** How many times each delimiter stands outside quotes on one line. */
function counts(line: string): number[] {
  const out = DELIMITERS.map(() => 0);
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted) {
      const k = DELIMITERS.indexOf(c as Delimiter);
      if (k >= 0) out[k]!++;
    }
  }
  return out;
}

/**
 * The delimiter of a delimited text, from its header and first rows: the one that stands as often
 * on every sampled line as on the header (a semicolon-separated export whose cells hold commas),
 * else the one the header holds most; a comma when nothing tells.
 */
export function sniffDelimiter(text: string): Delimiter {
  const lines = text.split(/\r\n|\n|\r/, 12).filter((l) => l.trim() !== "").slice(0, 6);
  if (lines.length === 0) return ",";
  const [header, ...rows] = lines.map(counts);
  let best = -1;
  for (let k = 0; k < DELIMITERS.length; k++) {
    const n = header![k]!;
    if (n === 0 || !rows.every((r) => r[k] === n)) continue;
    if (best < 0 || n > header![best]!) best = k;
  }
  if (best < 0) for (let k = 0; k < DELIMITERS.length; k++) if (header![k]! > (best < 0 ? 0 : header![best]!)) best = k;
  return best < 0 ? "," : DELIMITERS[best]!;
}

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
  // A zip archive's signature: a spreadsheet workbook piped in.
  if (text.startsWith("PK\u0003\u0004")) return "xlsx";
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

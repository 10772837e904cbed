import { readFileSync } from "node:fs";
import { UsageError } from "../errors.js";

/** A zod issue's path as it reads in a file: `inputs[1].preset`. */
export function zodPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("") || "(top level)";
}

/**
 * Read an option file (a config, a lexicon) as JSON. A file that cannot be
 * read or parsed is a UsageError naming the file, with the given code.
 */
export function readJsonFile(path: string, code: string, unreadable: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`${path}: ${unreadable} [${code}]`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON: ${(error as Error).message} [${code}]`);
  }
}

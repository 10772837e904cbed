import { closeSync, openSync, readSync } from "node:fs";
import { UsageError, type UsageCode } from "../errors.js";

/** A zod issue's path as it reads in a file: `inputs[1].preset`. */
export function zodPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("") || "(top level)";
}

/** Option files (a config, a lexicon, a gazetteer, a source table) are small: past this they are refused. */
export const OPTION_FILE_LIMIT = 8 * 1024 * 1024;

/** Why an option file could not be read, for the caller's message. */
export class OptionFileError extends Error {}

/**
 * An option file's text, read up to OPTION_FILE_LIMIT: a larger file, or an endless one (/dev/zero),
 * is refused after that many bytes, not read until memory runs out.
 */
export function readOptionText(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new OptionFileError((error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot be read");
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch {
        throw new OptionFileError("cannot be read");
      }
      if (n === 0) break;
      total += n;
      if (total > OPTION_FILE_LIMIT) throw new OptionFileError("is larger than 8 MB, more than an option file holds");
      chunks.push(chunk.subarray(0, n));
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.includes(0)) throw new OptionFileError("holds a NUL byte: it is binary data, not text");
    return bytes.toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/**
 * Read an option file (a config, a lexicon) as JSON. A file that cannot be
 * read or parsed is a UsageError naming the file, with the given code.
 */
export function readJsonFile(path: string, code: UsageCode, unreadable: string): unknown {
  let text: string;
  try {
    text = readOptionText(path);
  } catch (error) {
    throw new UsageError(`${path}: ${unreadable} (${(error as Error).message}) [${code}]`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON: ${(error as Error).message} [${code}]`);
  }
}

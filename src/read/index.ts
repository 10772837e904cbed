import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { readUntilBinary } from "./stream.js";
import type { InputIssue } from "../errors.js";
import { readDelimited } from "./csv.js";
import { checkUtf8 } from "./decode.js";
import { formatFromName, sniffFormat, type InputFormat } from "./formats.js";
import { readJson } from "./json.js";
import { readNdjson } from "./ndjson.js";
import type { RowSink } from "./row.js";

export { INPUT_FORMATS, type InputFormat } from "./formats.js";
export type { RawRow, RowSink } from "./row.js";

/** Where rows come from: a file path, or bytes already at hand (stdin) under a display name. */
export type InputSource = { path: string } | { name: string; bytes: Buffer };

export function sourceName(source: InputSource): string {
  return "path" in source ? source.path : source.name;
}

/**
 * Read one input and pass every row to the sink. Returns a fatal issue when the
 * input as a whole cannot be read (missing, unreadable, malformed beyond one row).
 */
export async function readInput(
  source: InputSource,
  format: InputFormat | undefined,
  sink: RowSink,
): Promise<InputIssue | undefined> {
  const file = sourceName(source);
  let bytes: Buffer;
  if ("path" in source) {
    try {
      // A device or a pipe (/dev/zero, a FIFO) is read as a stream that stops at binary data; a file, whole.
      const info = await stat(source.path);
      bytes = info.isFile() || info.isDirectory() ? await readFile(source.path) : await readUntilBinary(createReadStream(source.path));
    } catch (error) {
      return openIssue(file, error);
    }
  } else {
    bytes = source.bytes;
  }
  const checked = checkUtf8(bytes, file);
  if ("issue" in checked) return checked.issue;
  if ("utf8" in checked && isBlank(checked.utf8)) return { file, line: 0, code: "FILE_EMPTY", message: "the file is empty" };
  const named = format ?? formatFromName(file);
  // Delimited UTF-8 goes to the parser as bytes: a large file is never also held as a string.
  if ("utf8" in checked && (named === "csv" || named === "tsv")) return readDelimited(checked.utf8, file, named === "tsv" ? "\t" : ",", sink);
  const text = "text" in checked ? checked.text : checked.utf8.toString("utf8");
  if (text.trim() === "") return { file, line: 0, code: "FILE_EMPTY", message: "the file is empty" };
  return readText(text, file, named ?? sniffFormat(text), sink);
}

export function readText(text: string, file: string, format: InputFormat, sink: RowSink): InputIssue | undefined {
  switch (format) {
    case "csv":
      return readDelimited(text, file, ",", sink);
    case "tsv":
      return readDelimited(text, file, "\t", sink);
    case "json":
      return readJson(text, file, sink);
    case "ndjson":
      return readNdjson(text, file, sink);
  }
}

/** Only spaces, tabs and line ends? */
function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return false;
  return true;
}

function openIssue(file: string, error: unknown): InputIssue {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return { file, line: 0, code: "FILE_NOT_FOUND", message: "no such file" };
  if (code === "EISDIR") return { file, line: 0, code: "FILE_UNREADABLE", message: "is a directory, expected a claims file" };
  if (code === "EACCES" || code === "EPERM") return { file, line: 0, code: "FILE_UNREADABLE", message: "permission denied" };
  return { file, line: 0, code: "FILE_UNREADABLE", message: (error as Error).message };
}

import { isUtf8 } from "node:buffer";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { readUntilBinary } from "./stream.js";
import type { InputIssue } from "../errors.js";
import { readDelimited, streamDelimited } from "./csv.js";
import { checkUtf8 } from "./decode.js";
import { delimiterName, formatFromName, sniffDelimiter, sniffFormat, type InputFormat } from "./formats.js";
import { readXlsx } from "./xlsx.js";
import { readJson } from "./json.js";
import { readNdjson, streamNdjson } from "./ndjson.js";
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
/** How to read one input beyond its format: what a spreadsheet export may need said. */
export interface ReadOptions {
  /** The CSV delimiter; sniffed from the header and the first rows when absent. */
  delimiter?: string;
  /** The text encoding, for files that are not UTF-8 (windows-1252, latin1, utf-16le). */
  encoding?: string;
  /** The sheet of a workbook; the first when absent. */
  sheet?: string;
  /** Told what the reader chose that the user may not expect (a semicolon delimiter). */
  onNote?: (note: string) => void;
  /** Told the share of a delimited input parsed so far (0 to 1). */
  onShare?: (share: number) => void;
  /** Delimited and NDJSON UTF-8 files of at least this many bytes are read a chunk at a time, never whole (default STREAM_BYTES). */
  streamFrom?: number;
}

/**
 * Delimited and NDJSON files this large are parsed as they are read, a chunk (64 KB) at a time, after a first pass
 * that checks their bytes: a whole dataset's gigabyte is never held in memory beside what it becomes.
 */
export const STREAM_BYTES = 32 * 1024 * 1024;

/** Encodings the tool reads besides UTF-8, by the names users give them. */
export const ENCODINGS = ["utf-8", "windows-1252", "latin1", "iso-8859-1", "iso-8859-15", "utf-16le", "utf-16be"] as const;

export async function readInput(
  source: InputSource,
  format: InputFormat | undefined,
  sink: RowSink,
  options: ReadOptions = {},
): Promise<InputIssue | undefined> {
  const file = sourceName(source);
  let bytes: Buffer;
  if ("path" in source) {
    const opened = await openPath(source.path, file, format, options);
    if ("issue" in opened) return opened.issue;
    if ("stream" in opened) {
      // Outside openPath: what the rows' sink throws is the caller's, never a problem reading the file.
      const { start, size, kind, head } = opened.stream;
      if (kind === "ndjson") return streamNdjson(source.path, start, size, file, sink, options.onShare);
      const delimiter = options.delimiter ?? (kind === "tsv" ? "\t" : sniffed(file, head, options));
      return streamDelimited(source.path, start, size, file, delimiter, sink, options.onShare);
    }
    bytes = opened.bytes;
  } else {
    bytes = source.bytes;
  }
  const named = format ?? formatFromName(file);
  // A workbook is a zip archive: read as one before any check of text.
  if (named === "xlsx" || (named === undefined && bytes.subarray(0, 4).equals(ZIP))) return readXlsx(bytes, file, options.sheet, sink);
  let checked: ReturnType<typeof checkUtf8>;
  if (options.encoding !== undefined && !/^utf-?8$/i.test(options.encoding)) {
    checked = { text: decodeAs(bytes, options.encoding) };
  } else checked = checkUtf8(bytes, file);
  if ("issue" in checked) return checked.issue;
  if ("utf8" in checked && isBlank(checked.utf8)) return { file, line: 0, code: "FILE_EMPTY", message: "the file is empty" };
  const delimiterOf = (kind: "csv" | "tsv") => {
    if (options.delimiter !== undefined) return options.delimiter;
    if (kind === "tsv") return "\t";
    // The header and first rows are enough: the first 64 KB, not the whole input as text.
    return sniffed(file, "utf8" in checked ? checked.utf8.subarray(0, HEAD).toString("utf8") : checked.text.slice(0, HEAD), options);
  };
  // Delimited UTF-8 goes to the parser as bytes: a large file is never also held as a string.
  if ("utf8" in checked && (named === "csv" || named === "tsv")) return readDelimited(checked.utf8, file, delimiterOf(named), sink, options.onShare);
  const text = "text" in checked ? checked.text : checked.utf8.toString("utf8");
  if (text.trim() === "") return { file, line: 0, code: "FILE_EMPTY", message: "the file is empty" };
  const kind = named ?? sniffFormat(text);
  if (kind === "csv" || kind === "tsv") return readDelimited(text, file, delimiterOf(kind), sink, options.onShare);
  if (kind === "xlsx") return readXlsx(bytes, file, options.sheet, sink);
  return readText(text, file, kind, sink);
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * A file's bytes, or, for a large delimited UTF-8 file, what parsing it as it is read needs. Anything
 * unusual in its bytes (not UTF-8, a NUL, a UTF-16 or zip mark, nothing but blanks) is read whole, so
 * that the reader says where and why. A device or a pipe (/dev/zero, a FIFO) is read as a stream that
 * stops at binary data. A file that cannot be read is an issue.
 */
async function openPath(
  path: string,
  file: string,
  format: InputFormat | undefined,
  options: ReadOptions,
): Promise<{ bytes: Buffer } | { stream: { start: number; size: number; kind: "csv" | "tsv" | "ndjson"; head: string } } | { issue: InputIssue }> {
  try {
    const info = await stat(path);
    const kind = format ?? formatFromName(file);
    if (info.isFile() && info.size >= (options.streamFrom ?? STREAM_BYTES) && (kind === "csv" || kind === "tsv" || kind === "ndjson") && (options.encoding === undefined || /^utf-?8$/i.test(options.encoding))) {
      const start = plainUtf8(path);
      // The first rows, to sniff a CSV file's delimiter from, when none is given.
      if (start !== undefined) return { stream: { start, size: info.size, kind, head: kind === "csv" && options.delimiter === undefined ? fileHead(path, start).toString("utf8") : "" } };
    }
    return { bytes: info.isFile() || info.isDirectory() ? await readFile(path) : await readUntilBinary(createReadStream(path)) };
  } catch (error) {
    return { issue: openIssue(file, error) };
  }
}

/** What the delimiter is sniffed from: the header and the first rows. */
const HEAD = 65_536;

/** The delimiter of a file's first rows, said when it is not a comma. */
function sniffed(file: string, head: string, options: ReadOptions): string {
  const delimiter = sniffDelimiter(head);
  if (delimiter !== ",") options.onNote?.(`${file}: read as ${delimiterName(delimiter)}-separated (give --delimiter to choose another)`);
  return delimiter;
}

/** The first 64 KB of a file from an offset (fewer where the file is shorter). */
export function fileHead(path: string, start = 0): Buffer {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(HEAD);
    return buffer.subarray(0, readSync(fd, buffer, 0, HEAD, start));
  } finally {
    closeSync(fd);
  }
}

/** Bytes checked at a time by plainUtf8. */
const CHECK_CHUNK = 1 << 20;

/**
 * A first pass over a large file, a megabyte at a time: where its text starts (past a UTF-8
 * byte-order mark) when it is UTF-8 text with no NUL byte and not only blanks, else undefined.
 * A sequence cut by the end of a chunk is carried into the next.
 */
export function plainUtf8(path: string): number | undefined {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHECK_CHUNK + 4);
    let position = 0;
    let carry = 0;
    let start = 0;
    let text = false;
    for (;;) {
      const n = readSync(fd, buffer, carry, CHECK_CHUNK, position);
      if (n === 0) break;
      let from = 0;
      if (position === 0) {
        if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff) || buffer.subarray(0, 4).equals(ZIP)) return undefined;
        if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) from = start = 3;
      }
      position += n;
      const end = carry + n;
      const cut = incompleteTail(buffer, end);
      const bytes = buffer.subarray(from, end - cut);
      if (bytes.indexOf(0) >= 0 || !isUtf8(bytes)) return undefined;
      if (!text && !isBlank(bytes)) text = true;
      buffer.copyWithin(0, end - cut, end);
      carry = cut;
    }
    return carry === 0 && text ? start : undefined;
  } finally {
    closeSync(fd);
  }
}

/** How many bytes at the end of buffer[0, end) begin a UTF-8 sequence that the next chunk completes. */
function incompleteTail(buffer: Buffer, end: number): number {
  for (let k = 1; k <= 3 && k <= end; k++) {
    const byte = buffer[end - k]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

/** Windows-1252's characters at 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ' ' " " • – — ˜ ™ š › œ ž Ÿ), where Latin-1 has controls. */
const CP1252 = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Bytes in a named encoding. Node's TextDecoder reads "windows-1252" as Latin-1 (0x92 as a control, not
 * ’): Windows-1252 is decoded here, its 32 characters at 0x80–0x9F put in.
 */
function decodeAs(bytes: Buffer, encoding: string): string {
  const name = encoding.toLowerCase();
  if (name === "windows-1252" || name === "cp1252") {
    const latin1 = bytes.toString("latin1");
    return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
  }
  return new TextDecoder(name).decode(bytes);
}

export function readText(text: string, file: string, format: InputFormat, sink: RowSink): InputIssue | undefined {
  switch (format) {
    case "xlsx":
      // A workbook is read from its bytes (readInput), never from text.
      return { file, line: 0, code: "FILE_FORMAT_UNKNOWN", message: "a workbook (.xlsx) cannot be read from text: give the file itself" };
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

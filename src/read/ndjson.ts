import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { InputIssue } from "../errors.js";
import { jsonMessage, objectRow, type Shapes } from "./json.js";
import { STREAM_CHUNK, type RowSink } from "./row.js";

/** Read one JSON object per line; blank lines are skipped, a broken line is an issue of its own. */
export function readNdjson(text: string, file: string, sink: RowSink): InputIssue | undefined {
  const reader = ndjsonReader(file, sink);
  // CRLF, LF or a lone CR (old Mac files) end a line: JSON allows no raw CR inside a string, so none is cut.
  for (const raw of text.split(LINE_END)) reader.line(raw);
  return reader.done();
}

const LINE_END = /\r\n|\r|\n/;

/**
 * The same for a large file, a chunk (64 KB) at a time: the file is never held whole (a string cannot
 * hold more than about 512 MB). The caller has checked its bytes (UTF-8, no NUL) and gives them from
 * `start`, past a byte-order mark. A line cut by a chunk waits for the next, and so does a CR that
 * ends a chunk, which may be the first half of a CRLF.
 */
export async function streamNdjson(
  path: string,
  start: number,
  size: number,
  file: string,
  sink: RowSink,
  /** Told the share of the file read so far (0 to 1), after each chunk. */
  onShare?: (share: number) => void,
): Promise<InputIssue | undefined> {
  const reader = ndjsonReader(file, sink);
  const decoder = new StringDecoder("utf8");
  let carry = "";
  let read = 0;
  for await (const chunk of createReadStream(path, { start, highWaterMark: STREAM_CHUNK })) {
    read += (chunk as Buffer).length;
    onShare?.(read / (size - start));
    const text = carry + decoder.write(chunk as Buffer);
    const lines = text.split(LINE_END);
    carry = lines.pop()!;
    // "…\r" then "\n…" in the next chunk is one line end: the CR is held back with the cut line.
    if (text.endsWith("\r")) carry = `${lines.pop()!}\r`;
    for (const raw of lines) reader.line(raw);
  }
  for (const raw of (carry + decoder.end()).split(LINE_END)) reader.line(raw);
  return reader.done();
}

function ndjsonReader(file: string, sink: RowSink) {
  let seen = 0;
  let line = 0;
  const shapes: Shapes = new Map();
  return {
    line: (raw: string): void => {
      line++;
      const body = raw.trim();
      if (body === "") return;
      seen++;
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch (error) {
        sink({
          file,
          line,
          columns: ["_raw"],
          cells: [raw],
          issue: { file, line, code: "NDJSON_MALFORMED_LINE", message: jsonMessage(error) },
        });
        return;
      }
      sink(objectRow(value, file, line, shapes));
    },
    done: (): InputIssue | undefined => (seen === 0 ? { file, line: 0, code: "FILE_EMPTY", message: "the file holds no claims" } : undefined),
  };
}

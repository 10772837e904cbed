import type { InputIssue } from "../errors.js";
import { jsonMessage, objectRow, type Shapes } from "./json.js";
import type { RowSink } from "./row.js";

/** Read one JSON object per line; blank lines are skipped, a broken line is an issue of its own. */
export function readNdjson(text: string, file: string, sink: RowSink): InputIssue | undefined {
  let seen = 0;
  let line = 0;
  const shapes: Shapes = new Map();
  // CRLF, LF or a lone CR (old Mac files) end a line: JSON allows no raw CR inside a string, so none is cut.
  for (const raw of text.split(/\r\n|\r|\n/)) {
    line++;
    const body = raw.trim();
    if (body === "") continue;
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
      continue;
    }
    sink(objectRow(value, file, line, shapes));
  }
  if (seen === 0) return { file, line: 0, code: "FILE_EMPTY", message: "the file holds no claims" };
  return undefined;
}

import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { Parser, type Options } from "csv-parse";
import { parse, CsvError } from "csv-parse/sync";
import type { InputIssue } from "../errors.js";
import { STREAM_CHUNK, type RowSink } from "./row.js";

/**
 * Read delimited text row by row. The header is the first record; a row with
 * more or fewer cells than the header is passed on with a CSV_RAGGED_ROW issue so
 * it can be rejected on its own. Stray quotes inside a cell are kept as text
 * (relax_quotes), so one odd cell never swallows the rows after it; a quote
 * that never closes does swallow the rest of the file, so it is returned as a
 * fatal issue, located on the line the quote opened.
 *
 * Each row's line is the line it starts on (a quoted cell may span lines).
 */
export function readDelimited(
  text: string | Buffer,
  file: string,
  delimiter: string,
  sink: RowSink,
  /** Told the share of the input parsed so far (0 to 1), every 16,384 records. */
  onShare?: (share: number) => void,
): InputIssue | undefined {
  const reader = delimitedReader(file, delimiter, sink, text.length, onShare);
  try {
    parse(text, reader.options);
  } catch (error) {
    return reader.failed(error);
  }
  return reader.done();
}

/**
 * The same, for a large file read a chunk at a time: the file is never held whole (a whole ACLED
 * export is a gigabyte). The caller has checked the bytes (UTF-8, no NUL) and gives them from `start`,
 * past a byte-order mark; every row, line and issue is what readDelimited gives for the same bytes.
 */
export async function streamDelimited(
  path: string,
  start: number,
  size: number,
  file: string,
  delimiter: string,
  sink: RowSink,
  onShare?: (share: number) => void,
): Promise<InputIssue | undefined> {
  const reader = delimitedReader(file, delimiter, sink, size - start, onShare);
  const parser = new Parser(reader.options);
  // Every record is handed to the sink by on_record, which keeps none: the parser's readable side
  // never holds anything, and is let flow so that it ends.
  parser.resume();
  try {
    await pipeline(createReadStream(path, { start, highWaterMark: STREAM_CHUNK }), parser);
  } catch (error) {
    return reader.failed(error);
  }
  return reader.done();
}

/** The parser's options, with what each record does, and the outcome, for either way of reading. */
function delimitedReader(file: string, delimiter: string, sink: RowSink, total: number, onShare?: (share: number) => void) {
  let columns: string[] | undefined;
  let headerLine = 1;
  // csv-parse's line count, and how far it runs ahead of ours: it counts the
  // "\r" and the "\n" of a CRLF inside a quoted cell as two lines.
  let previousRawEnd = 0;
  let overcount = 0;
  let previousEnd = 0;
  let previousEmpty = 0;
  const options: Options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    on_record: (record: string[], info) => {
      if (onShare !== undefined && (info.records & 0x3fff) === 0) onShare(info.bytes / total);
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      if (info.lines - previousRawEnd > 1 + (info.empty_lines - previousEmpty)) overcount += crlfCount(record);
      previousRawEnd = info.lines;
      previousEnd = info.lines - overcount;
      previousEmpty = info.empty_lines;
      if (columns === undefined) {
        columns = record;
        headerLine = line;
        return null;
      }
      // A row of empty cells (";;;;" under a spreadsheet's data) is no claim and no error: counted as blank.
      if (record.every((c) => c.trim() === "")) {
        sink({ file, line, columns, cells: record, headerLine, blank: true });
        return null;
      }
      const issue: InputIssue | undefined =
        record.length === columns.length
          ? undefined
          : {
              file,
              line,
              code: "CSV_RAGGED_ROW",
              expected: `${columns.length} cells as in the header`,
              got: String(record.length),
            };
      sink(issue ? { file, line, columns, cells: record, headerLine, issue } : { file, line, columns, cells: record, headerLine });
      return null;
    },
  };
  return {
    options,
    failed: (error: unknown): InputIssue => {
      if (error instanceof CsvError) {
        const empty = typeof error["empty_lines"] === "number" ? error["empty_lines"] : previousEmpty;
        const line = previousEnd + 1 + (empty - previousEmpty);
        return { file, line, code: "CSV_MALFORMED", message: csvMessage(error) };
      }
      throw error;
    },
    done: (): InputIssue | undefined => (columns === undefined ? { file, line: 0, code: "FILE_EMPTY", message: "the file is empty: expected a header row" } : undefined),
  };
}

function crlfCount(record: readonly string[]): number {
  let n = 0;
  for (const cell of record) {
    let at = cell.indexOf("\r\n");
    while (at >= 0) {
      n++;
      at = cell.indexOf("\r\n", at + 2);
    }
  }
  return n;
}

function csvMessage(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell opened on this line is never closed";
    default:
      return error.message.replace(/\s+at line \d+/, "");
  }
}

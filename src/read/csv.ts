import { parse, CsvError } from "csv-parse/sync";
import type { InputIssue } from "../errors.js";
import type { RowSink } from "./row.js";

/**
 * Read delimited text row by row. The header is the first record; a row with
 * more or fewer cells than the header is passed on with a CSV_RAGGED_ROW issue so
 * it can be rejected on its own. A quote that never closes swallows the rest
 * of the file, so it is returned as a fatal issue.
 *
 * Each row's line is the line it starts on (a quoted cell may span lines).
 */
export function readDelimited(
  text: string,
  file: string,
  delimiter: "," | "\t",
  sink: RowSink,
): InputIssue | undefined {
  let columns: string[] | undefined;
  let headerLine = 1;
  let previousEnd = 0;
  let previousEmpty = 0;
  const startLine = (info: { lines: number; empty_lines: number }): number =>
    previousEnd + 1 + (info.empty_lines - previousEmpty);
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        const empty = typeof error?.empty_lines === "number" ? error.empty_lines : previousEmpty;
        const line = previousEnd + 1 + (empty - previousEmpty);
        previousEmpty = empty;
        sink({
          file,
          line,
          columns: columns ?? [],
          cells: [],
          headerLine,
          issue: { file, line, code: "CSV_MALFORMED", message: csvMessage(error) },
        });
        previousEnd = typeof error?.lines === "number" ? error.lines : line;
      },
      on_record: (record: string[], info) => {
        const line = startLine(info);
        previousEnd = info.lines;
        previousEmpty = info.empty_lines;
        if (columns === undefined) {
          columns = record;
          headerLine = line;
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
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const empty = typeof error.empty_lines === "number" ? error.empty_lines : previousEmpty;
      const line = previousEnd + 1 + (empty - previousEmpty);
      return { file, line, code: "CSV_MALFORMED", message: csvMessage(error) };
    }
    throw error;
  }
  if (columns === undefined) return { file, line: 0, code: "FILE_EMPTY", message: "the file is empty: expected a header row" };
  return undefined;
}

function csvMessage(error: CsvError | undefined): string {
  if (error === undefined) return "the row cannot be read as CSV";
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell opened on this line is never closed";
    case "CSV_INVALID_CLOSING_QUOTE":
      return "a closing quote is followed by more text in the same cell";
    default:
      return error.message.replace(/\s+at line \d+/, "");
  }
}

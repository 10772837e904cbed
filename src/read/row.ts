import type { InputIssue } from "../errors.js";

/**
 * One row of input as read, before it means anything: the file and line it
 * came from, its column names (shared by every row of a CSV file) and its cells.
 * A row that could not be read whole carries the issue instead of meaning.
 */
export interface RawRow {
  file: string;
  line: number;
  columns: readonly string[];
  cells: readonly unknown[];
  /** For delimited text: the line of the header row the columns come from. */
  headerLine?: number;
  issue?: InputIssue;
  /** A row whose cells are all empty (what a spreadsheet writes under its data): skipped, and counted. */
  blank?: true;
}

export type RowSink = (row: RawRow) => void;

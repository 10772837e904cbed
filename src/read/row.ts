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

/**
 * Bytes read at once from a large file. Small enough that a chunk is let go while still young: a
 * megabyte chunk outlived two scavenges under a whole dataset's work, went to the old generation and
 * waited there for a full collection, and hundreds of them (300 to 500 MB) sat in memory at once.
 */
export const STREAM_CHUNK = 64 * 1024;

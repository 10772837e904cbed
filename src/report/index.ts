import type { ReconcileResult } from "../index.js";
import { renderCsv } from "./csv.js";
import { htmlChunks } from "./html.js";
import { jsonChunks, ndjsonLines } from "./json.js";
import { githubChunks, type GithubOptions } from "./github.js";
import { markdownChunks } from "./markdown.js";
import { tableChunks } from "./table.js";

export const OUTPUT_FORMATS = ["table", "csv", "json", "ndjson", "html", "markdown", "github"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  color: boolean;
  /** Table: range bars beside each claim (a terminal). */
  bars?: boolean;
  /** CSV: leave formula-like cells unprefixed. */
  rawCsv?: boolean;
  /** GitHub: the status from which a finding is an error (--fail-on), and where claims' files are named from. */
  failOn?: GithubOptions["failOn"];
  cwd?: string;
  failing?: GithubOptions["failing"];
  rows?: GithubOptions["rows"];
  messages?: GithubOptions["messages"];
}

/**
 * One pure renderer per format, giving the report in chunks (a record or a
 * group at a time), so that a million claims are never one string; a new
 * format is a compile error until it has one. The CLI streams CSV through
 * csv-stringify's stream API instead (see csvRecords).
 */
export const RENDERERS = {
  table: (r, o) => tableChunks(r, { color: o.color, bars: o.bars === true }),
  csv: (r, o) => [renderCsv(r, { raw: o.rawCsv === true })],
  json: (r) => jsonChunks(r),
  ndjson: (r) => ndjsonLines(r),
  html: (r) => htmlChunks(r),
  markdown: (r) => markdownChunks(r),
  github: (r, o) => githubChunks(r, { ...(o.failOn !== undefined && { failOn: o.failOn }), ...(o.cwd !== undefined && { cwd: o.cwd }), ...(o.failing !== undefined && { failing: o.failing }), ...(o.rows !== undefined && { rows: o.rows }), ...(o.messages !== undefined && { messages: o.messages }) }),
} satisfies Record<OutputFormat, (result: ReconcileResult, options: RenderOptions) => Iterable<string>>;

export function renderChunks(result: ReconcileResult, format: OutputFormat, options: RenderOptions): Iterable<string> {
  return RENDERERS[format](result, options);
}

/** The whole report as one string (small reports, tests). */
export function render(result: ReconcileResult, format: OutputFormat, options: RenderOptions): string {
  return [...renderChunks(result, format, options)].join("");
}

export { renderRejects } from "./csv.js";

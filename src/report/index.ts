import type { ReconcileResult } from "../index.js";
import { renderCsv } from "./csv.js";
import { renderHtml } from "./html.js";
import { renderJson, renderNdjson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderTable } from "./table.js";

export const OUTPUT_FORMATS = ["table", "csv", "json", "ndjson", "html", "markdown"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  color: boolean;
  /** Table: range bars beside each claim (a terminal). */
  bars?: boolean;
  /** CSV: leave formula-like cells unprefixed. */
  rawCsv?: boolean;
}

/** One pure renderer per format; a new format is a compile error until it has one. */
export const RENDERERS = {
  table: (r, o) => renderTable(r, { color: o.color, bars: o.bars === true }),
  csv: (r, o) => renderCsv(r, { raw: o.rawCsv === true }),
  json: (r) => renderJson(r),
  ndjson: (r) => renderNdjson(r),
  html: (r) => renderHtml(r),
  markdown: (r) => renderMarkdown(r),
} satisfies Record<OutputFormat, (result: ReconcileResult, options: RenderOptions) => string>;

export function render(result: ReconcileResult, format: OutputFormat, options: RenderOptions): string {
  return RENDERERS[format](result, options);
}

export { renderRejects } from "./csv.js";

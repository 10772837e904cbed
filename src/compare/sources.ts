import { readOptionText } from "../util/option-file.js";
import { parse } from "csv-parse/sync";
import { UsageError } from "../errors.js";

/**
 * A source table: CSV with columns `source` and `same_as`. Each row says a
 * source is a reprint, an outlet or an alias of another (a wire service and
 * the papers that carry it, a TV channel and its website), so their claims
 * count as one source's.
 */
export function loadSourceTable(path: string): Map<string, string> {
  let text: string;
  try {
    text = readOptionText(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot read the source table (${(error as Error).message}) [SOURCES_INVALID]`);
  }
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true });
  } catch (error) {
    throw new UsageError(`${path}: not valid CSV: ${(error as Error).message} [SOURCES_INVALID]`);
  }
  const map = new Map<string, string>();
  rows.forEach((row, i) => {
    const source = row["source"]?.trim();
    const same = row["same_as"]?.trim();
    if (!source || !same) throw new UsageError(`${path}:${i + 2}: expected the columns "source" and "same_as" filled, got ${JSON.stringify(row)} [SOURCES_INVALID]`);
    map.set(source, same);
  });
  return map;
}

/**
 * A spreadsheet workbook (.xlsx): the first sheet, or the one named, read through read-excel-file.
 * Each row's line is its row number in the spreadsheet, as a user sees it there.
 */
import readXlsxFile from "read-excel-file/node";
import type { InputIssue } from "../errors.js";
import type { RowSink } from "./row.js";

/** A cell as text: dates as ISO days (or date-times where they have a time), numbers as written. */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
  }
  return String(value);
}

export async function readXlsx(bytes: Buffer, file: string, sheet: string | undefined, sink: RowSink): Promise<InputIssue | undefined> {
  let sheets: Array<{ sheet: string; data: unknown[][] }>;
  try {
    sheets = (await readXlsxFile(bytes)) as Array<{ sheet: string; data: unknown[][] }>;
  } catch (error) {
    return { file, line: 0, code: "FILE_FORMAT_UNKNOWN", message: `not a spreadsheet workbook that can be read (${(error as Error).message})` };
  }
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheet);
  if (chosen === undefined) {
    return { file, line: 0, code: "FILE_FORMAT_UNKNOWN", message: `no sheet ${JSON.stringify(sheet)}: the workbook has ${sheets.map((s) => JSON.stringify(s.sheet)).join(", ")}` };
  }
  const rows = chosen.data;
  const headerAt = rows.findIndex((r) => r.some((v) => cellText(v)?.trim()));
  if (headerAt < 0) return { file, line: 0, code: "FILE_EMPTY", message: `the sheet ${JSON.stringify(chosen.sheet)} is empty: expected a header row` };
  const columns = rows[headerAt]!.map((v) => cellText(v) ?? "");
  // Trailing empty header cells are no columns.
  while (columns.length > 0 && columns[columns.length - 1]!.trim() === "") columns.pop();
  const headerLine = headerAt + 1;
  for (let i = headerAt + 1; i < rows.length; i++) {
    const cells = rows[i]!.slice(0, Math.max(columns.length, 0)).map((v) => cellText(v) ?? "");
    while (cells.length < columns.length) cells.push("");
    const line = i + 1;
    const past = rows[i]!.slice(columns.length).some((v) => cellText(v)?.trim());
    if (cells.every((c) => c.trim() === "") && !past) {
      sink({ file, line, columns, cells, headerLine, blank: true });
      continue;
    }
    sink(
      past
        ? { file, line, columns, cells, headerLine, issue: { file, line, code: "CSV_RAGGED_ROW", expected: `${columns.length} cells as in the header`, got: `a cell past the header's last column` } }
        : { file, line, columns, cells, headerLine },
    );
  }
  return undefined;
}

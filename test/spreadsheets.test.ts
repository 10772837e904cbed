/** Files as spreadsheets export them: delimiters, encodings, blank rows, dates as people write them, workbooks. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { parseDate } from "../src/claims/date.js";
import { sniffDelimiter } from "../src/read/formats.js";
import { runInProcess } from "./support/cli.js";

const tmp = () => mkdtempSync(join(tmpdir(), "reconcile-sheets-"));
type Report = { summary: { rows: number; blank: number; claims: number }; groups: Array<{ claims: Array<Record<string, unknown>> }> };
const claimsOf = (stdout: string) => (JSON.parse(stdout) as Report).groups.flatMap((g) => g.claims);

describe("a European Excel export: semicolons, a byte-order mark, month names, a row of ;;;; and 20.0", () => {
  const dir = tmp();
  const rows = (date: string) => `\ufeffsource;figure;location;date;notes\r\nSOHR;20.0;Hama;${date};a, b\r\nSANA;tens;Hama;${date};\r\n;;;;\r\n`;
  const named = join(dir, "named.csv");
  const numeric = join(dir, "numeric.csv");
  writeFileSync(named, rows("1 Sept 2016"));
  writeFileSync(numeric, rows("01/09/2016"));

  it("reads with exit 0: the delimiter sniffed and said, the blank row counted, 20.0 as 20", async () => {
    const run = await runInProcess([named, "--format", "json"]);
    expect(run.exit, run.stderr).toBe(0);
    expect(run.stderr).toBe(`reconcile: ${named}: read as semicolon-separated (give --delimiter to choose another)\n`);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 3, blank: 1, claims: 2 });
    expect(claimsOf(run.stdout).map((c) => [c["source"], c["low"], c["high"], c["date"], c["notes"] ?? ""])).toEqual([
      ["SOHR", 20, 20, "2016-09-01", "a, b"],
      ["SANA", 20, 99, "2016-09-01", ""],
    ]);
  });

  it("01/09/2016 reads either way: exit 2 naming both readings and the flags; --day-first and --month-first read it", async () => {
    const refused = await runInProcess([numeric, "--format", "json"]);
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain(`${numeric}:2: column "date": expected a date such as`);
    expect(refused.stderr).toContain('got "01/09/2016", which reads as 2016-09-01 with --day-first, 2016-01-09 with --month-first: give one [CLAIM_INVALID_DATE]');
    const dayFirst = await runInProcess([numeric, "--format", "json", "--day-first"]);
    expect(dayFirst.exit, dayFirst.stderr).toBe(0);
    expect(claimsOf(dayFirst.stdout).map((c) => c["date"])).toEqual(["2016-09-01", "2016-09-01"]);
    const monthFirst = await runInProcess([numeric, "--format", "json", "--month-first"]);
    expect(claimsOf(monthFirst.stdout).map((c) => c["date"])).toEqual(["2016-01-09", "2016-01-09"]);
    expect((await runInProcess([numeric, "--day-first", "--month-first"])).stderr).toContain("[USAGE_INVALID_ARGUMENT]");
  });

  it("20.5 is still an error: a count is whole", async () => {
    const path = join(dir, "half.csv");
    writeFileSync(path, "source,figure,location,date\nSOHR,20.5,Hama,2016-09-01\n");
    const run = await runInProcess([path]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('expected a whole number, got "20.5" [CLAIM_INVALID_FIGURE]');
  });
});

describe("delimiters", () => {
  it.each([
    ["source,figure,location,date\nA,3,Hama,2016-09-01\n", ","],
    ["source;figure;location;date\nA;1,200;Hama;2016-09-01\n", ";"],
    ["source\tfigure\tlocation\tdate\nA\t3\tHama\t2016-09-01\n", "\t"],
    ["source|figure|location|date\nA|3|Hama|2016-09-01\n", "|"],
    ['source;figure;notes\nA;3;"x, y, z"\nB;4;"p, q"\n', ";"],
    ["one column\nA\n", ","],
  ])("%j is %j", (text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });

  it("TSV on standard input is sniffed; --delimiter overrides the sniffing", async () => {
    const tsv = await runInProcess(["--format", "json"], { stdin: "source\tfigure\tlocation\tdate\nA\t3\tHama\t2016-09-01\n" });
    expect(tsv.exit, tsv.stderr).toBe(0);
    expect(claimsOf(tsv.stdout).map((c) => c["location"])).toEqual(["Hama"]);
    // Commas in every cell, but the file says it is pipe-separated.
    const piped = await runInProcess(["--format", "json", "--delimiter", "|"], { stdin: "source|figure|location|date\nA, B|3|Hama, Syria|2016-09-01\n" });
    expect(claimsOf(piped.stdout).map((c) => [c["source"], c["location"]])).toEqual([["A, B", "Hama, Syria"]]);
    expect((await runInProcess(["--delimiter", "ab"], { stdin: "x" })).stderr).toContain("[USAGE_INVALID_ARGUMENT]");
  });
});

describe("encodings", () => {
  it("Windows-1252 is a located error naming --encoding, and reads with it", async () => {
    const path = join(tmp(), "cp1252.csv");
    // "Homs" with ô, and "Alep" with é, as Windows-1252 writes them (0xF4, 0xE9).
    writeFileSync(path, Buffer.concat([Buffer.from("source,figure,location,date\nA,3,H"), Buffer.from([0xf4]), Buffer.from("ms,2016-09-01\nB,4,Al"), Buffer.from([0xe9]), Buffer.from("p,2016-09-01\n")]));
    const refused = await runInProcess([path]);
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain(`${path}:2: byte 0xf4 is not UTF-8: it may be Windows-1252 or Latin-1 (give --encoding windows-1252), or save the file as UTF-8 [FILE_ENCODING]`);
    const read = await runInProcess([path, "--encoding", "windows-1252", "--format", "json"]);
    expect(read.exit, read.stderr).toBe(0);
    expect(claimsOf(read.stdout).map((c) => c["location"])).toEqual(["Hôms", "Alép"]);
  });

  it("Windows-1252's own characters at 0x80–0x9F are read as they are, not as Latin-1's controls", async () => {
    const path = join(tmp(), "quotes.csv");
    // plus d’une vingtaine (0x92), and a place with an œ (0x9C).
    writeFileSync(path, Buffer.concat([Buffer.from("source,figure,location,date\nLe Monde,plus d"), Buffer.from([0x92]), Buffer.from("une vingtaine de morts,C"), Buffer.from([0x9c]), Buffer.from("ur,2016-12-01\n")]));
    const read = await runInProcess([path, "--encoding", "windows-1252", "--format", "json"]);
    expect(read.exit, read.stderr).toBe(0);
    expect(claimsOf(read.stdout).map((c) => [c["figure"], c["low"], c["location"]])).toEqual([["plus d’une vingtaine de morts", 21, "Cœur"]]);
  });
});

describe("dates as people write them", () => {
  it.each([
    ["1 Sept 2016", "2016-09-01"],
    ["1 September 2016", "2016-09-01"],
    ["september 1, 2016", "2016-09-01"],
    ["Sep. 1, 2016", "2016-09-01"],
    ["october-7-2023", "2023-10-07"],
    ["1er septembre 2016", "2016-09-01"],
    ["7 octobre 2023", "2023-10-07"],
    ["١ أيلول ٢٠١٦", "2016-09-01"],
    ["7 تشرين الأول 2023", "2023-10-07"],
    ["1 سبتمبر 2016", "2016-09-01"],
    ["September 2016", "2016-09"],
    ["25/09/2016", "2016-09-25"],
    ["09/25/2016", "2016-09-25"],
  ])("%j is %s", (text, canonical) => {
    expect(parseDate(text)?.text).toBe(canonical);
  });
  it.each(["31 September 2016", "1 Sept", "Sept 2016 1", "01/09/2016", "13/13/2016", "1 Smarch 2016"])("%j is no date (without a flag)", (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
  it("a flag reads numeric dates its way, and a date that is no day that way is none", () => {
    expect(parseDate("01/09/2016", undefined, "day-first")?.text).toBe("2016-09-01");
    expect(parseDate("01/09/2016", undefined, "month-first")?.text).toBe("2016-01-09");
    expect(parseDate("25/09/2016", undefined, "month-first")).toBeUndefined();
    expect(parseDate("1.9.2016", undefined, "day-first")?.text).toBe("2016-09-01");
  });
});

describe(".xlsx workbooks", () => {
  const header = ["source", "figure", "location", "date", "notes"];
  const body: Array<Array<string | number | Date | null>> = [
    ["SOHR", 25, "Hama", new Date(Date.UTC(2016, 8, 1)), "air strikes"],
    [null, null, null, null, null],
    ["Syrian state TV", "tens", "Hama", "2016-09-01", null],
    ["SOHR", 17, "al-Latamenah", new Date(Date.UTC(2016, 8, 1)), "road"],
  ];
  const cell = (v: string | number | Date | null) => (v === null ? null : v instanceof Date ? { value: v, format: "yyyy-mm-dd" } : { value: v });
  const workbook = async (path: string, sheet = "Claims") => {
    await writeXlsxFile([header, ...body].map((r) => r.map((v) => cell(v as string))), { sheet }).toFile(path);
  };

  it("reads like its CSV export, each row at its row number, dates as dates", async () => {
    const dir = tmp();
    const xlsx = join(dir, "claims.xlsx");
    await workbook(xlsx);
    const csv = join(dir, "claims.csv");
    const text = (v: unknown) => (v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    writeFileSync(csv, [header, ...body].map((r) => r.map(text).join(",")).join("\n") + "\n");
    const fromXlsx = await runInProcess([xlsx, "--format", "json"]);
    const fromCsv = await runInProcess([csv, "--format", "json"]);
    expect(fromXlsx.exit, fromXlsx.stderr).toBe(0);
    expect(fromXlsx.stdout.replaceAll("claims.xlsx", "claims.csv")).toBe(fromCsv.stdout);
    expect(claimsOf(fromXlsx.stdout).map((c) => [c["line"], c["date"]])).toEqual([
      [2, "2016-09-01"],
      [4, "2016-09-01"],
      [5, "2016-09-01"],
    ]);
    expect((JSON.parse(fromXlsx.stdout) as Report).summary).toMatchObject({ rows: 4, blank: 1, claims: 3 });
  });

  it("--sheet names the sheet; a sheet the workbook lacks is a located error naming those it has", async () => {
    const xlsx = join(tmp(), "named.xlsx");
    await workbook(xlsx, "Hama 2016");
    expect((await runInProcess([xlsx, "--sheet", "Hama 2016", "--format", "json"])).exit).toBe(0);
    const missing = await runInProcess([xlsx, "--sheet", "Idlib"]);
    expect(missing.exit).toBe(2);
    expect(missing.stderr).toContain(`${xlsx}: no sheet "Idlib": the workbook has "Hama 2016" [FILE_FORMAT_UNKNOWN]`);
  });

  it("a workbook piped to standard input is read as one", async () => {
    const xlsx = join(tmp(), "piped.xlsx");
    await workbook(xlsx);
    const { readFileSync } = await import("node:fs");
    const run = await runInProcess(["--format", "json"], { stdin: readFileSync(xlsx) });
    expect(run.exit, run.stderr).toBe(0);
    expect(claimsOf(run.stdout)).toHaveLength(3);
  });
});

describe("progress", () => {
  it("reports the stage, the rows read and the share of the input parsed, in order", async () => {
    const { reconcile } = await import("../src/index.js");
    const rows = Array.from({ length: 40_000 }, (_, i) => `S${i % 7},${i % 90},Place ${i % 900},2016-09-${String(1 + (i % 28)).padStart(2, "0")}`).join("\n");
    const seen: Array<{ stage: string; rows: number; share?: number }> = [];
    await reconcile({ inputs: [{ source: { name: "big.csv", bytes: Buffer.from(`source,figure,location,date\n${rows}\n`) } }], onProgress: (p) => seen.push({ stage: p.stage, rows: p.rows, ...(p.share !== undefined && { share: p.share }) }) });
    expect([...new Set(seen.map((p) => p.stage))]).toEqual(["reading", "grouping", "comparing"]);
    const shares = seen.flatMap((p) => (p.share === undefined ? [] : [p.share]));
    expect(shares.length).toBeGreaterThan(0);
    expect(shares.every((s, i) => s > 0 && s <= 1 && (i === 0 || s >= shares[i - 1]!))).toBe(true);
    expect(seen.at(-1)).toEqual({ stage: "comparing", rows: 40_000 });
  });
});

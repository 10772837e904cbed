/**
 * Hardening: hostile and broken input, through the real CLI and in-process.
 * Every case ends in a correct reading (exit 0) or a located message with a
 * stable code (exit 2), never a stack trace. Fixtures: fixtures/hardening/
 * (see its README); large inputs are generated at test time into a temp dir.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { InputError, UsageError, reconcile, type ReconcileResult } from "../src/index.js";
import { readInput, readText, type InputFormat, type RawRow } from "../src/read/index.js";
import { ROOT, runCli, runInProcess, type CliRun } from "./support/cli.js";

const F = (name: string): string => `fixtures/hardening/${name}`;
const SEED = "fixtures/seed/hama-2016-09-01.csv";
/** Temp dirs made by this file, removed at the end (the generated inputs run to hundreds of MB). */
const made: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "reconcile-hardening-"));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const isRoot = process.getuid?.() === 0;

/** The last line of every input-error run: `fatal` of the `n` problems are of a file or a header, which --rejects cannot set aside. */
const tail = (n: number, fatal: number): string => {
  const what = fatal === 1 ? "a file or header problem" : "file or header problems";
  const hint =
    fatal === 0
      ? "use --rejects FILE to set bad rows aside"
      : fatal === n
        ? `${what}, which --rejects cannot set aside: fix the input or its column mapping`
        : `${fatal} of them ${fatal === 1 ? "is a file or header problem" : "are file or header problems"}, which --rejects cannot set aside: fix the input or its column mapping`;
  return `reconcile: ${n} problem${n === 1 ? "" : "s"} in the input; nothing was written (${hint})`;
};

/** No run may ever end in a stack trace or an internal error. */
function expectNoTrace(run: CliRun): void {
  expect(run.stderr).not.toContain("    at ");
  expect(run.stderr).not.toContain("internal error");
}

/** Exit 2, nothing on stdout, and exactly these located lines (then the closing line) on stderr. */
function expectInputError(run: CliRun, lines: string[], fatal = lines.length): void {
  expectNoTrace(run);
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe(`${[...lines, tail(lines.length, fatal)].join("\n")}\n`);
  expect(run.exit).toBe(2);
}

/** The CLI in-process (run(argv, io)); a run from another working directory spawns the binary, since paths resolve against the process's. */
async function cli(args: readonly string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliRun> {
  const run = options.cwd !== undefined ? runCli(args, options) : await runInProcess(args, options);
  expectNoTrace(run);
  return run;
}

type Report = {
  summary: { rows: number; claims: number; rejected: number; groups: number; statuses: Record<string, number> };
  groups: Array<{
    id: string;
    status: string;
    location: string;
    date: string;
    consensus: unknown[];
    match_reason: unknown[];
    claims: Array<Record<string, unknown> & { id: string; line: number; extra?: Record<string, string> }>;
  }>;
  rejected: Array<{ file: string; line: number; code: string; message: string }>;
};

async function jsonReport(args: readonly string[]): Promise<Report> {
  const run = await cli([...args, "--format", "json"]);
  expect(run.stderr).toBe("");
  expect(run.exit).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** The groups of a report without the file name: what must not change with the encoding or line ends. */
function groupsOf(report: Report) {
  return report.groups.map((g) => ({
    id: g.id,
    status: g.status,
    location: g.location,
    date: g.date,
    consensus: g.consensus,
    match_reason: g.match_reason,
    claims: g.claims.map(({ file: _file, ...c }) => c),
  }));
}

/** A small seeded PRNG (mulberry32), so generated files are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED_SUMMARY = { rows: 5, claims: 5, rejected: 0, groups: 4, statuses: { conflict: 0, compatible: 1, agree: 0, single: 3 } };
const CSV_HEADER =
  "group,status,consensus_low,consensus_high,outlier,id,source,figure,low,high,best,outcome,victims,location,date,event,match_reason,file,line";

describe("hardening: encodings and line ends", () => {
  let seedReport: Report | undefined;
  const seedRun = async (): Promise<Report> => (seedReport ??= await jsonReport([SEED]));

  it("the seed reads as the README says (the reference for the cases below)", async () => {
    const seed = await seedRun();
    expect(seed.summary).toMatchObject(SEED_SUMMARY);
    expect(seed.groups.map((g) => [g.id, g.status, g.claims.map((c) => c.line)])).toEqual([
      ["G1", "compatible", [2, 3]],
      ["G2", "single", [4]],
      ["G3", "single", [5]],
      ["G4", "single", [6]],
    ]);
  });

  it("an empty file is FILE_EMPTY", async () => {
    expectInputError(await cli([F("empty.csv")]), ["fixtures/hardening/empty.csv: the file is empty [FILE_EMPTY]"]);
  });

  it("a header with no rows is a valid, empty report (exit 0, 0 rows)", async () => {
    const csv = await cli([F("header-only.csv")]);
    expect(csv.exit).toBe(0);
    expect(csv.stderr).toBe("");
    // CSV: the header row of the report and nothing else.
    expect(csv.stdout).toBe(`${CSV_HEADER}\n`);
    expect(parse(csv.stdout, { columns: true })).toEqual([]);
    const json = await jsonReport([F("header-only.csv")]);
    expect(json.summary).toEqual({ rows: 0, blank: 0, rows_with_claims: 0, rejected_claims: 0, claims: 0, rejected: 0, groups: 0, statuses: { conflict: 0, compatible: 0, agree: 0, single: 0 }, findings: { containment: 0, "record-inconsistent": 0, "duplicate-record": 0 }, set_aside: 0 });
    expect(json.groups).toEqual([]);
    expect(json.rejected).toEqual([]);
  });

  it.each([
    ["a UTF-8 byte-order mark", "bom.csv"],
    ["CRLF line ends", "crlf.csv"],
    ["lone-CR line ends", "cr.csv"],
    ["UTF-16LE with a byte-order mark", "utf16le-bom.csv"],
    ["UTF-16BE with a byte-order mark", "utf16be-bom.csv"],
  ])("%s: the same groups, claims and lines as the seed", async (_what, name) => {
    const report = await jsonReport([F(name)]);
    expect(report.summary).toMatchObject(SEED_SUMMARY);
    expect(groupsOf(report)).toEqual(groupsOf(await seedRun()));
    // The first column is "id", not "\ufeffid": no claim carries an extra column.
    expect(report.groups.flatMap((g) => g.claims.filter((c) => c.extra !== undefined))).toEqual([]);
  });

  it("UTF-16 without a byte-order mark is FILE_ENCODING naming UTF-16LE", async () => {
    expectInputError(await cli([F("utf16le-no-bom.csv")]), [
      "fixtures/hardening/utf16le-no-bom.csv: the file looks like UTF-16LE text without a byte-order mark: save it as UTF-8 (or UTF-16 with a byte-order mark) [FILE_ENCODING]",
    ]);
  });

  it("invalid UTF-8 is FILE_ENCODING at the line of the first bad byte", async () => {
    expectInputError(await cli([F("invalid-utf8.csv")]), [
      "fixtures/hardening/invalid-utf8.csv:4: byte 0xe9 is not UTF-8: it may be Windows-1252 or Latin-1 (give --encoding windows-1252), or save the file as UTF-8 [FILE_ENCODING]",
    ]);
  });

  // Fixed: decode.ts lineOf() once counted only "\n", so in a file with lone-CR line ends every
  // encoding (and NUL) problem is reported on line 1 (the CSV reader itself counts CR lines right).
  it("invalid UTF-8 in a lone-CR file is located at its line", async () => {
    expectInputError(await cli([F("invalid-utf8-cr.csv")]), [
      "fixtures/hardening/invalid-utf8-cr.csv:4: byte 0xe9 is not UTF-8: it may be Windows-1252 or Latin-1 (give --encoding windows-1252), or save the file as UTF-8 [FILE_ENCODING]",
    ]);
  });

  it("binary garbage (seeded random bytes) is a located FILE_BINARY / FILE_ENCODING, exit 2", async () => {
    expectInputError(await cli([F("binary.csv")]), ["fixtures/hardening/binary.csv:1: a NUL byte: this looks like a binary file, not claims [FILE_BINARY]"]);
    // More garbage, generated: with and without NUL bytes, every one ends in a located code.
    const dir = tmp();
    for (const seedNo of [2, 3, 4, 5, 6, 7]) {
      const rand = mulberry32(seedNo);
      const noNul = seedNo % 2 === 1;
      const bytes = Buffer.alloc(2048);
      for (let i = 0; i < bytes.length; i++) bytes[i] = noNul ? 1 + Math.floor(rand() * 255) : Math.floor(rand() * 256);
      const path = join(dir, `garbage-${seedNo}.csv`);
      writeFileSync(path, bytes);
      const run = await cli([path]);
      expect(run.exit).toBe(2);
      expect(run.stdout).toBe("");
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: .* \\[(FILE_BINARY|FILE_ENCODING)\\]$`));
      expect(lines[1]).toBe(tail(1, 1));
    }
  });

  it("a NUL byte is FILE_BINARY at its line", async () => {
    expectInputError(await cli([F("nul.csv")]), ["fixtures/hardening/nul.csv:3: a NUL byte: this looks like a binary file, not claims [FILE_BINARY]"]);
  });
});

describe("hardening: CSV structure", () => {
  it("an unclosed quote is CSV_MALFORMED at the line the quote opens", async () => {
    expectInputError(await cli([F("unclosed-quote.csv")]), [
      "fixtures/hardening/unclosed-quote.csv:3: a quoted cell opened on this line is never closed [CSV_MALFORMED]",
    ]);
  });

  it("ragged rows are CSV_RAGGED_ROW, one per row; with --rejects they are set aside", async () => {
    expectInputError(await cli([F("ragged.csv")]), [
      "fixtures/hardening/ragged.csv:3: expected 5 cells as in the header, got 6 [CSV_RAGGED_ROW]",
      "fixtures/hardening/ragged.csv:4: expected 5 cells as in the header, got 4 [CSV_RAGGED_ROW]",
    ], 0);
    const dir = tmp();
    const rejects = join(dir, "r.csv");
    const run = await cli([F("ragged.csv"), "--rejects", rejects, "--format", "json"]);
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe(`reconcile: 2 rows rejected, written to ${rejects}\n`);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 4, claims: 2, rejected: 2, groups: 1 });
    expect(report.groups.flatMap((g) => g.claims.map((c) => [c.id, c.line]))).toEqual([
      ["a", 2],
      ["d", 5],
    ]);
    const rows = parse(readFileSync(rejects), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r["id"], r["file"], r["line"], r["code"], r["message"]])).toEqual([
      ["b", "fixtures/hardening/ragged.csv", "3", "CSV_RAGGED_ROW", "expected 5 cells as in the header, got 6"],
      ["c", "fixtures/hardening/ragged.csv", "4", "CSV_RAGGED_ROW", "expected 5 cells as in the header, got 4"],
    ]);
  });

  // Fixed (a lost cell): a row with more cells than the header is rejected, but its cells past the
  // header are dropped from the rejects file and from JSON "rejected[].row" (model.ts rejectedRecord
  // keeps only cells that have a column name), so the row cannot be repaired from the rejects file.
  it("a ragged row's cells past the header are kept in the rejects file", async () => {
    const dir = tmp();
    const rejects = join(dir, "r.csv");
    const run = await cli([F("ragged.csv"), "--rejects", rejects]);
    expect(run.exit).toBe(0);
    expect(readFileSync(rejects, "utf8")).toContain("one cell too many");
  });

  it('duplicate column names are CSV_DUPLICATE_COLUMN at line 1: two "notes"', async () => {
    expectInputError(await cli([F("duplicate-notes.csv")]), [
      'fixtures/hardening/duplicate-notes.csv:1: column "notes": both "notes" and "notes" give the field "notes" [CSV_DUPLICATE_COLUMN]',
    ]);
  });

  it('duplicate column names are CSV_DUPLICATE_COLUMN at line 1: "Source" and "source"', async () => {
    expectInputError(await cli([F("duplicate-source.csv")]), [
      'fixtures/hardening/duplicate-source.csv:1: column "source": both "Source" and "source" give the field "source" [CSV_DUPLICATE_COLUMN]',
    ]);
  });

  it("a header that maps no required field is CLAIM_MISSING_FIELD for each, at line 1", async () => {
    const got = 'got columns "place", "deaths", "when"';
    expectInputError(await cli([F("no-fields.csv")]), [
      `fixtures/hardening/no-fields.csv:1: column "source": expected a "source" column (or --source NAME, or --map source=COLUMN), ${got} [CLAIM_MISSING_FIELD]`,
      `fixtures/hardening/no-fields.csv:1: column "figure": expected a "figure" column, or "low"/"high"/"best" columns, ${got} [CLAIM_MISSING_FIELD]`,
      `fixtures/hardening/no-fields.csv:1: column "location": expected a "location" column (or --map location=COLUMN), ${got} [CLAIM_MISSING_FIELD]`,
      `fixtures/hardening/no-fields.csv:1: column "date": expected a "date" column, or "date_start" and "date_end", ${got} [CLAIM_MISSING_FIELD]`,
    ]);
  });

  it("an 8 MB notes cell is carried whole (exit 0)", async () => {
    const dir = tmp();
    const path = join(dir, "eight-mb.csv");
    const notes = "x".repeat(8 * 1024 * 1024);
    writeFileSync(path, `id,source,figure,location,date,notes\nbig,SOHR,25,Hama,2016-09-01,${notes}\nsmall,SANA,tens,Hama,2016-09-01,short\n`);
    const report = await jsonReport([path]);
    expect(report.summary).toMatchObject({ rows: 2, claims: 2, rejected: 0, groups: 1, statuses: { conflict: 0, compatible: 1, agree: 0, single: 0 } });
    const big = report.groups[0]!.claims.find((c) => c.id === "big")!;
    expect(big.notes).toBe(notes);
    expect(big.line).toBe(2);
    expect(report.groups[0]!.claims.find((c) => c.id === "small")!.line).toBe(3);
  });

  it("a 50 MB string in a JSON claim is carried whole in 5 s (the line scan copied it a character at a time: 9 s, 2 GB)", async () => {
    const path = join(tmp(), "fifty-mb.json");
    const notes = "x".repeat(50 * 1024 * 1024);
    writeFileSync(path, `{"claims": [\n{"id": "big", "source": "SOHR", "figure": "25", "location": "Hama", "date": "2016-09-01", "notes": "${notes}"},\n{"id": "small", "source": "SANA", "figure": "tens", "location": "Hama", "date": "2016-09-01"}\n]}\n`);
    const run = await cli([path, "--format", "ndjson"]);
    expect(run.exit, run.stderr).toBe(0);
    const group = JSON.parse(run.stdout) as { claims: Array<{ id: string; line: number; notes?: string }> };
    expect(group.claims.map((c) => [c.id, c.line, c.notes?.length])).toEqual([
      ["big", 2, notes.length],
      ["small", 3, undefined],
    ]);
  }, 5_000);

  // A million identical rows (one group of a million claims, which once overflowed the stack) is checked
  // by `npm run bench` (bench/checks.js): it takes 20 s.
});

describe("hardening: cells past their limits are refused at once (each case within 5 s)", () => {
  const csvOf = (rows: string[]): string => {
    const dir = tmp();
    const path = join(dir, "cells.csv");
    writeFileSync(path, `source,figure,location,date,admin1\n${rows.join("\n")}\n`);
    return path;
  };
  const expectRefused = async (cell: string, where: "figure" | "location" | "admin1", code: string) => {
    const row = { source: "A", figure: "5", location: "Hama", date: "2016-09-01", admin1: "Hama governorate", [where]: cell };
    const path = csvOf([[row.source, row.figure, row.location, row.date, row.admin1].map((v) => `"${v.replace(/"/g, '""')}"`).join(",")]);
    const run = await cli([path]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain(`${path}:2: column "${where}": expected`);
    expect(run.stderr).toContain(`[${code}]`);
    // Messages quote a cell cut short, never whole.
    expect(run.stderr.length).toBeLessThan(2_000);
  };

  it.each<[string, string]>([
    ["a figure of 5,000 repeated words", "a " + "a ".repeat(5_000)],
    ['"at least " 10,000 times, then 5', "at least ".repeat(10_000) + "5"],
    ['"one hundred and " 2,000 times', "one hundred and ".repeat(2_000) + "one"],
    ["1,500 Arabic number words", "عشرة ".repeat(1_500)],
    ["a million digits", "9".repeat(1_000_000)],
  ])("%s is CLAIM_TOO_LONG (a figure over 200 characters)", async (_what, figure) => expectRefused(figure, "figure", "CLAIM_TOO_LONG"), 5_000);

  it.each<[string, string, "location" | "admin1"]>([
    ["a 100 KB run of ( as a place", "(".repeat(100_000), "location"],
    ["an 8 MB place name", "x".repeat(8 * 1024 * 1024), "location"],
    ["an 8 MB admin1", "y".repeat(8 * 1024 * 1024), "admin1"],
  ])("%s is CLAIM_TOO_LONG (over 1,000 characters)", async (_what, cell, where) => expectRefused(cell, where, "CLAIM_TOO_LONG"), 5_000);

  it.each(["---", "???", "🔥🔥", "…", " - "])("a place name with no letter or digit (%j) is CLAIM_INVALID_PLACE, not one shared empty place", async (name) => {
    await expectRefused(name, "location", "CLAIM_INVALID_PLACE");
  });

  it("a date range over 100 years is CLAIM_INVALID_DATE; one of 100 years is read", async () => {
    const wide = await cli([csvOf(["A,5,Hama,0001-01-01/2016-09-01,"])]);
    expect(wide.exit).toBe(2);
    expect(wide.stderr).toContain('column "date": expected a date range of at most 100 years, got "0001-01-01/2016-09-01" [CLAIM_INVALID_DATE]');
    const century = await cli([csvOf(["A,5,Hama,1917-01-01/2016-12-31,"]), "--format", "json"]);
    expect(century.exit).toBe(0);
  });

  it("a place name of 1,000 characters and a figure of 200 are read", async () => {
    const name = "Kafr Nabl ".repeat(100).slice(0, 1_000);
    const figure = `${"about ".repeat(33)}25`.slice(-200);
    const run = await cli([csvOf([`A,${figure},${name},2016-09-01,`]), "--format", "json", "--rejects", join(tmp(), "r.csv")]);
    expect(run.exit).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary.claims + report.summary.rejected).toBe(1);
    expect(run.stderr).not.toContain("CLAIM_TOO_LONG");
  });
});

describe("hardening: big groups stay near-linear (each case within 5 s)", () => {
  const write = (rows: string[], header = "id,source,figure,location,date,url") => {
    const path = join(tmp(), "big.csv");
    writeFileSync(path, `${header}\n${rows.join("\n")}\n`);
    return path;
  };
  const groupOf = async (path: string, ...flags: string[]) => {
    const run = await cli([path, "--format", "json", ...flags]);
    expect(run.exit, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report & { groups: Array<{ tie?: boolean; notes?: Array<{ kind: string; text: string }>; findings: Array<{ kind: string; relation: string }> }> };
    expect(report.groups).toHaveLength(1);
    return report.groups[0]!;
  };

  it("20,000 claims of one place and day, all \"at least N\" from different sources: compatible, the pairs counted", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `c${i},Source ${i},at least ${1 + ((i * 7919) % 5000)},Hama,2016-09-01,https://example.org/${i}`);
    const g = await groupOf(write(rows));
    expect(g.status).toBe("compatible");
    expect(g.consensus).toEqual([{ outcome: "killed", victims: "all", low: 5000, high: null }]);
    expect(g.claims.filter((c) => c["outlier"] === true)).toHaveLength(0);
    // 5,000 counts, each stated by four sources: 5,000 × 6 agreeing pairs.
    expect(g.notes?.find((n) => n.kind === "findings-listed")?.text).toBe("1,000 findings listed of 199,990,000 pairs of statements: 0 conflict, 199,960,000 compatible, 30,000 agree");
  }, 5_000);

  it("2,000 mutually conflicting exact counts: a tie, no outlier named, the same whatever the row order", async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `c${i},Source ${i},${i * 10 + 1},Hama,2016-09-01,`);
    const forward = await groupOf(write(rows));
    const backward = await groupOf(write([...rows].reverse()));
    for (const g of [forward, backward]) {
      expect(g.status).toBe("conflict");
      expect(g.tie).toBe(true);
      expect(g.consensus).toEqual([]);
      expect(g.claims.filter((c) => c["outlier"] === true)).toHaveLength(0);
    }
  }, 5_000);

  it("20,000 claims at one place and day, each with its own event label: 20,000 groups, no label meets another", async () => {
    const path = join(tmp(), "labels.csv");
    const rows = Array.from({ length: 20_000 }, (_, i) => `c${i},S${i},${i},Hama,2016-09-01,event ${i}`);
    // One unlabelled claim: it may join one labelled group, never two.
    writeFileSync(path, `id,source,figure,location,date,event\n${rows.join("\n")}\nfree,Free,7,Hama,2016-09-01,\n`);
    const run = await cli([path, "--format", "ndjson"]);
    expect(run.exit, run.stderr).toBe(0);
    const groups = run.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { claims: Array<{ id: string }> });
    expect(groups).toHaveLength(20_000);
    expect(groups.filter((g) => g.claims.length === 2)).toHaveLength(1);
  }, 5_000);

  it("30,000 distinct names of one two-letter skeleton are joined by key, never pair by pair", async () => {
    const path = join(tmp(), "names.csv");
    const vowels = "aeiou";
    const names = new Set<string>();
    for (let n = 0; names.size < 30_000; n++) {
      let name = "B";
      for (let k = n; k > 0 || name.length < 2; k = Math.floor(k / 5)) name += vowels[k % 5];
      names.add(`${name}d${vowels[n % 5]}`);
    }
    writeFileSync(path, `id,source,figure,location,date\n${[...names].map((name, i) => `n${i},S${i % 7},${i % 50},${name},2016-09-01`).join("\n")}\n`);
    const run = await cli([path, "--format", "ndjson"]);
    expect(run.exit, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split("\n").length).toBeGreaterThan(1_000);
  }, 5_000);

  // A seeded generator, so that each case is the same on every run.
  const seeded = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const roles = (g: Awaited<ReturnType<typeof groupOf>>) => ({
    status: g.status,
    tie: g.tie,
    consensus: g.consensus,
    outliers: g.claims.filter((c) => c["outlier"] === true).map((c) => c.id).sort(),
    notes: g.notes?.map((n) => n.text),
  });

  it("5,000 claims of a long event, 14 sources each with a run of counts 1–100: a conflict counted in 5 s, no outlier guessed", async () => {
    const random = seeded(5);
    const rows = Array.from({ length: 5_000 }, (_, i) => `a${i},S${Math.floor(random() * 14)},${1 + Math.floor(random() * 100)},Hama,2016-09-01,https://example.org/${i}`);
    const forward = await groupOf(write(rows));
    expect(forward.status).toBe("conflict");
    expect(forward.tie).toBe(true);
    expect(forward.consensus).toEqual([]);
    expect(forward.claims.filter((c) => c["outlier"] === true)).toHaveLength(0);
    expect(forward.notes?.map((n) => n.kind)).toContain("outliers-not-named");
    expect(forward.findings).toHaveLength(1_000);
    expect(roles(await groupOf(write([...rows].reverse())))).toEqual(roles(forward));
  }, 5_000);

  it("10,000 sources each stating killed and injured (20,000 claims): every pair counted per measure in 5 s, in either order", async () => {
    const random = seeded(7);
    const rows = Array.from({ length: 10_000 }, (_, i) => [`k${i},Src${i},${1 + Math.floor(random() * 3000)},killed,Hama,2016-09-01`, `j${i},Src${i},${1 + Math.floor(random() * 3000)},injured,Hama,2016-09-01`]).flat();
    const header = "id,source,figure,outcome,location,date";
    const forward = await groupOf(write(rows, header));
    expect(forward.status).toBe("conflict");
    // Two measures of 10,000 sources each: 2 × 10,000 × 9,999 / 2 pairs; killed and injured are not compared.
    const listed = forward.notes?.find((n) => n.kind === "findings-listed")?.text;
    expect(listed).toMatch(/^1,000 findings listed of 99,990,000 pairs of statements: /);
    expect(roles(await groupOf(write([...rows].reverse(), header)))).toEqual(roles(forward));
  }, 5_000);

  it("4,000 sources each stating all victims and children: parts against wholes counted, less each source's own", async () => {
    const wholes = Array.from({ length: 4_000 }, (_, i) => 100 + (i % 50));
    const parts = Array.from({ length: 4_000 }, (_, i) => i % 200);
    const rows = wholes.map((w, i) => [`w${i},Src${i},${w},all,Hama,2016-09-01`, `p${i},Src${i},${parts[i]},children,Hama,2016-09-01`]).flat();
    const g = await groupOf(write(rows, "id,source,figure,victims,location,date"));
    // Every pair of claims of different sources, by brute force: one measure alike or not, a part above its whole or not.
    const expected = { agree: 0, compatible: 0, conflict: 0 };
    for (let i = 0; i < 4_000; i++)
      for (let j = 0; j < 4_000; j++) {
        if (i === j) continue;
        if (i < j) for (const list of [wholes, parts]) list[i] === list[j] ? expected.agree++ : expected.conflict++;
        parts[i]! > wholes[j]! ? expected.conflict++ : expected.compatible++;
      }
    expect(g.notes?.find((n) => n.kind === "findings-listed")).toMatchObject(expected);
    expect(g.status).toBe("conflict");
  }, 5_000);

  it("6,000 conflicting counts under --tolerance 5%: counted, not compared pair by pair (it ran out of memory), the same in either order", async () => {
    const random = seeded(9);
    const rows = Array.from({ length: 6_000 }, (_, i) => `a${i},S${i},${1 + Math.floor(random() * 100)},Hama,2016-09-01,`);
    const forward = await groupOf(write(rows), "--tolerance", "5%");
    expect(forward.status).toBe("conflict");
    // The largest set within 5% of each other: the counts 95–100.
    const kept = new Set(forward.claims.filter((c) => c["outlier"] !== true).map((c) => c.figure));
    expect([...kept].sort()).toEqual(["100", "95", "96", "97", "98", "99"]);
    expect(roles(await groupOf(write([...rows].reverse()), "--tolerance", "5%"))).toEqual(roles(forward));
  }, 5_000);

  it("twelve mutually exclusive counts: a tie of twelve, not eleven outliers and the last row's count", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `c${i},Source ${i},${(i + 1) * 10},Hama,2016-09-01,`);
    for (const order of [rows, [...rows].reverse()]) {
      const g = await groupOf(write(order));
      expect(g.tie).toBe(true);
      expect(g.consensus).toEqual([]);
      expect(g.claims.filter((c) => c["outlier"] === true)).toHaveLength(0);
    }
  });

  it("a majority among 2,000 conflicting counts is named: the rest are outliers, in either order", async () => {
    const rows = [...Array.from({ length: 5 }, (_, i) => `m${i},Monitor ${i},120,Hama,2016-09-01,`), ...Array.from({ length: 1_995 }, (_, i) => `c${i},Source ${i},${i * 10 + 1000},Hama,2016-09-01,`)];
    for (const order of [rows, [...rows].reverse()]) {
      const g = await groupOf(write(order));
      expect(g.consensus).toEqual([{ outcome: "killed", victims: "all", low: 120, high: 120 }]);
      expect(g.claims.filter((c) => c["outlier"] === true)).toHaveLength(1_995);
    }
  }, 5_000);
});

describe("hardening: endless or binary streams are refused early", () => {
  it.runIf(existsSync("/dev/zero"))("/dev/zero as an input, or on stdin, is FILE_BINARY at once, not read until memory runs out", async () => {
    expectInputError(await cli(["/dev/zero"]), ["/dev/zero:1: a NUL byte: this looks like a binary file, not claims [FILE_BINARY]"]);
    // Standard input through the real binary's reader (readUntilBinary): a process, since it is the process's stdin.
    const piped = spawnSync("sh", ["-c", `"${process.execPath}" "${join(ROOT, "bin", "reconcile.js")}" - < /dev/zero`], { encoding: "utf8", timeout: 10_000 });
    expect(piped.status).toBe(2);
    expect(piped.stderr).toContain("stdin:1: a NUL byte: this looks like a binary file, not claims [FILE_BINARY]");
  }, 10_000);

  it.runIf(existsSync("/dev/zero"))("/dev/zero as --config, --lexicon, --places or --sources is refused after 8 MB, with the option's code", async () => {
    for (const [flag, code] of [["--config", "CONFIG_INVALID"], ["--lexicon", "LEXICON_INVALID"], ["--places", "PLACES_INVALID"], ["--sources", "SOURCES_INVALID"]] as const) {
      const run = await cli(flag === "--config" ? [flag, "/dev/zero"] : [SEED, flag, "/dev/zero"]);
      expect(run.exit, flag).toBe(2);
      expect(run.stderr).toContain("is larger than 8 MB, more than an option file holds");
      expect(run.stderr).toContain(`[${code}]`);
    }
  });
});

describe("hardening: messages are one line each", () => {
  it("a header cell holding a newline or an escape sequence cannot forge a located line or colour the terminal", async () => {
    const path = join(tmp(), "forged.csv");
    writeFileSync(path, 'source,"figure\nevil.csv:9: column ""x"": forged [CLAIM_INVALID_DATE]",location,date\nA,10,Hama,2016-09-01\n');
    const run = await cli([path]);
    expect(run.exit).toBe(2);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    // The newline is written as an escape (\\n from JSON quoting, or \\u000a), never as a line end.
    expect(lines[0]).toMatch(/\\n|\\u000a/);
    expect(lines.some((l) => l.startsWith("evil.csv"))).toBe(false);
    const esc = join(tmp(), "esc.csv");
    writeFileSync(esc, "source,figure,location,date\nA,\u001b[31mten,Hama,2016-09-01\n");
    const coloured = await cli([esc]);
    expect(coloured.stderr).not.toContain("\u001b");
    expect(coloured.stderr).toContain("\\u001b[31mten");
  });
});

describe("hardening: __proto__ in a config is data or a located error", () => {
  it("a map naming __proto__ is CONFIG_INVALID; a sameSource entry keyed __proto__ is kept", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "claims.csv"), "source,figure,location,date\n__proto__,10,Hama,2016-09-01\nSANA,20,Hama,2016-09-01\n");
    writeFileSync(join(dir, "map.json"), JSON.stringify({ inputs: [{ path: "claims.csv", map: { ["__proto__"]: "x" } }] }).replace('"map":{}', '"map":{"__proto__":"x"}'));
    const mapped = await cli(["--config", join(dir, "map.json")]);
    expect(mapped.exit).toBe(2);
    expect(mapped.stderr).toBe(`reconcile: ${join(dir, "map.json")}: inputs[0].map: "__proto__" is not a field of a claim [CONFIG_INVALID]\n`);
    writeFileSync(join(dir, "same.json"), '{"inputs": [{"path": "claims.csv"}], "sameSource": {"__proto__": "SANA"}}');
    const same = await cli(["--config", join(dir, "same.json"), "--format", "json"]);
    expect(same.exit, same.stderr).toBe(0);
    const g = (JSON.parse(same.stdout) as { groups: Array<{ status: string; notes?: Array<{ text: string }> }> }).groups[0]!;
    expect(g.status).toBe("single");
    expect(g.notes?.map((n) => n.text)).toEqual(["counted as one source: __proto__ as SANA"]);
  });
});

describe("hardening: broken JSON is located even where Node gives no position", () => {
  it.each([
    ["a trailing comma", '[\n{"source":"A","figure":"1","location":"Hama","date":"2016-09-01"},\n]\n', 3],
    ["a bare word", '[\n{"source":"A","figure":"1","location":"Hama","date":"2016-09-01"},\nfoo\n]\n', 3],
    ["a missing comma", '[\n{"source":"A",\n"figure":"1" "location":"Hama","date":"2016-09-01"}\n]\n', 3],
  ])("%s: JSON_MALFORMED at its line", async (_what, text, line) => {
    const path = join(tmp(), "broken.json");
    writeFileSync(path, text);
    const run = await cli([path]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${path.replace(/[.*+?^\${}()|[\]\\]/g, "\\$&")}:${line}: not valid JSON .*\\[JSON_MALFORMED\\]\n`));
  });
});

describe("hardening: option files load in linear time", () => {
  it("a --sources table of 3,000 rows forming one chain: 30 claims along it are one source, within 5 s", async () => {
    const dir = tmp();
    const table = join(dir, "sources.csv");
    writeFileSync(table, `source,same_as\n${Array.from({ length: 3_000 }, (_, i) => `S${i},S${i + 1}`).join("\n")}\n`);
    const claims = join(dir, "claims.csv");
    writeFileSync(claims, `source,figure,location,date\n${Array.from({ length: 30 }, (_, i) => `S${i * 100},${i},Hama,2016-09-01`).join("\n")}\n`);
    const run = await cli([claims, "--sources", table, "--format", "json"]);
    expect(run.exit, run.stderr).toBe(0);
    // One voice: its 30 different counts are not compared with each other.
    expect((JSON.parse(run.stdout) as Report).groups[0]!.status).toBe("single");
  }, 5_000);

  it("a lexicon of 20,000 entries loads and reads figures within 5 s (it took 10 s)", async () => {
    const word = (i: number): string => (i < 26 ? String.fromCharCode(97 + i) : word(Math.floor(i / 26) - 1) + String.fromCharCode(97 + (i % 26)));
    const entries = Array.from({ length: 20_000 }, (_, i) => ({ phrase: `word ${word(i)}`, low: i, high: i + 10, why: "generated" }));
    const dir = tmp();
    const lexicon = join(dir, "big.json");
    writeFileSync(lexicon, JSON.stringify({ name: "big", extends: "default", entries }));
    const claims = join(dir, "claims.csv");
    writeFileSync(claims, "source,figure,location,date\nA,word abc,Hama,2016-09-01\nB,tens,Hama,2016-09-01\n");
    const run = await cli([claims, "--lexicon", lexicon, "--format", "json"]);
    expect(run.exit, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.groups[0]!.claims.map((c) => [c["figure"], c["low"]])).toEqual([
      ["word abc", 730],
      ["tens", 20],
    ]);
  }, 5_000);
});

describe("hardening: NDJSON line ends", () => {
  it("lone-CR NDJSON is read line by line, as CRLF and LF are, each claim at its line", async () => {
    const lines = ['{"source":"A","figure":"1","location":"Hama","date":"2016-09-01"}', '{"source":"B","figure":"2","location":"Hama","date":"2016-09-01"}'];
    for (const eol of ["\r", "\r\n", "\n"]) {
      const path = join(tmp(), "claims.ndjson");
      writeFileSync(path, lines.join(eol) + eol);
      const run = await cli([path, "--format", "json"]);
      expect(run.exit, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.groups[0]!.claims.map((c) => c.line)).toEqual([1, 2]);
    }
  });
});

describe("hardening: a full disk", () => {
  it.runIf(existsSync("/dev/full"))("a report to a full stdout (> /dev/full) is OUTPUT_UNWRITABLE, exit 2, no trace", () => {
    const run = spawnSync("sh", ["-c", `"${process.execPath}" "${join(ROOT, "bin", "reconcile.js")}" "${SEED}" > /dev/full`], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("reconcile: cannot write the report to standard output: no space left on the device [OUTPUT_UNWRITABLE]\n");
  });

  it.runIf(existsSync("/dev/full"))("-o /dev/full with --rejects: OUTPUT_UNWRITABLE, and no rejects file left behind", async () => {
    const dir = tmp();
    const rejects = join(dir, "rejects.csv");
    const run = await cli(["fixtures/bad/bad-rows.csv", "--rejects", rejects, "-o", "/dev/full"]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain("[OUTPUT_UNWRITABLE]");
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("--quiet", () => {
  it("prints nothing on stderr for a run that writes its report and rejects; errors still print", async () => {
    const dir = tmp();
    const run = await cli(["fixtures/bad/bad-rows.csv", "--rejects", join(dir, "r.csv"), "-o", join(dir, "out.csv"), "--quiet"]);
    expect(run).toEqual({ stdout: "", stderr: "", exit: 0 });
    const loud = await cli(["fixtures/bad/bad-rows.csv", "--rejects", join(dir, "r.csv"), "-o", join(dir, "out.csv")]);
    expect(loud.stderr).toContain("4 rows rejected");
    const bad = await cli(["fixtures/bad/bad-rows.csv", "--quiet"]);
    expect(bad.exit).toBe(2);
    expect(bad.stderr).toContain("[CLAIM_INVALID_DATE]");
  });
});

describe("hardening: JSON cells are data or a located error", () => {
  const json = (text: string, ext = "json") => {
    const path = join(tmp(), `claims.${ext}`);
    writeFileSync(path, text);
    return path;
  };
  it("keys that differ only in case or spacing are CLAIM_DUPLICATE_KEY, in JSON and NDJSON, not one value dropped", async () => {
    const a = json('[{"source":"A","figure":"10","FIGURE":"20","location":"Hama","date":"2016-09-01"}]');
    expectInputError(await cli([a]), [`${a}:1: column "FIGURE": the claim has both "figure" and "FIGURE": rename one so neither value is lost [CLAIM_DUPLICATE_KEY]`], 0);
    const b = json('{"source":"A","Location":"Idlib","location":"Hama","figure":"1","date":"2016-09-01"}\n', "ndjson");
    expectInputError(await cli([b]), [`${b}:1: column "location": the claim has both "Location" and "location": rename one so neither value is lost [CLAIM_DUPLICATE_KEY]`], 0);
  });
  it("a carried field nested 100,000 deep is CLAIM_INVALID_CELL (it overflowed the stack); 100 deep is carried", async () => {
    const deep = json(`[{"source":"A","figure":"1","location":"Hama","date":"2016-09-01","deep":${"[".repeat(100_000)}${"]".repeat(100_000)}}]`);
    expectInputError(await cli([deep]), [`${deep}:1: column "deep": expected a value nested at most 100 deep, got one nested deeper [CLAIM_INVALID_CELL]`], 0);
    const ok = json(`[{"source":"A","figure":"1","location":"Hama","date":"2016-09-01","deep":${"[".repeat(100)}${"]".repeat(100)}}]`);
    expect((await cli([ok])).exit).toBe(0);
  });

  it("a NUL or a lone surrogate in a string is CLAIM_INVALID_CELL, never written raw or as U+FFFD", async () => {
    const path = json('[{"source":"A","figure":"10","location":"Ha\\u0000ma","date":"2016-09-01"},\n{"source":"B","figure":"12","location":"Ha\\ud800ma","date":"2016-09-01"}]');
    expectInputError(await cli([path]), [
      `${path}:1: column "location": expected text, got a NUL character (\\u0000) in the string [CLAIM_INVALID_CELL]`,
      `${path}:2: column "location": expected text, got a lone surrogate (half of a UTF-16 pair) in the string [CLAIM_INVALID_CELL]`,
    ], 0);
    // A surrogate pair (an emoji written as two escapes) is text.
    const ok = json('[{"source":"A","figure":"10","location":"Hama \\ud83d\\udd25","date":"2016-09-01"}]');
    expect((await cli([ok])).exit).toBe(0);
  });
});

describe("hardening: outputs never destroy what the user gave", () => {
  const seedCopy = () => {
    const dir = tmp();
    const input = join(dir, "claims.csv");
    writeFileSync(input, readFileSync(SEED));
    return { dir, input, before: readFileSync(input, "utf8") };
  };
  const expectUsage = (run: CliRun, code: string) => {
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^reconcile: .*\\[${code}\\]\n$`));
  };

  it("--rejects naming an input is OUTPUT_IS_INPUT, and the input is untouched", async () => {
    const { input, before } = seedCopy();
    expectUsage(await cli([input, "--rejects", input]), "OUTPUT_IS_INPUT");
    expect(readFileSync(input, "utf8")).toBe(before);
  });

  it("-o through a hard link or a symlink to an input is OUTPUT_IS_INPUT", async () => {
    const { dir, input, before } = seedCopy();
    const hard = join(dir, "hard.csv");
    const soft = join(dir, "soft.csv");
    spawnSync("ln", [input, hard]);
    symlinkSync(input, soft);
    for (const out of [hard, soft]) {
      const run = await cli([input, "-o", out]);
      expectUsage(run, "OUTPUT_IS_INPUT");
      expect(run.stderr).toContain(`the same file as ${input}`);
    }
    expect(readFileSync(input, "utf8")).toBe(before);
  });

  it("-o and --rejects naming one file is OUTPUT_COLLISION; a config's own file is never an output", async () => {
    const { dir, input } = seedCopy();
    expectUsage(await cli([input, "-o", join(dir, "x.csv"), "--rejects", join(dir, ".", "x.csv")]), "OUTPUT_COLLISION");
    expect(existsSync(join(dir, "x.csv"))).toBe(false);
    const config = join(dir, "reconcile.json");
    writeFileSync(config, JSON.stringify({ inputs: [{ path: "claims.csv" }], output: "reconcile.json" }));
    const text = readFileSync(config, "utf8");
    expectUsage(await cli(["--config", config, "-o", config]), "OUTPUT_IS_INPUT");
    expect(readFileSync(config, "utf8")).toBe(text);
  });

  it("-o over a file keeps its mode, and over a hard-linked file writes through every link", async () => {
    const dir = tmp();
    const report = join(dir, "report.csv");
    expect((await cli([SEED, "-o", report])).exit).toBe(0);
    chmodSync(report, 0o600);
    expect((await cli([SEED, "-o", report, "--format", "json"])).exit).toBe(0);
    expect(statSync(report).mode & 0o777).toBe(0o600);
    const link = join(dir, "latest.csv");
    spawnSync("ln", [report, link]);
    expect((await cli([SEED, "-o", report, "--format", "csv"])).exit).toBe(0);
    expect(statSync(report).ino).toBe(statSync(link).ino);
    expect(statSync(report).nlink).toBe(2);
    expect(statSync(report).mode & 0o777).toBe(0o600);
    expect(readFileSync(link, "utf8").startsWith("group,status,")).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["latest.csv", "report.csv"]);
  });

  it("-o - is standard output; an extension the tool does not write is OUTPUT_FORMAT_UNKNOWN", async () => {
    const dash = await cli([SEED, "-o", "-"]);
    expect(dash.exit).toBe(0);
    expect(dash.stdout.startsWith("group,status,")).toBe(true);
    expect(existsSync(join(ROOT, "-"))).toBe(false);
    const dir = tmp();
    for (const ext of [".xlsx", ".tsv"]) {
      const run = await cli([SEED, "-o", join(dir, `report${ext}`)]);
      expectUsage(run, "OUTPUT_FORMAT_UNKNOWN");
      expect(existsSync(join(dir, `report${ext}`))).toBe(false);
    }
    expect((await cli([SEED, "-o", join(dir, "report.xlsx"), "--format", "csv"])).exit).toBe(0);
  });
});

describe("hardening: counts too large to hold", () => {
  // Regression: 400 digits read as Infinity (JSON low: null, yet compared, and a "conflict");
  // the HTML report and the terminal's range bars then looped over axis ticks until V8 aborted
  // (exit 133, no report); 21 digits were read silently as 1e+21.
  it("a figure or a number column past 2^53 is a located input error; with --rejects every format is written", async () => {
    const dir = tmp();
    const path = join(dir, "huge.csv");
    const digits = "9".repeat(400);
    writeFileSync(path, `source,figure,location,date\nA,${digits},Raqqa,2017-06-01\nB,at least 999999999999999999999,Raqqa,2017-06-01\nC,5,Raqqa,2017-06-01\nD,1000000000000000,Raqqa,2017-06-01\n`);
    const limit = "a count this large cannot be read exactly: at most 9,007,199,254,740,991";
    const run = await cli([path]);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${path}:2: column "figure": expected`);
    expect(run.stderr).toContain(`${path}:3: column "figure": expected`);
    expect(run.stderr).toContain(limit);
    expect(run.stderr).toContain(tail(2, 0));
    for (const format of ["html", "table", "markdown", "json"]) {
      const out = await cli([path, "--rejects", join(dir, "r.csv"), "--format", format]);
      expect(out.exit, `${format}: ${out.stderr}`).toBe(0);
      expect(out.stdout).not.toMatch(/NaN|Infinity|undefined/);
    }
    const report = JSON.parse((await cli([path, "--rejects", join(dir, "r.csv"), "--format", "json"])).stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 4, claims: 2, rejected: 2 });
    // 10^15 is exact, and kept.
    expect(report.groups[0]!.claims.map((c) => [c["source"], c["low"]])).toEqual([["C", 5], ["D", 1e15]]);
    // The numeric columns of a dataset preset too.
    const ged = join(dir, "ged.csv");
    writeFileSync(ged, `id,best,low,high,date_start,date_end,adm_1,where_description,country\n1,5,5,${"9".repeat(30)},2020-01-01,2020-01-01,Aleppo,Aleppo city,Syria\n`);
    expectInputError(await cli(["--preset", "ucdp-ged", ged]), [`${ged}:2: column "high": expected a whole number of at most 9,007,199,254,740,991, got "${"9".repeat(30)}" [CLAIM_INVALID_NUMBER]`], 0);
  });
});

describe("hardening: JSON and NDJSON", () => {
  it.each([
    ["not-claims-object.json", 'an object with keys "hello"'],
    ["not-claims-number.json", "the number 42"],
    ["not-claims-string.json", 'the string "x"'],
  ])("JSON that is not claims (%s) is JSON_NOT_CLAIMS", async (name, got) => {
    expectInputError(await cli([F(name)]), [`fixtures/hardening/${name}: expected an array of claim objects or {"claims": [...]}, got ${got} [JSON_NOT_CLAIMS]`]);
  });

  it('"__proto__" and "constructor" keys are read as data: the CLI carries them in extra', async () => {
    const report = await jsonReport([F("proto.json")]);
    expect(report.summary).toMatchObject({ rows: 1, claims: 1, rejected: 0, groups: 1 });
    const claim = report.groups[0]!.claims[0]!;
    expect(claim).toMatchObject({ id: "p1", source: "SOHR", figure: "25", low: 25, high: 25, line: 2 });
    // JSON.parse makes "__proto__" an own key of the parsed output: it is there as data.
    expect(Object.keys(claim.extra!)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(claim.extra, "__proto__")?.value).toBe('{"polluted":true}');
    expect(claim.extra!["constructor"]).toBe("x");
    const csv = await cli([F("proto.json")]);
    expect(csv.exit).toBe(0);
    const rows = parse(csv.stdout, { columns: false }) as string[][];
    expect(rows[0]!.slice(-2)).toEqual(["__proto__", "constructor"]);
    expect(rows[1]!.slice(-2)).toEqual(['{"polluted":true}', "x"]);
    // A fresh process that ran the reader on the same file has a clean Object.prototype.
    const probe = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { reconcile } from "./dist/index.js";
         const r = await reconcile({ inputs: [{ source: { path: "${F("proto.json")}" } }] });
         process.stdout.write(JSON.stringify({ claims: r.summary.claims, polluted: ({}).polluted ?? null, own: Object.prototype.hasOwnProperty("polluted") }));`,
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(probe.stderr).toBe("");
    expect(JSON.parse(probe.stdout)).toEqual({ claims: 1, polluted: null, own: false });
  });

  it('"__proto__" and "constructor" keys, in-process: Object.prototype is untouched (JSON and CSV)', async () => {
    const result = await reconcile({ inputs: [{ source: { path: join(ROOT, F("proto.json")) } }] });
    const csvResult = await reconcile({
      inputs: [{ source: { name: "proto.csv", bytes: Buffer.from('id,source,figure,location,date,__proto__,constructor\np1,SOHR,25,Hama,2016-09-01,"{""polluted"":true}",x\n') } }],
    });
    for (const r of [result, csvResult]) {
      expect(r.summary).toMatchObject({ rows: 1, claims: 1, rejected: 0 });
      const claim = r.groups[0]!.claims[0]!;
      expect(Object.keys(claim.extra).sort()).toEqual(["__proto__", "constructor"]);
      expect(Object.getOwnPropertyDescriptor(claim.extra, "constructor")?.value).toBe("x");
      expect(Object.getOwnPropertyDescriptor(claim.extra, "__proto__")?.value).toBe('{"polluted":true}');
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect("polluted" in Object.prototype).toBe(false);
  });

  // Fixed (prototype names as cell values): the word tables are plain objects read as TABLE[word], so a
  // cell that is an Object.prototype name finds the prototype's member instead of nothing:
  // - location "constructor": place-name.ts `ADMIN[w] ?? TOPONYM_WORDS[w] ?? w` gives the Object function,
  //   then `word.replace is not a function` (exit 70, internal error with a stack trace);
  // - outcome "__proto__"/"constructor": measures.ts `OUTCOME_WORDS[...]` gives Object.prototype / Object,
  //   the row is accepted, JSON shows "outcome": {} (or drops it), the table crashes (exit 70) and the CSV
  //   crashes in spreadsheetSafe with an unhandled 'error' event (exit 1, the --fail-on code, plus a trace);
  // - victims "__proto__"/"constructor": measures.ts `VICTIM_WORDS[key] ?? key`, the same (CSV: exit 1);
  // - scope "__proto__"/"constructor": build.ts `SCOPES[...]` accepts them silently (no CLAIM_INVALID_SCOPE).
  it('a place named "constructor" is read as a place', async () => {
    const run = await cli([F("proto-location.csv"), "--format", "json"]);
    expect(run.exit).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 2, claims: 2, rejected: 0, groups: 1 });
    expect(report.groups[0]!.claims.map((c) => c.location)).toEqual(["constructor", "Constructor"]);
  });

  it('an outcome of "__proto__" or "constructor" is CLAIM_INVALID_OUTCOME', async () => {
    const expected =
      'expected "killed", "injured" or "killed or injured" (also dead, deaths, fatalities, wounded, hurt, maimed, casualties, killed or maimed; morts, tués, blessés; قتلى, جرحى, مصابين)';
    expectInputError(await cli([F("proto-outcome.csv")]), [
      `fixtures/hardening/proto-outcome.csv:2: column "outcome": ${expected}, got "__proto__" [CLAIM_INVALID_OUTCOME]`,
      `fixtures/hardening/proto-outcome.csv:3: column "outcome": ${expected}, got "constructor" [CLAIM_INVALID_OUTCOME]`,
    ], 0);
  });

  it('victims "__proto__" and "constructor" are categories of their own', async () => {
    const run = await cli([F("proto-victims.csv")]);
    expect(run.stderr).toBe("");
    expect(run.exit).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r["id"], r["victims"]])).toEqual([
      ["v1", "__proto__"],
      ["v2", "constructor"],
    ]);
  });

  it('a scope of "__proto__" or "constructor" is CLAIM_INVALID_SCOPE', async () => {
    expectInputError(await cli([F("proto-scope.csv")]), [
      'fixtures/hardening/proto-scope.csv:2: column "scope": expected "event" or "total", got "__proto__" [CLAIM_INVALID_SCOPE]',
      'fixtures/hardening/proto-scope.csv:3: column "scope": expected "event" or "total", got "constructor" [CLAIM_INVALID_SCOPE]',
    ], 0);
  });

  it("NDJSON with a broken line is NDJSON_MALFORMED_LINE at that line; with --rejects the others are reconciled", async () => {
    expectInputError(await cli([F("broken.ndjson")]), [
      "fixtures/hardening/broken.ndjson:2: not valid JSON (Unexpected end of JSON input) [NDJSON_MALFORMED_LINE]",
    ], 0);
    const dir = tmp();
    const rejects = join(dir, "r.csv");
    const run = await cli([F("broken.ndjson"), "--rejects", rejects, "--format", "json"]);
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe(`reconcile: 1 row rejected, written to ${rejects}\n`);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 3, claims: 2, rejected: 1, groups: 1, statuses: { conflict: 0, compatible: 1, agree: 0, single: 0 } });
    expect(report.groups[0]!.claims.map((c) => [c.id, c.line])).toEqual([
      ["a", 1],
      ["c", 3],
    ]);
    const rows = parse(readFileSync(rejects), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      {
        _raw: '{"id":"b","source":"SANA","figure":',
        file: "fixtures/hardening/broken.ndjson",
        line: "2",
        code: "NDJSON_MALFORMED_LINE",
        message: "not valid JSON (Unexpected end of JSON input)",
      },
    ]);
  });
});

describe("hardening: files and outputs", () => {
  it("a directory as an argument is FILE_UNREADABLE", async () => {
    expectInputError(await cli(["fixtures/hardening"]), ["fixtures/hardening: is a directory, expected a claims file [FILE_UNREADABLE]"]);
  });

  it("a missing file is FILE_NOT_FOUND", async () => {
    expectInputError(await cli([F("does-not-exist.csv")]), ["fixtures/hardening/does-not-exist.csv: no such file [FILE_NOT_FOUND]"]);
  });

  it.skipIf(isRoot)(
    isRoot
      ? "unreadable permissions (chmod 000) → FILE_UNREADABLE: SKIPPED, running as root (root reads any file)"
      : "unreadable permissions (chmod 000) → FILE_UNREADABLE",
    async () => {
      const dir = tmp();
      const path = join(dir, "locked.csv");
      writeFileSync(path, readFileSync(join(ROOT, SEED)));
      chmodSync(path, 0o000);
      try {
        expectInputError(await cli([path]), [`${path}: permission denied [FILE_UNREADABLE]`]);
      } finally {
        chmodSync(path, 0o600);
      }
    },
  );

  it("-o into a missing directory is OUTPUT_UNWRITABLE and leaves no file", async () => {
    const dir = tmp();
    const out = join(dir, "missing", "report.csv");
    const run = await cli([SEED, "-o", out]);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`reconcile: cannot write ${out}: its folder does not exist [OUTPUT_UNWRITABLE]\n`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  // Regression: two blank header cells (a spreadsheet's trailing commas) refused the whole file as CSV_DUPLICATE_COLUMN.
  it("blank header cells are columns named by their place, carried when they hold something", async () => {
    const csv = "source,figure,location,date,,\nA,5,Hama,2016-09-01,,\nB,7,Hama,2016-09-01,,x\n";
    const run = await cli(["-", "--format", "json"], { stdin: csv });
    expect(run.exit, run.stderr).toBe(0);
    const claims = (JSON.parse(run.stdout) as Report).groups.flatMap((g) => g.claims) as Array<{ id: string; extra?: Record<string, string> }>;
    expect(claims.map((c) => c.extra ?? null)).toEqual([null, { "(column 6)": "x" }]);
  });

  // Regression: --map naming a column the file lacks said only that a "location" column was expected.
  it("--map naming a column the file does not have is CLAIM_MISSING_FIELD naming that column, for any field", async () => {
    for (const [map, field] of [
      ["location=nosuch", "location"],
      ["victims=nosuch", "victims"],
    ] as const) {
      const run = await cli([SEED, "--map", map]);
      expect(run.exit).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(`${SEED}:1: column "${field}": expected the column "nosuch" that --map ${map} names, got columns "id", "source"`);
      expect(run.stderr).toContain("[CLAIM_MISSING_FIELD]");
      // One problem, not also "expected a location column".
      expect(run.stderr.match(/CLAIM_MISSING_FIELD/g)).toHaveLength(1);
    }
  });

  // Regression: the rejects file was written before the report, so a report that could not be written left it behind.
  it("--rejects and -o are both checked before either is written: a bad -o leaves no rejects file", async () => {
    const dir = tmp();
    const rejects = join(dir, "r.csv");
    for (const [out, why] of [
      [join(dir, "missing", "report.html"), "its folder does not exist"],
      [join(dir, "r.csv.d", "report.html"), `${join(dir, "r.csv.d")} is not a folder`],
      [dir, "it is a directory"],
    ] as const) {
      if (out.includes("r.csv.d")) writeFileSync(join(dir, "r.csv.d"), "a file, not a folder\n");
      const run = await cli(["fixtures/bad/bad-rows.csv", "--rejects", rejects, "-o", out]);
      expect(run.exit).toBe(2);
      expect(run.stderr).toBe(`reconcile: cannot write ${out}: ${why} [OUTPUT_UNWRITABLE]\n`);
      expect(existsSync(rejects)).toBe(false);
    }
  });

  // Regression: -o and --rejects wrote a temporary file and renamed it over the target, so a target
  // that is not a file was replaced: run as root, "-o /dev/null" or "--rejects /dev/null" put a
  // regular file in place of /dev/null, and a symbolic link to a report became a file of its own.
  // (Tested through links in a temp folder, so that a failure harms nothing outside it.)
  it("-o and --rejects write through to a device or a link, and never replace it", async () => {
    const dir = tmp();
    const devnull = join(dir, "null.html");
    symlinkSync("/dev/null", devnull);
    const rejectsNull = join(dir, "null-rejects.csv");
    symlinkSync("/dev/null", rejectsNull);
    const run = await cli(["fixtures/bad/bad-rows.csv", "-o", devnull, "--rejects", rejectsNull]);
    expect(run.exit, run.stderr).toBe(0);
    expect(lstatSync(devnull).isSymbolicLink()).toBe(true);
    expect(lstatSync(rejectsNull).isSymbolicLink()).toBe(true);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    // A link to a report: the report it points at is rewritten, and the link stays a link.
    const real = join(dir, "real.md");
    writeFileSync(real, "old\n");
    const link = join(dir, "latest.md");
    symlinkSync(real, link);
    expect((await cli([SEED, "-o", link])).exit).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toMatch(/^# Casualty claims reconciled\n/);
    expect(readdirSync(dir).sort()).toEqual(["latest.md", "null-rejects.csv", "null.html", "real.md"]);
  });

  it("output closed early (reconcile BIG.csv | head -1): reconcile exits 0, no EPIPE trace", () => {
    const dir = tmp();
    const big = join(dir, "BIG.csv");
    const lines = ["id,source,figure,location,date,notes"];
    for (let i = 0; i < 50_000; i++) {
      lines.push(`c${i},S${i % 7},${10 + (i % 50)},Town${i % 1000},2016-09-${String(1 + (i % 28)).padStart(2, "0")},note ${i}`);
    }
    writeFileSync(big, `${lines.join("\n")}\n`);
    const err = join(dir, "stderr.txt");
    const script = 'set +o pipefail; node bin/reconcile.js "$1" 2>"$2" | head -1; echo "status=${PIPESTATUS[0]}"';
    const res = spawnSync("bash", ["-c", script, "bash", big, err], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env["PATH"] ?? "", TZ: "UTC" } });
    // One line reached head (the report's header row), then reconcile's own exit status.
    const [first, status, rest] = res.stdout.split("\n");
    expect(first!.startsWith(CSV_HEADER)).toBe(true);
    expect(status).toBe("status=0");
    expect(rest).toBe("");
    expect(readFileSync(err, "utf8")).toBe("");
  });
});

describe("hardening: spreadsheet-safe CSV", () => {
  const SAFE = {
    id: "'=1+2",
    source: `'=HYPERLINK("http://example.com")`,
    notes: "'+notes",
    formula: "'=SUM(A1:A9)",
    at: "'@SUM(A1)",
    tab: "'\tTAB",
    cr: "'\rCR",
    delta: "-5",
    plus: "+3.5",
    text: "'-minus",
    // Apple Numbers reads a fullwidth ＝ as =.
    wide: "'＝SUM(A1:A9)",
  };
  const RAW = {
    id: "=1+2",
    source: `=HYPERLINK("http://example.com")`,
    notes: "+notes",
    formula: "=SUM(A1:A9)",
    at: "@SUM(A1)",
    tab: "\tTAB",
    cr: "\rCR",
    delta: "-5",
    plus: "+3.5",
    text: "-minus",
    wide: "＝SUM(A1:A9)",
  };

  it("cells beginning with = + - @ tab or CR get a leading ' (numbers like -5 stay); --raw-csv leaves them", async () => {
    const safe = await cli([F("spreadsheet.csv")]);
    expect(safe.exit).toBe(0);
    expect(safe.stderr).toBe("");
    const [row] = parse(safe.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(row).toMatchObject(SAFE);
    const raw = await cli([F("spreadsheet.csv"), "--raw-csv"]);
    expect(raw.exit).toBe(0);
    const [rawRow] = parse(raw.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rawRow).toMatchObject(RAW);
  });

  it("the same in the rejects file, and --raw-csv turns it off there too", async () => {
    const dir = tmp();
    for (const raw of [false, true]) {
      const rejects = join(dir, raw ? "raw.csv" : "safe.csv");
      const run = await cli([F("spreadsheet-rejects.csv"), "--rejects", rejects, ...(raw ? ["--raw-csv"] : [])]);
      expect(run.exit).toBe(0);
      expect(run.stderr).toBe(`reconcile: 1 row rejected, written to ${rejects}\n`);
      const rows = parse(readFileSync(rejects), { columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: "bad",
        source: raw ? RAW.source : SAFE.source,
        formula: raw ? "@SUM(A1)" : "'@SUM(A1)",
        delta: "-5",
        text: raw ? "-minus" : "'-minus",
        file: "fixtures/hardening/spreadsheet-rejects.csv",
        line: "3",
        code: "CLAIM_INVALID_DATE",
      });
    }
  });
});

// ---------------------------------------------------------------------------
// Generated dirty files: nothing lost.

const SOURCES = ["SOHR", "SNHR", "Syrian state TV", "Airwars", "Civil Defence"];
const FIGURES = ["17", "25", "at least 25", "tens", "dozens", "between 10 and 15", "3-7", "about 30", "1,200"];
const PLACES = ["Hama", "al-Latamenah", "Idlib", "Homs", "Ma'arrat al-Nu'man"];
const DATES = ["2016-09-01", "2016-09-02", "2016-09", "2016"];

const GOOD_KINDS = ["good", "strayQuote", "multiline"] as const;
const BAD_KINDS = ["badFigure", "badDate", "missingSource", "raggedLong", "raggedShort"] as const;
type Kind = (typeof GOOD_KINDS)[number] | (typeof BAD_KINDS)[number] | "blank";
const CODE: Record<(typeof BAD_KINDS)[number], string> = {
  badFigure: "CLAIM_INVALID_FIGURE",
  badDate: "CLAIM_INVALID_DATE",
  missingSource: "CLAIM_MISSING_FIELD",
  raggedLong: "CSV_RAGGED_ROW",
  raggedShort: "CSV_RAGGED_ROW",
};
const STRAY = ['he said "25" were killed', '5" of rain', 'a "b', 'x""y', '"25" killed', '"a" "b"'];

interface Spec {
  kind: Kind;
  pick: number;
}
interface Expected {
  line: number;
  id: string;
  kind: Exclude<Kind, "blank">;
}

/** A dirty CSV from row specs: each row's kind, and the line it must be reported at. */
function dirtyCsv(specs: readonly Spec[], eol: string, finalEol: boolean): { text: string; expected: Expected[] } {
  const out = ["id,source,figure,location,date,notes"];
  const expected: Expected[] = [];
  let line = 2;
  specs.forEach(({ kind, pick }, k) => {
    if (kind === "blank") {
      out.push("");
      line++;
      return;
    }
    const id = `r${k}`;
    const cells = [id, SOURCES[pick % SOURCES.length]!, FIGURES[pick % FIGURES.length]!, PLACES[pick % PLACES.length]!, DATES[pick % DATES.length]!, "plain"];
    let lines = 1;
    if (kind === "strayQuote") cells[5] = STRAY[pick % STRAY.length]!;
    if (kind === "multiline") {
      cells[5] = `"first${eol}second, ""quoted"""`;
      lines = 2;
    }
    if (kind === "badFigure") cells[2] = "see report";
    if (kind === "badDate") cells[4] = "2016-02-30";
    if (kind === "missingSource") cells[1] = "";
    if (kind === "raggedLong") cells.push("one too many");
    if (kind === "raggedShort") cells.pop();
    // Cells with a comma are quoted as CSV requires ("1,200"); stray quotes are left bare on purpose.
    out.push(cells.map((c) => (c.includes(",") && !c.startsWith('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(","));
    expected.push({ line, id, kind });
    line += lines;
  });
  return { text: out.join(eol) + (finalEol ? eol : ""), expected };
}

const isGood = (kind: Kind): boolean => (GOOD_KINDS as readonly string[]).includes(kind);

/** Every data row is exactly one claim or one rejected row, at its own line, with the right code. */
function expectNothingLost(result: ReconcileResult, expected: readonly Expected[], file: string): void {
  const claims = result.groups.flatMap((g) => g.claims);
  const distinct = new Set(claims.map((c) => `${c.file}:${c.line}`));
  expect(result.summary.rows).toBe(expected.length);
  expect(result.summary.rows).toBe(distinct.size + result.rejected.length);
  expect(result.summary.claims).toBe(claims.length);
  expect(result.summary.rejected).toBe(result.rejected.length);
  const seen = [
    ...claims.map((c) => ({ line: c.line, id: c.id, as: "claim" })),
    ...result.rejected.map((r) => ({ line: r.line, id: String(r.cells[0] ?? ""), as: r.issues[0]!.code })),
  ].sort((a, b) => a.line - b.line);
  expect(seen).toEqual(expected.map((e) => ({ line: e.line, id: e.id, as: isGood(e.kind) ? "claim" : CODE[e.kind as (typeof BAD_KINDS)[number]] })));
  for (const c of claims) expect(c.file).toBe(file);
}

const specArb = fc.record({
  kind: fc.constantFrom<Kind>(...GOOD_KINDS, ...BAD_KINDS, "blank"),
  pick: fc.nat({ max: 1000 }),
});

describe("hardening: nothing lost in dirty files", () => {
  it("with --rejects (in-process): rows read = distinct rows in the report + rows rejected; every data line is one of them", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { maxLength: 40 }), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean(), async (specs, eol, finalEol) => {
        const { text, expected } = dirtyCsv(specs, eol, finalEol);
        const result = await reconcile({ inputs: [{ source: { name: "dirty.csv", bytes: Buffer.from(text) } }], keepRejects: true });
        expectNothingLost(result, expected, "dirty.csv");
      }),
      { seed: 424242, numRuns: 250 },
    );
  });

  it("with --rejects (CLI): the report and the rejects file hold every data line once", async () => {
    const dir = tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { minLength: 1, maxLength: 30 }), fc.constantFrom("\n", "\r\n", "\r"), async (specs, eol) => {
        const { text, expected } = dirtyCsv(specs, eol, true);
        const path = join(dir, `dirty-${n}.csv`);
        const rejects = join(dir, `rejects-${n++}.csv`);
        writeFileSync(path, text);
        const run = await cli([path, "--rejects", rejects, "--format", "json"]);
        expect(run.exit).toBe(0);
        const report = JSON.parse(run.stdout) as Report;
        const bad = expected.filter((e) => !isGood(e.kind));
        expect(report.summary.rows).toBe(expected.length);
        expect(report.summary.claims).toBe(expected.length - bad.length);
        const lines = report.groups.flatMap((g) => g.claims.map((c) => c.line));
        expect(new Set(lines).size).toBe(lines.length);
        const rows = existsSync(rejects) ? (parse(readFileSync(rejects), { columns: true, relax_column_count: true }) as Array<Record<string, string>>) : [];
        expect(rows.map((r) => Number(r["line"]))).toEqual(bad.map((e) => e.line));
        expect([...lines, ...rows.map((r) => Number(r["line"]))].sort((a, b) => a - b)).toEqual(expected.map((e) => e.line));
      }),
      { seed: 20160901, numRuns: 12 },
    );
  });

  it("a dirty file of 200 rows with 40 bad ones (seeded), --rejects r.csv: 160 claims, 40 rejected", async () => {
    const rand = mulberry32(200);
    const bad = new Set<number>();
    while (bad.size < 40) bad.add(Math.floor(rand() * 200));
    const specs: Spec[] = Array.from({ length: 200 }, (_, i) => ({
      kind: bad.has(i) ? BAD_KINDS[Math.floor(rand() * BAD_KINDS.length)]! : GOOD_KINDS[Math.floor(rand() * GOOD_KINDS.length)]!,
      pick: Math.floor(rand() * 1000),
    }));
    const { text, expected } = dirtyCsv(specs, "\n", true);
    const dir = tmp();
    const path = join(dir, "dirty-200.csv");
    writeFileSync(path, text);
    const run = await cli([path, "--rejects", "r.csv", "--format", "json"], { cwd: dir });
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe("reconcile: 40 rows rejected, written to r.csv\n");
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 200, claims: 160, rejected: 40 });
    const rows = parse(readFileSync(join(dir, "r.csv")), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(40);
    const wanted = expected.filter((e) => !isGood(e.kind));
    expect(rows.map((r) => [r["id"], r["file"], Number(r["line"]), r["code"]])).toEqual(
      wanted.map((e) => [e.id, path, e.line, CODE[e.kind as (typeof BAD_KINDS)[number]]]),
    );
    for (const r of rows) expect(r["message"]).toMatch(/\S/);
  });
});

// ---------------------------------------------------------------------------
// Fuzz: the reader and the library may refuse input, but only with their own errors.

const TOKENS = [",", '"', "\n", "\r", "\r\n", ";", "\t", "=", "-", "+", "@", " ", "25", "tens", "at least", "Hama", "2016-09-01", "2016-02-30", "source", "figure", "location", "date", "low", "high", "best", "id", "notes", "__proto__", "constructor", "{", "}", "[", "]", ":", "null", "\u0000", "\ufeff", "é", "أكثر من ٢٥", "\\", "'"];
const HEADER = "source,figure,location,date\n";
const REQUIRED_COLUMNS = ["source", "figure", "location", "date"];
const OTHER_COLUMNS = ["id", "notes", "low", "high", "best", "date_start", "date_end", "outcome", "victims", "event", "reported_at", "country", "__proto__", "Source", "x"];
const VALUES = ["constructor", "__proto__", "SOHR", "SANA", "25", "tens", "at least 25", "10-15", "-5", "=1+1", "Hama", "hama", "2016-09-01", "2016-09", "2016", "2016-02-30", "killed", "civilians", "", " ", '"', '""', "a;b", "\r", "\t", "é", "NA", "{}", "999999999999999999999"];
/** Cells that fit their column most of the time, so rows get through to claims, groups and comparisons. */
const POOLS: Record<string, string[]> = {
  source: ["SOHR", "SANA", "Airwars"],
  figure: ["25", "tens", "at least 25", "10-15", "dozens", "more than 400", "17", ""],
  location: ["Hama", "hama", "al-Hama", "Idlib/Hama", "Latamenah", "al-Latamenah"],
  date: ["2016-09-01", "2016-09-02", "2016-09", "2016", "2016-09-01/2016-09-03"],
  low: ["1", "5", ""],
  high: ["10", "3", ""],
  best: ["4", "7", ""],
  date_start: ["2016-09-01"],
  date_end: ["2016-09-03", ""],
  outcome: ["killed", "injured", "dead", ""],
  victims: ["civilians", "children", "", "fighters"],
  event: ["e1", "e2", ""],
  reported_at: ["2016-09-02", "2016-09-03T10:00Z", ""],
};
const cellArb = (column: string): fc.Arbitrary<string> =>
  Object.hasOwn(POOLS, column)
    ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...POOLS[column]!) }, { weight: 1, arbitrary: fc.constantFrom(...VALUES) })
    : fc.constantFrom(...VALUES);
/** Random tokens, with or without a header that names the fields. */
const soup = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 })).map(([withHeader, tokens]) => (withHeader ? HEADER : "") + tokens.join(""));
/** Rows under a real header: mostly as wide as the header, cells mostly fit; some bare quotes, CRs, tabs and semicolons. */
const rowsOfTokens = fc
  .tuple(
    fc.shuffledSubarray(REQUIRED_COLUMNS, { minLength: 3 }),
    fc.shuffledSubarray(OTHER_COLUMNS, { maxLength: 4 }),
    fc.constantFrom("\n", "\r\n", "\r"),
    fc.constantFrom(",", ",", ",", "\t", ";"),
  )
  .chain(([required, other, eol, sep]) => {
    const header = [...required, ...other];
    const row = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(...header.map(cellArb)) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom(...VALUES), { maxLength: header.length + 2 }) },
    );
    return fc.array(row, { maxLength: 15 }).map((rows) => [header.join(sep), ...rows.map((r) => r.join(sep))].join(eol) + eol);
  });

function allowedOnly(error: unknown): void {
  if (error instanceof InputError || error instanceof UsageError) return;
  throw error;
}

/** How the library answered the fuzz: so the test can show it got past the reader at times. */
const answered = { claims: 0, rejected: 0, refused: 0 };

async function feed(bytes: Buffer, text: string): Promise<void> {
  const sink = (_row: RawRow): void => undefined;
  for (const format of ["csv", "tsv", "json", "ndjson"] as InputFormat[]) {
    try {
      readText(text, `fuzz.${format}`, format, sink);
    } catch (error) {
      allowedOnly(error);
    }
  }
  for (const name of ["fuzz.csv", "fuzz.json", "fuzz.ndjson", "stdin"]) {
    try {
      await readInput({ name, bytes }, undefined, sink);
    } catch (error) {
      allowedOnly(error);
    }
    for (const keepRejects of [false, true]) {
      try {
        const result = await reconcile({ inputs: [{ source: { name, bytes } }], keepRejects });
        expect(result.summary.rows).toBe(result.summary.rows_with_claims + result.summary.rejected + result.summary.blank);
        answered.claims += result.summary.claims;
        answered.rejected += result.summary.rejected;
      } catch (error) {
        allowedOnly(error);
        answered.refused++;
      }
    }
  }
}

describe("hardening: fuzz", () => {
  it("random bytes: readText / readInput / reconcile return or throw InputError / UsageError, nothing else", async () => {
    const prefix = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
    await fc.assert(
      fc.asyncProperty(prefix, fc.uint8Array({ maxLength: 600 }), async (p, body) => {
        const bytes = Buffer.concat([Buffer.from(p), Buffer.from(body)]);
        await feed(bytes, bytes.toString("utf8"));
      }),
      { seed: 1337, numRuns: 300 },
    );
  });

  it("random near-CSV: readText / readInput / reconcile return or throw InputError / UsageError, nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(soup, rowsOfTokens), async (text) => {
        await feed(Buffer.from(text), text);
      }),
      { seed: 7331, numRuns: 300 },
    );
    // The near-CSV got past the reader: some claims were made, some rows rejected, some inputs refused.
    expect(answered.claims).toBeGreaterThan(0);
    expect(answered.rejected).toBeGreaterThan(0);
    expect(answered.refused).toBeGreaterThan(0);
  });
});


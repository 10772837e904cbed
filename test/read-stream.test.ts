/**
 * Large delimited files are parsed as they are read (readInput's streamFrom, STREAM_BYTES): every row,
 * line, issue and note must be what reading the whole file gives.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { plainUtf8, readInput, type RawRow, type ReadOptions } from "../src/read/index.js";
import { ROOT } from "./support/cli.js";

const tmp = mkdtempSync(path.join(os.tmpdir(), "reconcile-stream-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function read(file: string, streamFrom: number, options: ReadOptions = {}) {
  const rows: RawRow[] = [];
  const notes: string[] = [];
  const shares: number[] = [];
  const issue = await readInput({ path: file }, undefined, (row) => rows.push(row), { ...options, streamFrom, onNote: (n) => notes.push(n), onShare: (s) => shares.push(s) });
  return { issue, rows, notes, shares };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.(csv|tsv)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe("a delimited file parsed as it is read", () => {
  const fixtures = filesUnder(path.join(ROOT, "fixtures"));

  it("there are fixtures of every kind to compare: BOMs, CRLF, lone CR, ragged rows, unclosed quotes, NUL, invalid UTF-8, UTF-16", () => {
    expect(fixtures.length).toBeGreaterThan(40);
  });

  it.each(fixtures.map((f) => [path.relative(ROOT, f), f]))("%s: the same rows, lines, issues and notes as read whole", async (_, file) => {
    const whole = await read(file, Number.POSITIVE_INFINITY);
    const streamed = await read(file, 0);
    expect(streamed.issue).toEqual(whole.issue);
    expect(streamed.rows).toEqual(whole.rows);
    expect(streamed.notes).toEqual(whole.notes);
  });

  /** Rows whose cells straddle the 1 MB chunks: multibyte letters, quoted line breaks, CRLF. */
  function bigFile(name: string, lineEnd: string, extra = ""): string {
    const lines = ["id,source,figure,location,date,notes"];
    let length = 0;
    for (let i = 0; length < 1.3 * 1024 * 1024; i++) {
      const note = i % 7 === 0 ? `"قتل ${i} مدنيا${lineEnd}في ""حماة"" 🙂"` : i % 5 === 0 ? `"a, b${lineEnd}c"` : `é${"ж".repeat(i % 13)} ${i}`;
      lines.push(`c${i},Source ${i % 9},${i % 40},Place ${i % 300},2016-09-01,${note}`);
      length += lines.at(-1)!.length + lineEnd.length;
      if (i % 1000 === 0) lines.push("");
    }
    const file = path.join(tmp, name);
    // Padded until the first megabyte ends inside a letter of several bytes, so the first pass must carry it over.
    for (let pad = 0; pad < 16; pad++) {
      const bytes = Buffer.from(`\uFEFF${lines[0]}${" ".repeat(pad)}${lineEnd}${lines.slice(1).join(lineEnd)}${lineEnd}${extra}`);
      if ((bytes[1 << 20]! & 0xc0) !== 0x80) continue;
      writeFileSync(file, bytes);
      return file;
    }
    throw new Error("no padding puts a letter across the first megabyte");
  }

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ])("a 1.3 MB file of %s lines, with letters and quoted line breaks across every chunk boundary", async (_, lineEnd) => {
    const file = bigFile(`big-${_}.csv`, lineEnd);
    expect(statSync(file).size).toBeGreaterThan(1024 * 1024);
    const whole = await read(file, Number.POSITIVE_INFINITY);
    const streamed = await read(file, 0);
    expect(whole.rows.length).toBeGreaterThan(10_000);
    // The first pass finds it plain UTF-8, past its byte-order mark, whatever sequences the megabyte chunks cut:
    // it is parsed as it is read, not read whole after all.
    expect(plainUtf8(file)).toBe(3);
    expect(streamed.issue).toEqual(whole.issue);
    // As text: a deep comparison of 10,000 rows and more takes a second.
    expect(JSON.stringify(streamed.rows)).toBe(JSON.stringify(whole.rows));
    // Progress: the share parsed grows to the end, as when read whole.
    expect(streamed.shares.length).toBeGreaterThan(0);
    expect(streamed.shares).toEqual([...streamed.shares].sort((a, b) => a - b));
  });

  it("a bad byte past the first megabyte, or a quote never closed, is located as when read whole", async () => {
    const latin1 = bigFile("latin1.csv", "\n", "c-last,S,3,Caf\u00e9,2016-09-01,x\n");
    // Make the last row's é a Latin-1 byte: not UTF-8.
    const bytes = Buffer.from(await import("node:fs").then((fs) => fs.readFileSync(latin1)));
    const at = bytes.lastIndexOf(Buffer.from("Caf\u00e9"));
    const bad = Buffer.concat([bytes.subarray(0, at + 3), Buffer.from([0xe9]), bytes.subarray(at + 5)]);
    writeFileSync(latin1, bad);
    const unclosed = bigFile("unclosed.csv", "\n", 'c-last,S,3,Hama,2016-09-01,"never closed\nc-more,S,3,Hama,2016-09-01,x\n');
    expect(plainUtf8(latin1)).toBeUndefined();
    expect(plainUtf8(unclosed)).toBe(3);
    for (const file of [latin1, unclosed]) {
      const whole = await read(file, Number.POSITIVE_INFINITY);
      const streamed = await read(file, 0);
      expect(whole.issue).toBeDefined();
      expect(streamed.issue).toEqual(whole.issue);
      expect(streamed.rows.length).toBe(whole.rows.length);
    }
  });

  it("what the rows' sink throws is thrown, not taken for a file that cannot be read", async () => {
    const file = path.join(ROOT, "fixtures/seed/hama-2016-09-01.csv");
    const throwing = () => {
      throw new Error("sink failed");
    };
    for (const streamFrom of [0, Number.POSITIVE_INFINITY]) {
      await expect(readInput({ path: file }, undefined, throwing, { streamFrom })).rejects.toThrow("sink failed");
    }
  });

  it("a semicolon file is sniffed from its first rows, and said", async () => {
    const file = path.join(tmp, "semi.csv");
    writeFileSync(file, "source;figure;location;date\nSOHR;25;Hama;2016-09-01\n");
    const streamed = await read(file, 0);
    expect(streamed.notes).toEqual([`${file}: read as semicolon-separated (give --delimiter to choose another)`]);
    expect(streamed.rows[0]!.cells).toEqual(["SOHR", "25", "Hama", "2016-09-01"]);
  });
});

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
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.(csv|tsv|ndjson|jsonl)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe("a delimited or NDJSON file parsed as it is read", () => {
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

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["lone CR", "\r"],
  ])("NDJSON of %s lines, a line end and letters cut at every megabyte, and a broken line: as read whole", async (name, lineEnd) => {
    const lines: string[] = [];
    let length = 0;
    for (let i = 0; length < 2.3 * 1024 * 1024; i++) {
      const text = i === 777 ? '{"id": "broken",' : JSON.stringify({ id: `c${i}`, source: `Source ${i % 9}`, figure: String(i % 40), location: `Place ${i % 300}`, date: "2016-09-01", notes: `قتل ${i} مدنيا ${"ж".repeat(i % 11)} 🙂` });
      lines.push(text);
      if (i % 500 === 0) lines.push("");
      length += text.length * 2 + lineEnd.length;
    }
    const file = path.join(tmp, `big-${name.replace(" ", "-")}.ndjson`);
    const body = `\uFEFF${lines.join(lineEnd)}${lineEnd}`;
    // Padded until the first megabyte ends inside a letter, and the second between a CR and its LF where there are CRLFs.
    let written = false;
    for (let pad = 0; pad < 64 && !written; pad++) {
      const bytes = Buffer.from(`${" ".repeat(pad)}${body}`.replace(/^( *)\uFEFF/, "\uFEFF$1"));
      const letterCut = (bytes[1 << 20]! & 0xc0) === 0x80;
      if (!letterCut) continue;
      writeFileSync(file, bytes);
      written = true;
    }
    expect(written).toBe(true);
    expect(plainUtf8(file)).toBe(3);
    const whole = await read(file, Number.POSITIVE_INFINITY);
    const streamed = await read(file, 0);
    expect(whole.rows.length).toBeGreaterThan(5_000);
    expect(whole.rows.some((r) => r.issue?.code === "NDJSON_MALFORMED_LINE")).toBe(true);
    expect(streamed.issue).toEqual(whole.issue);
    // Progress: a share after each megabyte, growing to the whole file.
    expect(streamed.shares.length).toBeGreaterThanOrEqual(2);
    expect(streamed.shares).toEqual([...streamed.shares].sort((a, b) => a - b));
    expect(streamed.shares.at(-1)).toBe(1);
    expect(JSON.stringify(streamed.rows)).toBe(JSON.stringify(whole.rows));
  });

  it("a CRLF cut between its CR and its LF by the megabyte is one line end", async () => {
    const row = (i: number) => JSON.stringify({ id: `c${i}`, source: "S", figure: "3", location: "Hama", date: "2016-09-01" });
    const lines: string[] = [];
    for (let i = 0, length = 0; length < (1 << 20) + 4096; i++) {
      lines.push(row(i));
      length += row(i).length + 2;
    }
    let text = lines.join("\r\n") + "\r\n";
    // Move the first CR to the megabyte's last byte by padding the first line's end with spaces.
    const firstCr = Buffer.from(text).indexOf("\r", (1 << 20) - 200);
    const pad = (1 << 20) - 1 - firstCr;
    expect(pad).toBeGreaterThanOrEqual(0);
    text = text.replace("\r\n", `${" ".repeat(pad)}\r\n`);
    const bytes = Buffer.from(text);
    expect(bytes[(1 << 20) - 1]).toBe(13);
    expect(bytes[1 << 20]).toBe(10);
    const file = path.join(tmp, "cut-crlf.ndjson");
    writeFileSync(file, bytes);
    const whole = await read(file, Number.POSITIVE_INFINITY);
    const streamed = await read(file, 0);
    expect(streamed.rows.map((r) => r.line)).toEqual(whole.rows.map((r) => r.line));
    expect(streamed.rows.length).toBe(lines.length);
  });

  it("a semicolon file is sniffed from its first rows, and said", async () => {
    const file = path.join(tmp, "semi.csv");
    writeFileSync(file, "source;figure;location;date\nSOHR;25;Hama;2016-09-01\n");
    const streamed = await read(file, 0);
    expect(streamed.notes).toEqual([`${file}: read as semicolon-separated (give --delimiter to choose another)`]);
    expect(streamed.rows[0]!.cells).toEqual(["SOHR", "25", "Hama", "2016-09-01"]);
  });
});

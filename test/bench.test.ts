// The benchmark's own parts, on small files: the generator is deterministic and
// its claims all read; the two floors count and write what they say.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./support/cli.js";

const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const dir = mkdtempSync(join(tmpdir(), "reconcile-bench-"));

describe("bench", () => {
  it("generates the same bytes for the same seed, and every row reads", () => {
    const [a, b, c] = [join(dir, "a.csv"), join(dir, "b.csv"), join(dir, "c.csv")] as const;
    expect(node(["bench/generate.js", "2000", a, "--seed", "7"]).status).toBe(0);
    expect(node(["bench/generate.js", "2000", b, "--seed", "7"]).status).toBe(0);
    expect(node(["bench/generate.js", "2000", c, "--seed", "8"]).status).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    const run = runCli([a, "--date-window", "1", "--format", "json"]);
    expect(run.exit, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout).summary;
    expect(summary).toMatchObject({ rows: 2000, claims: 2000, rejected: 0 });
    // About 3.5 claims per event, some conflicts among them.
    expect(summary.groups).toBeGreaterThan(2000 / 7);
    expect(summary.groups).toBeLessThan(2000 / 2);
    expect(summary.statuses.conflict).toBeGreaterThan(0);
  });

  it("parse-floor counts the records, header included", () => {
    const run = node(["bench/parse-floor.js", "fixtures/seed/hama-2016-09-01.csv"]);
    expect(run.stdout.trim()).toBe("6");
  });

  it("io-floor writes one report-wide record per row read", () => {
    const run = node(["bench/io-floor.js", "fixtures/seed/hama-2016-09-01.csv"]);
    expect(run.status, run.stderr).toBe(0);
    const records: string[][] = parse(run.stdout);
    const input: string[][] = parse(readFileSync(join(ROOT, "fixtures/seed/hama-2016-09-01.csv")));
    expect(records).toHaveLength(input.length);
    records.forEach((r, i) => {
      expect(r).toHaveLength(11 + input[i]!.length);
      expect(r.slice(11)).toEqual(input[i]);
      expect(r[10]).toBe(String(i + 1));
    });
  });

  it("stages times one run and counts what it made", () => {
    const run = node(["bench/stages.js", "fixtures/seed/hama-2016-09-01.csv"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^5 claims in 4 groups\nreconcile\(\) +\d+ ms\nCSV records +\d+ ms \(6 records\)\nCSV records \+ stringify +\d+ ms/);
  });
});

import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { getExitCode } from "../../src/exit-code.js";
import { reconcile, type ReconcileResult } from "../../src/index.js";
import { csvLine, renderCsv } from "../../src/report/csv.js";
import { stringify } from "csv-stringify/sync";
import { runInProcess } from "../support/cli.js";
import { render } from "../../src/report/index.js";
import { jsonChunks, jsonParts, renderJson, renderNdjson } from "../../src/report/json.js";
import { reportRecord } from "../../src/report/model.js";
import { renderTable } from "../../src/report/table.js";

const SEED = fileURLToPath(new URL("../../fixtures/seed/hama-2016-09-01.csv", import.meta.url));
const CONFLICT = fileURLToPath(new URL("../../fixtures/conflict/hama-conflict.csv", import.meta.url));
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

let seed: ReconcileResult;
let conflict: ReconcileResult;
beforeAll(async () => {
  seed = await reconcile({ inputs: [{ source: { path: SEED } }] });
  conflict = await reconcile({ inputs: [{ source: { path: CONFLICT } }] });
});

describe("reconcile on the seed file", () => {
  it("reads 5 claims into 4 groups: one compatible pair and three singles", () => {
    expect(seed.summary).toEqual({
      rows: 5,
      blank: 0,
      rows_with_claims: 5,
      claims: 5,
      rejected_claims: 0,
      rejected: 0,
      groups: 4,
      statuses: { conflict: 0, compatible: 1, agree: 0, single: 3 },
      findings: { containment: 0, "record-inconsistent": 0, "duplicate-record": 0 },
      set_aside: 0,
    });
    expect(seed.groups.map((g) => [g.id, g.status, g.claims.map((c) => c.id)])).toEqual([
      ["G1", "compatible", ["sohr-hama", "statetv-hama"]],
      ["G2", "single", ["sohr-latamenah-road"]],
      ["G3", "single", ["cmc-world-2015"]],
      ["G4", "single", ["cmm-syria-2015"]],
    ]);
  });
});

describe("renderCsv", () => {
  it("has a header and one row per claim, with the verdict and carried columns", () => {
    const records = parse(renderCsv(seed)) as string[][];
    expect(records).toHaveLength(6);
    const header = records[0]!;
    for (const col of ["group", "status", "consensus_low", "consensus_high", "outlier", "id", "match_reason", "file", "line", "quote", "notes", "country"]) {
      expect(header).toContain(col);
    }
    expect(header.slice(0, 5)).toEqual(["group", "status", "consensus_low", "consensus_high", "outlier"]);
    const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(rows.map((r) => [r["group"], r["id"], r["status"], r["consensus_low"], r["consensus_high"], r["outlier"], r["line"]])).toEqual([
      ["G1", "sohr-hama", "compatible", "25", "99", "false", "2"],
      ["G1", "statetv-hama", "compatible", "25", "99", "false", "3"],
      ["G2", "sohr-latamenah-road", "single", "17", "17", "false", "4"],
      ["G3", "cmc-world-2015", "single", "401", "", "false", "5"],
      ["G4", "cmm-syria-2015", "single", "248", "248", "false", "6"],
    ]);
    expect(rows[0]!["match_reason"]).toBe('same place "Hama"');
    expect(rows[2]!["match_reason"]).toBe("");
    expect(rows[0]!["quote"]).toBe("at least 25 civilians had been killed in the air strikes");
    expect(rows[1]!["notes"]).toBe('"concentrated strikes" by the air force; victims not specified');
    expect(rows[4]!["notes"]).toBe("almost all civilians, the report says");
    expect(rows[3]!["country"]).toBe("");
    expect(rows[0]!["victims"]).toBe("civilians");
    expect(rows[1]!["victims"]).toBe("all");
    expect([rows[3]!["figure"], rows[3]!["low"], rows[3]!["high"], rows[3]!["outcome"]]).toEqual(["more than 400", "401", "", "killed_or_injured"]);
  });

  it("marks outliers in the conflict fixture", () => {
    const records = parse(renderCsv(conflict)) as string[][];
    const header = records[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(records.slice(1).map((r) => [r[col("id")], r[col("status")], r[col("outlier")]])).toEqual([
      ["sohr-hama", "conflict", "false"],
      ["statetv-hama", "conflict", "false"],
      ["civdef-hama", "conflict", "false"],
      ["local-hama", "conflict", "true"],
    ]);
  });
});

describe("renderJson", () => {
  it("parses, with the summary and every group and claim", () => {
    const doc = JSON.parse(renderJson(seed)) as {
      summary: { rows: number; claims: number; groups: number; rejected: number };
      groups: Array<{ id: string; status: string; consensus: unknown[]; match_reason: unknown[]; claims: Array<{ id: string; outlier: boolean; low: number; high: number | null; rule: string }> }>;
      rejected: unknown[];
    };
    expect([doc.summary.rows, doc.summary.claims, doc.summary.groups, doc.summary.rejected]).toEqual([5, 5, 4, 0]);
    expect(doc.groups).toHaveLength(4);
    expect(doc.groups.flatMap((g) => g.claims)).toHaveLength(5);
    expect(doc.rejected).toEqual([]);
    const g1 = doc.groups[0]!;
    expect(g1.status).toBe("compatible");
    expect(g1.consensus).toEqual([
      { outcome: "killed", victims: "all", low: 25, high: 99 },
      { outcome: "killed", victims: "civilians", low: 25, high: 99 },
    ]);
    expect(g1.match_reason).toEqual([{ kind: "same-place", place: "Hama", text: 'same place "Hama"' }]);
    expect(g1.claims.map((c) => [c.id, c.low, c.high, c.rule, c.outlier])).toEqual([
      ["sohr-hama", 25, null, "at-least", false],
      ["statetv-hama", 20, 99, "lexicon", false],
    ]);
    expect(renderJson(seed).endsWith("}\n")).toBe(true);
  });
});

describe("jsonChunks", () => {
  const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
  const cases: Array<[string, Parameters<typeof reconcile>[0]]> = [
    ["seed", { inputs: [{ source: { path: SEED } }] }],
    ["conflict", { inputs: [{ source: { path: CONFLICT } }] }],
    ["containment", { inputs: [{ source: { path: fixture("containment/idlib-2016-09.csv") } }] }],
    ["revisions", { inputs: [{ source: { path: fixture("revisions/sohr-updates.csv") } }] }],
    ["rejected rows", { inputs: [{ source: { path: fixture("bad/bad-rows.csv") } }], keepRejects: true }],
    ["nothing", { inputs: [{ source: { name: "empty.csv", bytes: Buffer.from("source,figure,location,date\n") } }] }],
  ];
  for (const [name, options] of cases) {
    it(`writes, a group at a time, exactly what JSON.stringify(…, null, 2) writes: ${name}`, async () => {
      const result = await reconcile(options);
      // Each case has what its name says, so that every branch of the writer is taken.
      if (name === "rejected rows") expect(result.rejected.length).toBeGreaterThan(0);
      if (name === "containment") expect(result.findings.length).toBeGreaterThan(0);
      if (name === "nothing") expect(result.groups).toEqual([]);
      const chunks = [...jsonChunks(result)];
      // Two chunks per member (its lead-in, then the member), and five for the frame.
      expect(chunks.length).toBe(2 * (result.groups.length + result.findings.length + result.rejected.length) + 5);
      expect(chunks.join("")).toBe(`${JSON.stringify(reportRecord(result), null, 2)}\n`);
    });
  }
});

describe("csvLine", () => {
  it("property: writes each record as csv-stringify does, byte for byte", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom("", ",", '"', "\n", "\r", "\r\n", " a ", "'=1", "a,b", 'say "x"', "é", "مدني", "\t"), fc.string({ unit: "grapheme", maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        expect(rows.map(csvLine).join("")).toBe(stringify(rows));
      }),
      { numRuns: 1000, seed: 17 },
    );
  });

  it("the CLI's CSV report is renderCsv's, byte for byte, on the fixtures", async () => {
    for (const path of ["fixtures/seed/hama-2016-09-01.csv", "fixtures/conflict/hama-conflict.csv", "fixtures/revisions/sohr-updates.csv", "fixtures/containment/idlib-2016-09.csv"]) {
      const result = await reconcile({ inputs: [{ source: { path } }] });
      const run = await runInProcess([path, "--format", "csv"]);
      expect(run.stdout, path).toBe(renderCsv(result));
    }
  });
});

describe("jsonParts", () => {
  it("a group of 2,000 claims is written a claim at a time, as JSON.stringify writes it, pretty and compact", async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `c${i},S${i},${i % 40},Hama,2016-09-01,note ${i}`).join("\n");
    const result = await reconcile({ inputs: [{ source: { name: "big.csv", bytes: Buffer.from(`id,source,figure,location,date,notes\n${rows}\n`) } }] });
    expect(result.groups).toHaveLength(1);
    const record = JSON.parse(renderNdjson(result)) as { claims: unknown[] };
    expect(record.claims).toHaveLength(2_000);
    const longestClaim = Math.max(...record.claims.map((c) => JSON.stringify(c, null, 2).length));
    for (const pretty of [true, false]) {
      const parts = [...jsonParts(record, pretty, 1)];
      expect(parts.join("")).toBe(pretty ? JSON.stringify(record, null, 2).replace(/\n/g, "\n  ") : JSON.stringify(record));
      // No part holds more than one claim (indented one level deeper, a claim grows by a few spaces a line).
      expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(2 * longestClaim);
    }
    const chunks = [...jsonChunks(result)];
    expect(chunks.join("")).toBe(`${JSON.stringify(reportRecord(result), null, 2)}\n`);
  });

  it("property: any JSON value with long arrays is written as JSON.stringify writes it", () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
      array: fc.oneof(fc.array(tie("node"), { maxLength: 3 }), fc.array(leaf, { minLength: 257, maxLength: 300 })),
      object: fc.dictionary(fc.string({ maxLength: 4 }), tie("node"), { maxKeys: 4 }),
    })).node;
    fc.assert(
      fc.property(value, fc.nat({ max: 3 }), (v, depth) => {
        if (v === undefined) return;
        expect([...jsonParts(v, true, depth)].join("")).toBe(JSON.stringify(v, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`));
        expect([...jsonParts(v, false)].join("")).toBe(JSON.stringify(v));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe("renderNdjson", () => {
  it("has one JSON line per group", () => {
    const text = renderNdjson(seed);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines).toHaveLength(4);
    const groups = lines.map((l) => JSON.parse(l) as { id: string; status: string; claims: unknown[] });
    expect(groups.map((g) => [g.id, g.status, g.claims.length])).toEqual([
      ["G1", "compatible", 2],
      ["G2", "single", 1],
      ["G3", "single", 1],
      ["G4", "single", 1],
    ]);
  });
});

describe("renderTable", () => {
  it("has no ANSI escapes when color is off", () => {
    const text = renderTable(seed, { color: false });
    expect(ANSI.test(text)).toBe(false);
    expect(text).toContain("G1  COMPATIBLE  Hama · 2016-09-01");
    expect(text).toContain("consensus: killed 25–99; civilians killed 25–99");
    expect(text).toContain('why grouped: same place "Hama"');
    expect(text.trimEnd().split("\n").at(-1)).toBe("5 claims from 5 rows in 4 groups: 0 conflict, 1 compatible, 0 agree, 3 single; 0 rows rejected");
  });

  it("has ANSI escapes when color is on, and the same text once they are stripped", () => {
    const colored = renderTable(seed, { color: true });
    expect(ANSI.test(colored)).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(colored.replace(/\u001b\[[0-9;]*m/g, "")).toBe(renderTable(seed, { color: false }));
  });

  it("names the outlier and a tie in plain text", () => {
    const text = renderTable(conflict, { color: false });
    expect(text).toContain("G1  CONFLICT  Hama · 2016-09-01");
    const outlierLines = text.split("\n").filter((l) => l.endsWith("outlier"));
    expect(outlierLines).toHaveLength(1);
    expect(outlierLines[0]).toContain("Hama Media Center");
    expect(text).not.toContain("no single largest consistent set");
  });

  it("render() dispatches to each renderer", () => {
    expect(render(seed, "csv", { color: false })).toBe(renderCsv(seed));
    expect(render(seed, "json", { color: false })).toBe(renderJson(seed));
    expect(render(seed, "ndjson", { color: false })).toBe(renderNdjson(seed));
    expect(render(seed, "table", { color: false })).toBe(renderTable(seed, { color: false }));
  });
});

describe("getExitCode", () => {
  it.each([
    ["seed", undefined, 0],
    ["seed", "conflict", 0],
    ["seed", "compatible", 1],
    ["conflict", undefined, 0],
    ["conflict", "conflict", 1],
    ["conflict", "compatible", 1],
  ] as const)("%s with --fail-on %s → %d", (which, failOn, code) => {
    expect(getExitCode(which === "seed" ? seed : conflict, failOn)).toBe(code);
  });

  it("a result of only single groups never fails", () => {
    const singles: ReconcileResult = { ...seed, groups: seed.groups.filter((g) => g.status === "single") };
    expect(singles.groups).toHaveLength(3);
    expect(getExitCode(singles, "compatible")).toBe(0);
    expect(getExitCode(singles, "conflict")).toBe(0);
  });
});

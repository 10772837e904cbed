/**
 * The baseline (src/findings/baseline.ts): a run's findings by identity, matched against a committed
 * list, so that --fail-on fails on what is new or worse and on entries that match nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkBaseline, makeBaseline, pruneBaseline, type BaselineFile } from "../../src/findings/baseline.js";
import { reconcile } from "../../src/index.js";
import { ROOT } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "reconcile-baseline-"));
const CONFLICT = readFileSync(join(ROOT, "fixtures/conflict/hama-conflict.csv"), "utf8");

/** The conflict fixture with its text changed, as a file of the same name each time (the baseline names files). */
async function run(csv: string, name = "claims.csv") {
  writeFileSync(join(dir, name), csv);
  return reconcile({ inputs: [{ source: { path: join(dir, name) } }], keepRejects: true });
}

describe("a baseline of the conflict fixture", () => {
  it("holds its two conflicting pairs by their claims, and the same data matches it exactly", async () => {
    const base = makeBaseline(await run(CONFLICT), "conflict", dir);
    expect(base.entries.map((e) => (e.kind === "pair" ? [e.severity, e.claims.map((c) => c.id)] : e.kind))).toEqual([
      ["conflict", ["civdef-hama", "local-hama"]],
      ["conflict", ["local-hama", "sohr-hama"]],
    ]);
    // Written and read back as JSON, as a committed file is.
    const file = JSON.parse(JSON.stringify(base)) as BaselineFile;
    expect(checkBaseline(await run(CONFLICT), file, "conflict", dir)).toEqual({ fresh: [], worse: [], known: 2, stale: [] });
  });

  it("fails on a new conflict only: one more row gives the findings of that row, and the known ones stay hidden", async () => {
    const base = makeBaseline(await run(CONFLICT), "conflict", dir);
    const check = checkBaseline(await run(`${CONFLICT}snhr-hama,SNHR,60,civilians,Hama,2016-09-01,new\n`), base, "conflict", dir);
    expect(check.known).toBe(2);
    expect(check.stale).toEqual([]);
    expect(check.fresh.map((f) => (f.entry.kind === "pair" ? f.entry.claims.map((c) => c.id) : [])).sort()).toEqual([
      ["civdef-hama", "snhr-hama"],
      ["local-hama", "snhr-hama"],
    ]);
  });

  it("names the entries a deleted row leaves matching nothing, for pruning", async () => {
    const base = makeBaseline(await run(CONFLICT), "conflict", dir);
    const check = checkBaseline(await run(CONFLICT.replace(/^local-hama.*\n/m, "")), base, "conflict", dir);
    expect(check.fresh).toEqual([]);
    expect(check.stale.map((e) => e.kind)).toEqual(["pair", "pair"]);
    expect(pruneBaseline(base, check).entries).toEqual([]);
  });

  it("calls a known conflict that grew apart worse, and one that came closer known", async () => {
    const base = makeBaseline(await run(CONFLICT), "conflict", dir);
    const further = checkBaseline(await run(CONFLICT.replace("Hama Media Center,17,", "Hama Media Center,12,")), base, "conflict", dir);
    expect(further.worse.map(({ now, was }) => [now.entry.kind === "pair" && now.entry.gap, was.kind === "pair" && was.gap])).toEqual([
      [15, 10],
      [13, 8],
    ]);
    expect([further.fresh, further.known, further.stale]).toEqual([[], 0, []]);
    const closer = checkBaseline(await run(CONFLICT.replace("Hama Media Center,17,", "Hama Media Center,20,")), base, "conflict", dir);
    expect([closer.fresh, closer.worse, closer.known, closer.stale]).toEqual([[], [], 2, []]);
  });
});

describe("rejected rows in a baseline", () => {
  const BAD = readFileSync(join(ROOT, "fixtures/bad/bad-rows.csv"), "utf8");

  it("are known by their cells, not their count or line: a different bad row fails though the count is the same", async () => {
    const base = makeBaseline(await run(BAD, "bad.csv"), "conflict", dir);
    expect(base.entries.map((e) => e.kind === "rejected" && `${e.file}:${e.line}`).sort()).toEqual(["bad.csv:3", "bad.csv:4", "bad.csv:5", "bad.csv:6"]);
    // A row added above moves every line: still known.
    const moved = checkBaseline(await run(BAD.replace("ok-1,", "ok-0,SOHR,3,Homs,2016-09-01\nok-1,"), "bad.csv"), base, "conflict", dir);
    expect([moved.fresh, moved.known, moved.stale]).toEqual([[], 4, []]);
    // One bad row fixed and another made bad: four rejected rows as before, one new, one stale.
    const swapped = checkBaseline(await run(BAD.replace("2016-02-30", "2016-02-28").replace("ok-2,Syrian Civil Defence,between 20 and 30", "ok-2,Syrian Civil Defence,twentyish"), "bad.csv"), base, "conflict", dir);
    expect(swapped.fresh.map((f) => f.entry.kind === "rejected" && f.entry.line)).toEqual([7]);
    expect(swapped.stale.map((e) => e.kind === "rejected" && e.line)).toEqual([3]);
    expect(swapped.known).toBe(3);
  });
});

describe("findings across groups in a baseline", () => {
  it("a containment breach that one more part joins is that finding grown: worse, not new and stale", async () => {
    const CONTAINMENT = readFileSync(join(ROOT, "fixtures/containment/idlib-2016-09.csv"), "utf8");
    const base = makeBaseline(await run(CONTAINMENT, "idlib.csv"), "conflict", dir);
    expect(base.entries.map((e) => e.kind === "containment" && [e.rule, e.claims.map((c) => c.id)])).toEqual([["parts-exceed-whole", ["monthly", "kafr-nabl", "maarat", "khan-shaykhun"]]]);
    const check = checkBaseline(await run(`${CONTAINMENT}saraqib,Monitor D,5,civilians,Saraqib,Idlib,Syria,2016-09-12,one more town\n`, "idlib.csv"), base, "conflict", dir);
    expect(check.worse.map(({ now }) => now.entry.kind !== "rejected" && now.entry.claims.map((c) => c.id))).toEqual([["monthly", "kafr-nabl", "maarat", "saraqib", "khan-shaykhun"]]);
    expect([check.fresh, check.known, check.stale]).toEqual([[], 0, []]);
  });
});

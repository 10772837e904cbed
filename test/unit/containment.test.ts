import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ofKind } from "../../src/findings/index.js";
import { CONTAINMENT_INFO, checkContainment } from "../../src/compare/containment.js";
import { getExitCode } from "../../src/exit-code.js";
import { reconcile, type ContainmentFinding, type ReconcileOptions, type ReconcileResult } from "../../src/index.js";

const containmentOf = (r: { findings: Parameters<typeof ofKind>[0] }) => ofKind(r.findings, "containment");

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/containment/${name}`, import.meta.url));

async function run(text: string, options: Partial<ReconcileOptions> = {}): Promise<ReconcileResult> {
  return reconcile({ inputs: [{ source: { name: "t.csv", bytes: Buffer.from(text) } }], ...options });
}

/** A finding with group ids replaced by the ids of their claims, so a test reads as its CSV does. */
function named(r: ReconcileResult, f: ContainmentFinding) {
  const claims = (group: string) => r.groups.find((g) => g.id === group)!.claims.map((c) => c.id).join("+");
  return {
    rule: f.rule,
    whole: { ...f.whole, group: claims(f.whole.group) },
    parts: f.parts.map((p) => ({ ...p, group: claims(p.group) })),
  };
}
const findings = (r: ReconcileResult) => containmentOf(r).map((f) => named(r, f));

const civilians = { outcome: "killed", victims: "civilians" };
const all = { outcome: "killed", victims: "all" };

describe("containment on the fixtures", () => {
  it("idlib-2016-09: three towns' days add up to more than the province's month", async () => {
    const r = await reconcile({ inputs: [{ source: { path: fixture("idlib-2016-09.csv") } }] });
    expect(r.groups.map((g) => [g.id, g.claims.map((c) => c.id)])).toEqual([
      ["G1", ["monthly"]],
      ["G2", ["kafr-nabl"]],
      ["G3", ["maarat"]],
      ["G4", ["khan-shaykhun"]],
      ["G5", ["ariha"]],
    ]);
    expect(r.groups.map((g) => g.status)).toEqual(["single", "single", "single", "single", "single"]);
    expect(r.summary.findings.containment).toBe(1);
    expect(containmentOf(r)).toEqual([
      {
        id: "C1",
        kind: "containment",
        rule: "parts-exceed-whole",
        whole: { group: "G1", measure: civilians, high: 40 },
        parts: [
          { group: "G2", measure: civilians, low: 15 },
          { group: "G3", measure: civilians, low: 20 },
          { group: "G4", measure: civilians, low: 12 },
        ],
        text:
          "3 groups of places on single days (2016-09-03…2016-09-21) within G1 (Idlib governorate, 2016-09) civilians killed at most 40 add up to at least 47: G2 15 + G3 20 + G4 12",
      },
    ]);
    // Ariha, the day before the month, is not a part; the province lies in the country, the towns in both.
    const [month, ...towns] = r.groups;
    expect(month!.place.level).toBe("governorate");
    for (const g of towns) {
      expect(g.place.level).toBe("place");
      expect(g.place.within).toContain(month!.place.key);
      for (const k of month!.place.within) expect(g.place.within).toContain(k);
    }
    expect(getExitCode(r, "conflict")).toBe(1);
    expect(getExitCode(r, "compatible")).toBe(1);
    expect(getExitCode(r, undefined)).toBe(0);
  });

  it("part-exceeds: one town's civilians on one day exceed the province's week", async () => {
    const r = await reconcile({ inputs: [{ source: { path: fixture("part-exceeds.csv") } }] });
    expect(r.groups.map((g) => [g.id, g.claims.map((c) => c.id), g.status])).toEqual([
      ["G1", ["weekly"], "single"],
      ["G2", ["town"], "single"],
    ]);
    expect(containmentOf(r)).toEqual([
      {
        id: "C1",
        kind: "containment",
        rule: "part-exceeds-whole",
        whole: { group: "G1", measure: all, high: 20 },
        parts: [{ group: "G2", measure: civilians, low: 26 }],
        text: "G2 (al-Latamenah, 2016-09-01) civilians killed at least 26 lies within G1 (Hama governorate, 2016-09-01/2016-09-07) killed at most 20",
      },
    ]);
    expect(r.summary.findings.containment).toBe(1);
    expect(getExitCode(r, "conflict")).toBe(1);
  });
});

describe("containment, case by case", () => {
  const head = "id,source,figure,outcome,victims,location,admin1,date\n";

  it("parts summing exactly to the whole's highest count are no finding; one more is", async () => {
    const exact = await run(`${head}whole,A,between 30 and 40,,,Idlib governorate,,2016-09
p1,B,15,,,Kafr Nabl,Idlib,2016-09-03
p2,B,25,,,Maarat al-Numan,Idlib,2016-09-10
`);
    expect(containmentOf(exact)).toEqual([]);
    expect(getExitCode(exact, "conflict")).toBe(0);
    const over = await run(`${head}whole,A,between 30 and 40,,,Idlib governorate,,2016-09
p1,B,15,,,Kafr Nabl,Idlib,2016-09-03
p2,B,26,,,Maarat al-Numan,Idlib,2016-09-10
`);
    expect(findings(over)).toEqual([
      {
        rule: "parts-exceed-whole",
        whole: { group: "whole", measure: all, high: 40 },
        parts: [
          { group: "p1", measure: all, low: 15 },
          { group: "p2", measure: all, low: 26 },
        ],
      },
    ]);
    expect(containmentOf(over)[0]!.text).toBe(
      "2 groups of places on single days (2016-09-03…2016-09-10) within G1 (Idlib governorate, 2016-09) killed at most 40 add up to at least 41: G2 15 + G3 26",
    );
  });

  it("a part outside the whole's dates is not a part", async () => {
    const outside = await run(`${head}whole,A,up to 10,,,Idlib governorate,,2016-09
before,B,50,,,Kafr Nabl,Idlib,2016-08-31
after,B,50,,,Kafr Nabl,Idlib,2016-10-01
`);
    expect(containmentOf(outside)).toEqual([]);
    const inside = await run(`${head}whole,A,up to 10,,,Idlib governorate,,2016-09
last,B,50,,,Kafr Nabl,Idlib,2016-09-30
`);
    expect(findings(inside)).toEqual([
      { rule: "part-exceeds-whole", whole: { group: "whole", measure: all, high: 10 }, parts: [{ group: "last", measure: all, low: 50 }] },
    ]);
  });

  it("a part that only overlaps the whole's dates is not a part", async () => {
    const r = await run(`${head}whole,A,up to 10,,,Idlib governorate,,2016-09
across,B,50,,,Kafr Nabl,Idlib,2016-09-28/2016-10-02
`);
    expect(containmentOf(r)).toEqual([]);
  });

  it("a town in another governorate is not a part", async () => {
    const other = await run(`${head}whole,A,up to 10,,,Idlib governorate,,2016-09
hama,B,50,,,al-Latamenah,Hama,2016-09-03
`);
    expect(containmentOf(other)).toEqual([]);
    const same = await run(`${head}whole,A,up to 10,,,Idlib governorate,,2016-09
idlib,B,50,,,al-Latamenah,Idlib,2016-09-03
`);
    expect(findings(same)).toHaveLength(1);
    // A town without an admin1 is not known to lie in any governorate.
    const unknown = await run(`${head}whole,A,up to 10,,,Idlib governorate,,2016-09
town,B,50,,,Kafr Nabl,,2016-09-03
`);
    expect(containmentOf(unknown)).toEqual([]);
  });

  it("a whole with no upper end is no finding", async () => {
    const r = await run(`${head}whole,A,at least 40,,,Idlib governorate,,2016-09
p1,B,100,,,Kafr Nabl,Idlib,2016-09-03
p2,B,100,,,Maarat al-Numan,Idlib,2016-09-10
`);
    expect(containmentOf(r)).toEqual([]);
    expect(getExitCode(r, "conflict")).toBe(0);
  });

  it("parts of different kinds (a district's day, towns' days) are summed apart", async () => {
    // 25 + 10 + 10 = 45 > 40, but the district may hold the towns: each kind alone fits.
    const apart = await run(`${head}whole,A,up to 40,,,Idlib governorate,,2016-09
district,B,25,,,Ariha district,Idlib,2016-09-05
t1,C,10,,,Kafr Nabl,Idlib,2016-09-03
t2,C,10,,,Maarat al-Numan,Idlib,2016-09-10
`);
    expect(apart.groups.map((g) => g.place.level)).toEqual(["governorate", "district", "place", "place"]);
    expect(containmentOf(apart)).toEqual([]);
    // The towns alone now exceed the whole: the finding names the towns, not the district.
    const towns = await run(`${head}whole,A,up to 40,,,Idlib governorate,,2016-09
district,B,25,,,Ariha district,Idlib,2016-09-05
t1,C,20,,,Kafr Nabl,Idlib,2016-09-03
t2,C,21,,,Maarat al-Numan,Idlib,2016-09-10
`);
    expect(findings(towns)).toEqual([
      {
        rule: "parts-exceed-whole",
        whole: { group: "whole", measure: all, high: 40 },
        parts: [
          { group: "t1", measure: all, low: 20 },
          { group: "t2", measure: all, low: 21 },
        ],
      },
    ]);
    // Two districts on one day are one kind, and add up.
    const districts = await run(`${head}whole,A,up to 40,,,Idlib governorate,,2016-09
d1,B,25,,,Ariha district,Idlib,2016-09-05
d2,B,25,,,Harem district,Idlib,2016-09-05
t1,C,10,,,Kafr Nabl,Idlib,2016-09-03
`);
    expect(findings(districts)).toEqual([
      {
        rule: "parts-exceed-whole",
        whole: { group: "whole", measure: all, high: 40 },
        parts: [
          { group: "d1", measure: all, low: 25 },
          { group: "d2", measure: all, low: 25 },
        ],
      },
    ]);
    expect(containmentOf(districts)[0]!.text).toBe(
      "2 groups of district on single days (2016-09-05…2016-09-05) within G1 (Idlib governorate, 2016-09) killed at most 40 add up to at least 50: G2 25 + G3 25",
    );
  });

  it("the same place, a month's total and its days: containment in time only", async () => {
    const sum = await run(`${head}month,A,between 10 and 20,,,Hama,,2016-09
d1,B,12,,,Hama,,2016-09-01
d2,C,10,,,Hamah,,2016-09-02
`);
    expect(sum.groups.map((g) => g.claims.map((c) => c.id))).toEqual([["month"], ["d1"], ["d2"]]);
    expect(new Set(sum.groups.map((g) => g.place.key)).size).toBe(1);
    expect(findings(sum)).toEqual([
      {
        rule: "parts-exceed-whole",
        whole: { group: "month", measure: all, high: 20 },
        parts: [
          { group: "d1", measure: all, low: 12 },
          { group: "d2", measure: all, low: 10 },
        ],
      },
    ]);
    expect(containmentOf(sum)[0]!.text).toBe(
      "2 groups of places on single days (2016-09-01…2016-09-02) within G1 (Hama, 2016-09) killed at most 20 add up to at least 22: G2 12 + G3 10",
    );
    const one = await run(`${head}month,A,between 10 and 20,,,Hama,,2016-09
d1,B,25,,,Hama,,2016-09-01
`);
    expect(findings(one)).toEqual([
      { rule: "part-exceeds-whole", whole: { group: "month", measure: all, high: 20 }, parts: [{ group: "d1", measure: all, low: 25 }] },
    ]);
    expect(containmentOf(one)[0]!.text).toBe("G2 (Hama, 2016-09-01) killed at least 25 lies within G1 (Hama, 2016-09) killed at most 20");
  });

  it("a part's injured count is not compared with a whole's killed count", async () => {
    const r = await run(`${head}whole,A,up to 10,killed,,Idlib governorate,,2016-09
part,B,50,injured,,Kafr Nabl,Idlib,2016-09-03
`);
    expect(containmentOf(r)).toEqual([]);
  });

  it("a part's killed count is compared with a whole's killed-or-injured count", async () => {
    const r = await run(`${head}whole,A,up to 20,killed or injured,,Idlib governorate,,2016-09
part,B,25,killed,civilians,Kafr Nabl,Idlib,2016-09-03
`);
    expect(findings(r)).toEqual([
      {
        rule: "part-exceeds-whole",
        whole: { group: "whole", measure: { outcome: "killed_or_injured", victims: "all" }, high: 20 },
        parts: [{ group: "part", measure: civilians, low: 25 }],
      },
    ]);
    expect(containmentOf(r)[0]!.text).toBe(
      "G2 (Kafr Nabl, 2016-09-03) civilians killed at least 25 lies within G1 (Idlib governorate, 2016-09) killed or injured at most 20",
    );
  });

  it("a whole of civilians is not exceeded by a part's fighters", async () => {
    const r = await run(`${head}whole,A,up to 10,,civilians,Idlib governorate,,2016-09
part,B,50,,fighters,Kafr Nabl,Idlib,2016-09-03
`);
    expect(containmentOf(r)).toEqual([]);
  });

  it("a part with a zero low counts for nothing", async () => {
    const r = await run(`${head}whole,A,up to 10,,,Idlib governorate,,2016-09
p1,B,up to 50,,,Kafr Nabl,Idlib,2016-09-03
p2,B,up to 50,,,Maarat al-Numan,Idlib,2016-09-10
`);
    expect(containmentOf(r)).toEqual([]);
  });

  it("findings are numbered C1, C2, … in the order of their wholes", async () => {
    const r = await run(`${head}w1,A,up to 10,,,Idlib governorate,,2016-09
w2,A,up to 10,,,Hama governorate,,2016-09
p1,B,50,,,Kafr Nabl,Idlib,2016-09-03
p2,B,60,,,al-Latamenah,Hama,2016-09-03
`);
    expect(containmentOf(r).map((f) => f.id)).toEqual(["C1", "C2"]);
    expect(findings(r).map((f) => [f.whole.group, f.parts.map((p) => [p.group, p.low])])).toEqual([
      ["w1", [["p1", 50]]],
      ["w2", [["p2", 60]]],
    ]);
  });
});

describe("containment and the exit code", () => {
  it("--fail-on conflict fails on a containment finding alone, with every group single", async () => {
    const r = await run(`id,source,figure,location,admin1,date
whole,A,up to 10,Idlib governorate,,2016-09
part,B,50,Kafr Nabl,Idlib,2016-09-03
`);
    expect(r.groups.every((g) => g.status === "single")).toBe(true);
    expect(r.summary.statuses).toEqual({ conflict: 0, compatible: 0, agree: 0, single: 2 });
    expect(containmentOf(r)).toHaveLength(1);
    expect(getExitCode(r, "conflict")).toBe(1);
    expect(getExitCode(r, "compatible")).toBe(1);
    expect(getExitCode(r, undefined)).toBe(0);
    // Without the finding, nothing fails.
    const fine = await run(`id,source,figure,location,admin1,date
whole,A,up to 10,Idlib governorate,,2016-09
part,B,5,Kafr Nabl,Idlib,2016-09-03
`);
    expect(containmentOf(fine)).toEqual([]);
    expect(getExitCode(fine, "conflict")).toBe(0);
  });
});

describe("checkContainment", () => {
  it("is empty for no groups", () => {
    expect(checkContainment([])).toEqual([]);
  });

  it("has a title and description for each rule", () => {
    expect(Object.keys(CONTAINMENT_INFO).sort()).toEqual(["part-exceeds-whole", "parts-exceed-whole"]);
    for (const info of Object.values(CONTAINMENT_INFO)) {
      expect(info.title).not.toBe("");
      expect(info.description).not.toBe("");
    }
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claim, group } from "../support/claims.js";
import type { CountedClaim } from "../../src/claims/claim.js";
import type { Outcome } from "../../src/claims/measures.js";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { compareGroup, compareMany, compareOne, comparePair, consensusOf, type CompareOptions } from "../../src/compare/compare.js";
import { reconcile } from "../../src/index.js";
import { ROOT } from "../support/cli.js";
import type { Group } from "../../src/group/group.js";
import { note } from "../../src/findings/notes.js";
import { minimumCovers } from "../../src/compare/cover.js";
import { explainFinding } from "../../src/compare/findings.js";

describe("comparePair", () => {
  const cases: Array<[string, CountedClaim, CountedClaim, "agree" | "compatible" | "conflict"]> = [
    ["the same exact count agrees", claim("x", "A", "25"), claim("y", "B", "25"), "agree"],
    ["the same interval written differently agrees", claim("x", "A", "tens"), claim("y", "B", "20-99"), "agree"],
    ["two open-ended equal figures agree", claim("x", "A", "at least 25"), claim("y", "B", "at least 25"), "agree"],
    ["overlapping ranges are compatible", claim("x", "A", "10-20"), claim("y", "B", "15-30"), "compatible"],
    ["ranges touching at one count are compatible", claim("x", "A", "10-20"), claim("y", "B", "20-30"), "compatible"],
    ["a count inside a range is compatible", claim("x", "A", "17"), claim("y", "B", "10-20"), "compatible"],
    ["open-ended vs closed, overlapping, is compatible", claim("x", "A", "at least 25"), claim("y", "B", "tens"), "compatible"],
    ["open-ended vs a count above it is compatible", claim("x", "A", "more than 400"), claim("y", "B", "1,000"), "compatible"],
    ["disjoint ranges conflict", claim("x", "A", "10-20"), claim("y", "B", "21-30"), "conflict"],
    ["two different counts conflict", claim("x", "A", "17"), claim("y", "B", "25"), "conflict"],
    ["a count below an open end conflicts", claim("x", "A", "at least 25"), claim("y", "B", "17"), "conflict"],
    ['"more than 400" is strict: 400 conflicts', claim("x", "A", "more than 400"), claim("y", "B", "400"), "conflict"],
  ];
  it.each(cases)("%s", (_, x, y, kind) => {
    const f = comparePair(x, y);
    expect(f?.kind).toBe(kind);
    expect(f?.relation).toBe("same measure");
    expect([f?.a, f?.b]).toEqual(["x", "y"]);
    // Symmetric.
    expect(comparePair(y, x)?.kind).toBe(kind);
  });

  it('part-of: civilians "at least 25" vs all "tens" is compatible, the part named first', () => {
    const part = claim("sohr", "SOHR", "at least 25", "civilians");
    const whole = claim("tv", "State TV", "tens");
    for (const [x, y] of [
      [part, whole],
      [whole, part],
    ] as const) {
      const f = comparePair(x, y)!;
      expect([f.kind, f.a, f.b, f.relation, f.x, f.y]).toEqual(["compatible", "sohr", "tv", "part of", part, whole]);
      expect(explainFinding(f)).toBe('SOHR "at least 25" (civilians killed ≥25) fits within State TV "tens" (killed 20–99)');
    }
  });

  it('part-of: civilians 120 vs all "tens" is a conflict', () => {
    const f = comparePair(claim("p", "A", "120", "civilians"), claim("w", "B", "tens"));
    expect([f?.kind, f?.relation, f?.a, f?.b]).toEqual(["conflict", "part of", "p", "w"]);
    expect(explainFinding(f!)).toBe('A "120" (civilians killed 120) is a part of B "tens" (killed 20–99) but its lowest count exceeds the whole\'s highest (21 apart, 18%)');
    expect(f!.gap).toEqual({ absolute: 21, relative: 21 / 120 });
  });

  it("part-of: a part below the whole's low is still compatible (the rest may be others)", () => {
    expect(comparePair(claim("p", "A", "5", "children"), claim("w", "B", "at least 100", "civilians"))?.kind).toBe("compatible");
    expect(comparePair(claim("p", "A", "5", "all", "killed"), claim("w", "B", "tens", "all", "killed_or_injured"))?.kind).toBe("compatible");
    expect(comparePair(claim("p", "A", "50", "all", "killed"), claim("w", "B", "a dozen", "all", "killed_or_injured"))?.kind).toBe("conflict");
  });

  it("unrelated measures are not compared", () => {
    expect(comparePair(claim("x", "A", "5", "civilians"), claim("y", "B", "500", "fighters"))).toBeUndefined();
    expect(comparePair(claim("x", "A", "5", "all", "killed"), claim("y", "B", "500", "all", "injured"))).toBeUndefined();
  });
});

describe("compareGroup", () => {
  it("the seed pair is compatible with consensus 25–99 for both measures", () => {
    const c = compareGroup(group([claim("sohr", "SOHR", "at least 25", "civilians"), claim("tv", "State TV", "tens")]));
    expect(c.status).toBe("compatible");
    expect(c.findings.map((f) => [f.kind, f.a, f.b])).toEqual([["compatible", "sohr", "tv"]]);
    expect(c.consensus).toEqual([
      { outcome: "killed", victims: "all", low: 25, high: 99 },
      { outcome: "killed", victims: "civilians", low: 25, high: 99 },
    ]);
    expect(c.outlier).toEqual([false, false]);
    expect(c.tie).toBe(false);
  });

  it("two sources stating the same interval agree, and the consensus is that interval", () => {
    const c = compareGroup(group([claim("a", "A", "25"), claim("b", "B", "25")]));
    expect(c.status).toBe("agree");
    expect(c.consensus).toEqual([{ outcome: "killed", victims: "all", low: 25, high: 25 }]);
  });

  it("overlapping claims: consensus is the intersection", () => {
    const c = compareGroup(group([claim("a", "A", "10-20"), claim("b", "B", "15-30"), claim("c", "C", "at least 12")]));
    expect(c.status).toBe("compatible");
    expect(c.consensus).toEqual([{ outcome: "killed", victims: "all", low: 15, high: 20 }]);
  });

  it("claims from the same source are never compared with each other", () => {
    const c = compareGroup(group([claim("a1", "A", "10"), claim("a2", "A", "500")]));
    expect(c.status).toBe("single");
    expect(c.findings).toEqual([]);
    expect(c.outlier).toEqual([false, false]);
    expect(c.tie).toBe(false);
  });

  it("same-source pairs are skipped while other pairs are compared", () => {
    const c = compareGroup(group([claim("a1", "A", "10"), claim("a2", "A", "500"), claim("b", "B", "10")]));
    // Conflicts come first, the largest first.
    expect(c.findings.map((f) => [f.kind, f.a, f.b])).toEqual([
      ["conflict", "a2", "b"],
      ["agree", "a1", "b"],
    ]);
    expect(c.status).toBe("conflict");
  });

  it("unrelated measures only: single", () => {
    const c = compareGroup(group([claim("a", "A", "5", "civilians"), claim("b", "B", "50", "fighters"), claim("c", "C", "7", "all", "injured")]));
    expect(c.status).toBe("single");
    expect(c.findings).toEqual([]);
  });

  it("status is the worst pair", () => {
    const agreeAndCompatible = compareGroup(group([claim("a", "A", "25"), claim("b", "B", "25"), claim("c", "C", "20-30")]));
    expect(agreeAndCompatible.findings.map((f) => f.kind).sort()).toEqual(["agree", "compatible", "compatible"]);
    expect(agreeAndCompatible.status).toBe("compatible");

    const withConflict = compareGroup(group([claim("a", "A", "25"), claim("b", "B", "25"), claim("c", "C", "20-30"), claim("d", "D", "17")]));
    expect(withConflict.findings.map((f) => f.kind).filter((k) => k === "conflict")).toHaveLength(3);
    expect(withConflict.status).toBe("conflict");
  });

  it("with three sources agreeing and one disjoint, the disjoint one is the only outlier", () => {
    const c = compareGroup(group([claim("a", "A", "25"), claim("odd", "D", "100"), claim("b", "B", "25"), claim("c", "C", "20-30")]));
    expect(c.status).toBe("conflict");
    expect(c.outlier).toEqual([false, true, false, false]);
    expect(c.tie).toBe(false);
    expect(c.consensus).toEqual([{ outcome: "killed", victims: "all", low: 25, high: 25 }]);
  });

  it("the conflict fixture: the low civilian count is the outlier", () => {
    const c = compareGroup(
      group([
        claim("sohr", "SOHR", "at least 25", "civilians"),
        claim("tv", "State TV", "tens"),
        claim("civdef", "Civil Defence", "27", "civilians"),
        claim("local", "Media Center", "17", "civilians"),
      ]),
    );
    expect(c.status).toBe("conflict");
    expect(c.outlier).toEqual([false, false, false, true]);
    expect(c.tie).toBe(false);
    expect(c.consensus).toEqual([
      { outcome: "killed", victims: "all", low: 27, high: 99 },
      { outcome: "killed", victims: "civilians", low: 27, high: 27 },
    ]);
  });

  it("with a 1-vs-1 conflict there is a tie and no outlier", () => {
    const c = compareGroup(group([claim("a", "A", "17"), claim("b", "B", "25")]));
    expect(c.status).toBe("conflict");
    expect(c.tie).toBe(true);
    expect(c.outlier).toEqual([false, false]);
    // Neither can be trusted over the other, so nothing is agreed.
    expect(c.consensus).toEqual([]);
  });

  it("two against two is a tie", () => {
    const c = compareGroup(group([claim("a", "A", "17"), claim("b", "B", "17"), claim("c", "C", "25"), claim("d", "D", "25")]));
    expect(c.tie).toBe(true);
    expect(c.outlier).toEqual([false, false, false, false]);
  });

  it("property: a group whose claims all come from one source is always single", () => {
    const figure = fc.oneof(
      fc.nat({ max: 500 }).map(String),
      fc.nat({ max: 500 }).map((n) => `at least ${n}`),
      fc.tuple(fc.nat({ max: 500 }), fc.nat({ max: 500 })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.constantFrom("tens", "dozens", "a few", "hundreds"),
    );
    const spec = fc.record({
      figure,
      victims: fc.constantFrom("all", "civilians", "children", "fighters"),
      outcome: fc.constantFrom<Outcome>("killed", "injured", "killed_or_injured"),
    });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 8 }), (specs) => {
        const c = compareGroup(group(specs.map((s, i) => claim(`c${i}`, "One Source", s.figure, s.victims, s.outcome))));
        expect(c.status).toBe("single");
        expect(c.findings).toEqual([]);
        expect(c.outlier.every((o) => !o)).toBe(true);
        expect(c.tie).toBe(false);
      }),
    );
  });

  it("property: the status is the worst finding, and outliers only appear in conflicts", () => {
    const spec = fc.record({
      source: fc.constantFrom("A", "B", "C"),
      low: fc.nat({ max: 40 }),
      width: fc.nat({ max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 7 }), (specs) => {
        const claims = specs.map((s, i) => claim(`c${i}`, s.source, `${s.low}-${s.low + s.width}`));
        const c = compareGroup(group(claims));
        const kinds = new Set(c.findings.map((f) => f.kind));
        const expected = kinds.has("conflict") ? "conflict" : kinds.has("compatible") ? "compatible" : kinds.has("agree") ? "agree" : "single";
        expect(c.status).toBe(expected);
        if (c.status !== "conflict") expect(c.outlier.some(Boolean)).toBe(false);
        // The trusted (non-outlier) claims, when no tie, hold no conflict among themselves.
        if (!c.tie) {
          const keep = claims.filter((_, i) => !c.outlier[i]);
          expect(compareGroup(group(keep)).status).not.toBe("conflict");
        }
      }),
    );
  });
});

describe("consensusOf", () => {
  it("bounds a part from above by its whole and a whole from below by its part", () => {
    const all = [claim("p", "A", "at least 25", "civilians"), claim("w", "B", "tens")];
    expect(consensusOf(all, all)).toEqual([
      { outcome: "killed", victims: "all", low: 25, high: 99 },
      { outcome: "killed", victims: "civilians", low: 25, high: 99 },
    ]);
  });

  it("lists measures in one order whatever the order of the claims: by outcome, wholes before parts, then by name", () => {
    const all = [
      claim("c", "A", "3", "children"),
      claim("i", "B", "9", "all", "injured"),
      claim("f", "C", "4", "fighters"),
      claim("v", "D", "5", "civilians"),
      claim("k", "E", "12"),
    ];
    const order = (list: typeof all) => consensusOf(list, list).map((m) => `${m.outcome} ${m.victims}`);
    expect(order(all)).toEqual(["killed all", "killed civilians", "killed fighters", "killed children", "injured all"]);
    expect(order([...all].reverse())).toEqual(order(all));
  });

  it("leaves out a measure no trusted claim bounds from below", () => {
    const all = [claim("p", "A", "at least 25", "civilians"), claim("w", "B", "tens")];
    expect(consensusOf(all, [all[1]!])).toEqual([{ outcome: "killed", victims: "all", low: 20, high: 99 }]);
  });

  it("keeps an open upper end", () => {
    const all = [claim("a", "A", "at least 25"), claim("b", "B", "more than 30")];
    expect(consensusOf(all, all)).toEqual([{ outcome: "killed", victims: "all", low: 31, high: null }]);
  });
});

describe("minimumCovers", () => {
  const sorted = (covers: number[][]) => covers.map((c) => c.join(",")).sort();

  it("no edges: the empty cover", () => {
    expect(minimumCovers([])).toEqual({ covers: [[]], exact: true });
  });

  it("one edge: either end", () => {
    const r = minimumCovers([[0, 1]]);
    expect(r.exact).toBe(true);
    expect(sorted(r.covers)).toEqual(["0", "1"]);
  });

  it("a star: the centre alone", () => {
    expect(minimumCovers([
      [3, 0],
      [3, 1],
      [3, 2],
    ])).toEqual({ covers: [[3]], exact: true });
  });

  it("a path of three nodes: the middle", () => {
    expect(minimumCovers([
      [0, 1],
      [1, 2],
    ]).covers).toEqual([[1]]);
  });

  it("a path of four nodes: three covers of size two", () => {
    const r = minimumCovers([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(sorted(r.covers)).toEqual(["0,2", "1,2", "1,3"]);
  });

  it("a triangle: any two nodes", () => {
    const r = minimumCovers([
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    expect(sorted(r.covers)).toEqual(["0,1", "0,2", "1,2"]);
  });

  it("two disjoint edges: four covers of size two", () => {
    expect(sorted(minimumCovers([
      [0, 1],
      [2, 3],
    ]).covers)).toEqual(["0,2", "0,3", "1,2", "1,3"]);
  });

  it("a matching larger than the exact limit: no cover is guessed", () => {
    const edges = Array.from({ length: 11 }, (_, i) => [2 * i, 2 * i + 1] as const);
    expect(minimumCovers(edges)).toEqual({ covers: [], exact: false });
  });

  it("a complete graph of 2,000 nodes is given up at once (no cover of ten can cover 2M edges)", () => {
    const edges: Array<[number, number]> = [];
    for (let u = 0; u < 2_000; u++) for (let v = u + 1; v < 2_000; v++) edges.push([u, v]);
    // Without the bound the search took hours (2^10 branches, each a pass over 2M edges).
    expect(minimumCovers(edges).exact).toBe(false);
  }, 5_000);

  it("property: every cover found covers every edge and all have the same, minimum size", () => {
    const edge = fc.tuple(fc.nat({ max: 6 }), fc.nat({ max: 6 })).filter(([u, v]) => u !== v);
    fc.assert(
      fc.property(fc.array(edge, { maxLength: 10 }), (edges) => {
        const { covers, exact } = minimumCovers(edges);
        expect(exact).toBe(true);
        expect(covers.length).toBeGreaterThan(0);
        const size = covers[0]!.length;
        for (const cover of covers) {
          expect(cover.length).toBe(size);
          for (const [u, v] of edges) expect(cover.includes(u) || cover.includes(v)).toBe(true);
        }
        // Brute force: no smaller cover exists.
        const nodes = [...new Set(edges.flat())];
        for (let mask = 0; mask < 1 << nodes.length; mask++) {
          const pick = nodes.filter((_, i) => mask & (1 << i));
          if (pick.length >= size) continue;
          expect(edges.every(([u, v]) => pick.includes(u) || pick.includes(v))).toBe(false);
        }
      }),
    );
  });
});

describe("a group of one claim", () => {
  const DATA = join(ROOT, "..", "shared", "data");
  const inputs = [
    ...["seed/hama-2016-09-01.csv", "conflict/hama-conflict.csv", "containment/idlib-2016-09.csv", "revisions/sohr-updates.csv", "matching/date-window.csv", "matching/lookalikes.csv"].map((f) => ({ source: { path: join(ROOT, "fixtures", f) } })),
    { source: { path: join(ROOT, "fixtures/ucdp-ged/ged-syria-excerpt.csv") }, preset: "ucdp-ged" },
    ...(existsSync(join(DATA, "acled-africa-2016")) ? [{ source: { path: join(DATA, "acled-africa-2016/acled.csv") }, preset: "acled" }] : []),
  ];

  it("compareOne gives what compareMany gives, with and without --tolerance and --same-source", async () => {
    const result = await reconcile({ inputs, keepRejects: true });
    const singles: Group[] = result.groups.filter((g) => g.claims.length === 1);
    // 20 in the fixtures, and ACLED's 500 events where ../shared/data is at hand.
    expect(singles.length).toBeGreaterThan(existsSync(join(DATA, "acled-africa-2016")) ? 400 : 15);
    // And made ones: a claim with no count, a claim with links it passed over, a graded claim with actors.
    const passed = group([claim("p", "SOHR", "at least 25")]);
    passed.passedOver = [note({ kind: "passed-over", source: "UCDP", record: "r2", location: "Hama", date: "2016-09-01", duplicate_source: "UCDP" })];
    const graded = { ...claim("w", "Airwars", "3-5"), grade: "weak" as const, actors: "Coalition" };
    singles.push(passed, group([{ ...claim("n", "SOHR", "3"), figure: { raw: "unknown", rule: "none", low: null, high: null, best: null } }]), group([graded]));
    const sources = [...new Set(singles.map((g) => g.claims[0]!.source))];
    const options: CompareOptions[] = [{}, { tolerance: 0.05 }, { sameSource: new Map([[sources[0]!, "Someone else"]]) }, { largeGroup: 1 }];
    let fast = 0;
    for (const o of options) {
      for (const g of singles) {
        const one = compareOne(g, o);
        if (one === undefined) continue;
        fast++;
        expect(one).toEqual(compareMany(g, o));
        expect(compareGroup(g, o)).toEqual(one);
      }
    }
    // The syndicated source is left to compareMany, for its note; every other group takes the short way.
    expect(fast).toBeGreaterThan(singles.length * 3);
    expect(compareOne(singles.find((g) => g.claims[0]!.source === sources[0])!, options[2])).toBeUndefined();
  });
});

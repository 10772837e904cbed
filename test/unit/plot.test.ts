// The interval plot as data (src/report/plot.ts): the shared axis of a group
// (linear from 0, or log10(1+x) past two orders of magnitude), each claim's mark,
// and the terminal's range bars drawn from them. Properties are checked on random
// sets of intervals (exact, ranges, open-ended, zeros, counts up to 10 million);
// examples pin the edges (a ratio of exactly 100, no figures at all, 0 on a log axis).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/claims/claim.js";
import { parseDate } from "../../src/claims/date.js";
import type { Outcome } from "../../src/claims/measures.js";
import { compareGroup } from "../../src/compare/compare.js";
import { readFigure } from "../../src/figures/read.js";
import type { Group } from "../../src/group/group.js";
import { reconcile, type ReconciledGroup } from "../../src/index.js";
import { axisText, barText, LOG_SPAN, plotGroup, position, scaleFor, tickText, type Mark, type PlotRow, type Scale } from "../../src/report/plot.js";

// ---------------------------------------------------------------------------
// Random intervals

interface Iv {
  low: number;
  high: number | null;
}

/** Counts as casualty figures come: zeros, small counts, round numbers, and up to ten million. */
const count = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 2_000 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 10_000_000 }), weight: 3 },
  { arbitrary: fc.constantFrom(1, 9, 10, 99, 100, 101, 1_000, 9_999, 10_000, 999_999, 10_000_000), weight: 2 },
);

const exact = count.map((n): Iv => ({ low: n, high: n }));
const range = fc.tuple(count, count).map(([a, b]): Iv => ({ low: Math.min(a, b), high: Math.max(a, b) }));
const open = count.map((n): Iv => ({ low: n, high: null }));
const interval = fc.oneof(exact, range, open);
const intervals = fc.array(interval, { minLength: 1, maxLength: 12 });

/** The counts a set of intervals puts on the axis, and whether any has no upper end: what scaleFor is given. */
function countsOf(ivs: readonly Iv[]): { counts: number[]; open: boolean } {
  const counts: number[] = [];
  for (const iv of ivs) {
    counts.push(iv.low);
    if (iv.high !== null) counts.push(iv.high);
  }
  return { counts, open: ivs.some((iv) => iv.high === null) };
}

/** Largest over smallest positive count, the measure of spread that picks a log axis (0 when there are no positive counts). */
function spread(counts: readonly number[]): number {
  const positive = counts.filter((x) => x > 0);
  if (positive.length === 0) return 0;
  return Math.max(...positive) / Math.min(...positive);
}

function markOf(iv: Iv): Mark {
  if (iv.high === null) return { kind: "open", from: iv.low };
  if (iv.low === iv.high) return { kind: "dot", at: iv.low };
  return { kind: "bar", from: iv.low, to: iv.high };
}

function row(mark: Mark, band?: Iv): PlotRow {
  return { index: 0, source: "S", measure: "killed", raw: "", reading: "", mark, ...(band !== undefined && { band }), tone: "single" };
}

/** The column barText puts a count in: the nearest of `width` evenly spaced columns from 0 to the axis max. */
function columnOf(scale: Scale, n: number, width: number): number {
  return Math.round(position(scale, n) * (width - 1));
}

function indicesOf(text: string, ch: string): number[] {
  return [...text].flatMap((c, i) => (c === ch ? [i] : []));
}

// ---------------------------------------------------------------------------
// Groups built the way the tool builds them (readFigure, compareGroup)

const DAY = parseDate("2016-09-01")!;

function claimOf(i: number, figure: string, victims = "all", outcome: Outcome = "killed"): Claim {
  const read = readFigure(figure);
  if (!read.ok) throw new Error(`test figure ${figure} does not read`);
  return { id: `c${i}`, source: `Source ${i}`, figure: read.reading, outcome, victims, location: "Hama", date: DAY, extra: {}, file: "t.csv", line: i + 2 };
}

function reconciled(claims: Claim[]): ReconciledGroup {
  const group: Group = {
    id: "G1",
    claims,
    location: "Hama",
    date: "2016-09-01",
    span: { start: DAY.start, end: DAY.end, precision: "day" },
    place: { key: "n:0", level: "place", within: [] },
    reasons: [],
    passedOver: [],
  };
  return { ...group, ...compareGroup(group) };
}

/** A figure as a source would write it, for an interval. */
function figureText(iv: Iv): string {
  if (iv.high === null) return `at least ${iv.low}`;
  if (iv.low === iv.high) return String(iv.low);
  return `${iv.low}-${iv.high}`;
}

// ---------------------------------------------------------------------------

describe("scaleFor: the axis of a set of counts", () => {
  it("ticks ascend strictly from 0 and end at the axis max, which reaches every count", () => {
    fc.assert(
      fc.property(intervals, (ivs) => {
        const { counts, open } = countsOf(ivs);
        const scale = scaleFor(counts, open);
        expect(scale.ticks[0]).toBe(0);
        expect(scale.ticks.at(-1)).toBe(scale.max);
        for (let k = 1; k < scale.ticks.length; k++) expect(scale.ticks[k]!).toBeGreaterThan(scale.ticks[k - 1]!);
        expect(scale.max).toBeGreaterThan(0);
        for (const c of counts) expect(scale.max).toBeGreaterThanOrEqual(c);
        // Distinct ticks are drawn at distinct places, left to right.
        const at = scale.ticks.map((t) => position(scale, t));
        for (let k = 1; k < at.length; k++) expect(at[k]!).toBeGreaterThan(at[k - 1]!);
      }),
      { numRuns: 500 },
    );
  });

  it("leaves room past an open-ended figure: the axis max is strictly above its low (and above every count)", () => {
    fc.assert(
      fc.property(intervals, open, (ivs, extra) => {
        const all = [...ivs, extra];
        const { counts } = countsOf(all);
        const scale = scaleFor(counts, true);
        for (const iv of all) if (iv.high === null) expect(scale.max).toBeGreaterThan(iv.low);
        expect(scale.max).toBeGreaterThan(Math.max(...counts));
        // The arrow's start is left of the right edge.
        expect(position(scale, extra.low)).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
  });

  it("is a log axis exactly when the largest positive count is more than 100 times the smallest", () => {
    fc.assert(
      fc.property(intervals, (ivs) => {
        const { counts, open } = countsOf(ivs);
        const scale = scaleFor(counts, open);
        expect(scale.kind).toBe(spread(counts) > LOG_SPAN ? "log" : "linear");
      }),
      { numRuns: 500 },
    );
  });

  it("does not waste the axis: the largest count fills a fair share of it, with a handful of ticks", () => {
    fc.assert(
      fc.property(intervals, (ivs) => {
        const { counts, open } = countsOf(ivs);
        const scale = scaleFor(counts, open);
        const top = Math.max(...counts, 1);
        if (scale.kind === "linear") {
          expect(scale.max).toBeLessThanOrEqual(2.5 * top + 5);
          expect(scale.ticks.length).toBeGreaterThanOrEqual(2);
          expect(scale.ticks.length).toBeLessThanOrEqual(6);
          // Evenly spaced.
          const step = scale.ticks[1]! - scale.ticks[0]!;
          scale.ticks.forEach((t, k) => expect(t).toBe(k * step));
        } else {
          expect(scale.max).toBeLessThanOrEqual(12.5 * top);
          // 0, then the powers of ten up to the max.
          expect(scale.ticks).toEqual([0, ...Array.from({ length: Math.round(Math.log10(scale.max)) + 1 }, (_, k) => 10 ** k)]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("picks the axis at the edges of the rule", () => {
    expect(scaleFor([1, 100], false).kind).toBe("linear"); // exactly 100 times: not more
    expect(scaleFor([1, 101], false).kind).toBe("log");
    expect(scaleFor([3, 1350, 1650], false)).toMatchObject({ kind: "log", max: 10_000 });
    // Zeros do not count toward the spread, but still sit on the axis, at its left end.
    const withZero = scaleFor([0, 5, 600], false);
    expect(withZero.kind).toBe("log");
    expect(position(withZero, 0)).toBe(0);
    expect(scaleFor([0, 0, 7], false).kind).toBe("linear");
    // Only zeros, or nothing at all: a linear axis that still has a length.
    for (const [counts, isOpen] of [[[0, 0], false], [[], false], [[0], true]] as const) {
      const s = scaleFor(counts, isOpen);
      expect(s.kind).toBe("linear");
      expect(s.max).toBeGreaterThan(0);
      expect(s.ticks[0]).toBe(0);
    }
    // "at least 0": the arrow still has room.
    expect(scaleFor([0], true).max).toBeGreaterThan(0);
    // Ten million, open: the log axis goes a power of ten past it.
    expect(scaleFor([3, 10_000_000], true)).toMatchObject({ kind: "log", max: 100_000_000 });
    expect(scaleFor([25, 20, 99], true)).toMatchObject({ kind: "linear" });
    expect(scaleFor([25, 20, 99], true).max).toBeGreaterThan(99);
  });
});

describe("position: where a count falls on the axis", () => {
  it("is within [0, 1] for any count, 0 at 0 and 1 at the max, and never goes backwards", () => {
    fc.assert(
      fc.property(intervals, fc.array(fc.integer({ min: -1_000, max: 200_000_000 }), { minLength: 2, maxLength: 8 }), (ivs, probes) => {
        const { counts, open } = countsOf(ivs);
        const scale = scaleFor(counts, open);
        for (const c of [...counts, ...probes, ...scale.ticks]) {
          const p = position(scale, c);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(Number.isFinite(p)).toBe(true);
        }
        expect(position(scale, 0)).toBe(0);
        expect(position(scale, scale.max)).toBeCloseTo(1, 12);
        const sorted = [...counts, ...probes].sort((a, b) => a - b);
        for (let k = 1; k < sorted.length; k++) expect(position(scale, sorted[k]!)).toBeGreaterThanOrEqual(position(scale, sorted[k - 1]!));
      }),
      { numRuns: 300 },
    );
  });

  it("is linear, or log10(1 + x) over log10(1 + max)", () => {
    const linear = scaleFor([40], false);
    expect(linear.kind).toBe("linear");
    expect(position(linear, linear.max / 2)).toBeCloseTo(0.5, 12);
    const log = scaleFor([3, 1500], false);
    expect(log).toMatchObject({ kind: "log", max: 10_000 });
    expect(position(log, 99)).toBeCloseTo(2 / Math.log10(10_001), 12);
    // On a log axis a small count sits well away from 0: 3 is more than a tenth of the way along.
    expect(position(log, 3)).toBeGreaterThan(0.1);
  });
});

describe("barText: a row's mark as box characters", () => {
  const rowCase = fc
    .tuple(intervals, fc.nat(), fc.option(fc.nat(), { nil: undefined }), fc.integer({ min: 2, max: 60 }))
    .map(([ivs, pick, bandPick, width]) => {
      const iv = ivs[pick % ivs.length]!;
      const band = bandPick === undefined ? undefined : ivs[bandPick % ivs.length]!;
      const { counts, open } = countsOf(ivs);
      return { scale: scaleFor(counts, open), iv, band, width };
    });

  it("always has exactly `width` characters, each one of the bar's own", () => {
    fc.assert(
      fc.property(rowCase, ({ scale, iv, band, width }) => {
        const text = barText(scale, row(markOf(iv), band), width);
        expect(text.length).toBe(width);
        expect([...text].length).toBe(width);
        expect(text).toMatch(/^[ ░━●▶]*$/u);
      }),
      { numRuns: 1_000 },
    );
  });

  it("draws an exact count as one ● in its column, a range as ━ over its columns, an open end as ━…▶ to the right edge", () => {
    fc.assert(
      fc.property(rowCase, ({ scale, iv, band, width }) => {
        const mark = markOf(iv);
        const text = barText(scale, row(mark, band), width);
        const chars = [...text];
        if (mark.kind === "dot") {
          expect(indicesOf(text, "●")).toEqual([columnOf(scale, mark.at, width)]);
          expect(text).not.toMatch(/[━▶]/u);
        } else if (mark.kind === "bar") {
          const from = columnOf(scale, mark.from, width);
          const to = columnOf(scale, mark.to, width);
          expect(indicesOf(text, "━")).toEqual(Array.from({ length: to - from + 1 }, (_, k) => from + k));
          // ● is only for a count the source gave exactly, however narrow the range.
          expect(text).not.toMatch(/[●▶]/u);
        } else if (mark.kind === "open") {
          expect(chars[width - 1]).toBe("▶");
          expect(indicesOf(text, "▶")).toEqual([width - 1]);
          const from = columnOf(scale, mark.from, width);
          expect(indicesOf(text, "━")).toEqual(Array.from({ length: Math.max(0, width - 1 - from) }, (_, k) => from + k));
          expect(text).not.toContain("●");
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("shades the consensus only where it lies", () => {
    fc.assert(
      fc.property(rowCase, ({ scale, iv, band, width }) => {
        const text = barText(scale, row(markOf(iv), band), width);
        const shaded = indicesOf(text, "░");
        if (band === undefined) {
          expect(shaded).toEqual([]);
          return;
        }
        const from = columnOf(scale, band.low, width);
        const to = band.high === null ? width - 1 : columnOf(scale, band.high, width);
        for (const k of shaded) {
          expect(k).toBeGreaterThanOrEqual(from);
          expect(k).toBeLessThanOrEqual(to);
        }
        // Where the mark leaves the band's columns blank, they are shaded.
        const bare = barText(scale, row({ kind: "none" }, band), width);
        expect(indicesOf(bare, "░")).toEqual(Array.from({ length: to - from + 1 }, (_, k) => from + k));
      }),
      { numRuns: 500 },
    );
  });

  it("puts a dot in the column of its count", () => {
    const scale = scaleFor([100], false);
    expect(scale).toMatchObject({ kind: "linear", max: 100 });
    expect(barText(scale, row({ kind: "dot", at: 50 }), 21)).toBe(`${" ".repeat(10)}●${" ".repeat(10)}`);
    expect(barText(scale, row({ kind: "dot", at: 0 }), 21)).toBe(`●${" ".repeat(20)}`);
    expect(barText(scale, row({ kind: "dot", at: 100 }), 21)).toBe(`${" ".repeat(20)}●`);
    expect(barText(scale, row({ kind: "bar", from: 20, to: 40 }), 21)).toBe(`${" ".repeat(4)}${"━".repeat(5)}${" ".repeat(12)}`);
    expect(barText(scale, row({ kind: "open", from: 50 }), 21)).toBe(`${" ".repeat(10)}${"━".repeat(10)}▶`);
    expect(barText(scale, row({ kind: "none" }), 21)).toBe(" ".repeat(21));
    expect(barText(scale, row({ kind: "dot", at: 30 }, { low: 20, high: 40 }), 21)).toBe(`${" ".repeat(4)}░░●░░${" ".repeat(12)}`);
  });

  it("draws a range narrower than one column as ━, not as an exact count's ●", () => {
    // Regression: "about 1500" (1350–1650) beside a 3 and "at least 10000000" is one column wide on the log axis, and was drawn as ●.
    const scale = scaleFor([3, 1350, 1650, 10_000_000], true);
    expect(columnOf(scale, 1350, 24)).toBe(columnOf(scale, 1650, 24));
    const text = barText(scale, row({ kind: "bar", from: 1350, to: 1650 }), 24);
    expect(text).not.toContain("●");
    expect(indicesOf(text, "━")).toEqual([columnOf(scale, 1350, 24)]);
  });
});

describe("tickText", () => {
  it("writes counts in full with separators below 100,000, and compactly from there", () => {
    expect([0, 5, 1_200, 99_999, 100_000, 1_000_000, 25_000_000, 1e10].map(tickText)).toEqual(["0", "5", "1,200", "99,999", "100K", "1M", "25M", "10B"]);
  });
});

describe("axisText: the axis under the bars", () => {
  it("is `width` characters from 0 to the max, and says when it is a log axis", () => {
    fc.assert(
      fc.property(intervals, fc.integer({ min: 20, max: 60 }), (ivs, width) => {
        const { counts, open } = countsOf(ivs);
        const scale = scaleFor(counts, open);
        const text = axisText(scale, width);
        expect(text.length).toBe(width);
        expect(text.startsWith("0 ")).toBe(true);
        const right = text.slice(1).trim();
        expect(right).toBe(`${tickText(scale.max)}${scale.kind === "log" ? " (log)" : ""}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe("plotGroup: a group's claims on one axis", () => {
  const measures = fc.constantFrom<[string, Outcome]>(["all", "killed"], ["civilians", "killed"], ["all", "injured"]);
  const claimSets = fc.array(fc.tuple(fc.oneof(interval, interval, fc.constant(null)), measures), { minLength: 1, maxLength: 10 });

  it("gives each claim the mark of its figure, on an axis that holds every count, band and open end", () => {
    fc.assert(
      fc.property(claimSets, (specs) => {
        const claims = specs.map(([iv, [victims, outcome]], i) => claimOf(i, iv === null ? "unknown" : figureText(iv), victims, outcome));
        const g = reconciled(claims);
        const plot = plotGroup(g);
        expect(plot.rows.map((r) => r.index)).toEqual(claims.map((_, i) => i));
        const counts: number[] = [];
        specs.forEach(([iv], i) => {
          const r = plot.rows[i]!;
          expect(r.source).toBe(claims[i]!.source);
          if (iv === null) {
            expect(r.mark).toEqual({ kind: "none" });
            expect(r.tone).toBe("none");
            return;
          }
          expect(r.mark).toEqual(markOf(iv));
          expect(r.tone).not.toBe("none");
          counts.push(iv.low);
          if (iv.high !== null) counts.push(iv.high);
          if (iv.high === null) expect(plot.scale.max).toBeGreaterThan(iv.low);
        });
        for (const m of g.consensus) counts.push(m.low, ...(m.high === null ? [] : [m.high]));
        for (const c of counts) expect(plot.scale.max).toBeGreaterThanOrEqual(c);
        expect(plot.scale.kind).toBe(spread(counts) > LOG_SPAN ? "log" : "linear");
        for (const r of plot.rows) {
          if (r.band === undefined) continue;
          expect(g.status).not.toBe("single");
          expect(plot.scale.max).toBeGreaterThanOrEqual(r.band.low);
          if (r.band.high !== null) expect(plot.scale.max).toBeGreaterThanOrEqual(r.band.high);
          // The band is the consensus of the row's own measure.
          const c = claims[r.index]!;
          expect(g.consensus).toContainEqual({ outcome: c.outcome, victims: c.victims, low: r.band.low, high: r.band.high });
        }
        for (const r of plot.rows) {
          const m = r.mark;
          const at = m.kind === "dot" ? [m.at] : m.kind === "bar" ? [m.from, m.to] : m.kind === "open" ? [m.from] : [];
          for (const x of at) expect(position(plot.scale, x)).toBeGreaterThanOrEqual(0);
          for (const x of at) expect(position(plot.scale, x)).toBeLessThanOrEqual(1);
          expect(barText(plot.scale, r, 24)).toHaveLength(24);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("tones the outlier of a conflict apart from the claims that can all be true", () => {
    const g = reconciled([claimOf(0, "at least 25", "civilians"), claimOf(1, "tens"), claimOf(2, "27", "civilians"), claimOf(3, "17", "civilians")]);
    expect(g.status).toBe("conflict");
    const plot = plotGroup(g);
    expect(plot.rows.map((r) => r.tone)).toEqual(["consistent", "consistent", "consistent", "outlier"]);
    expect(plot.rows.map((r) => r.mark.kind)).toEqual(["open", "bar", "dot", "dot"]);
    // Every row is shaded with its measure's consensus: civilians killed 27, killed 27–99.
    expect(plot.rows.map((r) => r.band)).toEqual([
      { low: 27, high: 27 },
      { low: 27, high: 99 },
      { low: 27, high: 27 },
      { low: 27, high: 27 },
    ]);
  });

  it("shades nothing in a single claim's group", () => {
    const plot = plotGroup(reconciled([claimOf(0, "17")]));
    expect(plot.rows).toHaveLength(1);
    expect(plot.rows[0]).toMatchObject({ mark: { kind: "dot", at: 17 }, tone: "single" });
    expect(plot.rows[0]!.band).toBeUndefined();
  });

  it("draws a group whose claims give no figure without crashing: marks none, blank bars, a finite axis", async () => {
    const csv = "source,figure,location,date\nA,unknown,Deir ez-Zor,2017-06-01\nB,,Deir ez-Zor,2017-06-01\nC,not reported,Deir ez-Zor,2017-06-01\n";
    const result = await reconcile({ inputs: [{ source: { name: "nofigure.csv", bytes: Buffer.from(csv) } }] });
    expect(result.groups).toHaveLength(1);
    const g = result.groups[0]!;
    const plot = plotGroup(g);
    expect(plot.rows.map((r) => [r.mark.kind, r.tone, r.reading])).toEqual([
      ["none", "none", "no figure"],
      ["none", "none", "no figure"],
      ["none", "none", "no figure"],
    ]);
    expect(plot.scale.kind).toBe("linear");
    expect(Number.isFinite(plot.scale.max)).toBe(true);
    expect(plot.scale.max).toBeGreaterThan(0);
    for (const r of plot.rows) {
      expect(r.band).toBeUndefined();
      expect(barText(plot.scale, r, 24)).toBe(" ".repeat(24));
    }
  });

  it("puts 0 at the left end of a log axis, and the huge and tiny counts of one group on it", async () => {
    const csv = [
      "source,figure,location,date",
      "A,3,Raqqa,2017-06-01",
      "B,about 1500,Raqqa,2017-06-01",
      "C,0,Raqqa,2017-06-01",
      "D,at least 10000000,Raqqa,2017-06-01",
      "E,unknown,Raqqa,2017-06-01",
      "",
    ].join("\n");
    const result = await reconcile({ inputs: [{ source: { name: "mixed.csv", bytes: Buffer.from(csv) } }] });
    expect(result.groups).toHaveLength(1);
    const plot = plotGroup(result.groups[0]!);
    expect(plot.scale.kind).toBe("log");
    expect(plot.scale.max).toBeGreaterThan(10_000_000);
    const bars = plot.rows.map((r) => barText(plot.scale, r, 24));
    expect(indicesOf(bars[2]!, "●")).toEqual([0]); // 0
    expect(indicesOf(bars[0]!, "●")).toEqual([columnOf(plot.scale, 3, 24)]);
    expect(columnOf(plot.scale, 3, 24)).toBeGreaterThan(0); // 3 is not drawn on top of 0
    expect(bars[1]).not.toContain("●"); // a range, however narrow
    expect(bars[1]).toContain("━");
    expect(bars[3]!.endsWith("▶")).toBe(true);
    expect(bars[4]!.trim()).toBe("");
    // Left to right in the order of the counts.
    expect(bars[2]!.indexOf("●")).toBeLessThan(bars[0]!.indexOf("●"));
    expect(bars[0]!.indexOf("●")).toBeLessThan(bars[1]!.indexOf("━"));
    expect(bars[1]!.indexOf("━")).toBeLessThan(bars[3]!.indexOf("━"));
  });

  it("draws every one of 50 claims of one group", () => {
    const claims = Array.from({ length: 50 }, (_, i) => claimOf(i, i % 5 === 4 ? `at least ${i}` : i % 5 === 3 ? `${i}-${i * 3}` : String(i * 20)));
    const plot = plotGroup(reconciled(claims));
    expect(plot.rows).toHaveLength(50);
    expect(plot.rows.filter((r) => r.mark.kind === "open")).toHaveLength(10);
    expect(plot.rows.filter((r) => r.mark.kind === "bar")).toHaveLength(10);
    expect(plot.rows.filter((r) => r.mark.kind === "dot")).toHaveLength(30);
    expect(plot.scale.max).toBeGreaterThan(49 * 20);
    for (const r of plot.rows) expect(barText(plot.scale, r, 24)).toHaveLength(24);
  });
});

describe("plotGroup: tones and bands of unusual groups", () => {
  const groupOf = async (csv: string) => (await reconcile({ inputs: [{ source: { name: "g.csv", bytes: Buffer.from(csv) } }] })).groups[0]!;

  it("tones every claim of a conflict with no single largest consistent set 'unresolved', never 'consistent'", async () => {
    const g = await groupOf("source,figure,location,date\nA,10,Hama,2016-09-01\nB,20,Hama,2016-09-01\n");
    expect([g.status, g.tie]).toEqual(["conflict", true]);
    expect(plotGroup(g).rows.map((r) => r.tone)).toEqual(["unresolved", "unresolved"]);
  });

  it("gives a claim with no figure no consensus band, while its group's other claims have theirs", async () => {
    const g = await groupOf("source,figure,location,date\nA,10,Hama,2016-09-01\nB,about 10,Hama,2016-09-01\nC,unknown,Hama,2016-09-01\n");
    expect(g.status).not.toBe("single");
    const rows = plotGroup(g).rows;
    expect(rows.map((r) => r.band !== undefined)).toEqual([true, true, false]);
    expect(barText(plotGroup(g).scale, rows[2]!, 20).trim()).toBe("");
  });
});

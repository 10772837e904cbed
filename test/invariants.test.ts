/**
 * Invariants over generated claim files (fast-check, seeded): nothing is lost,
 * input order does not matter, and a source never disagrees with itself.
 */
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCounted } from "../src/claims/claim.js";
import { reconcile, type ReconcileResult } from "../src/index.js";

const SOURCES = ["SOHR", "SNHR", "Syrian state TV", "Airwars", "Civil Defence"];
const PLACES = ["Hama", "hama", "al-Latamenah", "Latamenah", "Idlib", "Ma'arrat al-Nu'man", "Maarrat an-Numan", "Homs"];
const DATES = ["2016-09-01", "2016-09-02", "2016-09-05", "2016-09", "2016"];
const FIGURES = ["17", "25", "at least 25", "tens", "dozens", "more than 400", "between 10 and 15", "3-7", "about 30", "nearly 50", "several", "1,200", "unknown", "", "dozens of civilians", "أكثر من ٢٥", "des dizaines", "17 people", "up to 30", "fewer than 10"];
const BAD_FIGURES = ["see report", "-5", "2.5", "qwerty"];
const VICTIMS = ["", "civilians", "children", "fighters", "people"];
const OUTCOMES = ["killed", "injured", "killed or injured", "dead"];

const goodRow = fc.record({
  source: fc.constantFrom(...SOURCES),
  figure: fc.constantFrom(...FIGURES),
  location: fc.constantFrom(...PLACES),
  date: fc.constantFrom(...DATES),
  victims: fc.constantFrom(...VICTIMS),
  outcome: fc.constantFrom(...OUTCOMES),
});
const badRow = fc.record({
  source: fc.constantFrom(...SOURCES, ""),
  figure: fc.constantFrom(...BAD_FIGURES, ...FIGURES),
  location: fc.constantFrom(...PLACES, ""),
  date: fc.constantFrom(...DATES, "2016-02-30", "someday"),
  victims: fc.constantFrom(...VICTIMS),
  outcome: fc.constantFrom(...OUTCOMES, "vanished"),
});

type Row = { source: string; figure: string; location: string; date: string; victims: string; outcome: string };

function csvOf(rows: Array<Row & { id?: string }>): Buffer {
  const columns = ["id", "source", "figure", "location", "date", "victims", "outcome"];
  return Buffer.from(stringify([columns, ...rows.map((r) => columns.map((c) => (r as Record<string, string>)[c] ?? ""))]));
}

async function run(bytes: Buffer, dateWindow = 0): Promise<ReconcileResult> {
  return reconcile({ inputs: [{ source: { name: "generated.csv", bytes } }], dateWindow, keepRejects: true });
}

/** The report with every order-dependent detail (ids, order) removed. */
function canonical(result: ReconcileResult) {
  return result.groups
    .map((g) => ({
      claims: g.claims.map((c) => c.id).sort(),
      status: g.status,
      consensus: g.consensus.map((m) => `${m.outcome}/${m.victims}:${m.low}-${m.high}`).sort(),
      outliers: g.claims.filter((_, i) => g.outlier[i]).map((c) => c.id).sort(),
    }))
    .sort((a, b) => a.claims[0]!.localeCompare(b.claims[0]!));
}

const PARAMS = { seed: 20160901, numRuns: 60 };

describe("invariants", () => {
  it("every row read is either a claim in exactly one group or a rejected row", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(goodRow, badRow), { minLength: 1, maxLength: 60 }), async (rows) => {
        const result = await run(csvOf(rows.map((r, i) => ({ ...r, id: `r${i}` }))));
        const { summary } = result;
        expect(summary.rows).toBe(rows.length);
        expect(summary.rows).toBe(summary.claims + summary.rejected);
        const grouped = result.groups.flatMap((g) => g.claims.map((c) => c.line));
        const rejected = result.rejected.map((r) => r.line);
        const all = [...grouped, ...rejected].sort((a, b) => a - b);
        expect(all).toEqual(rows.map((_, i) => i + 2));
      }),
      PARAMS,
    );
  });

  it("shuffling the rows changes no group, status, consensus or outlier", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(goodRow, { minLength: 1, maxLength: 40 }).chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows.map((_, i) => i), { minLength: rows.length, maxLength: rows.length })),
        ),
        fc.integer({ min: 0, max: 3 }),
        async ([rows, order], window) => {
          const withIds = rows.map((r, i) => ({ ...r, id: `r${i}` }));
          const a = await run(csvOf(withIds), window);
          const b = await run(csvOf(order.map((i) => withIds[i]!)), window);
          expect(canonical(b)).toEqual(canonical(a));
        },
      ),
      PARAMS,
    );
  });

  it("a source never conflicts with itself: one-source groups are single, and no finding pairs a source with itself", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(goodRow, { minLength: 1, maxLength: 40 }), async (rows) => {
        const result = await run(csvOf(rows.map((r, i) => ({ ...r, source: "SOHR", id: `r${i}` }))));
        for (const g of result.groups) {
          expect(g.status).toBe("single");
          expect(g.findings).toEqual([]);
        }
        const mixed = await run(csvOf(rows.map((r, i) => ({ ...r, id: `r${i}` }))));
        for (const g of mixed.groups) {
          const sourceOf = new Map(g.claims.map((c) => [c.id, c.source]));
          for (const f of g.findings) expect(sourceOf.get(f.a)).not.toBe(sourceOf.get(f.b));
        }
      }),
      PARAMS,
    );
  });

  it("the consensus of a group without conflict lies inside every claim of the same measure", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(goodRow, { minLength: 1, maxLength: 40 }), async (rows) => {
        const result = await run(csvOf(rows.map((r, i) => ({ ...r, id: `r${i}` }))));
        for (const g of result.groups) {
          if (g.status === "conflict") continue;
          for (const m of g.consensus) {
            for (const c of g.claims) {
              if (c.outcome !== m.outcome || c.victims !== m.victims || !isCounted(c)) continue;
              expect(m.low).toBeGreaterThanOrEqual(c.figure.low);
              if (c.figure.high !== null) expect(m.high).not.toBeNull();
              if (c.figure.high !== null) expect(m.high!).toBeLessThanOrEqual(c.figure.high);
            }
          }
        }
      }),
      PARAMS,
    );
  });
});

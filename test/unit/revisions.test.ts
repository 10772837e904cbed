import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/claims/claim.js";
import { parseDate } from "../../src/claims/date.js";
import type { Outcome } from "../../src/claims/measures.js";
import { compareGroup, countedSource } from "../../src/compare/compare.js";
import { loadSourceTable } from "../../src/compare/sources.js";
import { UsageError } from "../../src/errors.js";
import { readFigure } from "../../src/figures/read.js";
import type { Group } from "../../src/group/group.js";
import { reconcile, type ReconcileOptions, type ReconcileResult } from "../../src/index.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/revisions/sohr-updates.csv", import.meta.url));

async function run(text: string, options: Partial<ReconcileOptions> = {}): Promise<ReconcileResult> {
  return reconcile({ inputs: [{ source: { name: "t.csv", bytes: Buffer.from(text) } }], ...options });
}

const pairs = (r: { findings: Array<{ kind: string; a: string; b: string; relation: string }> }) => r.findings.map((f) => [f.kind, f.a, f.b, f.relation]);

const HEAD = "id,source,figure,victims,location,date,reported_at\n";
const SANA_TV = `sana,SANA,tens,,Hama,2016-09-01,2016-09-01T16:00Z
statetv,Syrian state TV,15,,Hama,2016-09-01,2016-09-01T18:00Z
`;

describe("revisions on the fixture", () => {
  it("sohr-1 is superseded by sohr-2 and takes part in no finding", async () => {
    const r = await reconcile({ inputs: [{ source: { path: FIXTURE } }] });
    expect(r.groups).toHaveLength(1);
    const g = r.groups[0]!;
    expect(g.claims.map((c) => c.id)).toEqual(["sohr-1", "sohr-2", "sana", "statetv"]);
    expect(g.supersededBy).toEqual(["sohr-2", undefined, undefined, undefined]);
    expect(g.notes.map((n) => n.text)).toEqual(["SOHR made 2 claims of civilians killed: the latest (sohr-2, reported 2016-09-02T09:00Z) supersedes the earlier"]);
    expect(g.notes[0]).toMatchObject({ kind: "superseded", source: "SOHR", measure: "civilians killed", claims: ["sohr-1", "sohr-2"], latest: "sohr-2", reported_at: "2016-09-02T09:00Z" });
    expect(pairs(g)).toEqual([
      ["conflict", "sohr-2", "statetv", "part of"],
      ["conflict", "sana", "statetv", "same measure"],
      ["compatible", "sohr-2", "sana", "part of"],
    ]);
    expect(g.findings.some((f) => f.a === "sohr-1" || f.b === "sohr-1")).toBe(false);
    expect(g.status).toBe("conflict");
    expect(g.outlier[0]).toBe(false);
  });

  it("the later report wins whatever the order of the rows", async () => {
    const text = readFileSync(FIXTURE, "utf8").split("\n");
    const reversed = [text[0], ...text.slice(1).filter((l) => l !== "").reverse()].join("\n");
    const r = await run(reversed);
    const g = r.groups[0]!;
    const at = (id: string) => g.supersededBy[g.claims.findIndex((c) => c.id === id)];
    expect(at("sohr-1")).toBe("sohr-2");
    expect(at("sohr-2")).toBeUndefined();
    expect(g.findings.some((f) => f.a === "sohr-1" || f.b === "sohr-1")).toBe(false);
  });
});

describe("revisions without an order", () => {
  it("without a reported_at on one of them, both are kept, uncompared with each other, and the notes say so", async () => {
    const r = await run(`${HEAD}sohr-1,SOHR,at least 25,civilians,Hama,2016-09-01,
sohr-2,SOHR,32,civilians,Hama,2016-09-01,2016-09-02T09:00Z
${SANA_TV}`);
    const g = r.groups[0]!;
    expect(g.claims.map((_, i) => g.supersededBy[i])).toEqual([undefined, undefined, undefined, undefined]);
    expect(g.notes.map((n) => n.text)).toEqual(["SOHR made 2 claims of civilians killed without a reported_at on each: all are kept, none compared with the others"]);
    // Conflicts first, the largest (relative to the bound beyond the gap) first.
    expect(pairs(g)).toEqual([
      ["conflict", "sohr-2", "statetv", "part of"],
      ["conflict", "sohr-1", "statetv", "part of"],
      ["conflict", "sana", "statetv", "same measure"],
      ["compatible", "sohr-1", "sana", "part of"],
      ["compatible", "sohr-2", "sana", "part of"],
    ]);
  });

  it("with the same reported_at, both are kept and the notes say so", async () => {
    const r = await run(`${HEAD}sohr-1,SOHR,at least 25,civilians,Hama,2016-09-01,2016-09-01T14:00Z
sohr-2,SOHR,32,civilians,Hama,2016-09-01,2016-09-01T14:00Z
`);
    const g = r.groups[0]!;
    expect(g.claims.map((_, i) => g.supersededBy[i])).toEqual([undefined, undefined]);
    expect(g.notes.map((n) => n.text)).toEqual(["SOHR made 2 claims of civilians killed reported at the same time (2016-09-01T14:00Z): all are kept"]);
    expect(g.findings).toEqual([]);
    expect(g.status).toBe("single");
  });

  it("a source's claims of different measures are no revisions of each other", async () => {
    const r = await run(`${HEAD}sohr-1,SOHR,25,civilians,Hama,2016-09-01,2016-09-01T14:00Z
sohr-2,SOHR,32,,Hama,2016-09-01,2016-09-02T09:00Z
`);
    const g = r.groups[0]!;
    expect(g.claims.map((_, i) => g.supersededBy[i])).toEqual([undefined, undefined]);
    expect(g.notes.map((n) => n.text)).toEqual([]);
  });

  it("the latest of three supersedes both earlier ones", async () => {
    const r = await run(`${HEAD}s1,SOHR,10,,Hama,2016-09-01,2016-09-01T10:00Z
s3,SOHR,30,,Hama,2016-09-01,2016-09-03T10:00Z
s2,SOHR,20,,Hama,2016-09-01,2016-09-02T10:00Z
b,SNHR,30,,Hama,2016-09-01,
`);
    const g = r.groups[0]!;
    expect(g.supersededBy).toEqual(["s3", undefined, "s3", undefined]);
    expect(g.notes.map((n) => n.text)).toEqual(["SOHR made 3 claims of killed: the latest (s3, reported 2016-09-03T10:00Z) supersedes the earlier"]);
    expect(pairs(g)).toEqual([["agree", "s3", "b", "same measure"]]);
    expect(g.status).toBe("agree");
  });
});

describe("--same-source", () => {
  it("state TV counted as SANA: their pair is not compared, and the notes say so", async () => {
    const sameSource = new Map([["Syrian state TV", "SANA"]]);
    const r = await reconcile({ inputs: [{ source: { path: FIXTURE } }], sameSource });
    const g = r.groups[0]!;
    expect(g.findings.some((f) => [f.a, f.b].includes("sana") && [f.a, f.b].includes("statetv"))).toBe(false);
    expect(g.notes.map((n) => n.text)).toContain("counted as one source: Syrian state TV as SANA");
    // Counted as one source, a reprint is not compared with its original, but revises nothing: revisions are a source's own.
    expect(g.notes.map((n) => n.text)).toEqual([
      "SOHR made 2 claims of civilians killed: the latest (sohr-2, reported 2016-09-02T09:00Z) supersedes the earlier",
      "counted as one source: Syrian state TV as SANA",
    ]);
    expect(g.supersededBy).toEqual(["sohr-2", undefined, undefined, undefined]);
    expect(pairs(g)).toEqual([
      ["conflict", "sohr-2", "statetv", "part of"],
      ["compatible", "sohr-2", "sana", "part of"],
    ]);
  });

  it("without reported_at, the two are both kept and still not compared", async () => {
    const r = await run(
      `${HEAD}sana,SANA,tens,,Hama,2016-09-01,
statetv,Syrian state TV,15,,Hama,2016-09-01,
web,SANA website,12,,Hama,2016-09-01,
`,
      { sameSource: new Map([["Syrian state TV", "SANA"], ["SANA website", "SANA"]]) },
    );
    const g = r.groups[0]!;
    expect(g.findings).toEqual([]);
    expect(g.status).toBe("single");
    expect(g.notes.map((n) => n.text)).toEqual(["counted as one source: SANA website as SANA; Syrian state TV as SANA"]);
    // Without the alias, the three conflict.
    const apart = await run(`${HEAD}sana,SANA,tens,,Hama,2016-09-01,
statetv,Syrian state TV,15,,Hama,2016-09-01,
web,SANA website,12,,Hama,2016-09-01,
`);
    expect(apart.groups[0]!.status).toBe("conflict");
    expect(apart.groups[0]!.notes.map((n) => n.text)).toEqual([]);
  });

  it("an alias of a source that is not in the group adds no note", async () => {
    const r = await run(`${HEAD}${SANA_TV}`, { sameSource: new Map([["Al-Watan", "SANA"]]) });
    expect(r.groups[0]!.notes.map((n) => n.text)).toEqual([]);
    expect(r.groups[0]!.status).toBe("conflict");
  });
});

describe("countedSource", () => {
  it("follows chains", () => {
    const map = new Map([
      ["A", "B"],
      ["B", "C"],
    ]);
    expect(countedSource("A", map)).toBe("C");
    expect(countedSource("B", map)).toBe("C");
    expect(countedSource("C", map)).toBe("C");
    expect(countedSource("D", map)).toBe("D");
    expect(countedSource("A", undefined)).toBe("A");
    expect(countedSource("A", new Map([["A", "A"]]))).toBe("A");
  });

  it("stops on cycles, at a source of the cycle", () => {
    const two = new Map([
      ["A", "B"],
      ["B", "A"],
    ]);
    expect(["A", "B"]).toContain(countedSource("A", two));
    expect(["A", "B"]).toContain(countedSource("B", two));
    const three = new Map([
      ["A", "B"],
      ["B", "C"],
      ["C", "A"],
      ["D", "A"],
    ]);
    for (const s of ["A", "B", "C", "D"]) expect(["A", "B", "C"]).toContain(countedSource(s, three));
  });

  it("a long chain is followed to its end", () => {
    const map = new Map(Array.from({ length: 10 }, (_, i) => [`S${i}`, `S${i + 1}`] as [string, string]));
    expect(countedSource("S0", map)).toBe("S10");
  });
});

describe("loadSourceTable", () => {
  const dir = mkdtempSync(join(tmpdir(), "reconcile-sources-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("reads source → same_as, headers in any case, cells trimmed", () => {
    const path = file("ok.csv", "\ufeffSource , Same_As\nSyrian state TV,SANA\n SANA website , SANA \n\n");
    expect(loadSourceTable(path)).toEqual(
      new Map([
        ["Syrian state TV", "SANA"],
        ["SANA website", "SANA"],
      ]),
    );
  });

  it("a missing same_as, with file:line", () => {
    const path = file("missing.csv", "source,same_as\nSyrian state TV,SANA\nAl-Watan,\n");
    let error: unknown;
    try {
      loadSourceTable(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`${path}:3: expected the columns "source" and "same_as" filled, got {"source":"Al-Watan","same_as":""} [SOURCES_INVALID]`);
  });

  it("a table without the same_as column", () => {
    const path = file("nocolumn.csv", "source,alias\nA,B\n");
    expect(() => loadSourceTable(path)).toThrow(`${path}:2: expected the columns "source" and "same_as" filled, got {"source":"A","alias":"B"} [SOURCES_INVALID]`);
  });

  it("a file that cannot be read, or parsed", () => {
    const missing = join(dir, "nope.csv");
    expect(() => loadSourceTable(missing)).toThrow(new UsageError(`${missing}: cannot read the source table (no such file) [SOURCES_INVALID]`));
    const bad = file("bad.csv", 'source,same_as\n"A,B\n');
    expect(() => loadSourceTable(bad)).toThrow(/: not valid CSV: .* \[SOURCES_INVALID\]$/);
  });
});

describe("property: an alias never creates a finding", () => {
  const SOURCES = ["A", "B", "C", "D"] as const;
  const FIGURES = ["10", "12", "20", "at least 15", "up to 11", "tens", "between 10 and 20", "dozens", "30"] as const;

  function claim(id: string, source: string, figure: string, victims: string, outcome: Outcome, reportedAt: string | undefined): Claim {
    const f = readFigure(figure);
    if (!f.ok) throw new Error(`bad test figure ${figure}`);
    return {
      id,
      source,
      figure: f.reading,
      outcome,
      victims,
      location: "Hama",
      date: parseDate("2016-09-01")!,
      ...(reportedAt !== undefined && { reported_at: reportedAt }),
      extra: {},
      file: "t.csv",
      line: 1,
    };
  }
  function group(claims: Claim[]): Group {
    const d = parseDate("2016-09-01")!;
    return { id: "G1", claims, location: "Hama", date: "2016-09-01", span: { start: d.start, end: d.end, precision: "day" }, place: { key: "n:0", level: "place", within: [] }, reasons: [], passedOver: [] };
  }
  const pairIds = (claims: Claim[], sameSource?: ReadonlyMap<string, string>) =>
    new Set(compareGroup(group(claims), sameSource ? { sameSource } : {}).findings.map((f) => [f.a, f.b].sort().join("|")));

  const spec = fc.record({
    source: fc.constantFrom(...SOURCES),
    figure: fc.constantFrom(...FIGURES),
    victims: fc.constantFrom("all", "civilians"),
    outcome: fc.constantFrom<Outcome>("killed", "killed_or_injured"),
  });
  // reported_at on no claim, or on every claim and all different. The mixed case is left out: there an
  // alias can merge a source whose claim has no reported_at (or the same one) into a source's revisions,
  // so that a claim superseded without the alias is kept with it, and its pairs are new findings.
  const input = fc.record({
    specs: fc.array(spec, { minLength: 2, maxLength: 7 }),
    reported: fc.boolean(),
    order: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
    aliases: fc.array(fc.tuple(fc.constantFrom(...SOURCES), fc.constantFrom(...SOURCES)), { minLength: 1, maxLength: 3 }),
  });

  it("findings with --same-source ⊆ findings without, by pair ids", () => {
    fc.assert(
      fc.property(input, ({ specs, reported, order, aliases }) => {
        const times = specs.map((_, i) => ({ i, t: order[i]! * 10 + i })).sort((a, b) => a.t - b.t);
        const rank = new Map(times.map((x, k) => [x.i, k]));
        const claims = specs.map((s, i) =>
          claim(`c${i}`, s.source, s.figure, s.victims, s.outcome, reported ? `2016-09-${String(1 + rank.get(i)!).padStart(2, "0")}T12:00Z` : undefined),
        );
        const sameSource = new Map(aliases.filter(([a, b]) => a !== b));
        fc.pre(sameSource.size > 0);
        const without = pairIds(claims);
        const withAlias = pairIds(claims, sameSource);
        for (const p of withAlias) expect(without.has(p), `${p} appears only with ${JSON.stringify([...sameSource])}`).toBe(true);
      }),
      { seed: 4242, numRuns: 500 },
    );
  });

  it("the alias removes exactly the pairs between sources it makes one", () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 2, maxLength: 7 }), fc.constantFrom(...SOURCES), fc.constantFrom(...SOURCES), (specs, from, to) => {
        fc.pre(from !== to);
        // No reported_at: no revisions, so only the source pairs change.
        const claims = specs.map((s, i) => claim(`c${i}`, s.source, s.figure, s.victims, s.outcome, undefined));
        // Claims that say the same thing as the same (counted) source are one statement, compared once:
        // pairs are compared as pairs of statements.
        const counted = (s: string) => (s === from ? to : s);
        const statement = (id: string) => {
          const c = claims.find((x) => x.id === id)!;
          return [counted(c.source), c.outcome, c.victims, c.figure.low, c.figure.high].join("/");
        };
        const asStatements = (ids: Iterable<string>) => new Set([...ids].map((p) => p.split("|").map(statement).sort().join(" ~ ")));
        const withAlias = asStatements(pairIds(claims, new Map([[from, to]])));
        const expected = asStatements(
          [...pairIds(claims)].filter((p) => {
            const [a, b] = p.split("|").map((id) => claims.find((c) => c.id === id)!.source);
            return counted(a!) !== counted(b!);
          }),
        );
        expect(withAlias).toEqual(expected);
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});

describe("regressions", () => {
  it("an alias never revives a superseded claim into a new conflict", async () => {
    const text = `${HEAD}sohr-a,SOHR,10,,Hama,2016-09-01,2016-09-01T10:00Z
sohr-b,SOHR,30,,Hama,2016-09-01,2016-09-02T10:00Z
site,SOHR website,30,,Hama,2016-09-01,
z,SNHR,30,,Hama,2016-09-01,
`;
    const plain = (await run(text)).groups[0]!;
    const aliased = (await run(text, { sameSource: new Map([["SOHR website", "SOHR"]]) })).groups[0]!;
    expect(plain.status).toBe("agree");
    expect(aliased.status).toBe("agree");
    expect(aliased.supersededBy).toEqual(["sohr-b", undefined, undefined, undefined]);
  });

  it("every source in a circle of aliases counts as one", () => {
    const circle = new Map([
      ["SANA", "Syrian state TV"],
      ["Syrian state TV", "SANA"],
    ]);
    expect(countedSource("SANA", circle)).toBe("SANA");
    expect(countedSource("Syrian state TV", circle)).toBe("SANA");
    const three = new Map([
      ["b", "c"],
      ["c", "a"],
      ["a", "b"],
      ["d", "b"],
    ]);
    expect(["a", "b", "c", "d"].map((s) => countedSource(s, three))).toEqual(["a", "a", "a", "a"]);
  });

  it("reported_at compares instants, not text", async () => {
    const g = (
      await run(`${HEAD}early,SOHR,10,,Hama,2016-09-01,2016-09-02T01:00Z
late,SOHR,12,,Hama,2016-09-01,2016-09-01T23:00-05:00
`)
    ).groups[0]!;
    expect(g.supersededBy).toEqual(["late", undefined]);
  });

  it("a reported_at that is no date is an input error at its column", async () => {
    await expect(run(`${HEAD}x,SOHR,10,,Hama,2016-09-01,yesterday\n`)).rejects.toThrow('column "reported_at": expected a date or date-time');
  });
});

/**
 * --spill: a large run keeps its claims' url, quote, notes and other columns in a temporary file
 * (src/claims/carried.ts). Every report must read the same, byte for byte, as when they are in memory.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { reconcile, type ReconcileOptions } from "../src/index.js";
import type { Claim } from "../src/claims/claim.js";
import { hashValues, sharing, textHashes } from "../src/claims/carried.js";
import { hash } from "../src/util/hash.js";
import { claimRecord } from "../src/report/model.js";
import { OUTPUT_FORMATS, render } from "../src/report/index.js";
import { ROOT, runInProcess } from "./support/cli.js";

const DATA = path.resolve(ROOT, "..", "shared", "data");
const tmp = mkdtempSync(path.join(os.tmpdir(), "reconcile-spill-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Inputs with text of every kind: quotes and notes, extra columns, several counts in a cell, a preset's breakdown. */
const CASES: Array<[string, ReconcileOptions["inputs"]]> = [
  ["the seed (quote, notes)", [{ source: { path: path.join(ROOT, "fixtures/seed/hama-2016-09-01.csv") } }]],
  ["columns of its own (carried, mapped)", [{ source: { path: path.join(ROOT, "fixtures/formats/own-columns.csv") }, map: { location: "Town", figure: "Deaths", date: "Day", victims: "Who", source: "Reporter" } }]],
  ["revisions", [{ source: { path: path.join(ROOT, "fixtures/revisions/sohr-updates.csv") } }]],
  ["UCDP GED through its preset (five claims a row)", [{ source: { path: path.join(ROOT, "fixtures/ucdp-ged/ged-syria-excerpt.csv") }, preset: "ucdp-ged" }]],
  ["NDJSON with nested fields", [{ source: { path: path.join(ROOT, "fixtures/formats/hama.ndjson") } }]],
  ["a containment file and a conflict file together", [{ source: { path: path.join(ROOT, "fixtures/containment/idlib-2016-09.csv") } }, { source: { path: path.join(ROOT, "fixtures/conflict/hama-conflict.csv") } }]],
];

describe("claims whose text is kept in a temporary file", () => {
  it.each(CASES)("%s: every format is byte-identical to the run that keeps it in memory", async (_, inputs) => {
    const base = { inputs, dateWindow: 1, keepRejects: true };
    const inMemory = await reconcile({ ...base, spill: false });
    const spilled = await reconcile({ ...base, spill: true, tempDir: tmp });
    expect(spilled.summary).toEqual(inMemory.summary);
    // The store is in use: a claim reads its text back through its record.
    const claims = spilled.groups.flatMap((g) => g.claims);
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => typeof c.carried === "number")).toBe(true);
    expect(inMemory.groups.flatMap((g) => g.claims).some((c) => c.carried !== undefined)).toBe(false);
    for (const format of OUTPUT_FORMATS) {
      expect(render(spilled, format, { color: false }), format).toBe(render(inMemory, format, { color: false }));
    }
    // Claim by claim, as a library caller reads them.
    const memoryClaims = inMemory.groups.flatMap((g) => g.claims);
    claims.forEach((c, i) => expect(claimRecord(c, false)).toEqual(claimRecord(memoryClaims[i]!, false)));
  });

  it.each(CASES)("%s: a group of one claim, held as its claim alone, reads field for field as the group in memory", async (_, inputs) => {
    const base = { inputs, dateWindow: 1, keepRejects: true };
    const inMemory = await reconcile({ ...base, spill: false });
    const spilled = await reconcile({ ...base, spill: true, tempDir: tmp });
    const keys = Object.keys(inMemory.groups[0]!);
    expect(keys).toEqual(["id", "claims", "event", "location", "date", "span", "place", "reasons", "passedOver", "status", "findings", "consensus", "outlier", "tie", "supersededBy", "notes"]);
    // Claims as their ids (a spilled claim's text is on disk, out of JSON's sight), the rest as JSON sees it.
    const json = (g: unknown) => JSON.stringify(g, (_, v: unknown) => (v !== null && typeof v === "object" && "line" in v && "source" in v ? `claim ${(v as unknown as { id: string }).id}` : v));
    let singles = 0;
    spilled.groups.forEach((g, i) => {
      const m = inMemory.groups[i]!;
      expect(json(g), g.id).toBe(json(m));
      // Read field by field, as the reports read them.
      for (const k of keys) expect(json(g[k as keyof typeof g]), `${g.id} ${k}`).toBe(json(m[k as keyof typeof m]));
      if (Object.getPrototypeOf(g) !== Object.prototype) {
        singles++;
        expect(g.claims).toHaveLength(1);
        expect(g.claims[0]).toBe(g.claims[0]);
        expect(inspect(g, { depth: 0 })).toBe(inspect((g as unknown as { toJSON(): object }).toJSON(), { depth: 0 }));
      }
    });
    // Every group of one claim that nothing joined and that passed nothing over is held so, and no other.
    expect(singles).toBe(inMemory.groups.filter((g) => g.claims.length === 1 && g.reasons.length === 0 && g.passedOver.length === 0).length);
    if (inputs === CASES[0]![1]) expect(singles).toBeGreaterThan(0);
    expect(spilled.groups.filter((g) => g.passedOver.length > 0).every((g) => Object.getPrototypeOf(g) === Object.prototype)).toBe(true);
  });

  it("a claim counted as another source (--same-source) keeps the group a group like the others, with its note", async () => {
    const inputs = CASES[0]![1];
    const sameSource = new Map([["Syrian state TV", "Syrian Observatory for Human Rights"]]);
    const inMemory = await reconcile({ inputs, sameSource, spill: false });
    const spilled = await reconcile({ inputs, sameSource, spill: true, tempDir: tmp });
    for (const format of OUTPUT_FORMATS) expect(render(spilled, format, { color: false }), format).toBe(render(inMemory, format, { color: false }));
    const tv = spilled.groups.filter((g) => g.claims.some((c) => c.source === "Syrian state TV"));
    expect(tv.length).toBeGreaterThan(0);
    for (const g of tv) expect(Object.getPrototypeOf(g)).toBe(Object.prototype);
  });

  it("the seed's texts come back as written, read in any order", async () => {
    const result = await reconcile({ inputs: CASES[0]![1], spill: true, tempDir: tmp });
    const claims = result.groups.flatMap((g) => g.claims);
    const byId = new Map(claims.map((c) => [c.id, c]));
    // Out of the order they were written, and one twice, so the file is read by offset, not only in sequence.
    for (const id of ["statetv-hama", "sohr-hama", "statetv-hama"]) expect(byId.get(id)).toBeDefined();
    expect(byId.get("statetv-hama")!.notes).toBe('"concentrated strikes" by the air force; victims not specified');
    expect(byId.get("sohr-hama")!.quote).toBe("at least 25 civilians had been killed in the air strikes");
    expect(byId.get("sohr-hama")!.url).toBeUndefined();
  });

  it("texts with every kind of character survive the file: quotes, newlines, tabs, non-Latin script, a large cell", async () => {
    const big = "x".repeat(3 * 1024 * 1024);
    const odd = ['he said "25"', "line one\nline two", "tab\there", "قتل ٢٥ مدنيا", "emoji 🙂 and \\ backslash", big];
    const rows = odd.map((text, i) => ({ id: `c${i}`, source: `S${i}`, figure: "3", location: `Place ${i}`, date: "2016-09-01", notes: text, url: `https://example.org/${i}`, own_column: `${text}!` }));
    const file = path.join(tmp, "odd.json");
    writeFileSync(file, JSON.stringify(rows));
    const result = await reconcile({ inputs: [{ source: { path: file } }], spill: true, tempDir: tmp });
    const claims = new Map(result.groups.flatMap((g) => g.claims).map((c) => [c.id, c]));
    // Backwards, then forwards: every record read by its offset.
    for (const i of [5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5]) {
      const c = claims.get(`c${i}`)!;
      expect(c.notes).toBe(odd[i]);
      expect(c.url).toBe(`https://example.org/${i}`);
      expect(c.extra).toEqual({ own_column: `${odd[i]}!` });
    }
  });

  it("a cell of several counts gives a claim per count, each with the row's text, event and coordinates", async () => {
    const file = path.join(tmp, "several.csv");
    writeFileSync(
      file,
      'id,source,figure,location,date,event,latitude,longitude,actors,url,notes,own\n' +
        'r1,SOHR,"12 killed and 30 wounded, including 3 children",Hama,2016-09-01,strike-1,35.13,36.75,Air force,https://example.org/1,"first, note",x\n' +
        'r2,SNHR,14 killed,Hama,2016-09-01,strike-1,35.13,36.75,,https://example.org/2,second,y\n',
    );
    const inputs = [{ source: { path: file } }];
    const inMemory = await reconcile({ inputs, spill: false });
    const spilled = await reconcile({ inputs, spill: true, tempDir: tmp });
    const claims = spilled.groups.flatMap((g) => g.claims);
    expect(claims.map((c) => c.id)).toEqual(["r1#killed", "r1#injured", "r1#children_injured", "r2"]);
    for (const c of claims.slice(0, 3)) {
      expect([c.url, c.notes, c.extra, c.event, c.latitude, c.actors]).toEqual(["https://example.org/1", "first, note", { own: "x" }, "strike-1", 35.13, "Air force"]);
    }
    for (const format of OUTPUT_FORMATS) expect(render(spilled, format, { color: false }), format).toBe(render(inMemory, format, { color: false }));
  });

  it("columns named like numbers (2019, 10) come in the order the in-memory claims list them, and names with any character stay apart", async () => {
    const csv = path.join(tmp, "years.csv");
    writeFileSync(csv, "id,source,figure,location,date,zeta,2019,10\na,S,5,Hama,2016-09-01,z1,x1,y1\nb,T,7,Hama,2016-09-01,z2,x2,y2\n");
    // Column names that differ only by a NUL: "x\u0000y" alone, then "x" and "y".
    const ndjson = path.join(tmp, "nul-names.ndjson");
    writeFileSync(ndjson, '{"id":"a","source":"S","figure":"5","location":"Hama","date":"2016-09-01","x\\u0000y":"1"}\n{"id":"b","source":"T","figure":"7","location":"Hama","date":"2016-09-01","x":"2","y":"3"}\n');
    for (const file of [csv, ndjson]) {
      const inMemory = await reconcile({ inputs: [{ source: { path: file } }], spill: false });
      const spilled = await reconcile({ inputs: [{ source: { path: file } }], spill: true, tempDir: tmp });
      for (const format of OUTPUT_FORMATS) expect(render(spilled, format, { color: false }), `${file} ${format}`).toBe(render(inMemory, format, { color: false }));
      spilled.close?.();
    }
    const header = render(await reconcile({ inputs: [{ source: { path: csv } }], spill: true, tempDir: tmp }), "csv", { color: false }).split("\n")[0]!;
    expect(header.endsWith(",10,2019,zeta")).toBe(true);
  });

  it.runIf(existsSync("/proc/self/fd"))("a run's temporary file is closed by result.close(), and by a run that fails", async () => {
    const open = () => readdirSync("/proc/self/fd").length;
    const before = open();
    for (let i = 0; i < 30; i++) {
      const result = await reconcile({ inputs: CASES[0]![1], spill: true, tempDir: tmp });
      expect(result.groups.flatMap((g) => g.claims).some((c) => c.notes !== undefined)).toBe(true);
      result.close?.();
      result.close?.();
    }
    // A bad row without keepRejects: the run throws, and keeps nothing open.
    await expect(reconcile({ inputs: [{ source: { path: path.join(ROOT, "fixtures/bad/bad-rows.csv") } }], spill: true, tempDir: tmp })).rejects.toThrow();
    expect(open()).toBeLessThanOrEqual(before + 2);
    // Text read after close is an error that says so, not a wrong answer.
    const closed = await reconcile({ inputs: CASES[0]![1], spill: true, tempDir: tmp });
    closed.close?.();
    expect(() => closed.groups.flatMap((g) => g.claims).map((c) => c.notes)).toThrow(/result.close/);
  });

  it("leaves no file behind in the temporary folder, during the run or after it", async () => {
    const dir = mkdtempSync(path.join(tmp, "empty-"));
    const result = await reconcile({ inputs: CASES[0]![1], spill: true, tempDir: dir });
    expect(readdirSync(dir)).toEqual([]);
    // The file is open, unnamed: reading the text still works.
    expect(result.groups.flatMap((g) => g.claims).some((c) => c.notes !== undefined)).toBe(true);
  });
});

describe("--spill and --temp-dir", () => {
  const seed = "fixtures/seed/hama-2016-09-01.csv";

  it.each(["csv", "json", "html"])("--spill always writes the same %s report as --spill never", async (format) => {
    const never = await runInProcess([seed, "--format", format, "--spill", "never"]);
    const always = await runInProcess([seed, "--format", format, "--spill", "always", "--temp-dir", tmp]);
    expect(never.exit).toBe(0);
    expect(always).toEqual(never);
  });

  it("a temporary folder that does not exist is TEMP_UNWRITABLE, exit 2, nothing written", async () => {
    const out = path.join(tmp, "never.csv");
    const missing = path.join(tmp, "no-such-folder");
    const r = await runInProcess([seed, "--spill", "always", "--temp-dir", missing, "-o", out]);
    expect(r.exit).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`reconcile: cannot keep the claims' text in the temporary folder ${JSON.stringify(missing)}: no such folder; give another with --temp-dir, or keep it in memory with --spill never [TEMP_UNWRITABLE]\n`);
    expect(existsSync(out)).toBe(false);
  });

  it("TMPDIR is the default folder, as for other tools", async () => {
    const missing = path.join(tmp, "no-tmpdir");
    const r = await runInProcess([seed, "--spill", "always"], { env: { TMPDIR: missing } });
    expect(r.exit).toBe(2);
    expect(r.stderr).toContain(`${JSON.stringify(missing)}: no such folder`);
    // Small inputs are kept in memory under the default (auto): the missing folder is never touched.
    expect((await runInProcess([seed], { env: { TMPDIR: missing } })).exit).toBe(0);
  });

  it("--spill takes auto, always or never", async () => {
    const r = await runInProcess([seed, "--spill", "sometimes"]);
    expect(r.exit).toBe(2);
    expect(r.stderr).toMatch(/--spill.*sometimes.*auto, always, never.*\[USAGE_INVALID_ARGUMENT\]/);
  });
});

describe.runIf(existsSync(path.join(DATA, "acled-africa-2016", "acled.csv")))("on a real export", () => {
  it("ACLED's 500 events with their notes: the CSV report is byte-identical with the text on disk", async () => {
    const inputs = [{ source: { path: path.join(DATA, "acled-africa-2016", "acled.csv") }, preset: "acled" }];
    const inMemory = await reconcile({ inputs, keepRejects: true, spill: false });
    const spilled = await reconcile({ inputs, keepRejects: true, spill: true, tempDir: tmp });
    expect(render(spilled, "csv", { color: false })).toBe(render(inMemory, "csv", { color: false }));
    expect(render(spilled, "json", { color: false })).toBe(render(inMemory, "json", { color: false }));
  });
});

describe("fields many claims share, held once (claims/carried.ts)", () => {
  const place = (location: string) => ({ location, country: "Syria" }) as unknown as Claim;
  const fields = ["location", "country"] as const;

  it("two sets of values whose hashes meet stay two", () => {
    // Birthday search for two place names with one 32-bit hash: about 77,000 names give one by half.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined && i < 2_000_000; i++) {
      const name = `Place ${i}`;
      const h = hashValues(place(name), fields, undefined, hash);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, name];
      else seen.set(h, name);
    }
    expect(pair).toBeDefined();
    const [a, b] = pair!;
    const share = sharing((c) => ({ location: c.location, country: c.country }), fields, () => undefined, textHashes());
    const first = share(place(a));
    const second = share(place(b));
    expect(second).not.toBe(first);
    expect([first.location, second.location]).toEqual([a, b]);
    // And each is found again as itself.
    expect(share(place(a))).toBe(first);
    expect(share(place(b))).toBe(second);
  });
});

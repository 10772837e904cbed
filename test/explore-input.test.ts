/**
 * Bugs found by exploratory testing of reading input, building claims and
 * reading figures, each with the input that showed it. Every case here failed
 * before its fix.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDateTime, parseDate } from "../src/claims/date.js";
import { resolveLexicon } from "../src/figures/lexicon.js";
import { readFigure } from "../src/figures/read.js";
import { reconcile } from "../src/index.js";
import { sniffFormat } from "../src/read/formats.js";
import { runCli } from "./support/cli.js";

/** The interval a figure reads as, or the error's hint. */
function interval(text: string, lexicon = resolveLexicon("default")): [number, number | null] | string {
  const r = readFigure(text, lexicon);
  if (!r.ok) return `error${r.hint !== undefined ? `: ${r.hint}` : ""}`;
  if (r.reading.rule === "none") return "none";
  return [r.reading.low, r.reading.high];
}

describe("a range with its scale word written once belongs to both numbers", () => {
  // Was: "two to three dozen" 2–36, "10-15 thousand" 10–15000, "1.5-2 million" an error.
  it.each([
    ["two to three dozen", [24, 36]],
    ["2 to 3 dozen", [24, 36]],
    ["two or three hundred", [200, 300]],
    ["between two and three thousand", [2000, 3000]],
    ["10-15 thousand", [10_000, 15_000]],
    ["10 – 15 thousand", [10_000, 15_000]],
    ["1.5-2 million", [1_500_000, 2_000_000]],
    ["twenty-five to thirty thousand", [25_000, 30_000]],
  ] as const)("%j reads as %j", (text, expected) => {
    expect(interval(text)).toEqual(expected);
  });
  it.each([
    // The first number is already a count: the scale is the second's alone.
    ["between 500 and 1 thousand", [500, 1000]],
    // "and" inside one number is not a range.
    ["two hundred and one to three hundred", [201, 300]],
    ["one hundred and twelve thousand", [112_000, 112_000]],
    ["between a hundred and two hundred", [100, 200]],
  ] as const)("%j still reads as %j", (text, expected) => {
    expect(interval(text)).toEqual(expected);
  });
});

describe("a scale word after a figure is never its noun", () => {
  // Was: "several hundred" 3–9 (noun "hundred"), "a few thousand" 2–5, "plusieurs centaines" 3–9,
  // "dozens of thousands" 20–99, "dozens or hundreds" 20–99, "at least 2 hundreds" ≥2.
  it.each([
    ["several hundred", [300, 999]],
    ["several hundred people", [300, 999]],
    ["a few thousand", [2000, 5999]],
    ["a few dozen", [24, 71]],
    ["many hundreds", [300, null]],
    ["dozens of thousands", [20_000, 99_999]],
    ["plusieurs centaines", [300, 999]],
    ["plusieurs dizaines de milliers", [30_000, 99_999]],
    ["عدة مئات", [300, 999]], // several hundred
    ["3 thousands", [3000, 3000]],
    ["at least 2 millions", [2_000_000, null]],
  ] as const)("%j reads as %j", (text, expected) => {
    expect(interval(text)).toEqual(expected);
  });
  it.each(["dozens or hundreds", "dozens to hundreds", "at least 2 hundreds"])("%j is an error, not a smaller count with a noun", (text) => {
    expect(interval(text)).toMatch(/^error/);
  });
  it("the whole lexicon phrases are still read as they are", () => {
    expect(interval("hundreds of thousands")).toEqual([200_000, 999_999]);
    expect(interval("tens of thousands of people")).toEqual([20_000, 99_999]);
    expect(interval("dozens of civilians")).toEqual([20, 99]);
  });
  it("explain says the vague word was multiplied, and ACLED's best is multiplied too", () => {
    const r = readFigure("several hundred", resolveLexicon("acled"));
    expect(r.ok && r.reading.rule !== "none" && [r.reading.low, r.reading.high, r.reading.best]).toEqual([300, 999, 300]);
    const run = runCli(["explain", "several hundred"]);
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain('lexicon "several" times 100');
  });
});

describe("Arabic nouns with their vowel marks follow a figure", () => {
  // Was an error: tanween (U+064B) is a mark, not a letter, so "مدنياً" was not a word.
  it.each([
    ["٢٥ مدنياً", [25, 25], "مدنياً"], // 25 civilians
    ["أكثر من ٢٥ مدنياً", [26, null], "مدنياً"],
    ["٢٥ شهيداً", [25, 25], "شهيداً"],
  ] as const)("%j reads as %j", (text, expected, noun) => {
    expect(interval(text)).toEqual(expected);
    const r = readFigure(text);
    expect(r.ok && r.reading.rule !== "none" && r.reading.noun).toBe(noun);
  });
});

describe("a lexicon file's phrases are normalised as figures are", () => {
  // Was: a phrase written with a typographic apostrophe or dash never matched, even itself,
  // and the error suggested the very text it could not read.
  it("a phrase with ’ or – matches the figure however it is written", () => {
    const dir = mkdtempSync(join(tmpdir(), "reconcile-lexicon-"));
    const file = join(dir, "fr.json");
    writeFileSync(
      file,
      JSON.stringify({
        name: "fr",
        extends: "default",
        entries: [
          { phrase: "plus d’une vingtaine", low: 21, high: 39, why: "French 'more than about twenty'." },
          { phrase: "vingt–trente", low: 20, high: 30, why: "a range in words" },
        ],
      }),
    );
    const lexicon = resolveLexicon(file);
    expect(interval("plus d’une vingtaine", lexicon)).toEqual([21, 39]);
    expect(interval("plus d'une vingtaine", lexicon)).toEqual([21, 39]);
    expect(interval("vingt-trente", lexicon)).toEqual([20, 30]);
  });
});

describe("comparison signs", () => {
  // Was an error suggesting "~25" (about 25) for ">25": a different reading.
  it.each([
    ["≥25", [25, null]],
    [">= 25", [25, null]],
    [">25", [26, null]],
    ["> 400 civilians", [401, null]],
    ["<10", [0, 9]],
    ["≤10", [0, 10]],
    ["<= 10", [0, 10]],
  ] as const)("%j reads as %j", (text, expected) => {
    expect(interval(text)).toEqual(expected);
  });
});

describe("suggestions are typos, not other words", () => {
  // Was: "cent" (French: a hundred) → did you mean "tens"?; "عشرة" (ten) → "عدة" (several);
  // "plus d'une vingtaine" (20-odd) → "plus d'une douzaine" (13–99). "cent" and "عشرة" now read as numbers.
  // "plus d'une vingtaine" now reads: more than 20.
  it("\"plus d'une vingtaine\" reads as more than 20, not as a suggested douzaine", () => {
    expect(interval("plus d'une vingtaine")).toEqual([21, null]);
  });
  it.each([
    ["cent", 100],
    ["عشرة", 10],
  ])("%j reads as the number it is, %i", (text, n) => {
    expect(interval(text)).toEqual([n, n]);
  });
  it.each([
    ["dozns", "dozens"],
    ["atleast 25", "at least 25"],
    ["aproximatly 30", "approximately 30"],
  ])("%j still suggests %j", (text, suggestion) => {
    expect(interval(text)).toBe(`error: did you mean "${suggestion}"?`);
  });
  // Was: "40?" → did you mean "40+"? and "12*" → "12+": another interval than the writer's.
  it.each(["40?", "12*", "40!", "~~40", "<>40"])("%j gets no suggestion: a sign is never swapped for another", (text) => {
    expect(interval(text)).toBe("error");
  });
  it("property: a suggestion, where one is given, reads, and holds the typed text's signs", () => {
    let suggested = 0;
    fc.assert(
      fc.property(fc.constantFrom("at least", "more than", "about", "up to", "nearly", "fewer than"), fc.nat({ max: 500 }), fc.nat({ max: 20 }), fc.constantFrom("", "?", "*", "+", "~"), (words, n, at, sign) => {
        // A typo: one letter dropped, and maybe a sign added after the number.
        const typed = `${words.slice(0, at % words.length)}${words.slice((at % words.length) + 1)} ${n}${sign}`;
        const r = readFigure(typed);
        if (r.ok || r.hint === undefined || !r.hint.startsWith("did you mean")) return;
        const suggestion = /"(.*)"/.exec(r.hint)![1]!;
        suggested++;
        expect(readFigure(suggestion).ok, suggestion).toBe(true);
        const signs = (s: string) => s.replace(/[\p{L}\p{N}\s'.]/gu, "");
        expect(signs(suggestion)).toBe(signs(typed));
      }),
      { numRuns: 500, seed: 13 },
    );
    // Most typos are corrected: the property is about something.
    expect(suggested).toBeGreaterThan(50);
  });
});

describe("dates in the years 0–99", () => {
  // Was: Date.UTC reads years 0–99 as 1900–1999, so "0000" and "0050-03" got no days
  // (two claims of "0000" at one place were never grouped) while "0099-01-01" was rejected.
  it("are their own years, as days", () => {
    expect(parseDate("0000")).toEqual({ start: -719528, end: -719163, precision: "year", text: "0000" });
    expect(parseDate("0050-03")?.end).toBe(parseDate("0050-03-31")?.start);
    expect(parseDate("0099-01-01")?.text).toBe("0099-01-01");
    expect(parseDate("0099-02-29")).toBeUndefined();
  });
});

describe("reported_at is a date or date-time, not whatever Date.parse makes of it", () => {
  // Was accepted: "2" (February 2001 to V8), "Sept 2", "09/02/2016" (read as 2 September), "2016-02-30".
  it.each(["2", "12", "Sept 2", "09/02/2016", "2016-02-30", "yesterday"])("%j is not", (text) => {
    expect(isDateTime(text)).toBe(false);
  });
  it.each(["2016-09-02", "2016-09", "2016", "2016-09-02T09:00Z", "2016-09-02 09:00", "2016-09-02T09:00:00.5+03:00", "2016-09-02t09:00z"])("%j is", (text) => {
    expect(isDateTime(text)).toBe(true);
  });
  it("a row with reported_at 2 is rejected with a located message", async () => {
    const csv = "source,figure,location,date,reported_at\nA,1,X,2016-09-01,2\n";
    const result = await reconcile({ inputs: [{ source: { name: "r.csv", bytes: Buffer.from(csv) } }], keepRejects: true });
    expect(result.rejected.map((r) => r.issues.map((i) => [i.line, i.column, i.code]))).toEqual([[[2, "reported_at", "CLAIM_INVALID_DATE"]]]);
  });
});

describe("standard input with one NDJSON claim", () => {
  // Was JSON_NOT_CLAIMS: one object on one line parsed as a JSON document.
  it("is sniffed as NDJSON", () => {
    expect(sniffFormat('{"source":"A","figure":"1","location":"X","date":"2016"}\n')).toBe("ndjson");
    expect(sniffFormat('{"claims":[{"source":"A","figure":"1","location":"X","date":"2016"}]}')).toBe("json");
    expect(sniffFormat('{\n"claims": []\n}')).toBe("json");
  });
  it("is read as one claim", () => {
    const run = runCli(["-f", "json"], { stdin: '{"source":"A","figure":"1","location":"X","date":"2016"}\n' });
    expect(run.exit).toBe(0);
    expect(JSON.parse(run.stdout).summary.claims).toBe(1);
  });
});

describe("ucdp-ged: one-sided violence", () => {
  // Was: side_b "Civilians" (deaths_b 0 by UCDP's convention, the deaths being in deaths_civilians)
  // made a second claim "civilians killed 0" beside "civilians killed 1", so a source that agreed
  // with UCDP's civilian count was in conflict with it.
  const header = "id,side_a,side_b,where_coordinates,adm_1,adm_2,country,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low";
  const row = "418405,Sinaloa Cartel,Civilians,Ciudad Juárez town,Chihuahua state,Juárez municipality,Mexico,2021-03-03,2021-03-03,0,0,1,0,1,1,1";
  it("gives one civilians claim, from deaths_civilians", async () => {
    const result = await reconcile({ inputs: [{ source: { name: "ged.csv", bytes: Buffer.from(`${header}\n${row}\n`) }, preset: "ucdp-ged" }] });
    const claims = result.groups.flatMap((g) => g.claims);
    expect(claims.map((c) => [c.id, c.victims, c.figure.low])).toEqual([
      ["418405#total", "all", 1],
      ["418405#civilians", "civilians", 1],
      ["418405#side_a", "sinaloa cartel", 0],
      ["418405#unknown", "unknown status", 0],
    ]);
  });
  it("a source with the same civilian count is not in conflict with it", async () => {
    const ours = "source,figure,victims,location,date,country,admin1,admin2\nLocal monitor,1,civilians,Ciudad Juárez town,2021-03-03,Mexico,Chihuahua state,Juárez municipality\n";
    const result = await reconcile({
      inputs: [
        { source: { name: "ours.csv", bytes: Buffer.from(ours) } },
        { source: { name: "ged.csv", bytes: Buffer.from(`${header}\n${row}\n`) }, preset: "ucdp-ged" },
      ],
    });
    // The same civilian count, and parts that fit their wholes: agreement.
    expect(result.groups.map((g) => g.status)).toEqual(["agree"]);
  });
});

describe("numbers written differently do not share a scale", () => {
  it.each([
    ["1 – one hundred", [1, 100]],
    ["between one and one hundred", [1, 100]],
    ["one to 300", [1, 300]],
  ] as const)("%j reads as %j", (text, expected) => {
    expect(interval(text)).toEqual(expected);
  });
});

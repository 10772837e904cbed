/**
 * Lexicons (issue 3): the built-in default and acled presets, user files
 * (standalone or extending a built-in), their validation errors, and
 * lexiconAsFile round trips. Every file is written to a temp dir of its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { DEFAULT_LEXICON, lexiconAsFile, lexiconFileSchema, resolveLexicon, type Lexicon } from "../../src/figures/lexicon.js";
import { FIGURE_EXPECTED, readFigure, ruleText, type Reading } from "../../src/figures/read.js";

const dir = mkdtempSync(join(tmpdir(), "reconcile-lexicon-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** Write data (JSON unless a string) to a new file in the temp dir; its path. */
function write(data: unknown): string {
  const path = join(dir, `lexicon-${++files}.json`);
  writeFileSync(path, typeof data === "string" ? data : JSON.stringify(data, null, 2));
  return path;
}

function read(text: string, lexicon: Lexicon): Reading {
  const r = readFigure(text, lexicon);
  if (!r.ok || r.reading.rule === "none") throw new Error(`expected ${JSON.stringify(text)} to read, got ${JSON.stringify(r)}`);
  return r.reading as Reading;
}

/** The error resolveLexicon throws for a path. */
function failure(path: string): UsageError {
  try {
    resolveLexicon(path);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw new Error(`expected a UsageError, got ${String(error)}`);
  }
  throw new Error(`expected ${path} to be rejected`);
}

const ACLED = resolveLexicon("acled");

describe("built-in lexicons", () => {
  it('"default" is DEFAULT_LEXICON: best stated, twenty-three entries', () => {
    expect(resolveLexicon("default")).toBe(DEFAULT_LEXICON);
    expect([DEFAULT_LEXICON.name, DEFAULT_LEXICON.best, DEFAULT_LEXICON.entries.length]).toEqual(["default", "stated", 23]);
    expect(DEFAULT_LEXICON.entries.every((e) => e.best === null && e.why.length > 0)).toBe(true);
  });

  it('"acled" extends the default: best conservative, the same phrases, aliases and intervals', () => {
    expect([ACLED.name, ACLED.best]).toEqual(["acled", "conservative"]);
    const interval = (l: Lexicon) => l.entries.map((e) => [e.phrase, e.aliases, e.low, e.high, e.why]);
    expect(interval(ACLED)).toEqual(interval(DEFAULT_LEXICON));
    expect([...ACLED.byPhrase.keys()].sort()).toEqual([...DEFAULT_LEXICON.byPhrase.keys()].sort());
  });
});

describe("acled: best for vague words", () => {
  const rows: Array<[string, number, number | null, number, string]> = [
    // text, low, high (the default's), acled best, entry
    ["tens", 20, 99, 10, "tens"],
    ["\u0639\u0634\u0631\u0627\u062a", 20, 99, 10, "tens"], // عشرات
    ["des dizaines", 20, 99, 10, "tens"],
    ["dozens", 20, 99, 12, "dozens"],
    ["dozens of civilians", 20, 99, 12, "dozens"],
    ["a dozen", 10, 14, 12, "a dozen"],
    ["more than a dozen", 13, 99, 13, "more than a dozen"],
    ["une dizaine", 8, 12, 10, "une dizaine"],
    ["hundreds", 200, 999, 100, "hundreds"],
    ["several", 3, 9, 3, "several"],
    ["a few", 2, 5, 3, "a few"],
    ["many", 3, null, 3, "many"],
    ["scores", 40, 199, 20, "scores"],
    ["thousands", 2000, 9999, 1000, "thousands"],
    ["tens of thousands of people", 20000, 99999, 10000, "tens of thousands"],
  ];
  it.each(rows)("%j → [%s, %s] best %s", (text, low, high, best, entry) => {
    const r = read(text, ACLED);
    expect([r.low, r.high, r.best, r.rule, r.entry?.phrase]).toEqual([low, high, best, "lexicon", entry]);
    const d = read(text, DEFAULT_LEXICON);
    expect([d.low, d.high, d.best]).toEqual([low, high, null]);
  });

  it("explains its best", () => {
    expect(ruleText(read("tens", ACLED))).toBe(`lexicon "tens": ${DEFAULT_LEXICON.byPhrase.get("tens")!.why} Best 10: ACLED: 'tens' is coded 10.`);
  });
});

describe("acled: conservative best for patterns", () => {
  const rows: Array<[string, number, number | null, number | null, number, string]> = [
    // text, low, high, default best, acled best, rule
    ["between 10 and 15", 10, 15, null, 10, "range"],
    ["10-15", 10, 15, null, 10, "range"],
    ["between ten and fifteen", 10, 15, null, 10, "range"],
    ["more than 400", 401, null, null, 401, "more-than"],
    ["at least 25", 25, null, null, 25, "at-least"],
    ["up to 30", 0, 30, null, 0, "up-to"],
    ["fewer than 30", 0, 29, null, 0, "fewer-than"],
    ["nearly 50", 45, 49, null, 45, "nearly"],
    // A stated count stays the best.
    ["about 30", 27, 33, 30, 30, "about"],
    ["17", 17, 17, 17, 17, "exact"],
    ["none", 0, 0, 0, 0, "zero"],
  ];
  it.each(rows)("%j → [%s, %s]: best %s by default, %s by acled", (text, low, high, defaultBest, acledBest, rule) => {
    const a = read(text, ACLED);
    const d = read(text, DEFAULT_LEXICON);
    expect([a.low, a.high, a.best, a.rule]).toEqual([low, high, acledBest, rule]);
    expect([d.low, d.high, d.best, d.rule]).toEqual([low, high, defaultBest, rule]);
  });

  it("no figure stays no figure", () => {
    expect(readFigure("unknown", ACLED)).toStrictEqual({ ok: true, reading: { raw: "unknown", rule: "none", low: null, high: null, best: null } });
  });
});

describe("user lexicon files", () => {
  it("a standalone file is used, and the default words are then unknown", () => {
    const lexicon = resolveLexicon(
      write({
        name: "custom",
        entries: [
          { phrase: "Tens", low: 10, high: 90, why: "a looser reading" },
          { phrase: "a handful", aliases: ["a couple"], low: 3, high: 6, why: "fits in one hand", best: 4, bestWhy: "the middle" },
          { phrase: "countless", low: 100, high: null, why: "too many to count" },
        ],
      }),
    );
    expect([lexicon.name, lexicon.description, lexicon.best, lexicon.entries.length]).toEqual(["custom", "", "stated", 3]);
    const tens = read("tens", lexicon);
    expect([tens.low, tens.high, tens.best, tens.rule, tens.entry?.why]).toEqual([10, 90, null, "lexicon", "a looser reading"]);
    const handful = read("A  Couple", lexicon);
    expect([handful.low, handful.high, handful.best, handful.entry?.phrase]).toEqual([3, 6, 4, "a handful"]);
    const countless = read("countless civilians", lexicon);
    expect([countless.low, countless.high, countless.noun]).toEqual([100, null, "civilians"]);
    for (const word of ["dozens", "several", "hundreds", "hundreds of", "\u0639\u0634\u0631\u0627\u062a"]) {
      const r = readFigure(word, lexicon);
      expect(r.ok ? r.reading : "unknown").toBe("unknown");
    }
    expect(readFigure("several", lexicon)).toStrictEqual({ ok: false, expected: FIGURE_EXPECTED, got: '"several"' });
    // The patterns do not depend on the lexicon.
    const atLeast = read("at least 5", lexicon);
    expect([atLeast.low, atLeast.high, atLeast.rule]).toEqual([5, null, "at-least"]);
  });

  it('"extends": "default" overriding one entry\'s interval keeps every other default word', () => {
    const lexicon = resolveLexicon(write({ name: "mine", extends: "default", entries: [{ phrase: "tens", low: 10, high: 90 }] }));
    expect([lexicon.name, lexicon.description, lexicon.best, lexicon.entries.length]).toEqual(["mine", DEFAULT_LEXICON.description, "stated", 23]);
    for (const text of ["tens", "tens of", "\u0639\u0634\u0631\u0627\u062a", "des dizaines"]) {
      const r = read(text, lexicon);
      // The why is the default's: the override gave none.
      expect([r.low, r.high, r.entry?.phrase, r.entry?.why]).toEqual([10, 90, "tens", DEFAULT_LEXICON.byPhrase.get("tens")!.why]);
    }
    expect(lexicon.entries.filter((e) => e.phrase !== "tens")).toEqual(DEFAULT_LEXICON.entries.filter((e) => e.phrase !== "tens"));
    for (const text of ["dozens", "several", "a few", "hundreds", "tens of thousands"]) {
      expect(read(text, lexicon)).toEqual(read(text, DEFAULT_LEXICON));
    }
  });

  it('"extends": "acled" keeps the acled best and policy under an overridden interval', () => {
    const lexicon = resolveLexicon(write({ name: "mine", extends: "acled", entries: [{ phrase: "tens", low: 10, high: 90 }] }));
    expect(lexicon.best).toBe("conservative");
    const tens = read("tens", lexicon);
    expect([tens.low, tens.high, tens.best]).toEqual([10, 90, 10]);
    expect(read("between 10 and 15", lexicon).best).toBe(10);
  });

  it("a new phrase in an extending file takes that alias over from the built-in entry", () => {
    const lexicon = resolveLexicon(write({ name: "mine", extends: "default", entries: [{ phrase: "tens of", low: 10, high: 99, why: "our manual" }] }));
    const tensOf = read("tens of civilians", lexicon);
    expect([tensOf.low, tensOf.high, tensOf.entry?.phrase, tensOf.noun]).toEqual([10, 99, "tens of", "civilians"]);
    const tens = read("tens", lexicon);
    expect([tens.low, tens.high, tens.entry?.aliases]).toEqual([20, 99, ["\u0639\u0634\u0631\u0627\u062a", "\u0627\u0644\u0639\u0634\u0631\u0627\u062a", "des dizaines", "dizaines"]]);
  });

  it('an empty entry list with "extends" reads as the built-in', () => {
    const lexicon = resolveLexicon(write({ name: "same", extends: "default", entries: [] }));
    expect(lexicon.entries).toEqual(DEFAULT_LEXICON.entries);
  });
});

describe("invalid lexicon files", () => {
  // file data, then the message after "<path>: ", exact
  const exact: Array<[string, unknown, string]> = [
    [
      "low above high",
      {
        name: "bad",
        entries: [
          { phrase: "few", low: 2, high: 5, why: "ok" },
          { phrase: "many", low: 50, high: 10, why: "backwards" },
        ],
      },
      "entries[1].high: expected at least the low (50), got 10",
    ],
    ["a standalone entry with no why", { name: "bad", entries: [{ phrase: "few", low: 2, high: 5 }] }, "entries[0].why: expected a one-line reason for the interval"],
    [
      "a standalone entry with no low",
      { name: "bad", entries: [{ phrase: "few", low: 2, high: 5, why: "ok" }, { phrase: "many", high: 5, why: "ok" }] },
      "entries[1].low: expected a whole number of 0 or more (the entry extends no built-in entry of that phrase)",
    ],
    ["a standalone entry with no high", { name: "bad", entries: [{ phrase: "few", low: 2, why: "ok" }] }, "entries[0].high: expected a whole number, or null for no upper end"],
    ["a new phrase in an extending file with no why", { name: "bad", extends: "default", entries: [{ phrase: "loads", low: 2, high: 5 }] }, "entries[0].why: expected a one-line reason for the interval"],
    [
      "an override in an extending file below the built-in low",
      { name: "bad", extends: "default", entries: [{ phrase: "tens", high: 10 }] },
      "entries[0].high: expected at least the low (20), got 10",
    ],
    [
      "an empty entry list without extends",
      { name: "empty", entries: [] },
      'entries: expected at least one entry (or "extends": "default" to start from a built-in lexicon)',
    ],
    [
      "an alias clash between two entries",
      {
        name: "clash",
        entries: [
          { phrase: "few", aliases: ["a couple"], low: 2, high: 5, why: "ok" },
          { phrase: "A Couple", low: 2, high: 2, why: "ok" },
        ],
      },
      'entries[1]: "A Couple" is already a phrase or alias of "few"',
    ],
    [
      "two entries sharing an alias",
      {
        name: "clash",
        entries: [
          { phrase: "few", aliases: ["pair"], low: 2, high: 5, why: "ok" },
          { phrase: "x", low: 1, high: 1, why: "ok" },
          { phrase: "couple", aliases: ["Pair"], low: 2, high: 2, why: "ok" },
        ],
      },
      'entries[2]: "Pair" is already a phrase or alias of "few"',
    ],
    [
      "an alias that is a built-in phrase",
      { name: "clash", extends: "default", entries: [{ phrase: "lots", aliases: ["dozens"], low: 20, high: 99, why: "ok" }] },
      'entries[0]: "dozens" is already a phrase or alias of "dozens"',
    ],
  ];
  it.each(exact)("%s is a UsageError naming the path and the location", (_, data, message) => {
    const path = write(data);
    const error = failure(path);
    expect(error.message).toBe(`${path}: ${message} [LEXICON_INVALID]`);
  });

  // Schema problems: the message is the schema library's, after the location.
  const located: Array<[string, unknown, string, string]> = [
    ["an unknown top-level key", { name: "bad", colour: "red", entries: [{ phrase: "few", low: 2, high: 5, why: "ok" }] }, "(top level)", "colour"],
    ["an unknown entry key", { name: "bad", entries: [{ phrase: "few", low: 2, high: 5, why: "ok", hi: 3 }] }, "entries[0]", "hi"],
    ["a missing name", { entries: [{ phrase: "few", low: 2, high: 5, why: "ok" }] }, "name", "string"],
    ["an unknown built-in to extend", { name: "bad", extends: "ucdp", entries: [] }, "extends", "default"],
    ["a negative low", { name: "bad", entries: [{ phrase: "few", low: 2, high: 5, why: "ok" }, { phrase: "x", low: -1, high: 5, why: "ok" }] }, "entries[1].low", "0"],
    ["a fractional high", { name: "bad", entries: [{ phrase: "few", low: 2, high: 5.5, why: "ok" }] }, "entries[0].high", "int"],
    ["an empty phrase", { name: "bad", entries: [{ phrase: "  ", low: 2, high: 5, why: "ok" }] }, "entries[0].phrase", ""],
    ["a list, not an object", [{ phrase: "few" }], "(top level)", "object"],
  ];
  it.each(located)("%s is a UsageError at %j", (_, data, location, mention) => {
    const path = write(data);
    const { message } = failure(path);
    expect(message.startsWith(`${path}: ${location}: `)).toBe(true);
    expect(message.endsWith(" [LEXICON_INVALID]")).toBe(true);
    expect(message.slice(`${path}: ${location}: `.length)).toContain(mention);
  });

  it("a file that is not JSON is a UsageError naming the path", () => {
    const path = write("{ not json");
    const { message } = failure(path);
    expect(message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON: .+ \\[LEXICON_INVALID\\]$`));
  });

  it("a missing file is a UsageError naming the path and the built-in names", () => {
    const path = join(dir, "missing.json");
    expect(failure(path).message).toBe(`${path}: no such lexicon: expected default or acled, or a lexicon JSON file (no such file) [LEXICON_INVALID]`);
    expect(failure("ACLED").message).toBe("ACLED: no such lexicon: expected default or acled, or a lexicon JSON file (no such file) [LEXICON_INVALID]");
  });
});

describe("lexiconAsFile", () => {
  /** Every phrase and alias, and one phrase per pattern rule. */
  const probes = (l: Lexicon) => [...l.byPhrase.keys(), "25", "at least 25", "more than 400", "up to 30", "fewer than 30", "about 30", "nearly 50", "10-15", "none", "dozens of civilians"];

  it.each([["default"], ["acled"]])("%s round-trips through a file and resolveLexicon to the same readings", (name) => {
    const lexicon = resolveLexicon(name);
    const file = lexiconAsFile(lexicon);
    expect(lexiconFileSchema.safeParse(file).success).toBe(true);
    const again = resolveLexicon(write(file));
    expect([again.name, again.description, again.best]).toEqual([lexicon.name, lexicon.description, lexicon.best]);
    expect(again.entries).toEqual(lexicon.entries);
    for (const text of probes(lexicon)) expect(readFigure(text, again)).toEqual(readFigure(text, lexicon));
  });

  it("writes no best where an entry has none, and the acled bests where it has", () => {
    const tens = (l: Lexicon) => lexiconAsFile(l).entries.find((e) => e.phrase === "tens");
    expect(tens(DEFAULT_LEXICON)).toStrictEqual({
      phrase: "tens",
      aliases: ["tens of", "\u0639\u0634\u0631\u0627\u062a", "\u0627\u0644\u0639\u0634\u0631\u0627\u062a", "des dizaines", "dizaines"],
      low: 20,
      high: 99,
      why: DEFAULT_LEXICON.byPhrase.get("tens")!.why,
    });
    expect(tens(ACLED)).toMatchObject({ low: 20, high: 99, best: 10, bestWhy: "ACLED: 'tens' is coded 10." });
    expect(lexiconAsFile(ACLED).best).toBe("conservative");
  });
});

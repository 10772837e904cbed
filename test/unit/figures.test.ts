import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { DEFAULT_LEXICON, loadLexicon } from "../../src/figures/lexicon.js";
import { FIGURE_EXPECTED, readFigure, type Reading } from "../../src/figures/read.js";
import { RULES, type RuleId } from "../../src/figures/rules.js";

/** The reading of a figure that must be readable. */
function read(text: string, lexicon = DEFAULT_LEXICON): Reading {
  const r = readFigure(text, lexicon);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to read, got ${JSON.stringify(r)}`);
  return r.reading;
}

describe("readFigure: every construction in RULES", () => {
  const cases: Array<[string, number, number | null, RuleId, number | null]> = [
    // text, low, high, rule, best
    ["25", 25, 25, "exact", 25],
    ["0", 0, 0, "exact", 0],
    ["1,200", 1200, 1200, "exact", 1200],
    ["12,000,000", 12000000, 12000000, "exact", 12000000],
    ["at least 25", 25, null, "at-least", null],
    ["at least 1,500", 1500, null, "at-least", null],
    ["more than 400", 401, null, "more-than", null],
    ["over 400", 401, null, "more-than", null],
    ["more than 0", 1, null, "more-than", null],
    ["up to 30", 0, 30, "up-to", null],
    ["nearly 50", 45, 49, "nearly", null],
    ["nearly 10", 9, 9, "nearly", null],
    ["nearly 1", 0, 0, "nearly", null],
    ["about 10", 9, 11, "about", null],
    ["about 20", 18, 22, "about", null],
    ["around 30", 27, 33, "about", null],
    ["approximately 40", 36, 44, "about", null],
    ["about 0", 0, 0, "about", null],
    ["about 50", 45, 55, "about", null],
    ["about 100", 90, 110, "about", null],
    ["around 100", 90, 110, "about", null],
    ["approximately 100", 90, 110, "about", null],
    ["about 1,000", 900, 1100, "about", null],
    ["between 10 and 15", 10, 15, "range", null],
    ["10-15", 10, 15, "range", null],
    ["10\u201315", 10, 15, "range", null], // en dash
    ["10\u201415", 10, 15, "range", null], // em dash
    ["10\u221215", 10, 15, "range", null], // minus sign
    ["3 \u2013 7", 3, 7, "range", null],
    ["10 - 15", 10, 15, "range", null],
    ["10 to 15", 10, 15, "range", null],
    ["7-7", 7, 7, "range", null],
    ["1,000-2,000", 1000, 2000, "range", null],
  ];
  it.each(cases)("%j → [%d, %s] by rule %s", (text, low, high, rule, best) => {
    const r = read(text);
    expect({ low: r.low, high: r.high, rule: r.rule, best: r.best, raw: r.raw }).toEqual({ low, high, rule, best, raw: text });
    expect(r.entry).toBeUndefined();
  });

  it("covers every rule id except columns (which reads low/high/best cells, not text)", () => {
    const used = new Set(cases.map((c) => c[3]));
    used.add("lexicon");
    expect([...used].sort()).toEqual(Object.keys(RULES).filter((r) => r !== "columns").sort());
  });
});

describe("readFigure: lexicon words", () => {
  const words: Array<[string, number, number]> = [
    ["a few", 2, 5],
    ["several", 3, 9],
    ["a dozen", 10, 14],
    ["dozens", 20, 99],
    ["tens", 20, 99],
    ["scores", 40, 199],
    ["hundreds", 200, 999],
    ["thousands", 2000, 9999],
  ];
  it.each(words)("%j → [%d, %d]", (text, low, high) => {
    const r = read(text);
    expect([r.low, r.high, r.rule, r.best]).toEqual([low, high, "lexicon", null]);
    expect(r.entry?.phrase).toBe(text);
    expect(r.entry?.why.length).toBeGreaterThan(0);
  });

  it("matches lexicon words whatever their case and spacing", () => {
    const r = read("  A   Dozen ");
    expect([r.low, r.high, r.rule, r.entry?.phrase]).toEqual([10, 14, "lexicon", "a dozen"]);
  });
});

describe("readFigure: case and surrounding space do not matter", () => {
  const cases: Array<[string, string]> = [
    ["  AT LEAST 25 ", "at least 25"],
    ["More Than 400", "more than 400"],
    ["\tUP TO 30\n", "up to 30"],
    ["Between 10 AND 15", "between 10 and 15"],
    [" TENS ", "tens"],
    ["at   least    25", "at least 25"],
  ];
  it.each(cases)("%j reads as %j", (messy, clean) => {
    const a = read(messy);
    const b = read(clean);
    expect([a.low, a.high, a.rule]).toEqual([b.low, b.high, b.rule]);
    expect(a.raw).toBe(messy);
  });
});

describe("readFigure: errors", () => {
  it("a backwards range is an error that says so", () => {
    const r = readFigure("15-10");
    expect(r).toEqual({ ok: false, expected: FIGURE_EXPECTED, got: '"15-10"', hint: "the range runs backwards (15 is above 10)" });
  });

  it.each(["between 15 and 10", "15 to 10", "15\u201310"])("backwards range %j is an error", (text) => {
    const r = readFigure(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.hint).toBe("the range runs backwards (15 is above 10)");
  });

  it.each(["-5", " -5", "- 5", "-5-10"])("%j is an error with a hint about negative counts", (text) => {
    const r = readFigure(text);
    expect(r).toEqual({ ok: false, expected: "a count of 0 or more", got: JSON.stringify(text), hint: "a count cannot be negative" });
  });

  it.each(["2.5", "1,2", "10.0"])("%j is an error asking for a whole number", (text) => {
    expect(readFigure(text)).toEqual({ ok: false, expected: "a whole number", got: JSON.stringify(text) });
  });

  it.each(["qwerty", "at least", "about", "25 people", "a lot", "one", "at most 25", "25+"])("%j cannot be read", (text) => {
    expect(readFigure(text)).toEqual({ ok: false, expected: FIGURE_EXPECTED, got: JSON.stringify(text) });
  });

  it.each(["", "   ", "\t\n"])("empty text %j is an error that says the cell is empty", (text) => {
    expect(readFigure(text)).toEqual({ ok: false, expected: FIGURE_EXPECTED, got: "an empty cell" });
  });

  it('"nearly 0" is an error with a hint', () => {
    expect(readFigure("nearly 0")).toEqual({ ok: false, expected: FIGURE_EXPECTED, got: '"nearly 0"', hint: '"nearly 0" is not a count' });
  });
});

describe("readFigure: properties", () => {
  const n = fc.integer({ min: 0, max: 1_000_000 });
  /** A figure in one of the constructions, built around N. */
  const construction = fc.oneof(
    n.map((x) => `${x}`),
    n.map((x) => `at least ${x}`),
    n.map((x) => `more than ${x}`),
    n.map((x) => `over ${x}`),
    n.map((x) => `up to ${x}`),
    n.filter((x) => x > 0).map((x) => `nearly ${x}`),
    fc.tuple(fc.constantFrom("about", "around", "approximately"), n).map(([w, x]) => `${w} ${x}`),
    fc.tuple(n, n).map(([a, b]) => `between ${Math.min(a, b)} and ${Math.max(a, b)}`),
    fc.tuple(n, n, fc.constantFrom("-", "\u2013", " - ", " to ")).map(([a, b, sep]) => `${Math.min(a, b)}${sep}${Math.max(a, b)}`),
    fc.constantFrom(...DEFAULT_LEXICON.entries.map((e) => e.phrase)),
  );

  it("every construction reads, and low <= high whenever high is not null", () => {
    fc.assert(
      fc.property(construction, (text) => {
        const r = readFigure(text);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.reading.low).toBeGreaterThanOrEqual(0);
          if (r.reading.high !== null) expect(r.reading.low).toBeLessThanOrEqual(r.reading.high);
        }
      }),
    );
  });

  it("any text that reads at all has 0 <= low <= high", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[ -~\u2013]{0,20}$/)), (text) => {
        const r = readFigure(text);
        if (!r.ok) return;
        expect(Number.isInteger(r.reading.low)).toBe(true);
        expect(r.reading.low).toBeGreaterThanOrEqual(0);
        if (r.reading.high !== null) expect(r.reading.low).toBeLessThanOrEqual(r.reading.high);
      }),
    );
  });

  it('"at least N" contains N and has no upper end', () => {
    fc.assert(
      fc.property(n, (x) => {
        const r = read(`at least ${x}`);
        expect([r.low, r.high]).toEqual([x, null]);
      }),
    );
  });

  it('"about N" contains N', () => {
    fc.assert(
      fc.property(n, fc.constantFrom("about", "around", "approximately"), (x, w) => {
        const r = read(`${w} ${x}`);
        expect(r.low).toBeLessThanOrEqual(x);
        expect(r.high).not.toBeNull();
        expect(r.high!).toBeGreaterThanOrEqual(x);
      }),
    );
  });

  it('"about N" is exactly floor(0.9N) to ceil(1.1N), by integer arithmetic', () => {
    fc.assert(
      fc.property(n, (x) => {
        const r = read(`about ${x}`);
        expect([r.low, r.high]).toEqual([Math.floor((9 * x) / 10), Math.ceil((11 * x) / 10)]);
      }),
      { examples: [[50], [90], [100], [110], [200], [1000]] },
    );
  });

  it('"nearly N" is below N and within 10% of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (x) => {
        const r = read(`nearly ${x}`);
        expect([r.low, r.high]).toEqual([Math.min(Math.ceil((9 * x) / 10), x - 1), x - 1]);
      }),
      { examples: [[1], [10], [50], [100]] },
    );
  });

  it("reading does not depend on case or surrounding space", () => {
    const space = fc.stringMatching(/^[ \t]{0,3}$/);
    fc.assert(
      fc.property(construction, space, space, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (text, before, after, upper) => {
        const cased = [...text].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join("");
        const a = readFigure(`${before}${cased}${after}`);
        const b = readFigure(text);
        expect(a.ok).toBe(true);
        expect(b.ok).toBe(true);
        if (a.ok && b.ok) expect([a.reading.low, a.reading.high, a.reading.rule]).toEqual([b.reading.low, b.reading.high, b.reading.rule]);
      }),
    );
  });
});

describe("loadLexicon", () => {
  const dir = mkdtempSync(join(tmpdir(), "reconcile-lexicon-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof data === "string" ? data : JSON.stringify(data));
    return path;
  };

  it("a valid custom lexicon is used by readFigure, and the default words are no longer known", () => {
    const path = write("custom.json", {
      name: "custom",
      entries: [
        { phrase: "Tens", low: 10, high: 90, why: "a looser reading" },
        { phrase: "a handful", low: 3, high: 6, why: "fits in one hand" },
        { phrase: "countless", low: 100, high: null, why: "too many to count" },
      ],
    });
    const lexicon = loadLexicon(path);
    expect(lexicon.name).toBe("custom");
    expect(lexicon.description).toBe("");
    expect(lexicon.entries).toHaveLength(3);

    const tens = read("tens", lexicon);
    expect([tens.low, tens.high, tens.rule, tens.entry?.why]).toEqual([10, 90, "lexicon", "a looser reading"]);
    const handful = read("A  Handful", lexicon);
    expect([handful.low, handful.high]).toEqual([3, 6]);
    const countless = read("countless", lexicon);
    expect([countless.low, countless.high]).toEqual([100, null]);
    expect(readFigure("dozens", lexicon).ok).toBe(false);
    // Patterns still work with any lexicon.
    expect([read("at least 5", lexicon).low, read("at least 5", lexicon).high]).toEqual([5, null]);
  });

  it("an entry with low above high throws a UsageError naming the path and the entry index", () => {
    const path = write("backwards.json", {
      name: "bad",
      entries: [
        { phrase: "few", low: 2, high: 5, why: "ok" },
        { phrase: "many", low: 50, high: 10, why: "backwards" },
      ],
    });
    let error: unknown;
    try {
      loadLexicon(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message.startsWith(`${path}: `)).toBe(true);
    expect(message).toContain("entries[1]");
    expect(message).toContain("low must not be above high");
    expect(message).toMatch(/\[LEXICON_INVALID\]$/);
  });

  it("an entry without a why throws a UsageError naming the path and the entry index", () => {
    const path = write("no-why.json", {
      name: "bad",
      entries: [
        { phrase: "few", low: 2, high: 5, why: "ok" },
        { phrase: "a couple", low: 2, high: 2, why: "ok" },
        { phrase: "many", low: 50, high: 100 },
      ],
    });
    expect(() => loadLexicon(path)).toThrow(UsageError);
    expect(() => loadLexicon(path)).toThrow(`${path}: entries[2].why: `);
  });

  it("a file that is not JSON, or missing, is a UsageError naming the path", () => {
    const broken = write("broken.json", "{ not json");
    expect(() => loadLexicon(broken)).toThrow(UsageError);
    expect(() => loadLexicon(broken)).toThrow(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the lexicon is not valid JSON: .*\\[JSON_MALFORMED\\]$`));
    const missing = join(dir, "missing.json");
    expect(() => loadLexicon(missing)).toThrow(`${missing}: cannot read the lexicon file [FILE_NOT_FOUND]`);
  });

  it("an empty entry list is rejected", () => {
    const path = write("empty.json", { name: "empty", entries: [] });
    expect(() => loadLexicon(path)).toThrow(UsageError);
    expect(() => loadLexicon(path)).toThrow(`${path}: entries: `);
  });
});

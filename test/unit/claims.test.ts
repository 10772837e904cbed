import { describe, expect, it } from "vitest";
import { claimBuilder } from "../../src/claims/build.js";
import { dayGap, parseDate, type ClaimDate } from "../../src/claims/date.js";
import { mapColumns } from "../../src/claims/fields.js";
import { parseOutcome, parseVictims, relateMeasures, type Measure, type MeasureRelation, type Outcome } from "../../src/claims/measures.js";
import type { InputIssue } from "../../src/errors.js";
import { DEFAULT_LEXICON } from "../../src/figures/lexicon.js";
import type { RawRow } from "../../src/read/row.js";

const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

describe("parseDate", () => {
  const cases: Array<[string, string | undefined, ClaimDate]> = [
    ["2016-09-01", undefined, { start: day("2016-09-01"), end: day("2016-09-01"), precision: "day", text: "2016-09-01" }],
    ["2016-9-1", undefined, { start: day("2016-09-01"), end: day("2016-09-01"), precision: "day", text: "2016-09-01" }],
    [" 2016-09-01 ", undefined, { start: day("2016-09-01"), end: day("2016-09-01"), precision: "day", text: "2016-09-01" }],
    ["2016-02-29", undefined, { start: day("2016-02-29"), end: day("2016-02-29"), precision: "day", text: "2016-02-29" }],
    ["2016-09", undefined, { start: day("2016-09-01"), end: day("2016-09-30"), precision: "month", text: "2016-09" }],
    ["2016-2", undefined, { start: day("2016-02-01"), end: day("2016-02-29"), precision: "month", text: "2016-02" }],
    ["2016", undefined, { start: day("2016-01-01"), end: day("2016-12-31"), precision: "year", text: "2016" }],
    ["2016-09-01/2016-09-03", undefined, { start: day("2016-09-01"), end: day("2016-09-03"), precision: "range", text: "2016-09-01/2016-09-03" }],
    ["2016-09-01 / 2016-09-03", undefined, { start: day("2016-09-01"), end: day("2016-09-03"), precision: "range", text: "2016-09-01/2016-09-03" }],
    ["2016-09/2016-10", undefined, { start: day("2016-09-01"), end: day("2016-10-31"), precision: "range", text: "2016-09-01/2016-10-31" }],
    ["2016-09-01/2016-09-01", undefined, { start: day("2016-09-01"), end: day("2016-09-01"), precision: "day", text: "2016-09-01" }],
    ["2016-09-01/", undefined, { start: day("2016-09-01"), end: day("2016-09-01"), precision: "day", text: "2016-09-01" }],
    ["2016-09-01", "2016-09-03", { start: day("2016-09-01"), end: day("2016-09-03"), precision: "range", text: "2016-09-01/2016-09-03" }],
    ["2016-09-01", "", { start: day("2016-09-01"), end: day("2016-09-01"), precision: "day", text: "2016-09-01" }],
    ["2016-09-01", "2016-09-01", { start: day("2016-09-01"), end: day("2016-09-01"), precision: "day", text: "2016-09-01" }],
  ];
  it.each(cases)("%j (end %j)", (text, end, expected) => {
    expect(parseDate(text, end)).toEqual(expected);
  });

  const bad: Array<[string, string | undefined]> = [
    ["2016-02-30", undefined],
    ["2015-02-29", undefined],
    ["2016-13", undefined],
    ["2016-00", undefined],
    ["2016-13-01", undefined],
    ["2016-09-31", undefined],
    ["2016-09-03/2016-09-01", undefined],
    ["2016-09-03", "2016-09-01"],
    ["2016-09-01", "2016-02-30"],
    ["16-09-01", undefined],
    ["01/09/2016", undefined],
    ["yesterday", undefined],
    ["", undefined],
    ["2016-09-01T25:00", undefined],
    ["2016-09-01T12:60", undefined],
    ["2016-09-01Tnoon", undefined],
  ];
  it.each(bad)("%j (end %j) is no date", (text, end) => {
    expect(parseDate(text, end)).toBeUndefined();
  });

  it.each(["2016-09-01T00:00", "2016-09-01T23:59:59Z", "2016-09-01 12:30", "2016-09-01T10:00:00.000+03:00"])("the date-time %j is its day", (text) => {
    expect(parseDate(text)).toEqual(parseDate("2016-09-01"));
  });
});

describe("dayGap", () => {
  const d = (text: string): ClaimDate => parseDate(text)!;
  const cases: Array<[string, string, number]> = [
    ["2016-09-01", "2016-09-01", 0],
    ["2016-09-01", "2016-09-02", 1],
    ["2016-09-02", "2016-09-01", 1],
    ["2016-09-01", "2016-09-05", 4],
    ["2016-08-31", "2016-09-01", 1],
    ["2016-09-01/2016-09-03", "2016-09-02", 0],
    ["2016-09-01/2016-09-03", "2016-09-05", 2],
    ["2016-09", "2016-09-15", 0],
    ["2016-09", "2016-10-03", 3],
    ["2015", "2016-01-01", 1],
  ];
  it.each(cases)("%s to %s is %d days", (a, b, gap) => {
    expect(dayGap(d(a), d(b))).toBe(gap);
    expect(dayGap(d(b), d(a))).toBe(gap);
  });
});

describe("parseOutcome", () => {
  const cases: Array<[string | undefined, Outcome | undefined]> = [
    [undefined, "killed"],
    ["killed", "killed"],
    ["Killed", "killed"],
    ["dead", "killed"],
    ["deaths", "killed"],
    ["death", "killed"],
    ["died", "killed"],
    ["fatalities", "killed"],
    ["injured", "injured"],
    ["wounded", "injured"],
    ["injuries", "injured"],
    ["maimed", "injured"],
    ["casualties", "killed_or_injured"],
    ["killed_or_injured", "killed_or_injured"],
    ["killed or injured", "killed_or_injured"],
    ["Killed-or-Injured", "killed_or_injured"],
    ["killed or maimed", "killed_or_injured"],
    ["  killed   or  wounded ", "killed_or_injured"],
    ["dead or injured", "killed_or_injured"],
    ["unknown", undefined],
    ["missing", undefined],
    ["", undefined],
  ];
  it.each(cases)("%j → %s", (text, outcome) => {
    expect(parseOutcome(text)).toBe(outcome);
  });
});

describe("parseVictims", () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, "all"],
    ["", "all"],
    ["  ", "all"],
    ["people", "all"],
    ["persons", "all"],
    ["person", "all"],
    ["all", "all"],
    ["Total", "all"],
    ["civilian", "civilians"],
    ["Civilians", "civilians"],
    ["combatants", "fighters"],
    ["fighter", "fighters"],
    [" Child ", "children"],
    ["women", "women"],
    ["man", "men"],
    ["Medical  Staff", "medical staff"],
    ["Journalists", "journalists"],
  ];
  it.each(cases)("%j → %j", (text, victims) => {
    expect(parseVictims(text)).toBe(victims);
  });
});

describe("relateMeasures", () => {
  const m = (outcome: Outcome, victims: string): Measure => ({ outcome, victims });
  const cases: Array<[string, Measure, Measure, MeasureRelation]> = [
    ["same", m("killed", "all"), m("killed", "all"), "same"],
    ["same civilians", m("injured", "civilians"), m("injured", "civilians"), "same"],
    ["civilians within all", m("killed", "civilians"), m("killed", "all"), "a-within-b"],
    ["all contains civilians", m("killed", "all"), m("killed", "civilians"), "b-within-a"],
    ["children within civilians", m("killed", "children"), m("killed", "civilians"), "a-within-b"],
    ["children within all", m("killed", "children"), m("killed", "all"), "a-within-b"],
    ["civilians contain children", m("killed", "civilians"), m("killed", "children"), "b-within-a"],
    ["an unknown category within all", m("killed", "journalists"), m("killed", "all"), "a-within-b"],
    ["killed within killed_or_injured", m("killed", "all"), m("killed_or_injured", "all"), "a-within-b"],
    ["injured within killed_or_injured", m("injured", "all"), m("killed_or_injured", "all"), "a-within-b"],
    ["killed_or_injured contains killed", m("killed_or_injured", "all"), m("killed", "all"), "b-within-a"],
    ["civilians killed within all killed or injured", m("killed", "civilians"), m("killed_or_injured", "all"), "a-within-b"],
    ["civilians vs fighters", m("killed", "civilians"), m("killed", "fighters"), "unrelated"],
    ["children vs fighters", m("killed", "children"), m("killed", "fighters"), "unrelated"],
    ["killed vs injured", m("killed", "all"), m("injured", "all"), "unrelated"],
    ["civilians killed vs all injured", m("killed", "civilians"), m("injured", "all"), "unrelated"],
    ["all killed vs civilians killed or injured (crossed)", m("killed", "all"), m("killed_or_injured", "civilians"), "unrelated"],
    ["women vs children", m("killed", "women"), m("killed", "children"), "unrelated"],
  ];
  it.each(cases)("%s", (_, a, b, relation) => {
    expect(relateMeasures(a, b)).toBe(relation);
  });
});

describe("mapColumns", () => {
  it("matches headers to fields ignoring case and surrounding space; the rest are extras", () => {
    const m = mapColumns([" Source ", "FIGURE", "Location", "date", "quote_ar", "Notes"]);
    expect(m.index).toEqual({ source: 0, figure: 1, location: 2, date: 3, notes: 5 });
    expect(m.extras).toEqual([{ name: "quote_ar", index: 4 }]);
    expect(m.duplicates).toEqual([]);
  });

  it("a --map pair overrides the name match; the column of the field's own name becomes an extra", () => {
    const m = mapColumns(["who", "source", "deaths", "town", "date"], { source: "WHO", figure: "deaths", location: " Town " });
    expect(m.index).toEqual({ source: 0, figure: 2, location: 3, date: 4 });
    expect(m.extras).toEqual([{ name: "source", index: 1 }]);
    expect(m.duplicates).toEqual([]);
  });

  it("a --map pair naming a missing column maps nothing", () => {
    const m = mapColumns(["source", "figure"], { figure: "deaths" });
    expect(m.index).toEqual({ source: 0 });
    expect(m.extras).toEqual([{ name: "figure", index: 1 }]);
  });

  it("two columns giving one field are reported as duplicates; the first wins", () => {
    const m = mapColumns(["Source", "figure", "SOURCE", "x", "Figure"]);
    expect(m.index).toEqual({ source: 0, figure: 1 });
    expect(m.extras).toEqual([{ name: "x", index: 3 }]);
    expect(m.duplicates).toEqual([
      { field: "source", columns: ["Source", "SOURCE"] },
      { field: "figure", columns: ["figure", "Figure"] },
    ]);
  });

  it("no columns map to nothing", () => {
    expect(mapColumns([])).toEqual({ index: {}, extras: [], duplicates: [] });
  });
});

describe("claimBuilder", () => {
  const build = claimBuilder({ lexicon: DEFAULT_LEXICON });
  const row = (columns: string[], cells: unknown[], line = 7): RawRow => ({ file: "f.csv", line, columns, cells });
  const run = (columns: string[], cells: unknown[], options?: { source?: string }) => {
    const b = options ? claimBuilder({ lexicon: DEFAULT_LEXICON, ...options }) : build;
    return b(row(columns, cells), mapColumns(columns));
  };
  const issues = (columns: string[], cells: unknown[]): InputIssue[] => {
    const r = run(columns, cells);
    if (r.ok) throw new Error("expected the row to be rejected");
    return r.issues;
  };
  const brief = (list: InputIssue[]) => list.map((i) => [i.column, i.code]);

  it("a good row gives a claim; the id defaults to file:line", () => {
    const r = run(["source", "figure", "location", "date", "victims", "outcome"], ["SOHR", "at least 25", "Hama", "2016-09-01", "civilians", "dead"]);
    expect(r).toEqual({
      ok: true,
      claims: [{
        id: "f.csv:7",
        source: "SOHR",
        figure: { raw: "at least 25", low: 25, high: null, best: null, rule: "at-least", form: "at least N" },
        outcome: "killed",
        victims: "civilians",
        location: "Hama",
        date: { start: day("2016-09-01"), end: day("2016-09-01"), precision: "day", text: "2016-09-01" },
        extra: {},
        file: "f.csv",
        line: 7,
      }],
    });
  });

  it("the figure's words set outcome and victims where the columns are empty", () => {
    const r = run(["source", "figure", "location", "date"], ["SOHR", "at least 40 injured civilians", "Hama", "2016-09-01"]);
    expect(r.ok && r.claims.map((c) => [c.id, c.outcome, c.victims, c.figure.low, c.figure.high])).toEqual([["f.csv:7", "injured", "civilians", 40, null]]);
  });

  it("a cell of several counts is one claim per measure, each id suffixed by its measure", () => {
    const r = run(["id", "source", "figure", "location", "date"], ["r1", "SOHR", "12 killed and 30 wounded", "Hama", "2016-09-01"]);
    expect(r.ok && r.claims.map((c) => [c.id, c.outcome, c.victims, c.figure.low, c.figure.raw, c.line])).toEqual([
      ["r1#killed", "killed", "all", 12, "12 killed and 30 wounded", 7],
      ["r1#injured", "injured", "all", 30, "12 killed and 30 wounded", 7],
    ]);
    const part = run(["source", "figure", "location", "date", "victims"], ["SOHR", "at least 12 killed, including 3 children", "Hama", "2016-09-01", "civilians"]);
    expect(part.ok && part.claims.map((c) => [c.id, c.outcome, c.victims, c.figure.low, c.figure.high])).toEqual([
      ["f.csv:7#civilians_killed", "killed", "civilians", 12, null],
      ["f.csv:7#children_killed", "killed", "children", 3, 3],
    ]);
  });

  it("every part after \"including\" is within the count before them, not within each other", () => {
    const r = run(["source", "figure", "location", "date", "victims"], ["SOHR", "at least 12 killed, including 3 children and 2 women", "Hama", "2016-09-01", "civilians"]);
    expect(r.ok && r.claims.map((c) => [c.id, c.victims, c.within])).toEqual([
      ["f.csv:7#civilians_killed", "civilians", undefined],
      ["f.csv:7#children_killed", "children", "civilians"],
      ["f.csv:7#women_killed", "women", "civilians"],
    ]);
  });

  it("words that contradict the outcome or victims column are CLAIM_MEASURE_MISMATCH, naming both", () => {
    expect(issues(["source", "figure", "location", "date", "outcome"], ["SOHR", "40 wounded", "Hama", "2016-09-01", "killed"])).toEqual([
      { file: "f.csv", line: 7, column: "figure", code: "CLAIM_MEASURE_MISMATCH", expected: "a figure of killed, as the outcome column says", got: '"40 wounded", which says injured' },
    ]);
    expect(brief(issues(["source", "figure", "location", "date", "victims"], ["SOHR", "25 children", "Hama", "2016-09-01", "fighters"]))).toEqual([["figure", "CLAIM_MEASURE_MISMATCH"]]);
    // Words that agree with the column are no contradiction.
    expect(run(["source", "figure", "location", "date", "outcome"], ["SOHR", "40 wounded", "Hama", "2016-09-01", "injured"]).ok).toBe(true);
  });

  it("a cell counting one measure twice is an error", () => {
    expect(brief(issues(["source", "figure", "location", "date"], ["SOHR", "12 killed and 30 dead", "Hama", "2016-09-01"]))).toEqual([["figure", "CLAIM_INVALID_FIGURE"]]);
  });

  it("keeps the row's own id, trims cells, and carries optional fields and extras", () => {
    const r = run(
      ["ID", "Source", "Figure", "Location", "Date", "Event", "Quote", "Notes", "URL", "Country", "lang", "score"],
      [" sohr-1 ", " SOHR ", "tens", " Hama ", "2016-09", "strike", "q", "n", "http://x", "Syria", "ar", 3],
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.claims[0]!.id).toBe("sohr-1");
    expect(r.claims[0]!.source).toBe("SOHR");
    expect(r.claims[0]!.location).toBe("Hama");
    expect([r.claims[0]!.figure.low, r.claims[0]!.figure.high, r.claims[0]!.figure.rule]).toEqual([20, 99, "lexicon"]);
    expect(r.claims[0]!.date.text).toBe("2016-09");
    expect([r.claims[0]!.event, r.claims[0]!.quote, r.claims[0]!.notes, r.claims[0]!.url, r.claims[0]!.country]).toEqual(["strike", "q", "n", "http://x", "Syria"]);
    expect({ ...r.claims[0]!.extra }).toEqual({ lang: "ar", score: "3" });
    expect(r.claims[0]!.outcome).toBe("killed");
    expect(r.claims[0]!.victims).toBe("all");
  });

  it("uses the --source name when there is no source column", () => {
    const r = run(["figure", "location", "date"], ["5", "Hama", "2016"], { source: "Our desk" });
    expect(r.ok && r.claims[0]!.source).toBe("Our desk");
  });

  it("a date_start / date_end pair gives a range", () => {
    const r = run(["source", "figure", "location", "date_start", "date_end"], ["S", "5", "Hama", "2016-09-01", "2016-09-03"]);
    expect(r.ok && r.claims[0]!.date).toEqual({ start: day("2016-09-01"), end: day("2016-09-03"), precision: "range", text: "2016-09-01/2016-09-03" });
  });

  it("a reversed date_start / date_end pair is one CLAIM_INVALID_DATE on date_start", () => {
    const list = issues(["source", "figure", "location", "date_start", "date_end"], ["S", "5", "Hama", "2016-09-03", "2016-09-01"]);
    expect(list).toEqual([
      {
        file: "f.csv",
        line: 7,
        column: "date_start",
        code: "CLAIM_INVALID_DATE",
        expected: "a date such as 2016-09-01, 2016-09, 2016, 2016-09-01/2016-09-03, 1 Sept 2016 or september 1, 2016",
        got: '"2016-09-03 to 2016-09-01"',
      },
    ]);
  });

  it("a row with several problems gives one issue per problem, at the column as the file names it", () => {
    const list = issues(["ID", "Source", "Figure", "Location", "Date", "Outcome"], ["x1", "S", "qwerty", "", "2016-02-30", "exploded"]);
    expect(brief(list).sort()).toEqual(
      [
        ["Location", "CLAIM_MISSING_FIELD"],
        ["Figure", "CLAIM_INVALID_FIGURE"],
        ["Date", "CLAIM_INVALID_DATE"],
        ["Outcome", "CLAIM_INVALID_OUTCOME"],
      ].sort(),
    );
    for (const i of list) expect([i.file, i.line]).toEqual(["f.csv", 7]);
    const byColumn = Object.fromEntries(list.map((i) => [i.column, i]));
    expect(byColumn["Figure"]!.got).toBe('"qwerty"');
    expect(byColumn["Date"]!.got).toBe('"2016-02-30"');
    expect(byColumn["Outcome"]!.got).toBe('"exploded"');
    expect(byColumn["Location"]!.got).toBe("an empty cell");
  });

  it("empty and blank required cells are each CLAIM_MISSING_FIELD; an empty figure is no figure, not an error", () => {
    const list = issues(["source", "figure", "location", "date"], ["", "  ", "", " "]);
    expect(brief(list).sort()).toEqual(
      [
        ["source", "CLAIM_MISSING_FIELD"],
        ["location", "CLAIM_MISSING_FIELD"],
        ["date", "CLAIM_MISSING_FIELD"],
      ].sort(),
    );
  });

  it("an empty or unknown figure gives a claim with no figure", () => {
    for (const figure of ["", "unknown", "n/a"]) {
      const r = run(["source", "figure", "location", "date"], ["S", figure, "Hama", "2016"]);
      expect(r.ok && r.claims[0]!.figure).toEqual({ raw: figure, rule: "none", low: null, high: null, best: null });
    }
  });

  it("a figure error carries the reader's hint", () => {
    const list = issues(["source", "figure", "location", "date"], ["S", "-5", "Hama", "2016"]);
    expect(list).toEqual([
      { file: "f.csv", line: 7, column: "figure", code: "CLAIM_INVALID_FIGURE", expected: "a count of 0 or more", got: '"-5" (a count cannot be negative)' },
    ]);
  });

  describe("low / high / best columns without a figure", () => {
    const cols = ["source", "low", "high", "best", "location", "date"];
    const cases: Array<[string, unknown[], { raw: string; low: number; high: number | null; best: number | null }]> = [
      ["low, high and best", ["10", "20", "15"], { raw: "low 10, best 15, high 20", low: 10, high: 20, best: 15 }],
      ["low only: no upper end", ["10", "", ""], { raw: "low 10", low: 10, high: null, best: null }],
      ["high only: from 0", ["", "10", ""], { raw: "high 10", low: 0, high: 10, best: null }],
      ["best only: exact", ["", "", "1,200"], { raw: "best 1,200", low: 1200, high: 1200, best: 1200 }],
      ["low equal to high: best is that count", ["7", "7", ""], { raw: "low 7, high 7", low: 7, high: 7, best: 7 }],
      ["numbers from JSON", [10, 20, null], { raw: "low 10, high 20", low: 10, high: 20, best: null }],
    ];
    it.each(cases)("%s", (_, [low, high, best], figure) => {
      const r = run(cols, ["S", low, high, best, "Hama", "2016"]);
      expect(r.ok && r.claims[0]!.figure).toEqual({ ...figure, rule: "columns" });
    });

    it("low above high is CLAIM_INVALID_RANGE on high", () => {
      expect(issues(cols, ["S", "20", "10", "", "Hama", "2016"])).toEqual([
        { file: "f.csv", line: 7, column: "high", code: "CLAIM_INVALID_RANGE", expected: "a high of at least the low (20)", got: '"10"' },
      ]);
    });

    it("best outside low..high is CLAIM_INVALID_RANGE on best", () => {
      expect(brief(issues(cols, ["S", "10", "20", "25", "Hama", "2016"]))).toEqual([["best", "CLAIM_INVALID_RANGE"]]);
    });

    it("cells that are not whole numbers are CLAIM_INVALID_NUMBER, one per cell", () => {
      const list = issues(cols, ["S", "x", "-1", "2.5", "Hama", "2016"]);
      expect(brief(list)).toEqual([
        ["low", "CLAIM_INVALID_NUMBER"],
        ["high", "CLAIM_INVALID_NUMBER"],
        ["best", "CLAIM_INVALID_NUMBER"],
      ]);
      expect(list.map((i) => i.got)).toEqual(['"x"', '"-1"', '"2.5"']);
    });
  });

  it("a JSON cell that is an object or a list is CLAIM_INVALID_CELL", () => {
    const list = issues(["source", "figure", "location", "date", "notes"], ["S", { n: 1 }, "Hama", ["2016"], { a: 1 }]);
    expect(list).toEqual([
      { file: "f.csv", line: 7, column: "figure", code: "CLAIM_INVALID_CELL", expected: "text or a number", got: "an object" },
      { file: "f.csv", line: 7, column: "date", code: "CLAIM_INVALID_CELL", expected: "text or a number", got: "a list" },
      { file: "f.csv", line: 7, column: "notes", code: "CLAIM_INVALID_CELL", expected: "text or a number", got: "an object" },
    ]);
  });

  it("an object in an extra column is carried as JSON text", () => {
    const r = run(["source", "figure", "location", "date", "meta"], ["S", 5, "Hama", 2016, { a: [1] }]);
    expect(r.ok && { ...r.claims[0]!.extra }).toEqual({ meta: '{"a":[1]}' });
    expect(r.ok && r.claims[0]!.date.text).toBe("2016");
  });

  it("a row read with an issue is rejected with just that issue", () => {
    const issue: InputIssue = { file: "f.csv", line: 9, code: "CSV_RAGGED_ROW", expected: "4 cells as in the header", got: "3" };
    const columns = ["source", "figure", "location", "date"];
    const r = build({ file: "f.csv", line: 9, columns, cells: ["S", "5", "Hama"], issue }, mapColumns(columns));
    expect(r).toEqual({ ok: false, issues: [issue] });
  });

  it('a column named "__proto__" is carried in extra as data and Object.prototype is untouched', () => {
    const columns = ["source", "figure", "location", "date", "__proto__", "constructor"];
    const r = run(columns, ["S", "5", "Hama", "2016", '{"polluted":"yes"}', "c"]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.claims[0]!.extra)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(r.claims[0]!.extra, "__proto__")?.value).toBe('{"polluted":"yes"}');
    expect(r.claims[0]!.extra["constructor"]).toBe("c");
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it('a JSON object with an own "__proto__" key is carried as data too', () => {
    const item = JSON.parse('{"source":"S","figure":"5","location":"Hama","date":"2016","__proto__":{"polluted":"yes"}}') as Record<string, unknown>;
    const columns = Object.keys(item);
    const r = build(row(columns, columns.map((k) => item[k])), mapColumns(columns));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.getOwnPropertyDescriptor(r.claims[0]!.extra, "__proto__")?.value).toBe('{"polluted":"yes"}');
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

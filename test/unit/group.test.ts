import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/claims/claim.js";
import { parseDate } from "../../src/claims/date.js";
import { readFigure } from "../../src/figures/read.js";
import { groupClaims, type Group } from "../../src/group/group.js";
import { fingerprint as placeKey } from "../../src/group/place-name.js";

interface Spec {
  id: string;
  location?: string;
  date?: string;
  event?: string;
  source?: string;
  figure?: string;
}

function claim({ id, location = "Hama", date = "2016-09-01", event, source = `src-${id}`, figure = "10" }: Spec): Claim {
  const f = readFigure(figure);
  const d = parseDate(date);
  if (!f.ok || d === undefined) throw new Error(`bad test claim ${id}`);
  return {
    id,
    source,
    figure: f.reading,
    outcome: "killed",
    victims: "all",
    location,
    date: d,
    ...(event !== undefined && { event }),
    extra: {},
    file: "t.csv",
    line: 1,
  };
}

const ids = (groups: Group[]): string[][] => groups.map((g) => g.claims.map((c) => c.id));
/** The partition as a set of sets, independent of any order. */
const partition = (groups: Group[]): string[] => groups.map((g) => g.claims.map((c) => c.id).sort().join("+")).sort();

describe("fingerprint (the key-collision key)", () => {
  it.each([
    ["Hama", "hama"],
    ["HAMA", "hama"],
    ["  Hama  ", "hama"],
    ["Ḥamā", "hama"],
    ["Ḥamāh", "hamah"],
    ["Ma'arrat al-Nu'man", "maarrat numan"],
    ["Maarrat an-Numan", "maarrat numan"],
    ["Ma’arrat al-Nu‘man", "maarrat numan"],
    ["Maʿarrat an-Nuʿman", "maarrat numan"],
    ["al-Latamenah", "latamenah"],
    ["Al Latamenah", "latamenah"],
    ["Deir ez-Zor", "dayr zor"],
    ["Khan Shaykhun", "khan shaykhun"],
    ["Khan-Shaykhun!", "khan shaykhun"],
    ["Saint-Étienne", "saint etienne"],
    ["al", "al"],
    ["حماة", "حماة"],
  ])("%j → %j", (name, key) => {
    expect(placeKey(name)).toBe(key);
  });

  it("folds the spellings of one place together", () => {
    expect(placeKey("Ma'arrat al-Nu'man")).toBe(placeKey("Maarrat an-Numan"));
    expect(placeKey("Ḥamā")).toBe(placeKey("hama"));
    expect(placeKey("al-Latamenah")).toBe(placeKey("Latamenah"));
  });

  it("keeps different places apart", () => {
    expect(placeKey("Hama")).not.toBe(placeKey("Homs"));
    expect(placeKey("Idlib")).not.toBe(placeKey("Idleb"));
    expect(placeKey("Aleppo")).not.toBe(placeKey("Aleppo East"));
  });
});

describe("groupClaims", () => {
  const w0 = { dateWindow: 0 };

  it("the same place and date make one group, with a reason", () => {
    const groups = groupClaims([claim({ id: "a" }), claim({ id: "b" })], w0);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.id).toBe("G1");
    expect(ids(groups)).toEqual([["a", "b"]]);
    expect(groups[0]!.reasons.map((r) => r.text)).toEqual(['same place "Hama"']);
    expect(groups[0]!.location).toBe("Hama");
    expect(groups[0]!.date).toBe("2016-09-01");
    expect(groups[0]!.event).toBeUndefined();
  });

  it("names both spellings when place names differ but share a key", () => {
    const groups = groupClaims([claim({ id: "a", location: "Ḥamā" }), claim({ id: "b", location: "Hama" })], w0);
    expect(ids(groups)).toEqual([["a", "b"]]);
    expect(groups[0]!.reasons.map((r) => r.text)).toEqual(['"Ḥamā" ~ "Hama": same name, folded (case, diacritics, articles, settlement words such as town/farm/mazraa, descriptions such as "near the town of", Tal/Tell-style spellings)']);
  });

  it("a single claim is a group of its own with no reasons", () => {
    const groups = groupClaims([claim({ id: "a" })], w0);
    const day = parseDate("2016-09-01")!.start;
    expect(groups).toEqual([
      {
        id: "G1",
        claims: [claim({ id: "a" })],
        location: "Hama",
        date: "2016-09-01",
        span: { start: day, end: day, precision: "day" },
        place: { key: expect.any(String), level: "place", within: [] },
        reasons: [],
        passedOver: [],
      },
    ]);
  });

  it("no claims, no groups", () => {
    expect(groupClaims([], w0)).toEqual([]);
  });

  it("different dates with window 0 stay apart", () => {
    const groups = groupClaims([claim({ id: "a", date: "2016-09-01" }), claim({ id: "b", date: "2016-09-02" })], w0);
    expect(ids(groups)).toEqual([["a"], ["b"]]);
    expect(groups.map((g) => g.id)).toEqual(["G1", "G2"]);
  });

  it("different places on one date stay apart", () => {
    const groups = groupClaims([claim({ id: "a", location: "Hama" }), claim({ id: "b", location: "Homs" })], w0);
    expect(ids(groups)).toEqual([["a"], ["b"]]);
  });

  it("window 1 joins dates one day apart, with the gap in the reason", () => {
    const groups = groupClaims([claim({ id: "a", date: "2016-09-01" }), claim({ id: "b", date: "2016-09-02" })], { dateWindow: 1 });
    expect(ids(groups)).toEqual([["a", "b"]]);
    expect(groups[0]!.reasons.map((r) => r.text)).toEqual(['same place "Hama"; dates 1 day apart, window 1']);
    expect(groups[0]!.date).toBe("2016-09-01/2016-09-02");
  });

  it("window 1 does not join dates 4 days apart", () => {
    const groups = groupClaims([claim({ id: "a", date: "2016-09-01" }), claim({ id: "b", date: "2016-09-05" })], { dateWindow: 1 });
    expect(ids(groups)).toEqual([["a"], ["b"]]);
  });

  it("window 1 chains no further than one day: three days are not one group", () => {
    const claims = [claim({ id: "a", date: "2016-09-01" }), claim({ id: "b", date: "2016-09-03" }), claim({ id: "c", date: "2016-09-02" })];
    expect(ids(groupClaims(claims, { dateWindow: 1 }))).toEqual([["a", "c"], ["b"]]);
    expect(ids(groupClaims(claims, { dateWindow: 2 }))).toEqual([["a", "b", "c"]]);
  });

  it("a range joins a day inside it", () => {
    const groups = groupClaims([claim({ id: "a", date: "2016-09-01/2016-09-03" }), claim({ id: "b", date: "2016-09-02" })], w0);
    expect(ids(groups)).toEqual([["a", "b"]]);
    expect(groups[0]!.date).toBe("2016-09-01/2016-09-03");
  });

  it("a month and a day within it never join, whatever the window", () => {
    const claims = [claim({ id: "a", date: "2016-09" }), claim({ id: "b", date: "2016-09-01" })];
    expect(ids(groupClaims(claims, w0))).toEqual([["a"], ["b"]]);
    expect(ids(groupClaims(claims, { dateWindow: 30 }))).toEqual([["a"], ["b"]]);
  });

  it("a year and a month within it never join", () => {
    const claims = [claim({ id: "a", date: "2016" }), claim({ id: "b", date: "2016-09" })];
    expect(ids(groupClaims(claims, { dateWindow: 400 }))).toEqual([["a"], ["b"]]);
  });

  it("two months that are the same join", () => {
    expect(ids(groupClaims([claim({ id: "a", date: "2016-09" }), claim({ id: "b", date: "2016-09" })], w0))).toEqual([["a", "b"]]);
  });

  it("the same event label joins different places and dates", () => {
    const claims = [
      claim({ id: "a", location: "Hama", date: "2016-09-01", event: "Hama strikes" }),
      claim({ id: "b", location: "Homs", date: "2016-09-04", event: "  HAMA   strikes " }),
    ];
    const groups = groupClaims(claims, w0);
    expect(ids(groups)).toEqual([["a", "b"]]);
    expect(groups[0]!.reasons.map((r) => r.text)).toEqual(['same event "  HAMA   strikes "']);
    expect(groups[0]!.event).toBe("Hama strikes");
    expect(groups[0]!.date).toBe("2016-09-01/2016-09-04");
  });

  it("two different event labels at the same place and date stay apart", () => {
    const claims = [claim({ id: "a", event: "market strike" }), claim({ id: "b", event: "hospital strike" })];
    const groups = groupClaims(claims, w0);
    expect(ids(groups)).toEqual([["a"], ["b"]]);
    expect(groups.map((g) => g.event)).toEqual(["market strike", "hospital strike"]);
  });

  it("a claim without a label joins a labelled one at its place and date, but never bridges two labels", () => {
    const claims = [claim({ id: "a", event: "X" }), claim({ id: "b" }), claim({ id: "c", event: "Y" })];
    const groups = groupClaims(claims, w0);
    expect(groups).toHaveLength(2);
    expect(groups.flatMap((g) => g.claims.map((c) => c.id)).sort()).toEqual(["a", "b", "c"]);
    const labelsPerGroup = groups.map((g) => new Set(g.claims.map((c) => c.event).filter((e) => e !== undefined)).size);
    expect(labelsPerGroup).toEqual([1, 1]);
  });

  it("groups are listed in first-read order, numbered G1, G2, ...", () => {
    const claims = [
      claim({ id: "homs-1", location: "Homs" }),
      claim({ id: "hama-1", location: "Hama" }),
      claim({ id: "homs-2", location: "Homs" }),
      claim({ id: "idlib", location: "Idlib" }),
      claim({ id: "hama-2", location: "Ḥamā" }),
    ];
    const groups = groupClaims(claims, w0);
    expect(ids(groups)).toEqual([["homs-1", "homs-2"], ["hama-1", "hama-2"], ["idlib"]]);
    expect(groups.map((g) => g.id)).toEqual(["G1", "G2", "G3"]);
  });

  it("the group's location is its most common spelling, the first in text order among equals (not the first read)", () => {
    const claims = [claim({ id: "a", location: "Ḥamā" }), claim({ id: "b", location: "Ḥamā" }), claim({ id: "c", location: "Hama" })];
    expect(groupClaims(claims, w0)[0]!.location).toBe("Ḥamā");
    const tied = [claim({ id: "a", location: "Ḥamā" }), claim({ id: "b", location: "Hama" })];
    expect(groupClaims(tied, w0)[0]!.location).toBe("Hama");
    expect(groupClaims([...tied].reverse(), w0)[0]!.location).toBe("Hama");
  });

  it("the result does not depend on input order (fixed example)", () => {
    const claims = [
      claim({ id: "a", date: "2016-09-01" }),
      claim({ id: "b", date: "2016-09-03" }),
      claim({ id: "c", date: "2016-09-02", event: "E" }),
      claim({ id: "d", location: "Homs", date: "2016-09-02", event: "e" }),
      claim({ id: "e", date: "2016-09" }),
      claim({ id: "f", date: "2016-09-07" }),
    ];
    const forward = partition(groupClaims(claims, { dateWindow: 1 }));
    expect(forward).toEqual(["a+c+d", "b", "e", "f"]);
    expect(partition(groupClaims([...claims].reverse(), { dateWindow: 1 }))).toEqual(forward);
  });

  it("property: the grouping does not depend on input order", () => {
    const spec = fc.record({
      location: fc.constantFrom("Hama", "Ḥamā", "Homs", "al-Latamenah"),
      date: fc.constantFrom("2016-09-01", "2016-09-02", "2016-09-03", "2016-09-05", "2016-09", "2016-09-01/2016-09-04", "2016"),
      event: fc.option(fc.constantFrom("A", "a", "B"), { nil: undefined }),
      source: fc.constantFrom("s1", "s2", "s3"),
    });
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 9 }), fc.integer({ min: 0, max: 3 }), fc.infiniteStream(fc.nat()).map((s) => s), (specs, dateWindow, stream) => {
        const claims = specs.map((s, i) => claim({ id: `c${i}`, ...s }));
        const shuffled = [...claims];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = stream.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const a = groupClaims(claims, { dateWindow });
        const b = groupClaims(shuffled, { dateWindow });
        expect(partition(b)).toEqual(partition(a));
        // Every claim lands in exactly one group.
        expect(a.flatMap((g) => g.claims.map((c) => c.id)).sort()).toEqual(claims.map((c) => c.id).sort());
        // No group holds two different event labels.
        for (const g of a) {
          const labels = new Set(g.claims.flatMap((c) => (c.event !== undefined ? [c.event.toLowerCase()] : [])));
          expect(labels.size).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("joins a claim to the run member its date overlaps, never to a blocked neighbour days away", () => {
    // A spans 1–10 September under event X; B (event Y) is refused; C overlaps A, not B.
    const claims = [
      claim({ id: "A", date: "2016-09-01/2016-09-10", event: "X" }),
      claim({ id: "B", date: "2016-09-02", event: "Y" }),
      claim({ id: "C", date: "2016-09-09" }),
    ];
    expect(partition(groupClaims(claims, { dateWindow: 0 }))).toEqual(["A+C", "B"]);
  });
});

describe("records", () => {
  it("the claims of one source's record are one group, among thousands of records; one id under two sources is two records", () => {
    // Every claim at a place of its own, so nothing but the record joins claims.
    const claims: Claim[] = [];
    for (let r = 0; r < 3000; r++) {
      for (const source of ["A", "B"]) {
        for (const measure of ["killed", "injured"]) claims.push({ ...claim({ id: `${source}-${r}-${measure}`, source, location: `${source} ${measure} place ${r}` }), record: `R${r}` });
      }
    }
    const groups = groupClaims(claims, { dateWindow: 0 });
    expect(groups).toHaveLength(6000);
    for (const g of groups) {
      expect(g.claims).toHaveLength(2);
      expect(new Set(g.claims.map((c) => `${c.source} ${c.record}`)).size).toBe(1);
    }
  });
});

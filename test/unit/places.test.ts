import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { Claim } from "../../src/claims/claim.js";
import { parseDate } from "../../src/claims/date.js";
import { UsageError } from "../../src/errors.js";
import { readFigure } from "../../src/figures/read.js";
import { ancestry, loadGazetteer, resolvePlace, type Gazetteer } from "../../src/group/gazetteer.js";
import { groupClaims, type Group } from "../../src/group/group.js";
import { alternativeNames, MATCH_MODES, PlaceIndex, type MatchMode } from "../../src/group/matcher.js";
import { fingerprint, foldPlace, lightForm, placeWords, sameVariant, skeleton } from "../../src/group/place-name.js";

// Count the comparisons the matcher makes, to pin down that it blocks instead of comparing all pairs.
const counters = vi.hoisted(() => ({ sameVariant: 0, distance: 0 }));
vi.mock("../../src/group/place-name.js", async (importOriginal) => {
  const m = await importOriginal<typeof import("../../src/group/place-name.js")>();
  return {
    ...m,
    sameVariant: (a: string, b: string): boolean => {
      counters.sameVariant++;
      return m.sameVariant(a, b);
    },
    // The matcher compares precomputed keys; each call is one comparison of two names.
    sameVariantKeys: (a: Parameters<typeof m.sameVariantKeys>[0], b: Parameters<typeof m.sameVariantKeys>[1]): boolean => {
      counters.sameVariant++;
      return m.sameVariantKeys(a, b);
    },
  };
});
vi.mock("fastest-levenshtein", async (importOriginal) => {
  const m = await importOriginal<typeof import("fastest-levenshtein")>();
  return {
    ...m,
    distance: (a: string, b: string): number => {
      counters.distance++;
      return m.distance(a, b);
    },
  };
});

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SEED_PLACES = join(ROOT, "fixtures/seed/places.csv");
const REAL_VARIANTS = join(ROOT, "fixtures/matching/real-variants.csv");
const REAL_LOOKALIKES = join(ROOT, "fixtures/matching/real-lookalikes.csv");

function index(names: string[], mode: MatchMode = "normal", extra: { threshold?: number; gazetteer?: Gazetteer } = {}): PlaceIndex {
  return new PlaceIndex(names, { mode, threshold: extra.threshold ?? 0.85, ...(extra.gazetteer && { gazetteer: extra.gazetteer }) });
}

/** Do two names share a key, whichever order they are indexed in? Throws if the order matters. */
function joined(a: string, b: string, mode: MatchMode = "normal", extra: { threshold?: number; gazetteer?: Gazetteer } = {}): boolean {
  const ab = index([a, b], mode, extra);
  const ba = index([b, a], mode, extra);
  const x = ab.key(a) === ab.key(b);
  const y = ba.key(a) === ba.key(b);
  if (x !== y) throw new Error(`order matters for ${JSON.stringify(a)} / ${JSON.stringify(b)} under ${mode}`);
  return x;
}

const tmp = mkdtempSync(join(tmpdir(), "reconcile-places-"));
let tmpCount = 0;
function tmpFile(ext: string, text: string): string {
  const path = join(tmp, `g${++tmpCount}.${ext}`);
  writeFileSync(path, text);
  return path;
}

/** Run `fn`, expect a UsageError, return its message. */
function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError, got none");
}

const SAME: Array<[string, string]> = [
  ["Ma'arrat al-Nu'man", "Maarat al-Numan"],
  ["Jisr ash-Shughur", "Jisr al-Shughur"],
  ["Deir ez-Zor", "Deir al-Zour"],
  ["Idlib", "Idleb"],
  ["Khan Shaykhun", "Khan Sheikhoun"],
  ["Latamenah", "Latamneh"],
  ["Latamenah", "Lataminah"],
  ["Latamenah", "al-Latamenah"],
  ["Latamenah", "Al-Lataminah"],
  ["Latamneh", "Lataminah"],
  ["Latamneh", "al-Latamenah"],
  ["Latamneh", "Al-Lataminah"],
  ["Lataminah", "al-Latamenah"],
  ["Lataminah", "Al-Lataminah"],
  ["al-Latamenah", "Al-Lataminah"],
  ["Qarah town", "Qarah"],
  ["Hafsarja village", "Hafsarja"],
  ["Qastoun", "Kastoun"],
  ["Tall Tamr", "Tal Tamr"],
  ["Hama", "Hamah"],
  ["Homs", "Hums"],
  ["Kobani", "Kobane/Ayn al Arab town"],
  ["Palmyra", "Tadmur/Palmyra town"],
  ["Idlib province", "Idlib governorate"],
  ["Thiban", "Dhiban"],
  ["Al-Atarib", "Al Atareb"],
  ["Maaret al-Nassan", "Maarah al-Naasan town"],
];

const APART: Array<[string, string]> = [
  ["Hama", "Homs"],
  ["Aleppo", "Afrin"],
  ["Kafr Nabl", "Kafr Nabudah"],
  ["Tell Rifaat", "Tell Abyad"],
  ["Al-Bab", "Al-Rai"],
  ["Idlib governorate", "Idlib city"],
  ["Hama", "Hamam"],
  ["Azaz", "Aziz"],
  ["Al Hawl camp", "Al Hawl"],
];

describe("place-name keys", () => {
  it.each([
    ["Jabal Bishri (Raqqa governorate)", "jabal bishri", "jabal bishri"],
    ["Ma'arrat al-Nu'man", "maarrat al numan", "maarrat numan"],
    ["Idlib province", "idlib province", "idlib governorate"],
    ["Qarah town", "qarah town", "qarah"],
    ["Tell Abyad", "tell abyad", "tal abyad"],
    ["Deir ez-Zor", "deir ez zor", "dayr zor"],
    ["Ras al Ayn town", "ras al ayn town", "ras ain"],
    ["Kafar Jana, Afrin", "kafar jana", "kafr jana"],
    ["village of Qara Mogh", "village of qara mogh", "qara mogh"],
    ["Al-Qāmishlī", "al qamishli", "qamishli"],
    ["al", "al", "al"],
  ])("%j folds to %j, fingerprint %j", (name, folded, print) => {
    expect(foldPlace(name)).toBe(folded);
    expect(fingerprint(name)).toBe(print);
    expect(placeWords(name).join(" ")).toBe(print);
  });

  it.each([
    ["Latamenah", "ltmn", "latamena"],
    ["Latamneh", "ltmn", "latamne"],
    ["Lataminah", "ltmn", "latamina"],
    ["Idlib", "dlb", "idlib"],
    ["Idleb", "dlb", "idleb"],
    ["Khan Sheikhoun", "XnSXn", "khan sheikhun"],
    ["Kafr Nabl", "kfrnbl", "kafr nabl"],
    ["Kafranbel", "kfrnbl", "kafranbel"],
    ["Hamah", "hm", "hama"],
    ["Ma'arrat al-Nu'man", "mrnmn", "marat numan"],
    ["Thiban", "dbn", "thiban"],
    ["Dhiban", "dbn", "thiban"],
    ["Diban town", "dbn", "diban"],
    ["Qastoun", "kstn", "kastun"],
    ["Tall Tamr", "tltmr", "tal tamr"],
  ])("%j: skeleton %j, light form %j", (name, skel, light) => {
    expect(skeleton(name)).toBe(skel);
    expect(lightForm(name)).toBe(light);
  });

  it("sameVariant: a short skeleton needs the same light form; admin words must agree", () => {
    expect(sameVariant("Hama", "Hamah")).toBe(true);
    expect(sameVariant("Azaz", "Aziz")).toBe(false); // "zz" is short, light forms differ
    expect(sameVariant("Idlib", "Idleb")).toBe(true); // "dlb" is long enough
    expect(sameVariant("Idlib governorate", "Idleb")).toBe(false);
    expect(sameVariant("Idlib governorate", "Idleb province")).toBe(true);
    expect(sameVariant("Hama", "Homs")).toBe(false);
  });

  // Regression: "Ain al-Arab" and "Nairab" (both n-r-b, both in Aleppo governorate) were one place.
  it("sameVariant: a three-consonant skeleton also needs as many words; vowels alone may differ", () => {
    expect(sameVariant("Ain al-Arab", "Nairab")).toBe(false);
    expect(sameVariant("Ain al-Arab", "Ayn al Arab")).toBe(true);
    expect(sameVariant("Homs", "Hims")).toBe(true);
    expect(sameVariant("Msyaf", "Masyaf town")).toBe(true);
    expect(sameVariant("Idlib", "Edlib")).toBe(true);
    // An article that lost a letter is not a word of its own.
    expect(sameVariant("a-Dakana", "al-Dakana")).toBe(true);
  });

  it("alternativeNames splits a slash cell and carries the settlement word to each name", () => {
    expect(alternativeNames("Kobane/Ayn al Arab town")).toEqual(["Kobane town", "Ayn al Arab town"]);
    expect(alternativeNames("Tadmur/Palmyra town")).toEqual(["Tadmur town", "Palmyra town"]);
    expect(alternativeNames("Bseileh/Soghanka village")).toEqual(["Bseileh village", "Soghanka village"]);
    expect(alternativeNames("Al Zar / Saffat az-Zawr")).toEqual(["Al Zar", "Saffat az-Zawr"]);
    expect(alternativeNames("Hama")).toEqual(["Hama"]);
  });

  it("the match modes", () => {
    expect(MATCH_MODES).toEqual(["exact", "normal", "fuzzy"]);
  });
});

describe("PlaceIndex: one place, two spellings", () => {
  it.each(SAME)("normal: %j ~ %j share a key", (a, b) => {
    expect(joined(a, b, "normal")).toBe(true);
  });

  it.each(SAME)("fuzzy keeps what normal joins: %j ~ %j", (a, b) => {
    expect(joined(a, b, "fuzzy")).toBe(true);
  });

  it.each(SAME)("exact: %j and %j are different spellings, so different keys", (a, b) => {
    expect(joined(a, b, "exact")).toBe(false);
  });

  it("all the spellings in one index: every pair still shares a key", () => {
    const all = [...new Set(SAME.flat())];
    const idx = index(all);
    for (const [a, b] of SAME) expect(idx.key(a), `${a} ~ ${b}`).toBe(idx.key(b));
    // Latamenah's five spellings are one place.
    expect(new Set(["Latamenah", "Latamneh", "Lataminah", "al-Latamenah", "Al-Lataminah"].map((n) => idx.key(n))).size).toBe(1);
  });
});

describe("PlaceIndex: two places with alike names", () => {
  it.each(APART)("normal: %j and %j stay apart", (a, b) => {
    expect(joined(a, b, "normal")).toBe(false);
  });

  it.each(APART)("fuzzy (0.85): %j and %j stay apart", (a, b) => {
    expect(joined(a, b, "fuzzy", { threshold: 0.85 })).toBe(false);
  });

  it.each(APART)("exact: %j and %j stay apart", (a, b) => {
    expect(joined(a, b, "exact")).toBe(false);
  });

  it("all the names of both tables in one index: no look-alike pair shares a key", () => {
    const all = [...new Set([...SAME.flat(), ...APART.flat()])];
    for (const mode of ["normal", "fuzzy"] as const) {
      const idx = index(all, mode);
      for (const [a, b] of APART) expect(idx.key(a), `${mode}: ${a} / ${b}`).not.toBe(idx.key(b));
      for (const [a, b] of SAME) expect(idx.key(a), `${mode}: ${a} ~ ${b}`).toBe(idx.key(b));
    }
  });
});

describe("PlaceIndex: exact mode", () => {
  it.each([
    ["Hama", "HAMA"],
    ["Kafr  Nabl", " kafr nabl "],
    ["Deir ez-Zor", "deir ez-zor"],
    ["Ma'arrat al-Nu'man", "MA'ARRAT  AL-NU'MAN"],
  ])("%j and %j differ only in case and spaces: one key", (a, b) => {
    expect(joined(a, b, "exact")).toBe(true);
    expect(index([a, b], "exact").why(a, b).text).toBe(`"${a}" ~ "${b}": same spelling`);
  });

  it.each([
    ["Ḥamā", "Hama"],
    ["Deir ez-Zor", "Deir ez Zor"],
    ["Ma'arrat al-Nu'man", "Maarrat al-Numan"],
    ["al-Latamenah", "Latamenah"],
    ["Qarah town", "Qarah"],
  ])("%j and %j differ in more than case and spaces: two keys", (a, b) => {
    expect(joined(a, b, "exact")).toBe(false);
  });

  it("property: for names without a slash, one key exactly when lower-cased and space-collapsed spellings are equal", () => {
    const exact = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
    const name = fc.string({ unit: fc.constantFrom("a", "A", "b", "B", "h", "H", " ", "-", "'", "é"), minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(name, name, (a, b) => {
        fc.pre(a !== b);
        expect(joined(a, b, "exact")).toBe(exact(a) === exact(b));
      }),
      { seed: 20160901, numRuns: 300 },
    );
  });
});

describe("PlaceIndex: normal mode, properties", () => {
  const syllable = fc.tuple(fc.constantFrom(..."bdfgjklmnprstz"), fc.constantFrom(..."aiu")).map(([c, v]) => c + v);
  const word = fc.array(syllable, { minLength: 2, maxLength: 4 }).map((s) => s.join(""));

  it("a name with an article, a settlement word, other case or diacritics keeps its key", () => {
    fc.assert(
      fc.property(word, (w) => {
        const name = w[0]!.toUpperCase() + w.slice(1);
        const idx = index([name, `al-${w}`, `${name} town`, `AL ${name.toUpperCase()} village`, name.replace(/a/, "á")]);
        const keys = new Set([name, `al-${w}`, `${name} town`, `AL ${name.toUpperCase()} village`, name.replace(/a/, "á")].map((n) => idx.key(n)));
        expect(keys.size).toBe(1);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("the keys do not depend on the order names are indexed in", () => {
    const names = [...new Set([...SAME.flat(), ...APART.flat()])];
    const partition = (order: string[]) => {
      const idx = index(order);
      const byKey = new Map<string, string[]>();
      for (const n of names) byKey.set(idx.key(n), [...(byKey.get(idx.key(n)) ?? []), n]);
      return [...byKey.values()].map((g) => g.sort().join("|")).sort();
    };
    const reference = partition(names);
    fc.assert(
      fc.property(fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }), (order) => {
        expect(partition(order)).toEqual(reference);
      }),
      { seed: 11, numRuns: 30 },
    );
  });
});

describe("PlaceIndex: a qualifier word", () => {
  it("a name meets the same name with a trailing qualifier when no other qualified form is in the run (Airwars TS522 ~ UCDP 441500)", () => {
    expect(joined("Arab Hassan", "Arab Hassan Kabir village")).toBe(true);
    expect(joined("Maarrat Misrin", "Maarrat Misrin al-Gharbiya")).toBe(true);
    const idx = index(["Arab Hassan", "Arab Hassan Kabir village"]);
    expect(idx.why("Arab Hassan", "Arab Hassan Kabir village")).toEqual({
      kind: "place-names",
      names: ["Arab Hassan", "Arab Hassan Kabir village"],
      match: "qualifier",
      qualifier: "kabir",
      text: '"Arab Hassan" ~ "Arab Hassan Kabir village": the same name but for the qualifier "kabir", the only qualified form of it in the run',
    });
  });

  it("two qualified forms in the run: the bare name meets neither, and they stay apart", () => {
    const names = ["Arab Hassan", "Arab Hassan Kabir village", "Arab Hassan Saghir"];
    for (const order of [names, [...names].reverse()]) {
      const idx = index(order);
      const keys = new Set(names.map((n) => idx.key(n)));
      expect(keys.size).toBe(3);
    }
  });

  it("qualified forms are counted per place, across spellings of the bare name: Kabir and Saghir under two spellings join neither", () => {
    const names = ["Arab Hassan Kabir", "Arab Hasan Saghir", "Arab Hassan", "Arab Hasan"];
    const idx = index(names);
    expect(idx.key("Arab Hassan")).toBe(idx.key("Arab Hasan"));
    expect(idx.key("Arab Hassan Kabir")).not.toBe(idx.key("Arab Hasan Saghir"));
    expect(idx.key("Arab Hassan Kabir")).not.toBe(idx.key("Arab Hassan"));
    // Kbir and Kabir are one qualifier: one qualified form, which joins.
    expect(joined("Arab Hassan", "Arab Hassan Kbir")).toBe(true);
    const two = index(["Arab Hassan", "Arab Hassan Kbir", "Arab Hassan Kabir"]);
    expect(two.key("Arab Hassan")).toBe(two.key("Arab Hassan Kabir"));
  });

  it("the rest must say which place on its own: a short bare name does not meet its qualified forms", () => {
    expect(joined("Tal", "Tal Jadida")).toBe(false);
    expect(joined("Kafr", "Kafr Kabir")).toBe(false);
    // A qualifier that is the whole name is the name.
    expect(joined("Jadida", "Jadida Kabira")).toBe(false);
  });
});

describe("PlaceIndex.why", () => {
  it("the same name", () => {
    expect(index(["Hama"]).why("Hama", "Hama").text).toBe('same place "Hama"');
  });

  it("a transliteration variant", () => {
    expect(index(["Idlib", "Idleb"]).why("Idlib", "Idleb").text).toBe('"Idlib" ~ "Idleb": transliteration variant');
    expect(index(["Qastoun", "Kastoun"]).why("Qastoun", "Kastoun").text).toBe('"Qastoun" ~ "Kastoun": transliteration variant');
  });

  it("the same name once articles and settlement words are set aside", () => {
    const text = "same name, folded (case, diacritics, articles, settlement words such as town/farm/mazraa, descriptions such as \"near the town of\", Tal/Tell-style spellings)";
    expect(index(["Qarah town", "Qarah"]).why("Qarah town", "Qarah").text).toBe(`"Qarah town" ~ "Qarah": ${text}`);
    expect(index(["Jisr ash-Shughur", "Jisr al-Shughur"]).why("Jisr ash-Shughur", "Jisr al-Shughur").text).toBe(`"Jisr ash-Shughur" ~ "Jisr al-Shughur": ${text}`);
    expect(index(["Idlib province", "Idlib governorate"]).why("Idlib province", "Idlib governorate").text).toBe(`"Idlib province" ~ "Idlib governorate": ${text}`);
    expect(index(["Tall Tamr", "Tal Tamr"]).why("Tall Tamr", "Tal Tamr").text).toBe(`"Tall Tamr" ~ "Tal Tamr": ${text}`);
  });

  it("through one of the names a slash cell gives", () => {
    expect(index(["Kobani", "Kobane/Ayn al Arab town"]).why("Kobani", "Kobane/Ayn al Arab town").text).toBe(
      '"Kobani" ~ "Kobane/Ayn al Arab town": transliteration variant ("Kobani" ~ "Kobane town"), one of the names the cell gives',
    );
    expect(index(["Palmyra", "Tadmur/Palmyra town"]).why("Palmyra", "Tadmur/Palmyra town").text).toBe(
      '"Palmyra" ~ "Tadmur/Palmyra town": same name, folded (case, diacritics, articles, settlement words such as town/farm/mazraa, descriptions such as "near the town of", Tal/Tell-style spellings) ("Palmyra" ~ "Palmyra town"), one of the names the cell gives',
    );
    expect(index(["Ayn al Arab town", "Kobane/Ayn al Arab town"]).why("Ayn al Arab town", "Kobane/Ayn al Arab town").text).toBe(
      '"Ayn al Arab town" ~ "Kobane/Ayn al Arab town": the same name, one of the names the cell gives',
    );
    const { text: _t, ...fields } = index(["Kobani", "Kobane/Ayn al Arab town"]).why("Kobani", "Kobane/Ayn al Arab town");
    expect(fields).toEqual({ kind: "place-names", names: ["Kobani", "Kobane/Ayn al Arab town"], match: "cell-names", through: ["Kobani", "Kobane town"], through_match: "transliteration" });
  });

  it("gazetteer names, aliases and variants of them", () => {
    const g = loadGazetteer(SEED_PLACES);
    const idx = index(["اللطامنة", "Latamneh", "Latameneh", "al-Latamenah", "Hama", "Hamah"], "normal", { gazetteer: g });
    expect(idx.why("اللطامنة", "Latamneh").text).toBe('"اللطامنة" ~ "Latamneh": gazetteer alias of "al-Latamenah"');
    expect(idx.why("Latameneh", "al-Latamenah").text).toBe('"Latameneh" ~ "al-Latamenah": a variant of a gazetteer name of "al-Latamenah"');
    expect(idx.why("Hama", "Hamah").text).toBe('"Hama" ~ "Hamah": gazetteer alias of "Hama"');
    expect(idx.why("Latameneh", "al-Latamenah")).toMatchObject({ kind: "place-names", match: "gazetteer-variant", gazetteer_place: "al-Latamenah" });
    expect(idx.key("اللطامنة")).toBe("g:latamenah");
    expect(idx.key("Latameneh")).toBe("g:latamenah");
  });

  it("a similar spelling, under fuzzy only", () => {
    // Taftanaz / Taftanas: skeletons tftnz / tftns differ, so normal keeps them apart.
    expect(skeleton("Taftanaz")).not.toBe(skeleton("Taftanas"));
    expect(joined("Taftanaz", "Taftanas", "normal")).toBe(false);
    expect(joined("Taftanaz", "Taftanas", "fuzzy")).toBe(true);
    expect(index(["Taftanaz", "Taftanas"], "fuzzy").why("Taftanaz", "Taftanas").text).toBe('"Taftanaz" ~ "Taftanas": similar spelling (0.88 ≥ 0.85)');
    expect(index(["Saraqib", "Saraqip"], "fuzzy").why("Saraqib", "Saraqip").text).toBe('"Saraqib" ~ "Saraqip": similar spelling (0.86 ≥ 0.85)');
    expect(joined("Saraqib", "Saraqip", "normal")).toBe(false);
    // 7/8 = 0.875 is below a threshold of 0.9.
    expect(joined("Taftanaz", "Taftanas", "fuzzy", { threshold: 0.9 })).toBe(false);
    expect(index(["Taftanaz", "Taftanas"], "fuzzy").why("Taftanaz", "Taftanas")).toEqual({
      kind: "place-names",
      names: ["Taftanaz", "Taftanas"],
      match: "similar",
      similarity: 0.88,
      threshold: 0.85,
      text: '"Taftanaz" ~ "Taftanas": similar spelling (0.88 ≥ 0.85)',
    });
    expect(index(["Taftanaz", "Taftanas"], "fuzzy", { threshold: 0.8 }).why("Taftanaz", "Taftanas").text).toBe('"Taftanaz" ~ "Taftanas": similar spelling (0.88 ≥ 0.8)');
  });
});

interface RealRow {
  pair: string;
  name_a: string;
  name_b: string;
  admin1_a?: string;
  admin1_b?: string;
}
function readPairs(path: string): RealRow[] {
  if (!existsSync(path)) return [];
  return parse(readFileSync(path, "utf8"), { columns: true, bom: true, skip_empty_lines: true }) as RealRow[];
}

/**
 * Real pairs the matcher gets wrong today, by pair id and names. Each is
 * asserted to still be wrong, so that a fix shows up here (remove the entry then).
 */
const knownMisses = {
  /** Variant pairs whose names get two keys under normal. */
  variants: new Map([
    ["v11", "Qaramox village|village of Qara Mogh"], // Kurdish x for Arabic gh: skeletons krmx / krmG
    ["v19", "Al Zir|Al Zar/Saffat az-Zawr village"], // "zr" is short and the light forms zir / zar differ
  ]),
  /** Look-alike pairs whose names alone share a key (the claims' admin1 may still keep them apart). */
  lookalikeNames: new Map([
    ["d4", "Al Dabes|Al Dabas"], // dbs = dbs, one vowel apart
    ["d5", "Jadida village|Jadeda"], // the same Arabic name, two villages
    ["d6", "Al Masherfa|Mushairfa village"], // the same Arabic name, two villages
    ["d10", "Dhiban|Theybin (Dhibin)"], // dbn = dbn
    ["d11", "Adwan|Adwan town"], // the same name, two places
  ]),
  /** Look-alike pairs merged into one group even with their admin1 given. */
  lookalikeGroups: new Map([
    ["d5", "Jadida village|Jadeda"], // two villages called Jadida in Raqqa governorate
  ]),
};
const rowKey = (r: RealRow) => `${r.name_a}|${r.name_b}`;
/** The known misses that are rows of this file (matched on id and names). */
const present = (misses: Map<string, string>, rows: RealRow[]) => rows.filter((r) => misses.get(r.pair) === rowKey(r)).map((r) => r.pair);

describe("real pairs from Airwars and UCDP", () => {
  const variants = readPairs(REAL_VARIANTS);
  const lookalikes = readPairs(REAL_LOOKALIKES);

  it.skipIf(!existsSync(REAL_VARIANTS))("every real variant pair shares a key under normal, but the known misses", () => {
    expect(variants.length).toBeGreaterThan(0);
    const missed = variants.filter((r) => !joined(r.name_a, r.name_b, "normal")).map((r) => r.pair);
    expect(missed).toEqual(present(knownMisses.variants, variants));
    // Fuzzy keeps whatever normal joins: what it misses, normal misses too.
    const fuzzyMissed = variants.filter((r) => !joined(r.name_a, r.name_b, "fuzzy")).map((r) => r.pair);
    expect(fuzzyMissed.filter((p) => !missed.includes(p))).toEqual([]);
  });

  it.skipIf(!existsSync(REAL_LOOKALIKES))("no real look-alike pair shares a key by name under normal, but the known misses", () => {
    expect(lookalikes.length).toBeGreaterThan(0);
    const merged = lookalikes.filter((r) => joined(r.name_a, r.name_b, "normal")).map((r) => r.pair);
    expect(merged).toEqual(present(knownMisses.lookalikeNames, lookalikes));
  });

  it.skipIf(!existsSync(REAL_LOOKALIKES))("with their admin1, real look-alikes make two groups, but the known misses", () => {
    const claims = lookalikes.flatMap((r, k) => {
      const date = parseDate(`2016-03-${String(k + 1).padStart(2, "0")}`)!;
      const f = readFigure("10");
      if (!f.ok) throw new Error("bad figure");
      const one = (side: "a" | "b", location: string, admin1: string | undefined): Claim => ({
        id: `${r.pair}${side}`,
        source: side === "a" ? "A" : "B",
        figure: f.reading,
        outcome: "killed",
        victims: "all",
        location,
        ...(admin1 !== undefined && admin1 !== "" && { admin1 }),
        date,
        extra: { pair: r.pair },
        file: "t.csv",
        line: 1,
      });
      return [one("a", r.name_a, r.admin1_a), one("b", r.name_b, r.admin1_b)];
    });
    for (const mode of ["normal", "fuzzy"] as const) {
      const groups = groupClaims(claims, { dateWindow: 0, match: { mode, threshold: 0.85 } });
      const together = groups.filter((g) => g.claims.length > 1).map((g) => g.claims[0]!.extra["pair"]);
      expect(together, mode).toEqual(present(knownMisses.lookalikeGroups, lookalikes));
    }
  });

  describe.skipIf(variants.length === 0)("each variant pair", () => {
    it.each(variants.length > 0 ? variants : [{ pair: "-", name_a: "-", name_b: "-" }])("$pair: $name_a ~ $name_b", (r) => {
      expect(joined(r.name_a, r.name_b, "normal")).toBe(knownMisses.variants.get(r.pair) !== rowKey(r));
    });
  });

  describe.skipIf(lookalikes.length === 0)("each look-alike pair, by name alone", () => {
    it.each(lookalikes.length > 0 ? lookalikes : [{ pair: "-", name_a: "-", name_b: "-" }])("$pair: $name_a / $name_b", (r) => {
      expect(joined(r.name_a, r.name_b, "normal")).toBe(knownMisses.lookalikeNames.get(r.pair) === rowKey(r));
    });
  });
});

describe("loadGazetteer", () => {
  it("reads the seed CSV: names, aliases split on |, parents and levels", () => {
    const g = loadGazetteer(SEED_PLACES);
    expect([...g.places.keys()]).toEqual(["syria", "hama-gov", "idlib-gov", "hama", "latamenah", "idlib", "kafr-nabl", "kafr-nabudah"]);
    expect(g.places.get("latamenah")).toEqual({
      id: "latamenah",
      name: "al-Latamenah",
      aliases: ["Latamneh", "Al-Lataminah", "Lataminah", "اللطامنة"],
      parent: "hama-gov",
      level: "town",
    });
    expect(g.places.get("syria")).toEqual({ id: "syria", name: "Syria", aliases: ["سوريا", "Syrian Arab Republic"], level: "country" });
    expect(ancestry(g, "latamenah").map((p) => p.id)).toEqual(["latamenah", "hama-gov", "syria"]);
    expect(ancestry(g, "syria").map((p) => p.id)).toEqual(["syria"]);
    expect(ancestry(g, "nowhere")).toEqual([]);
  });

  it("reads the same places from JSON, as an array or {places}, aliases as a list or a string, parents by name", () => {
    const csv = loadGazetteer(SEED_PLACES);
    const places = [...csv.places.values()].map((p, i) => ({
      id: p.id,
      name: p.name,
      // Half the places give their aliases as one string, half as a list.
      aliases: i % 2 === 0 ? p.aliases.join(i % 4 === 0 ? "|" : "; ") : p.aliases,
      // Parents by name, not by id.
      ...(p.parent !== undefined && { parent: csv.places.get(p.parent)!.name }),
      ...(p.level !== undefined && { level: p.level.toUpperCase() }),
    }));
    for (const data of [places, { places }]) {
      const g = loadGazetteer(tmpFile("json", JSON.stringify(data)));
      expect(g.places).toEqual(csv.places);
      expect(g.byName).toEqual(csv.byName);
      expect(g.bySkeleton).toEqual(csv.bySkeleton);
    }
  });

  it("splits aliases on | and ;, trimming and dropping empty ones; a place without an id is known by its name", () => {
    const g = loadGazetteer(tmpFile("csv", 'name,aliases,parent\nAlpha,"A1| A2 ;A3;;|A4 ",\nBeta,,Alpha\n'));
    expect(g.places.get("Alpha")).toEqual({ id: "Alpha", name: "Alpha", aliases: ["A1", "A2", "A3", "A4"] });
    expect(g.places.get("Beta")).toEqual({ id: "Beta", name: "Beta", aliases: [], parent: "Alpha" });
  });

  it("takes a parent by id or by name", () => {
    const g = loadGazetteer(tmpFile("csv", "id,name,parent\na,Alpha,\nb,Beta,a\nc,Gamma,Beta\n"));
    expect(g.places.get("b")!.parent).toBe("a");
    expect(g.places.get("c")!.parent).toBe("b");
    expect(ancestry(g, "c").map((p) => p.id)).toEqual(["c", "b", "a"]);
  });

  it("a parent that is not a place of the gazetteer", () => {
    const path = tmpFile("csv", "id,name,aliases,parent,level\na,Alpha,,,\nb,Beta,,Nowhere,\n");
    expect(usageError(() => loadGazetteer(path))).toBe(`${path}:3: column "parent": expected a place of this gazetteer, got "Nowhere" [PLACES_INVALID]`);
  });

  it("a place listed twice", () => {
    const path = tmpFile("csv", "name,aliases\nAlpha,\nAlpha,A2\n");
    expect(usageError(() => loadGazetteer(path))).toBe(`${path}:3: the place "Alpha" is listed twice (give each an id to tell them apart) [PLACES_INVALID]`);
    // With ids, two places may share a name.
    expect(loadGazetteer(tmpFile("csv", "id,name\na1,Alpha\na2,Alpha\n")).places.size).toBe(2);
  });

  it("places that lie in each other", () => {
    const path = tmpFile("csv", "id,name,parent\na,Alpha,b\nb,Beta,Alpha\n");
    expect(usageError(() => loadGazetteer(path))).toBe(`${path}: the places around "Alpha" lie in each other in a circle [PLACES_INVALID]`);
    const self = tmpFile("csv", "id,name,parent\na,Alpha,a\n");
    expect(usageError(() => loadGazetteer(self))).toBe(`${self}: the places around "Alpha" lie in each other in a circle [PLACES_INVALID]`);
  });

  it("a place without a name, in CSV and JSON", () => {
    const csv = tmpFile("csv", "id,name,parent\na,Alpha,\nb,,a\n");
    const m1 = usageError(() => loadGazetteer(csv));
    expect(m1.startsWith(`${csv}:3: column "name": `)).toBe(true);
    expect(m1.endsWith(" [PLACES_INVALID]")).toBe(true);
    const blank = tmpFile("csv", 'id,name\na,Alpha\nb,"  "\n');
    expect(usageError(() => loadGazetteer(blank))).toBe(`${blank}:3: column "name": expected a place name [PLACES_INVALID]`);
    const json = tmpFile("json", '[{"name":"Alpha"},{"id":"b","aliases":"x"}]');
    const m2 = usageError(() => loadGazetteer(json));
    expect(m2.startsWith(`${json}: [1]: column "name": `)).toBe(true);
    expect(m2.endsWith(" [PLACES_INVALID]")).toBe(true);
  });

  it("files that are not gazetteers", () => {
    const obj = tmpFile("json", '{"x":1}');
    expect(usageError(() => loadGazetteer(obj))).toBe(`${obj}: expected an array of places or {"places": [...]} [PLACES_INVALID]`);
    const bad = tmpFile("json", '[{"name":"Alpha"');
    expect(usageError(() => loadGazetteer(bad))).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON: .* \\[PLACES_INVALID\\]$`));
    const missing = join(tmp, "missing.csv");
    expect(usageError(() => loadGazetteer(missing))).toBe(`${missing}: cannot read the gazetteer file (no such file) [PLACES_INVALID]`);
  });
});

describe("resolvePlace", () => {
  const g = loadGazetteer(SEED_PLACES);

  it.each([
    ["al-Latamenah", "latamenah", "name"],
    ["Al Latamenah", "latamenah", "name"],
    ["Latamenah", "latamenah", "name"],
    ["Latamneh", "latamenah", "alias"],
    ["اللطامنة", "latamenah", "alias"],
    ["Kafranbel", "kafr-nabl", "alias"],
    ["Idleb province", "idlib-gov", "alias"],
    ["Latameneh", "latamenah", "variant"],
    ["Kafr Nabouda", "kafr-nabudah", "variant"],
  ] as const)("%j → %s by %s", (name, id, how) => {
    expect(resolvePlace(g, name, true)).toEqual({ id, how });
  });

  it("variants only when allowed", () => {
    expect(resolvePlace(g, "Latameneh", false)).toBeUndefined();
    expect(resolvePlace(g, "Latamneh", false)).toEqual({ id: "latamenah", how: "alias" });
  });

  it("nothing for a name it does not know", () => {
    expect(resolvePlace(g, "Aleppo", true)).toBeUndefined();
  });

  it("nothing when a name fits two places, by name or as a variant", () => {
    const two = loadGazetteer(tmpFile("csv", "id,name,aliases\nj1,Jadida,Jdeideh\nj2,Jadida,Jdeideh\nk,Kafr Amma,\n"));
    expect(resolvePlace(two, "Jadida", true)).toBeUndefined();
    expect(resolvePlace(two, "Jdeideh", true)).toBeUndefined();
    expect(resolvePlace(two, "Jadeeda", true)).toBeUndefined();
    expect(resolvePlace(two, "Kafr Amma", true)).toEqual({ id: "k", how: "name" });
  });
});

describe("PlaceIndex with a gazetteer", () => {
  it("keeps two of its places apart even when their names are transliteration variants of each other", () => {
    const g = loadGazetteer(tmpFile("csv", "id,name,parent\naleppo,Aleppo governorate,\ntd1,Tadef,aleppo\ntd2,Tadif,aleppo\n"));
    expect(skeleton("Tadef")).toBe(skeleton("Tadif"));
    expect(sameVariant("Tadef", "Tadif")).toBe(true);
    // Without the gazetteer, the two spellings are one place.
    expect(joined("Tadef", "Tadif")).toBe(true);
    for (const mode of MATCH_MODES) {
      const idx = index(["Tadef", "Tadif", "Tadeef", "Taddif"], mode, { gazetteer: g });
      expect(idx.key("Tadef")).toBe("g:td1");
      expect(idx.key("Tadif")).toBe("g:td2");
      // Other spellings fit both places: they resolve to neither and join neither.
      for (const other of ["Tadeef", "Taddif"]) {
        expect(idx.key(other)).toMatch(/^n:/);
        expect(idx.gazetteerChain(other)).toEqual([]);
      }
      expect(idx.gazetteerChain("Tadef").map((p) => p.id)).toEqual(["td1", "aleppo"]);
    }
    expect(resolvePlace(g, "Tadeef", true)).toBeUndefined();
  });

  it("joins the seed's names and aliases, and a variant only outside exact mode", () => {
    const g = loadGazetteer(SEED_PLACES);
    const names = ["اللطامنة", "Latamneh", "al-Latamenah", "Latameneh", "Hama", "Hamah", "Hama province", "Kafr Nabl", "Kafranbel", "Kafr Naboudeh", "Kafr Nabudah", "Syrian Arab Republic"];
    for (const mode of MATCH_MODES) {
      const idx = index(names, mode, { gazetteer: g });
      expect(names.map((n) => idx.key(n))).toEqual([
        "g:latamenah",
        "g:latamenah",
        "g:latamenah",
        mode === "exact" ? expect.stringMatching(/^n:/) : "g:latamenah",
        "g:hama",
        "g:hama",
        "g:hama-gov",
        "g:kafr-nabl",
        "g:kafr-nabl",
        "g:kafr-nabudah",
        "g:kafr-nabudah",
        "g:syria",
      ]);
    }
  });
});

describe("PlaceIndex scales with the number of names, not its square", () => {
  // mulberry32: a seeded generator, so the names are the same every run.
  function generator(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  /**
   * About n distinct names: places of 4 to 6 consonant-vowel syllables, each
   * written three ways (the vowels differ), as sources would.
   */
  function names(n: number, seed: number): { names: string[]; places: number } {
    const rnd = generator(seed);
    const pick = (s: string) => s[Math.floor(rnd() * s.length)]!;
    const out = new Set<string>();
    const skeletons = new Set<string>();
    let places = 0;
    while (out.size < n) {
      const consonants = Array.from({ length: 4 + Math.floor(rnd() * 3) }, () => pick("bdfgjklmnprstvz"));
      const skel = consonants.join("");
      if (skeletons.has(skel)) continue;
      skeletons.add(skel);
      places++;
      for (let k = 0; k < 3 && out.size < n; k++) {
        const w = consonants.map((c) => c + pick("aeiou")).join("");
        out.add(w[0]!.toUpperCase() + w.slice(1));
      }
    }
    return { names: [...out], places };
  }
  const pairsWithin = (list: string[], key: (name: string) => string, limit = Infinity) => {
    const sizes = new Map<string, number>();
    for (const n of list) sizes.set(key(n), (sizes.get(key(n)) ?? 0) + 1);
    let pairs = 0;
    for (const k of sizes.values()) if (k <= limit) pairs += (k * (k - 1)) / 2;
    return pairs;
  };

  const N = 20_000;
  const many = names(N, 42);

  it("normal: transliteration checks only within skeleton blocks, each place one key", () => {
    expect(many.names).toHaveLength(N);
    counters.sameVariant = 0;
    const idx = index(many.names, "normal");
    const bound = pairsWithin(many.names, skeleton);
    expect(counters.sameVariant).toBeGreaterThan(0);
    expect(counters.sameVariant).toBeLessThanOrEqual(bound);
    // All pairs would be N²/2 = 2·10⁸; the blocks hold one place's spellings.
    expect(bound).toBeLessThanOrEqual(N);
    expect(new Set(many.names.map((n) => idx.key(n))).size).toBe(many.places);
  });

  it("fuzzy: edit distances only within skeleton prefix and suffix blocks", () => {
    counters.distance = 0;
    const idx = index(many.names, "fuzzy");
    const bound = pairsWithin(many.names, (n) => `|${skeleton(n).slice(0, 3)}`, 400) + pairsWithin(many.names, (n) => `|${skeleton(n).slice(-3)}`, 400);
    expect(counters.distance).toBeGreaterThan(0);
    expect(counters.distance).toBeLessThanOrEqual(bound);
    expect(counters.distance).toBeLessThan(50 * N);
    expect(idx.skippedBlocks).toBe(0);
  });

  it("10× the names cost about 10× the comparisons and well under 30× the time", () => {
    const small = names(N / 10, 43).names;
    const large = names(N, 44).names;
    index(small, "normal"); // warm up
    counters.sameVariant = 0;
    let t = performance.now();
    index(small, "normal");
    const smallTime = performance.now() - t;
    const smallCalls = counters.sameVariant;
    counters.sameVariant = 0;
    t = performance.now();
    index(large, "normal");
    const largeTime = performance.now() - t;
    expect(smallCalls).toBeGreaterThan(0);
    expect(counters.sameVariant / smallCalls).toBeGreaterThan(5);
    expect(counters.sameVariant / smallCalls).toBeLessThan(15);
    // Generous: timing on a shared machine is noisy, and 100× would mean a quadratic pass.
    expect(largeTime).toBeLessThan(Math.max(30 * smallTime, 2_000));
  });
});

describe("groupClaims: where a group is", () => {
  function claim(id: string, location: string, more: Partial<Claim> = {}, date = "2016-09-01"): Claim {
    const f = readFigure("10");
    const d = parseDate(date);
    if (!f.ok || d === undefined) throw new Error(`bad test claim ${id}`);
    return { id, source: `src-${id}`, figure: f.reading, outcome: "killed", victims: "all", location, date: d, extra: {}, file: "t.csv", line: 1, ...more };
  }
  const byClaim = (groups: Group[], id: string): Group => groups.find((g) => g.claims.some((c) => c.id === id))!;

  const claims = [
    claim("gov", "Idlib governorate", { country: "Syria" }),
    claim("town", "Kafr Nabl", { admin1: "Idlib", country: "Syria" }),
    claim("country", "Syria", { country: "Syria" }),
    claim("district", "Ariha district", { admin1: "Idlib" }),
    claim("city", "Idlib", { admin1: "Idlib" }),
    claim("sub", "Jabal al-Zawiya subdistrict"),
    claim("prov", "Idlib province", {}, "2016-09-02"),
    claim("gov2", "Idlib governorate", { admin1: "Idlib governorate" }, "2016-09-03"),
  ];

  it("levels: governorate, place, country, district, subdistrict", () => {
    const groups = groupClaims(claims, { dateWindow: 0 });
    expect(groups).toHaveLength(claims.length);
    expect(Object.fromEntries(claims.map((c) => [c.id, byClaim(groups, c.id).place.level]))).toEqual({
      gov: "governorate",
      town: "place",
      country: "country",
      district: "district",
      city: "place",
      sub: "subdistrict",
      prov: "governorate",
      gov2: "governorate",
    });
  });

  it("within: the admin1 region (as a governorate) and the country", () => {
    const groups = groupClaims(claims, { dateWindow: 0 });
    const key = (id: string) => byClaim(groups, id).place.key;
    const within = (id: string) => byClaim(groups, id).place.within;
    // "Idlib" in admin1 is Idlib governorate, not Idlib city.
    expect(key("prov")).toBe(key("gov"));
    expect(key("gov2")).toBe(key("gov"));
    expect(key("city")).not.toBe(key("gov"));
    expect(within("town")).toEqual([key("gov"), key("country")].sort());
    expect(within("city")).toEqual([key("gov")]);
    expect(within("district")).toEqual([key("gov")]);
    expect(within("gov")).toEqual([key("country")]);
    // A place does not lie in itself.
    expect(within("country")).toEqual([]);
    expect(within("gov2")).toEqual([]);
    expect(within("sub")).toEqual([]);
  });

  it("span: the days a group covers and its precision", () => {
    const groups = groupClaims([claim("m", "Hama", {}, "2016-09"), claim("d1", "Hama", {}, "2016-09-01"), claim("d2", "Hama", {}, "2016-09-03")], { dateWindow: 2 });
    expect(groups.map((g) => g.claims.map((c) => c.id))).toEqual([["m"], ["d1", "d2"]]);
    expect(groups[0]!.span).toEqual({ start: parseDate("2016-09-01")!.start, end: parseDate("2016-09-30")!.start, precision: "month" });
    expect(groups[1]!.span).toEqual({ start: parseDate("2016-09-01")!.start, end: parseDate("2016-09-03")!.start, precision: "day" });
    expect(groups[1]!.date).toBe("2016-09-01/2016-09-03");
  });

  it("with a gazetteer: its levels, and the places a place lies in even without admin columns", () => {
    const g = loadGazetteer(SEED_PLACES);
    const groups = groupClaims(
      [claim("town", "Kafranbel"), claim("city", "Idleb", { admin1: "Idlib" }), claim("gov", "Idlib province"), claim("country", "Syrian Arab Republic", { country: "Syria" })],
      { dateWindow: 0, match: { mode: "normal", threshold: 0.85, gazetteer: g } },
    );
    expect(groups.map((x) => [x.claims[0]!.id, x.place])).toEqual([
      ["town", { key: "g:kafr-nabl", level: "town", within: ["g:idlib-gov", "g:syria"] }],
      ["city", { key: "g:idlib", level: "city", within: ["g:idlib-gov", "g:syria"] }],
      ["gov", { key: "g:idlib-gov", level: "governorate", within: ["g:syria"] }],
      ["country", { key: "g:syria", level: "country", within: [] }],
    ]);
  });

  it("match options reach the grouping: exact keeps spellings apart, fuzzy joins a typo", () => {
    const two = [claim("a", "Taftanaz"), claim("b", "Taftanas")];
    expect(groupClaims(two, { match: { mode: "normal", threshold: 0.85 } })).toHaveLength(2);
    const fuzzy = groupClaims(two, { match: { mode: "fuzzy", threshold: 0.85 } });
    expect(fuzzy).toHaveLength(1);
    expect(fuzzy[0]!.reasons.map((r) => r.text)).toEqual(['"Taftanaz" ~ "Taftanas": similar spelling (0.88 ≥ 0.85)']);
    const variants = [claim("a", "Idlib"), claim("b", "Idleb")];
    expect(groupClaims(variants, { match: { mode: "normal", threshold: 0.85 } })).toHaveLength(1);
    expect(groupClaims(variants, { match: { mode: "exact", threshold: 0.85 } })).toHaveLength(2);
  });
});

describe("regressions", () => {
  it("a gazetteer place keeps its own name when another's name folds to it (Tal Rifaat, Tel Rifaat)", () => {
    const dir = mkdtempSync(join(tmpdir(), "gaz-"));
    const path = join(dir, "g.csv");
    writeFileSync(path, "id,name\ntr1,Tal Rifaat\ntr2,Tel Rifaat\n");
    const g = loadGazetteer(path);
    expect(resolvePlace(g, "Tal Rifaat", true)?.id).toBe("tr1");
    expect(resolvePlace(g, "Tel Rifaat", true)?.id).toBe("tr2");
    expect(resolvePlace(g, "Tell Rifaat", true)).toBeUndefined();
  });

  it("--match exact does not join a name to the names a slash cell gives", () => {
    const idx = new PlaceIndex(["Tadmur town", "Tadmur/Palmyra town"], { mode: "exact", threshold: 0.85 });
    expect(idx.key("Tadmur town")).not.toBe(idx.key("Tadmur/Palmyra town"));
  });
});

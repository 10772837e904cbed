/**
 * The constructions a figure can be written in, each with the interval it is
 * read as. One table serves the reader, `reconcile explain`, the suggestions
 * for unreadable phrases and the docs. Patterns run on normalised text: lower
 * case, one space, dashes as "-", every number as ASCII digits.
 */
export const RULES = {
  exact: { form: "N, only N, just N", reading: "exactly N" },
  zero: { form: "none, no one, nobody, zero", reading: "exactly 0" },
  "none-reported": {
    form: "none reported, no deaths reported; in a dataset preset, a blank count in a row that reports other harm (Airwars: injuries but no deaths)",
    reading: "exactly 0, as reported: shown apart from a stated zero",
  },
  "at-least": {
    form: "at least N, no fewer than N, no less than N, a minimum of N, N+, N-plus, N or more, ≥N; au moins N; ما لا يقل عن N",
    reading: "N or more, with no upper end",
  },
  "more-than": {
    form: "more than N, over N, well over N, upward(s) of N, in excess of N, >N; plus de N, plus d'une vingtaine (of the French -aine words); أكثر من N",
    reading: "N+1 or more, with no upper end: the words are strict, so N itself is excluded",
  },
  "up-to": { form: "up to N, at most N, no more than N, as many as N, ≤N; jusqu'à N", reading: "0 to N" },
  "fewer-than": { form: "fewer than N, less than N, under N, below N, <N; moins de N; أقل من N", reading: "0 to N−1: the words are strict" },
  about: {
    form: "about N, around N, approximately N, approx. N, roughly N, some N, an estimated N, circa N, ~N, ≈N, N or so; environ N; حوالي N, نحو N, زهاء N",
    reading: "within 10% of N either way: floor(0.9·N) to ceil(1.1·N); best N",
  },
  nearly: { form: "nearly N, almost N, close to N, just under N; près de N, presque N, près d'une centaine", reading: "below N but within 10% of it: ceil(0.9·N) to N−1" },
  odd: { form: "N-odd, N odd", reading: "a little over N: N+1 to just below the next round step (40-odd: 41–49; 100-odd: 101–199)" },
  range: { form: "between A and B, A-B, A–B, A to B, from A to B, A or B; entre A et B; بين A و B", reading: "A to B" },
  hedged: {
    form: "X, perhaps Y; X, possibly Y; X, maybe Y; X, if not Y; X, possibly more (dozens, perhaps hundreds)",
    reading: "the union of both: from X's low to Y's high (no upper end for \"more\"); best X's",
  },
  columns: { form: "low / high / best columns", reading: "low to high as given; a missing high means no upper end" },
  lexicon: { form: "a vague word: tens, dozens, several, عشرات, des dizaines …", reading: "the interval the active lexicon gives the word" },
  none: { form: "empty, unknown, NA, n/a, ?, not reported", reading: "no figure: the claim is kept and shown, and compared with nothing" },
} as const satisfies Record<string, { form: string; reading: string }>;

export type RuleId = keyof typeof RULES;

export interface Bounds {
  low: number;
  high: number | null;
  /** The count the text states, where it states one ("25", "about 25"). */
  stated?: number;
}

type Build = (n: number[]) => Bounds | string;

const N = "(\\d+)";

/** Forms with "N" where the number stands: the patterns, and the shapes suggestions are drawn from. */
const FORMS: Array<{ rule: Exclude<RuleId, "columns" | "lexicon" | "none" | "hedged">; before?: string[]; after?: string[]; build: Build; arity?: 1 | 2; ranges?: string[] }> = [
  { rule: "exact", before: ["", "only", "just"], build: ([n]) => ({ low: n!, high: n!, stated: n! }) },
  {
    rule: "at-least",
    before: ["at least", "no fewer than", "no less than", "not less than", "a minimum of", "minimum", "min.", "au moins", "ما لا يقل عن", "لا يقل عن", "على الأقل", "≥", ">="],
    after: ["+", " +", " or more", " plus", "-plus", " at least", " على الأقل", " au moins"],
    build: ([n]) => ({ low: n!, high: null }),
  },
  {
    rule: "more-than",
    before: ["more than", "well over", "over", "upwards of", "upward of", "well in excess of", "in excess of", "plus de", "أكثر من", "اكثر من", ">"],
    build: ([n]) => ({ low: n! + 1, high: null }),
  },
  {
    rule: "up-to",
    before: ["up to", "at most", "no more than", "not more than", "as many as", "a maximum of", "maximum", "max.", "jusqu'à", "jusqu’à", "حتى", "≤", "<="],
    build: ([n]) => ({ low: 0, high: n! }),
  },
  {
    rule: "fewer-than",
    before: ["fewer than", "less than", "under", "below", "moins de", "أقل من", "اقل من", "<"],
    build: ([n]) => (n! < 1 ? `"fewer than 0" is not a count` : { low: 0, high: n! - 1 }),
  },
  {
    rule: "about",
    before: ["about", "around", "approximately", "approx.", "approx", "roughly", "some", "an estimated", "estimated", "est.", "circa", "ca.", "c.", "~", "≈", "environ", "quelque", "حوالي", "حوالى", "نحو", "زهاء", "قرابة"],
    after: [" or so"],
    // Integer arithmetic: 0.9 * 50 and 1.1 * 100 are not exact in floating point.
    build: ([n]) => ({ low: Math.floor((9 * n!) / 10), high: Math.ceil((11 * n!) / 10), stated: n! }),
  },
  {
    rule: "nearly",
    before: ["nearly", "almost", "close to", "just under", "près de", "presque"],
    build: ([n]) => (n! < 1 ? `"nearly 0" is not a count` : { low: Math.min(Math.ceil((9 * n!) / 10), n! - 1), high: n! - 1 }),
  },
  {
    rule: "odd",
    after: ["-odd", " odd"],
    // The step is the place of the last digit that is not zero, at least ten: 40-odd is 41–49, 1,500-odd 1,501–1,599.
    build: ([n]) => {
      let step = 10;
      while (n! % (step * 10) === 0 && n! > 0) step *= 10;
      if (n! % step !== 0) step = 10;
      return { low: n! + 1, high: n! + step - 1 };
    },
  },
  {
    rule: "range",
    arity: 2,
    ranges: ["between A and B", "A-B", "A - B", "A to B", "from A to B", "A or B", "entre A et B", "de A à B", "بين A و B", "بين A وB", "من A إلى B"],
    build: ([a, b]) => (a! <= b! ? { low: a!, high: b! } : `the range runs backwards (${a} is above ${b})`),
  },
];

export interface Pattern {
  rule: Exclude<RuleId, "columns" | "lexicon" | "none" | "hedged">;
  re: RegExp;
  build: Build;
  /** The form with N (or A and B) where the numbers stand, for suggestions. */
  shape: string;
}

/** Signs written against their number: "~30", "≥25", ">400". */
const SIGNS = new Set(["~", "≈", "≥", ">=", ">", "≤", "<=", "<"]);

const escape = (s: string) => s.replace(/[.?+*()[\]^$|\\{}]/g, "\\$&");

/** Every form as an anchored pattern, one per wording. */
export const PATTERNS: Pattern[] = FORMS.flatMap((f) => {
  if (f.arity === 2) {
    return f.ranges!.map((shape) => ({
      rule: f.rule,
      build: f.build,
      shape,
      re: new RegExp(`^${escape(shape).replace("A", N).replace("B", N)}$`),
    }));
  }
  const before = (f.before ?? []).map((w) => ({ shape: w === "" ? "N" : SIGNS.has(w) ? `${w}N` : `${w} N`, re: w === "" ? `^${N}$` : `^${escape(w)} ?${N}$` }));
  const after = (f.after ?? []).map((w) => ({ shape: `N${w}`, re: `^${N}${escape(w)}$` }));
  return [...before, ...after].map(({ shape, re }) => ({ rule: f.rule, build: f.build, shape, re: new RegExp(re) }));
});

/** Words that mean the count is zero. */
export const ZERO = new Set(["none", "no one", "nobody", "zero", "no deaths", "no casualties", "no fatalities", "aucun", "لا أحد"]);

/** Words that mean the source reports none of these victims: 0, read apart from "zero" so a report shows it was not a stated count. */
export const NONE_REPORTED = new Set(["none reported", "no deaths reported", "no casualties reported", "no civilian deaths reported", "no one reported killed"]);

/** Words that mean the source gives no count: kept, shown, compared with nothing. */
export const NO_FIGURE = new Set(["", "unknown", "unk", "unk.", "na", "n/a", "n.a.", "nan", "?", "??", "-", "--", "not known", "not reported", "unclear", "tbd", "inconnu", "غير معروف", "غير معروفة"]);


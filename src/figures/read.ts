import { type Interval } from "./interval.js";
import { DEFAULT_LEXICON, normalisePhrase, type Lexicon, type LexiconEntry } from "./lexicon.js";
import { RULES, type RuleId } from "./rules.js";

/** How one figure was read: the interval, the text it came from and the rule that read it. */
export interface Reading extends Interval {
  raw: string;
  /** A single most-likely count where the text states one (an exact figure, or a best column). */
  best: number | null;
  rule: RuleId;
  /** The lexicon entry, for vague words. */
  entry?: LexiconEntry;
}

export type FigureResult =
  | { ok: true; reading: Reading }
  | { ok: false; expected: string; got: string; hint?: string };

export const FIGURE_EXPECTED = 'a count such as "25", "at least 25", "10-15" or "dozens"';

const N = "(\\d+)";
type Build = (m: RegExpMatchArray) => { low: number; high: number | null; best?: number } | string;

/** Pattern → interval. Patterns run on normalised text (lower case, numbers without separators). */
const PATTERNS: Array<{ rule: RuleId; re: RegExp; build: Build }> = [
  { rule: "exact", re: new RegExp(`^${N}$`), build: (m) => ({ low: num(m[1]), high: num(m[1]), best: num(m[1]) }) },
  { rule: "at-least", re: new RegExp(`^at least ${N}$`), build: (m) => ({ low: num(m[1]), high: null }) },
  { rule: "more-than", re: new RegExp(`^(?:more than|over) ${N}$`), build: (m) => ({ low: num(m[1]) + 1, high: null }) },
  { rule: "up-to", re: new RegExp(`^up to ${N}$`), build: (m) => ({ low: 0, high: num(m[1]) }) },
  {
    rule: "nearly",
    re: new RegExp(`^nearly ${N}$`),
    build: (m) => {
      const n = num(m[1]);
      // Integer arithmetic: 0.9 * 50 and 1.1 * 100 are not exact in floating point.
      return n < 1 ? "\"nearly 0\" is not a count" : { low: Math.min(Math.ceil((9 * n) / 10), n - 1), high: n - 1 };
    },
  },
  {
    rule: "about",
    re: new RegExp(`^(?:about|around|approximately) ${N}$`),
    build: (m) => {
      const n = num(m[1]);
      return { low: Math.floor((9 * n) / 10), high: Math.ceil((11 * n) / 10) };
    },
  },
  {
    rule: "range",
    re: new RegExp(`^(?:between ${N} and ${N}|${N} ?- ?${N}|${N} to ${N})$`),
    build: (m) => {
      const [a, b] = m.slice(1).filter((x) => x !== undefined).map(num) as [number, number];
      return a <= b ? { low: a, high: b } : `the range runs backwards (${a} is above ${b})`;
    },
  },
];

function num(text: string | undefined): number {
  return Number(text);
}

/** Lower case, one space, dashes as "-", thousands separators dropped: the text the patterns see. */
export function normaliseFigure(text: string): string {
  return normalisePhrase(text)
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\b(\d{1,3})((?:,\d{3})+)\b/g, (_, head: string, rest: string) => head + rest.replace(/,/g, ""));
}

/** Read a figure as written into an interval, or say why it cannot be read. */
export function readFigure(raw: string, lexicon: Lexicon = DEFAULT_LEXICON): FigureResult {
  const text = normaliseFigure(raw);
  const got = JSON.stringify(raw);
  if (text === "") return { ok: false, expected: FIGURE_EXPECTED, got: "an empty cell" };
  if (/^-\s*\d/.test(text)) return { ok: false, expected: "a count of 0 or more", got, hint: "a count cannot be negative" };
  const entry = lexicon.byPhrase.get(text);
  if (entry) return { ok: true, reading: { raw, low: entry.low, high: entry.high, best: null, rule: "lexicon", entry } };
  for (const { rule, re, build } of PATTERNS) {
    const m = text.match(re);
    if (!m) continue;
    const built = build(m);
    if (typeof built === "string") return { ok: false, expected: FIGURE_EXPECTED, got, hint: built };
    return { ok: true, reading: { raw, low: built.low, high: built.high, best: built.best ?? null, rule } };
  }
  if (/^\d+[.,]\d+$/.test(text)) return { ok: false, expected: "a whole number", got };
  return { ok: false, expected: FIGURE_EXPECTED, got };
}

/** One line on how a rule reads, for explanations. */
export function ruleText(reading: Reading): string {
  if (reading.rule === "lexicon" && reading.entry) return `lexicon "${reading.entry.phrase}": ${reading.entry.why}`;
  return `${RULES[reading.rule].form}: ${RULES[reading.rule].reading}`;
}

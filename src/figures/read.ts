import { distance } from "fastest-levenshtein";
import { formatInterval, type Interval } from "./interval.js";
import { DEFAULT_LEXICON, normalisePhrase, type Lexicon, type LexiconEntry } from "./lexicon.js";
import { normaliseNumbers } from "./numbers.js";
import { NO_FIGURE, PATTERNS, RULES, ZERO, type Bounds, type RuleId } from "./rules.js";

/** How one figure was read: the interval, the text it came from and the rule that read it. */
export interface Reading extends Interval {
  raw: string;
  /** A single most-likely count, as the lexicon's best policy sets it (null where there is none). */
  best: number | null;
  rule: Exclude<RuleId, "none">;
  /** The lexicon entry, for vague words. */
  entry?: LexiconEntry;
  /** Words after the figure ("civilians" in "at least 25 civilians"). */
  noun?: string;
  /** The wording that matched, with N for the number ("more than N"). */
  form?: string;
}

/** A figure the source did not give ("unknown", empty): the claim is kept but compared with nothing. */
export interface NoFigure {
  raw: string;
  rule: "none";
  low: null;
  high: null;
  best: null;
}

export type Figure = Reading | NoFigure;

export function hasFigure(figure: Figure): figure is Reading {
  return figure.rule !== "none";
}

export type FigureResult = { ok: true; reading: Figure } | { ok: false; expected: string; got: string; hint?: string };

/** The largest count read: past it, whole numbers are not exact in floating point. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

export const FIGURE_EXPECTED = 'a count such as "25", "at least 25", "10-15" or "dozens"';

/** Lower case, one space, every dash as "-", no Arabic tatweel: the text rules and lexicon see. */
export function normaliseFigure(text: string): string {
  return normalisePhrase(text)
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/ ?- ?/g, (m) => (m.length > 1 ? " - " : "-"))
    .replace(/[\u2018\u2019]/g, "'")
    .trim();
}

type Whole = { bounds: Bounds; rule: Exclude<RuleId, "none" | "columns">; entry?: LexiconEntry; form?: string } | { error: string };

/** The whole text as one figure: a lexicon phrase, zero, or one of the patterns. */
function readWhole(text: string, lexicon: Lexicon): Whole | undefined {
  const entry = lexicon.byPhrase.get(text);
  if (entry) return { bounds: { low: entry.low, high: entry.high }, rule: "lexicon", entry };
  if (ZERO.has(text)) return { bounds: { low: 0, high: 0, stated: 0 }, rule: "zero", form: text };
  const numeric = normaliseNumbers(text);
  for (const { rule, re, build, shape } of PATTERNS) {
    const m = numeric.match(re);
    if (!m) continue;
    const numbers = m.slice(1).map(Number);
    // A count past 2^53 is not held exactly (and a long run of digits is Infinity, which no axis can place).
    const huge = numbers.find((n) => !(n <= MAX_COUNT));
    if (huge !== undefined) return { error: `a count this large cannot be read exactly: at most ${MAX_COUNT.toLocaleString("en-US")}` };
    const built = build(numbers);
    return typeof built === "string" ? { error: built } : { bounds: built, rule, form: shape };
  }
  return undefined;
}

const WORD = /^[\p{L}'.]+$/u;
const LEADING = new Set(["of", "the", "them", "من"]);

function bestOf(whole: Exclude<Whole, { error: string }>, lexicon: Lexicon): number | null {
  if (whole.entry) return whole.entry.best;
  if (whole.bounds.stated !== undefined) return whole.bounds.stated;
  return lexicon.best === "conservative" ? whole.bounds.low : null;
}

/** Read a figure as written into an interval, or say why it cannot be read and what it may have meant. */
export function readFigure(raw: string, lexicon: Lexicon = DEFAULT_LEXICON): FigureResult {
  const text = normaliseFigure(raw);
  if (NO_FIGURE.has(text)) return { ok: true, reading: { raw, rule: "none", low: null, high: null, best: null } };
  const got = JSON.stringify(raw);
  if (/^-\s*\d/.test(text)) return { ok: false, expected: "a count of 0 or more", got, hint: "a count cannot be negative" };

  // The whole text, else the longest head that is a figure followed by words ("dozens of civilians").
  const tokens = text.split(" ");
  for (let cut = tokens.length; cut >= 1; cut--) {
    const tail = tokens.slice(cut);
    if (!tail.every((t) => WORD.test(t))) continue;
    const whole = readWhole(tokens.slice(0, cut).join(" "), lexicon);
    if (whole === undefined) continue;
    if ("error" in whole) return { ok: false, expected: FIGURE_EXPECTED, got, hint: whole.error };
    const noun = tail.filter((t, i) => !(i === 0 && LEADING.has(t))).join(" ");
    return {
      ok: true,
      reading: {
        raw,
        low: whole.bounds.low,
        high: whole.bounds.high,
        best: bestOf(whole, lexicon),
        rule: whole.rule,
        ...(whole.entry && { entry: whole.entry }),
        ...(whole.form !== undefined && { form: whole.form }),
        ...(noun !== "" && { noun }),
      },
    };
  }
  const numeric = normaliseNumbers(text);
  if (/^\d[\d,]*\.\d+$|^\d+,\d{1,2}$/.test(numeric)) return { ok: false, expected: "a whole number", got };
  const suggestion = nearestReading(text, lexicon);
  return { ok: false, expected: FIGURE_EXPECTED, got, ...(suggestion !== undefined && { hint: `did you mean "${suggestion}"?` }) };
}

/**
 * The nearest readable phrase to an unreadable one, by edit distance on its
 * shape (numbers as N): "atleast 25" → "at least 25", "dozns" → "dozens".
 * Nothing when no phrase is close.
 */
export function nearestReading(text: string, lexicon: Lexicon): string | undefined {
  const numeric = normaliseNumbers(text);
  const numbers = numeric.match(/\d+/g) ?? [];
  const shape = numbers.length === 1 ? numeric.replace(/\d+/, "N") : numbers.length === 2 ? numeric.replace(/\d+/, "A").replace(/\d+/, "B") : numeric;
  const candidates = [
    ...PATTERNS.filter((p) => p.shape !== "N" && (p.shape.includes("A") ? numbers.length === 2 : p.shape.includes("N") ? numbers.length === 1 : numbers.length === 0)).map((p) => p.shape),
    ...(numbers.length === 0 ? [...lexicon.byPhrase.keys()] : []),
  ];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(shape, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  if (best === undefined || bestDistance > Math.max(2, Math.floor(shape.length * 0.25))) return undefined;
  return best.replace("N", numbers[0] ?? "N").replace("A", numbers[0] ?? "A").replace("B", numbers[1] ?? "B");
}

/** `25`, `20–99`, `≥25`, or "no figure". */
export function formatFigure(figure: Figure): string {
  return hasFigure(figure) ? formatInterval(figure) : "no figure";
}

/** One line on how a reading was made, for explanations. */
export function ruleText(reading: Figure): string {
  if (reading.rule === "lexicon" && reading.entry) {
    const e = reading.entry;
    return `lexicon "${e.phrase}": ${e.why}${e.bestWhy ? ` Best ${e.best}: ${e.bestWhy}` : ""}`;
  }
  const form = reading.rule !== "none" && reading.form !== undefined ? `"${reading.form}"` : RULES[reading.rule].form;
  return `${form}: ${RULES[reading.rule].reading}`;
}

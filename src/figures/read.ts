import { distance } from "fastest-levenshtein";
import { formatInterval, type Interval } from "./interval.js";
import { DEFAULT_LEXICON, normalisePhrase, type Lexicon, type LexiconEntry } from "./lexicon.js";
import { normaliseNumbers } from "./numbers.js";
import { startsWithNumberWord } from "./numbers-fr-ar.js";
import { wordTable } from "../util/word-table.js";
import { NONE_REPORTED, NO_FIGURE, PATTERNS, RULES, ZERO, type Bounds, type RuleId } from "./rules.js";

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
  /** The scale a vague word was multiplied by ("several hundred": 100). */
  scale?: number;
  /** The wording that matched, with N for the number ("more than N"). */
  form?: string;
  /** What most of the count were, as the cell says ("mostly civilians"): kept with the reading, setting no part. */
  qualifier?: string;
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
  return normalisePhrase(text);
}

type Whole = { bounds: Bounds; rule: Exclude<RuleId, "none" | "columns">; entry?: LexiconEntry; form?: string } | { error: string };

/** The whole text as one figure: a lexicon phrase, zero, or one of the patterns. */
function readWhole(text: string, lexicon: Lexicon): Whole | undefined {
  const entry = lexicon.byPhrase.get(text);
  if (entry) return { bounds: { low: entry.low, high: entry.high }, rule: "lexicon", entry };
  if (ZERO.has(text)) return { bounds: { low: 0, high: 0, stated: 0 }, rule: "zero", form: text };
  if (NONE_REPORTED.has(text)) return { bounds: { low: 0, high: 0, stated: 0 }, rule: "none-reported", form: text };
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

/** A word after a figure: letters, with their marks (Arabic tanween and harakat: "مدنياً"). */
const WORD = /^[\p{L}\p{M}'.]+$/u;
const LEADING = new Set(["of", "the", "them", "من"]);

/**
 * Words that multiply a count: after a vague word they scale it ("several
 * hundred", "a few thousand", "plusieurs centaines", "dozens of thousands");
 * they are never a figure's noun.
 */
const SCALE_NOUNS: Record<string, number> = wordTable({
  dozen: 12, dozens: 12, score: 20, scores: 20, hundred: 100, hundreds: 100, thousand: 1_000, thousands: 1_000, million: 1_000_000, millions: 1_000_000,
  dizaine: 10, dizaines: 10, douzaine: 12, douzaines: 12, centaine: 100, centaines: 100, cent: 100, cents: 100, mille: 1_000, millier: 1_000, milliers: 1_000,
  "عشرات": 10, "العشرات": 10, "مئة": 100, "مائة": 100, "مئات": 100, "المئات": 100, "ألف": 1_000, "آلاف": 1_000, "الآلاف": 1_000, "ألوف": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000,
});
/** Words that join a scale to what it scales: "dozens of thousands", "des dizaines de milliers". */
const SCALE_JOINS = new Set(["of", "de", "d'"]);
/** Words that begin an alternative the reader did not take in ("dozens or hundreds"): never a noun. */
const ALTERNATIVES = new Set(["or", "to", "-", "ou", "à", "أو", "او", "إلى"]);

/**
 * The scale words at the head of a tail ("hundred", "of thousands", "dizaines
 * de milliers"), multiplied, and how many tokens they take; undefined when the
 * tail does not start with one.
 */
function leadingScale(tail: readonly string[]): { factor: number; used: number } | undefined {
  let factor = 1;
  let used = 0;
  let k = 0;
  while (k < tail.length) {
    const join = SCALE_JOINS.has(tail[k]!) ? 1 : 0;
    const scale = SCALE_NOUNS[tail[k + join] ?? ""];
    if (scale === undefined) break;
    factor *= scale;
    k += join + 1;
    used = k;
  }
  return used === 0 ? undefined : { factor, used };
}

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
    // "dozens or hundreds": an alternative left unread is not a noun.
    if (tail.length > 0 && ALTERNATIVES.has(tail[0]!)) continue;
    let { low, high } = whole.bounds;
    let best = bestOf(whole, lexicon);
    let scale: number | undefined;
    const scaled = leadingScale(tail);
    // "cinquante et deux", "عشرون وخمسة": number words the grammar did not join are not a noun.
    if (scaled === undefined && startsWithNumberWord(tail)) continue;
    if (scaled !== undefined) {
      // A scale after a vague word multiplies it: "several" 3–9, "several hundred" 300–999.
      // After any other figure ("at least 2 hundreds") the words are not read: no noun hides a scale.
      if (whole.rule !== "lexicon") continue;
      scale = scaled.factor;
      low *= scale;
      high = high === null ? null : (high + 1) * scale - 1;
      best = best === null ? null : best * scale;
    }
    // The limit holds for the interval, not only its digits: "more than 9007199254740991" starts past it.
    if (!(low <= MAX_COUNT) || (high !== null && !(high <= MAX_COUNT))) {
      return { ok: false, expected: FIGURE_EXPECTED, got, hint: `a count this large cannot be read exactly: at most ${MAX_COUNT.toLocaleString("en-US")}` };
    }
    const nounWords = tail.slice(scaled?.used ?? 0);
    // Words that hold a count of their own are no noun: "twelve killed and thirty wounded" is two counts,
    // not 12 followed by "killed and thirty wounded".
    if (nounWords.length > 0 && /\d/.test(normaliseNumbers(nounWords.join(" ")))) continue;
    const noun = nounWords.filter((t, i) => !(i === 0 && LEADING.has(t))).join(" ");
    return {
      ok: true,
      reading: {
        raw,
        low,
        high,
        best,
        rule: whole.rule,
        ...(whole.entry && { entry: whole.entry }),
        ...(scale !== undefined && { scale }),
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
  // A suggestion corrects a misspelt word, never a sign: "≈40" is not "≥40", nor "40?" "40+" (each
  // reads to another interval). Candidates must hold the same signs as the text, in the same order.
  const signs = (s: string) => s.replace(/[\p{L}\p{M}\p{N}\s'’.]/gu, "");
  const typedSigns = signs(shape.replace(/[NAB]/g, ""));
  for (const c of candidates) {
    if (signs(c.replace(/[NAB]/g, "")) !== typedSigns) continue;
    const d = distance(shape, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  // A short word is one edit from its typo at most ("dozns"): two edits turn "cent" (a hundred) into
  // "tens". A long phrase is three: more, and a different word is suggested ("plus d'une vingtaine"
  // is not "plus d'une douzaine").
  const most = shape.length <= 5 ? 1 : Math.min(3, Math.max(2, Math.floor(shape.length * 0.25)));
  if (best === undefined || bestDistance > most) return undefined;
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
    const times = reading.scale !== undefined ? ` times ${reading.scale.toLocaleString("en-US")}` : "";
    return `lexicon "${e.phrase}"${times}: ${e.why}${e.bestWhy ? ` Best ${e.best}: ${e.bestWhy}` : ""}`;
  }
  const form = reading.rule !== "none" && reading.form !== undefined ? `"${reading.form}"` : RULES[reading.rule].form;
  return `${form}: ${RULES[reading.rule].reading}`;
}

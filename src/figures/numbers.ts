/**
 * Numbers as sources write them, brought to plain ASCII digits before any rule
 * runs: other scripts' digits, thousands separators, number words and scale
 * words ("1.5 thousand", "2k"). What cannot become a whole number is left as
 * it was, so the rules do not match it and the reader reports it.
 */
import { wordTable } from "../util/word-table.js";
import { frenchArabicNumbers } from "./numbers-fr-ar.js";

/** Arabic-Indic (U+0660) and Persian/Urdu (U+06F0) digits, and the Arabic separators. */
function asciiDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066c/g, ",") // Arabic thousands separator
    .replace(/\u066b/g, "."); // Arabic decimal separator
}

const SCALE: Record<string, number> = wordTable({
  k: 1_000, thousand: 1_000, thousands: 1_000, m: 1_000_000, million: 1_000_000, millions: 1_000_000, mn: 1_000_000,
  mille: 1_000, milliers: 1_000, "ألف": 1_000, "ألفا": 1_000, "الف": 1_000, "آلاف": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000,
});

/** "1.5 thousand", "2k", "2 million", "15 mille", "25 ألف" (also "3 thousands"): a decimal times a scale word, when the product is whole. */
function scaled(text: string): string {
  return text.replace(/(?<![\d.,])(\d+(?:\.\d+)?) ?(k|thousands?|millions?|mn|m|mille|milliers|ألفا|ألف|الف|آلاف|مليون|ملايين)(?![\p{L}\p{M}\d])/gu, (all, n: string, unit: string) => {
    const value = Math.round(Number(n) * SCALE[unit]! * 1e6) / 1e6;
    return Number.isInteger(value) ? String(value) : all;
  });
}

/**
 * Thousands separators: "1,200", "1 200" (also no-break and thin spaces) and
 * "1.200". A dot is read as a separator only where it is followed by groups of
 * exactly three digits: counts are whole, so "1.200 people" cannot mean 1.2.
 */
function separators(text: string): string {
  return text
    // "20.0", as pandas writes a whole count, is 20 ("1.000" is a thousand: three zeros are a group).
    .replace(/(?<![\d.,])(\d+)\.0{1,2}(?![\d.,]*\d)/g, "$1")
    .replace(/(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d.,]*\d)/g, (m) => m.replace(/,/g, ""))
    .replace(/(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])/g, (m) => m.replace(/[ \u00a0\u202f\u2009]/g, ""))
    .replace(/(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,]*\d)/g, (m) => m.replace(/\./g, ""));
}

const UNITS: Record<string, number> = wordTable({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
const MULTIPLIERS: Record<string, number> = wordTable({ hundred: 100, dozen: 12, score: 20 });
const BIG: Record<string, number> = wordTable({ thousand: 1_000, million: 1_000_000 });

function isScale(w: string | undefined): boolean {
  return w === "hundred" || (w !== undefined && w in BIG);
}

const SCALE_ORDER: Record<string, number> = wordTable({ hundred: 1, thousand: 2, million: 3 });

/**
 * Does "and" at `start - 1` continue the number before it? Yes when the words
 * after it are units only ("one hundred and twelve"), or their first scale is
 * larger than the one before "and" ("seven hundred and ninety-four thousand");
 * no when they repeat a scale as large ("between a hundred and two hundred").
 */
function continuesAfterAnd(tokens: readonly string[], start: number, before: string): boolean {
  let k = start;
  while (k < tokens.length && isNumberWord(tokens[k]!)) {
    const w = tokens[k]!;
    if (w in MULTIPLIERS && !(w in SCALE_ORDER)) return false;
    if (w in SCALE_ORDER) return SCALE_ORDER[w]! > SCALE_ORDER[before]!;
    k++;
  }
  return k > start;
}

function isNumberWord(w: string): boolean {
  return w in UNITS || w in MULTIPLIERS || w in BIG;
}

/** The value of a run of number words ("one hundred and twelve", "two dozen", "a thousand"), or undefined. */
export function wordsValue(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "and") continue;
    if (w === "a" || w === "an") {
      current = current === 0 ? 1 : current; // "a hundred", "a dozen"
      seen = true;
      continue;
    }
    if (w in UNITS) {
      current += UNITS[w]!;
    } else if (w in MULTIPLIERS) {
      current = (current === 0 ? 1 : current) * MULTIPLIERS[w]!;
    } else if (w in BIG) {
      total += (current === 0 ? 1 : current) * BIG[w]!;
      current = 0;
    } else {
      return undefined;
    }
    seen = true;
  }
  return seen ? total + current : undefined;
}

/**
 * Replace each run of number words with its value. A run may include hyphens
 * ("twenty-five"), "and" between number words, and a leading "a"/"an" before
 * hundred, thousand, million, dozen or score. Digits followed by a multiplier
 * word ("2 dozen", "3 hundred") are read too.
 */
function numberWords(text: string): string {
  const tokens = text
    // "~ten", "five+": the sign is not part of the word.
    .replace(/(^|\s)~(?=[a-z])/g, "$1~ ")
    .replace(/([a-z])\+(?=\s|$)/g, "$1 +")
    .split(" ")
    .flatMap(hyphenated);
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const startsRun = isNumberWord(t) || ((t === "a" || t === "an") && tokens[i + 1] !== undefined && (tokens[i + 1]! in MULTIPLIERS || tokens[i + 1]! in BIG));
    const digitsThenMultiplier = /^\d+$/.test(t) && tokens[i + 1] !== undefined && (tokens[i + 1]! in MULTIPLIERS || tokens[i + 1]! in BIG);
    if (!startsRun && !digitsThenMultiplier) {
      out.push(t);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const w = tokens[j]!;
      if (isNumberWord(w)) j++;
      // "and" only inside a number: after hundred/thousand/million and before units alone
      // ("one hundred and twelve"), never between two numbers ("between ten and fifteen",
      // "between a hundred and two hundred", "between a dozen and twenty").
      else if (w === "and" && isScale(tokens[j - 1]) && continuesAfterAnd(tokens, j + 1, tokens[j - 1]!)) j++;
      else break;
    }
    const run = tokens.slice(i, j);
    const value = digitsThenMultiplier ? Number(t) * run.slice(1).reduce((acc, w) => acc * (MULTIPLIERS[w] ?? BIG[w] ?? 1), 1) : wordsValue(run);
    out.push(value === undefined ? run.join(" ") : String(value));
    i = j;
  }
  return out.join(" ");
}

const TENS = new Set(["twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety"]);

/**
 * A hyphenated token: "twenty-five" is one number (a tens word and a unit);
 * any other hyphen between numbers stands between two numbers, as in a range
 * ("ten-fifteen", "0-nine hundred"), and becomes a token of its own.
 */
function hyphenated(token: string): string[] {
  const parts = token.split("-");
  if (parts.length < 2 || !parts.every((p) => isNumberWord(p) || /^\d+$/.test(p))) return [token];
  if (parts.every((p) => /^\d+$/.test(p))) return [token];
  const compound = (a: string | undefined, b: string) => a !== undefined && TENS.has(a) && (UNITS[b] ?? 0) > 0 && UNITS[b]! < 10;
  return parts.flatMap((p, i) => (i === 0 ? [p] : compound(parts[i - 1], p) ? [p] : ["-", p]));
}

const UNIT_WORDS = Object.keys(UNITS).sort((a, b) => b.length - a.length).join("|");
const BARE = `(?:\\d+(?:\\.\\d+)?|(?:${[...TENS].join("|")})-(?:one|two|three|four|five|six|seven|eight|nine)|${UNIT_WORDS})`;
/**
 * A range whose scale word is written once, after its second number: "two to
 * three dozen", "10-15 thousand", "1.5-2 million", "between two and three
 * hundred". The scale belongs to both numbers.
 */
const SHARED_SCALE = new RegExp(
  // Not the end of a longer number ("two hundred and one to three hundred").
  `(?<![\\p{L}\\d.,-])(?<!(?:hundred|thousand|million|dozen|score|and) )(${BARE})( ?- ?| to | or | and | et | à )(${BARE}) ?(k|thousands?|millions?|mn|m|hundred|dozen|score)(?![\\p{L}\\d])`,
  "gu",
);

function bareValue(text: string): number | undefined {
  return /^\d/.test(text) ? Number(text) : wordsValue(text.split("-"));
}

function sharedScale(text: string): string {
  return text.replace(SHARED_SCALE, (all, a: string, joint: string, b: string, scale: string) => {
    const va = bareValue(a);
    const vb = bareValue(b);
    // "between 500 and 1 thousand", "between one and one hundred": the first number is already the count.
    // So is a number in digits before one in words ("1 - one hundred"): only numbers written alike share a scale.
    if (va === undefined || vb === undefined || va >= vb || /^\d/.test(a) !== /^\d/.test(b)) return all;
    return `${a} ${scale}${joint}${b} ${scale}`;
  });
}

/**
 * Every way of writing a number, as ASCII digits; the rest of the text
 * unchanged. French and Arabic number words (numbers-fr-ar.ts) are read
 * before the English ones, which leave digits as they are.
 */
export function normaliseNumbers(text: string): string {
  return numberWords(frenchArabicNumbers(separators(scaled(sharedScale(frenchRound(asciiDigits(text)))))));
}

/** The French round-number nouns: "une vingtaine" is about 20 (a lexicon word), and a bound before one reads as that bound on its number. */
const ROUND_NOUNS: Record<string, number> = wordTable({
  dizaine: 10, douzaine: 12, quinzaine: 15, vingtaine: 20, trentaine: 30, quarantaine: 40, cinquantaine: 50, soixantaine: 60, centaine: 100, millier: 1_000,
});
const ROUND_BOUNDS: Record<string, string> = wordTable({ "plus d'une": "plus de", "plus d'un": "plus de", "près d'une": "près de", "près d'un": "près de", "pres d'une": "près de", "moins d'une": "moins de", "moins d'un": "moins de", "au moins une": "au moins", "au moins un": "au moins", "environ une": "environ", "environ un": "environ" });

/** "plus d'une vingtaine" → "plus de 20", "près d'une centaine" → "près de 100": a bound on the noun's number. */
function frenchRound(text: string): string {
  return text.replace(/(plus d'une?|pr[eè]s d'une?|moins d'une?|au moins une?|environ une?) (dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine|millier)(?![\p{L}])/gu, (_, bound: string, noun: string) => `${ROUND_BOUNDS[bound]} ${ROUND_NOUNS[noun]}`);
}

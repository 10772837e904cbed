/**
 * French and Arabic number words, brought to digits before the English ones
 * are read: "vingt-cinq", "soixante et onze", "quatre-vingt-dix-neuf", "deux
 * mille cinq cents"; "خمسة وعشرون", "ثلاث عشرة", "ثلاثمئة", "ألفان".
 *
 * Each language has a small grammar. A run of its number words (with the
 * words that join them: "-" and "et", or "و") is read from the left as the
 * longest number it spells; a joining word that joins nothing ("entre dix et
 * quinze", "vingt-trente", "بين عشرة و عشرين") is kept, so the rules see two
 * numbers. What spells no number is left as it was, so the reader reports it.
 *
 * Arabic words are compared without tashkeel, with every alef (أ إ آ ٱ) as ا,
 * taa marbuta as haa and alef maksura as yaa (ثلاثة and ثلاثه, إثنان and
 * اثنان, ثمانى and ثماني are one word); the rest of the phrase is not
 * touched, so the rules' own Arabic wordings are matched as they are written.
 */
import { wordTable } from "../util/word-table.js";

/** One reading of words from a position: its value and the position after its last word. */
interface Parse {
  value: number;
  end: number;
  /** The number is a count below 100 and a single scale word ("trois cents", "ثلاثة آلاف"). */
  scaled?: { count: number; scale: number };
  /** The number is below 100, with no scale word: it may share a scale written once after a range. */
  bare?: boolean;
}

type Grammar = (words: readonly string[], start: number) => Parse[];

/** The longest parse (the first of them when several are as long). */
function longest(parses: readonly Parse[]): Parse | undefined {
  let best: Parse | undefined;
  for (const p of parses) if (best === undefined || p.end > best.end) best = p;
  return best;
}

// ---------------------------------------------------------------- French

const FR_UNITS: Record<string, number> = wordTable({
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
});
/** Tens; septante, huitante, octante and nonante are Belgian and Swiss. */
const FR_TENS: Record<string, number> = wordTable({
  vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, septante: 70, huitante: 80, octante: 80, nonante: 90,
});
const FR_HUNDRED = new Set(["cent", "cents"]);
const FR_VINGT = new Set(["vingt", "vingts"]);
const FR_MILLION = new Set(["million", "millions"]);
const FR_WORDS = new Set([...Object.keys(FR_UNITS), ...Object.keys(FR_TENS), "vingts", "cent", "cents", "mille", "million", "millions", "zéro"]);
/** Words the English reader reads too, with the same value: a run of them alone is left to it ("six thousand and six"). */
const FR_SHARED_WITH_ENGLISH = new Set(["six"]);

const french: Grammar = (w, start) => {
  /** After a word, the position of the next one: a hyphen between them is a space. */
  const next = (i: number) => (w[i] === "-" ? i + 1 : i);
  const unit = (i: number, min: number, max: number): Parse[] => {
    const v = FR_UNITS[w[i] ?? ""];
    return v !== undefined && v >= min && v <= max ? [{ value: v, end: i + 1, bare: true }] : [];
  };
  /** 10 to 19: dix … seize, dix-sept, dix-huit, dix-neuf. */
  const teen = (i: number): Parse[] => [
    ...unit(i, 10, 16),
    ...(w[i] === "dix" ? unit(next(i + 1), 7, 9).map((p) => ({ ...p, value: 10 + p.value })) : []),
  ];
  /** "et un", "et une" (and "et onze" after soixante): the "et" of vingt et un. */
  const etUn = (i: number, withOnze: boolean): Parse[] => {
    if (w[i] !== "et") return [];
    const j = next(i + 1);
    return [...unit(j, 1, 1), ...(withOnze ? unit(j, 11, 11) : [])];
  };
  /** 1 to 99. */
  const below100 = (i: number): Parse[] => {
    const out: Parse[] = [...unit(i, 1, 9), ...teen(i)];
    let tens: Parse | undefined;
    const t = FR_TENS[w[i] ?? ""];
    if (t !== undefined) tens = { value: t, end: i + 1, bare: true };
    // quatre-vingt(s): 80, the base of 81–99.
    if (w[i] === "quatre" && FR_VINGT.has(w[next(i + 1)] ?? "")) tens = { value: 80, end: next(i + 1) + 1, bare: true };
    if (tens !== undefined) {
      out.push(tens);
      const j = next(tens.end);
      // vingt-cinq, quatre-vingt-un; soixante-douze, quatre-vingt-dix-neuf (60 and 80 take 10–19).
      const after = [...unit(j, 1, 9), ...(tens.value === 60 || (tens.value === 80 && w[i] === "quatre") ? teen(j) : []), ...etUn(j, tens.value === 60)];
      for (const p of after) out.push({ value: tens.value + p.value, end: p.end, bare: true });
    }
    return out;
  };
  /** 1 to 999: cent, deux cents, cent vingt, trois cent quatre. */
  const below1000 = (i: number): Parse[] => {
    const hundreds: Parse[] = [
      ...(FR_HUNDRED.has(w[i] ?? "") ? [{ value: 100, end: i + 1, scaled: { count: 1, scale: 100 } }] : []),
      ...unit(i, 2, 9).flatMap((u) => (FR_HUNDRED.has(w[next(u.end)] ?? "") ? [{ value: u.value * 100, end: next(u.end) + 1, scaled: { count: u.value, scale: 100 } }] : [])),
    ];
    return [...below100(i), ...hundreds, ...hundreds.flatMap((h) => below100(next(h.end)).map((r) => ({ value: h.value + r.value, end: r.end })))];
  };
  /** 1 to 999,999: mille, deux mille, mille cinq cents. */
  const belowMillion = (i: number): Parse[] => {
    const thousands: Parse[] = [
      ...(w[i] === "mille" ? [{ value: 1000, end: i + 1, scaled: { count: 1, scale: 1000 } }] : []),
      ...below1000(i)
        .filter((c) => c.value >= 2 && w[next(c.end)] === "mille")
        .map((c) => ({ value: c.value * 1000, end: next(c.end) + 1, ...(c.bare && { scaled: { count: c.value, scale: 1000 } }) })),
    ];
    return [...below1000(i), ...thousands, ...thousands.flatMap((t) => below1000(next(t.end)).map((r) => ({ value: t.value + r.value, end: r.end })))];
  };
  /** Any count: un million, deux millions trois cent mille. */
  const millions: Parse[] = [
    ...(w[start] === "un" && FR_MILLION.has(w[next(start + 1)] ?? "") ? [{ value: 1_000_000, end: next(start + 1) + 1 }] : []),
    ...belowMillion(start)
      .filter((c) => c.value >= 2 && FR_MILLION.has(w[next(c.end)] ?? ""))
      .map((c) => ({ value: c.value * 1_000_000, end: next(c.end) + 1 })),
  ];
  return [
    ...(w[start] === "zéro" ? [{ value: 0, end: start + 1, bare: true }] : []),
    ...belowMillion(start),
    ...millions,
    ...millions.flatMap((m) => belowMillion(next(m.end)).map((r) => ({ value: m.value + r.value, end: r.end }))),
  ];
};

// ---------------------------------------------------------------- Arabic

/** An Arabic word as it is compared: no tashkeel, one alef, taa marbuta as haa, alef maksura as yaa. */
export function arabicKey(word: string): string {
  return word
    .replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g, "")
    .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
    .replace(/\u0629/g, "\u0647")
    .replace(/\u0649/g, "\u064a");
}

const keyed = (table: Record<string, number>) => wordTable(Object.fromEntries(Object.entries(table).map(([k, v]) => [arabicKey(k), v])));

/** 1–10, masculine and feminine (and the cases of two). */
const AR_UNITS: Record<string, number> = keyed({
  واحد: 1, واحدة: 1, اثنان: 2, اثنين: 2, اثنتان: 2, اثنتين: 2,
  ثلاثة: 3, ثلاث: 3, أربعة: 4, أربع: 4, خمسة: 5, خمس: 5, ستة: 6, ست: 6, سبعة: 7, سبع: 7,
  ثمانية: 8, ثماني: 8, ثمان: 8, تسعة: 9, تسع: 9, عشرة: 10, عشر: 10,
});
/** The first word of 11 and 12 (أحد عشر، إحدى عشرة، اثنا عشر، اثنتا عشرة), and of 21, 22 … (أحد وعشرون). */
const AR_TEEN_HEADS: Record<string, number> = keyed({ أحد: 1, إحدى: 1, اثنا: 2, اثني: 2, اثنتا: 2, اثنتي: 2 });
const AR_TEN = new Set([arabicKey("عشر"), arabicKey("عشرة")]);
const AR_TENS: Record<string, number> = keyed({
  عشرون: 20, عشرين: 20, ثلاثون: 30, ثلاثين: 30, أربعون: 40, أربعين: 40, خمسون: 50, خمسين: 50,
  ستون: 60, ستين: 60, سبعون: 70, سبعين: 70, ثمانون: 80, ثمانين: 80, تسعون: 90, تسعين: 90,
});
const AR_HUNDRED = new Set([arabicKey("مئة"), arabicKey("مائة")]);
/** 100–900 in one word: مئة, مئتان, ثلاثمئة … تسعمائة. */
const AR_HUNDREDS: Record<string, number> = keyed({
  مئة: 100, مائة: 100, مئتان: 200, مئتين: 200, مائتان: 200, مائتين: 200, مئتا: 200, مائتا: 200, مئتي: 200, مائتي: 200,
  ...Object.fromEntries(
    (
      [["ثلاث", 3], ["ثلاثة", 3], ["أربع", 4], ["أربعة", 4], ["خمس", 5], ["خمسة", 5], ["ست", 6], ["ستة", 6], ["سبع", 7], ["سبعة", 7], ["ثمان", 8], ["ثماني", 8], ["ثمانية", 8], ["تسع", 9], ["تسعة", 9]] as const
    ).flatMap(([u, v]) => [[`${u}مئة`, v * 100], [`${u}مائة`, v * 100]]),
  ),
});
/** ألف (and ألفاً after 11 and more), ألفان; آلاف after 3–10. */
const AR_THOUSAND = new Set([arabicKey("ألف"), arabicKey("ألفا")]);
/** ألفان, ألفين, ألفي (ألفا, also the dual before a noun, is read as ألفاً: a thousand). */
const AR_TWO_THOUSAND = new Set([arabicKey("ألفان"), arabicKey("ألفين"), arabicKey("ألفي")]);
const AR_THOUSANDS = arabicKey("آلاف");
const AR_ZERO = arabicKey("صفر");
const WAW = "\u0648";
const AR_WORDS = new Set([
  ...Object.keys(AR_UNITS), ...Object.keys(AR_TEEN_HEADS), ...Object.keys(AR_TENS), ...Object.keys(AR_HUNDREDS),
  ...AR_THOUSAND, ...AR_TWO_THOUSAND, AR_THOUSANDS, AR_ZERO,
]);

const arabic: Grammar = (w, start) => {
  const isWaw = (i: number) => w[i] === WAW;
  const unit = (i: number, min: number, max: number): Parse[] => {
    const v = AR_UNITS[w[i] ?? ""];
    return v !== undefined && v >= min && v <= max ? [{ value: v, end: i + 1, bare: true }] : [];
  };
  /** 1–99: خمسة، ثلاث عشرة، اثنا عشر، عشرون، خمسة وعشرون. */
  const below100 = (i: number): Parse[] => {
    const out: Parse[] = [...unit(i, 1, 10)];
    const head = [...unit(i, 1, 9), ...(AR_TEEN_HEADS[w[i] ?? ""] !== undefined ? [{ value: AR_TEEN_HEADS[w[i]!]!, end: i + 1 }] : [])];
    for (const h of head) {
      if (AR_TEN.has(w[h.end] ?? "")) out.push({ value: h.value + 10, end: h.end + 1, bare: true });
      const t = isWaw(h.end) ? AR_TENS[w[h.end + 1] ?? ""] : undefined;
      if (t !== undefined) out.push({ value: h.value + t, end: h.end + 2, bare: true });
    }
    const t = AR_TENS[w[i] ?? ""];
    if (t !== undefined) out.push({ value: t, end: i + 1, bare: true });
    return out;
  };
  /** 1–999: مئة، ثلاثمئة، ثلاث مئة، مئة وخمسون. */
  const below1000 = (i: number): Parse[] => {
    const one = AR_HUNDREDS[w[i] ?? ""];
    const hundreds: Parse[] = [
      ...(one !== undefined ? [{ value: one, end: i + 1, ...(one === 100 && { scaled: { count: 1, scale: 100 } }) }] : []),
      ...unit(i, 3, 9).flatMap((u) => (AR_HUNDRED.has(w[u.end] ?? "") ? [{ value: u.value * 100, end: u.end + 1, scaled: { count: u.value, scale: 100 } }] : [])),
    ];
    return [...below100(i), ...hundreds, ...hundreds.flatMap((h) => (isWaw(h.end) ? below100(h.end + 1).map((r) => ({ value: h.value + r.value, end: r.end })) : []))];
  };
  /** 1–999,999: ألف، ألفان، ثلاثة آلاف، أحد عشر ألفاً، مئة ألف، ألف وخمسمئة. */
  const thousands: Parse[] = [
    ...(AR_THOUSAND.has(w[start] ?? "") ? [{ value: 1000, end: start + 1, scaled: { count: 1, scale: 1000 } }] : []),
    ...(AR_TWO_THOUSAND.has(w[start] ?? "") ? [{ value: 2000, end: start + 1 }] : []),
    ...below1000(start).flatMap((c): Parse[] => {
      const scale = w[c.end] ?? "";
      const fits = scale === AR_THOUSANDS ? c.value >= 3 && c.value <= 10 : AR_THOUSAND.has(scale) && c.value >= 11;
      return fits ? [{ value: c.value * 1000, end: c.end + 1, ...(c.bare && { scaled: { count: c.value, scale: 1000 } }) }] : [];
    }),
  ];
  return [
    ...(w[start] === AR_ZERO ? [{ value: 0, end: start + 1, bare: true }] : []),
    ...below1000(start),
    ...thousands,
    ...thousands.flatMap((t) => (isWaw(t.end) ? below1000(t.end + 1).map((r) => ({ value: t.value + r.value, end: r.end })) : [])),
  ];
};

// ---------------------------------------------------------------- runs

/** A word of the text as the grammars see it: its key, and how it is written back when it is not read. */
interface Word {
  key: string;
  text: string;
  /** Written against the next word with no space (the و of وعشرون). */
  glued?: boolean;
}

/** A piece of the output: words written back, or a number read. */
interface Piece {
  text: string;
  glued?: boolean;
  parse?: Parse;
  /** Words left to the English reader, written back as they were (a shared scale replaces the piece). */
  keep?: string;
}

/** The words of one space-separated token; undefined when it is no French or Arabic number word. */
function frenchWords(token: string): Word[] | undefined {
  if (FR_WORDS.has(token) || token === "et") return [{ key: token, text: token }];
  const parts = token.split("-");
  if (parts.length < 2 || !parts.every((p) => FR_WORDS.has(p) || p === "et")) return undefined;
  return parts.flatMap((p, i) => (i === 0 ? [{ key: p, text: p }] : [{ key: "-", text: "-" }, { key: p, text: p }]));
}

function arabicWords(token: string): Word[] | undefined {
  const key = arabicKey(token);
  if (AR_WORDS.has(key)) return [{ key, text: token }];
  if (key === WAW) return [{ key, text: token }];
  // وعشرون: "and" written against the number.
  if (key.startsWith(WAW) && AR_WORDS.has(key.slice(1))) return [{ key: WAW, text: token.slice(0, token.indexOf(WAW) + 1), glued: true }, { key: key.slice(1), text: token.slice(token.indexOf(WAW) + 1) }];
  return undefined;
}

const JOINS = new Set(["-", "et", WAW]);

/**
 * One run of number words in one language, as pieces: each number it spells
 * (the longest first), and the joining words between them. After "بين"
 * (between), whose two numbers are joined by و as the words of one number
 * are, the run is cut where it leaves two numbers: "بين خمسة وعشرين" is 5 to
 * 20, "بين خمسة وعشرين وثلاثين" 25 to 30.
 */
function readRun(words: readonly Word[], grammar: Grammar, afterBetween: boolean): Piece[] {
  const keys = words.map((w) => w.key);
  const out: Piece[] = [];
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    let parse = JOINS.has(word.key) ? undefined : longest(grammar(keys, i));
    if (parse !== undefined && afterBetween && i === 0 && parse.end === words.length) {
      // Two numbers: the first ends before a و after which the rest is one number.
      const split = grammar(keys, 0)
        .filter((p) => keys[p.end] === WAW && grammar(keys, p.end + 1).some((q) => q.end === words.length))
        .sort((a, b) => b.end - a.end)[0];
      if (split !== undefined) parse = split;
    }
    if (parse === undefined) {
      out.push({ text: word.text, ...(word.glued && { glued: true }) });
      i++;
      continue;
    }
    const spelled = words.slice(i, parse.end);
    const englishToo = spelled.every((w) => FR_SHARED_WITH_ENGLISH.has(w.key) || w.key === "-");
    out.push({ text: String(parse.value), parse, ...(englishToo && { keep: spelled.map((w) => w.text).join(" ") }) });
    i = parse.end;
  }
  return out;
}

/** Words between the two numbers of a range, before a scale written once: "deux à trois cents", "ثلاثة إلى أربعة آلاف". */
const RANGE_JOINS = new Set(["et", "à", "-", "ou", WAW, arabicKey("إلى"), arabicKey("أو")]);

/**
 * "deux à trois cents", "vingt à trente mille", "بين ثلاثة وأربعة آلاف": a
 * scale word written once, after the second of two numbers, belongs to both,
 * as in English ("two to three hundred"). Only when the first number is a
 * bare count below the second's count.
 */
function shareScales(pieces: Piece[]): void {
  for (let i = 0; i + 2 < pieces.length; i++) {
    const [a, join, b] = [pieces[i]!, pieces[i + 1]!, pieces[i + 2]!];
    if (a.parse?.bare !== true || b.parse?.scaled === undefined || join.parse !== undefined || !RANGE_JOINS.has(arabicKey(join.text))) continue;
    if (a.parse.value >= b.parse.scaled.count) continue;
    const value = a.parse.value * b.parse.scaled.scale;
    pieces[i] = { text: String(value), parse: { ...a.parse, value, bare: false } };
  }
}

/**
 * Every run of French or Arabic number words in the text, as digits; the rest
 * of the text as it was (a text with no such words comes back unchanged).
 */
export function frenchArabicNumbers(text: string): string {
  const tokens = text.split(" ");
  if (!tokens.some((t) => frenchWords(t) !== undefined || arabicWords(t) !== undefined)) return text;
  const pieces: Piece[] = [];
  let i = 0;
  while (i < tokens.length) {
    const language = frenchWords(tokens[i]!) !== undefined ? "fr" : arabicWords(tokens[i]!) !== undefined ? "ar" : undefined;
    if (language === undefined) {
      pieces.push({ text: tokens[i]! });
      i++;
      continue;
    }
    const split = language === "fr" ? frenchWords : arabicWords;
    const words: Word[] = [];
    const start = i;
    while (i < tokens.length) {
      const w = split(tokens[i]!);
      if (w === undefined) break;
      words.push(...w);
      i++;
    }
    // "et" and "و" alone are words of the text, not numbers.
    if (words.every((w) => JOINS.has(w.key))) {
      pieces.push(...tokens.slice(start, i).map((t) => ({ text: t })));
      continue;
    }
    const afterBetween = language === "ar" && start > 0 && arabicKey(tokens[start - 1]!) === arabicKey("بين");
    pieces.push(...readRun(words, language === "fr" ? french : arabic, afterBetween));
  }
  shareScales(pieces);
  let out = "";
  for (const [k, p] of pieces.entries()) {
    out += p.keep ?? p.text;
    if (k < pieces.length - 1 && !p.glued) out += " ";
  }
  return out;
}

/**
 * Do these words (after a figure) begin with a French or Arabic number word,
 * or a joining word and one ("et deux", "وعشرون")? Then they are a number the
 * grammar did not join, not the figure's noun: "cinquante et deux" and
 * "عشرون وخمسة" are not 50 and 20 of something. "six", which English reads
 * too, is left out: English number words after a figure are as they were.
 */
export function startsWithNumberWord(words: readonly string[]): boolean {
  const isNumber = (t: string | undefined) => {
    if (t === undefined || FR_SHARED_WITH_ENGLISH.has(t)) return false;
    const parts = frenchWords(t) ?? arabicWords(t);
    return parts !== undefined && parts.some((p) => !JOINS.has(p.key));
  };
  const first = words[0];
  if (first === "et" || (first !== undefined && arabicKey(first) === WAW)) return isNumber(words[1]);
  return isNumber(first);
}

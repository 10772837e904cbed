/**
 * A figure cell as reporters write it: one count with the words of what it counts ("40 wounded",
 * "at least 25 civilians"), a hedged range ("dozens, perhaps hundreds"), or several counts in one
 * cell ("12 killed and 30 wounded", "at least 12 killed, including 3 children"), each a measure of
 * its own. The count itself is read by readFigure; this module reads the words around it.
 */
import { ALL_VICTIMS, isKnownVictims, parseOutcome, parseVictims, type Outcome } from "../claims/measures.js";
import { FIGURE_EXPECTED, normaliseFigure, readFigure, type FigureResult, type Reading } from "./read.js";
import type { Lexicon } from "./lexicon.js";

/** One measure a cell states: its count, and what the words say it counts (absent where they say nothing). */
export interface FigurePart {
  reading: Reading;
  /** The part of the cell it was read from ("30 wounded"). */
  text: string;
  outcome?: Outcome;
  victims?: string;
  /** Set for a part the cell gives as within the one before ("including 3 children"). */
  within?: boolean;
  /** A word saying the count is of people harmed otherwise ("missing", "detained"): such a cell is refused. */
  notHarm?: string;
}

/** The cell's reading: one part, or several; a qualifier ("mostly civilians") sets no part but is kept. */
export interface Statement {
  parts: FigurePart[];
  qualifier?: string;
}

export type StatementResult = { ok: true; statement: Statement } | Extract<FigureResult, { ok: false }> | { ok: true; statement: undefined; none: true };

/** Words that hedge towards a higher count: "dozens, perhaps hundreds". */
const HEDGES = ["perhaps", "possibly", "maybe", "probably", "if not", "or even", "or possibly", "peut-être", "voire", "ربما"];
/** What a hedge may end in instead of a count: no upper end. */
const MORE = new Set(["more", "more than that", "even more", "davantage", "plus", "أكثر"]);
/** Separators of the counts in one cell, the longest first; "including" makes the next a part of the one before. */
const SEPARATORS: ReadonlyArray<{ text: string; within: boolean }> = [
  { text: ", including ", within: true },
  { text: " including ", within: true },
  { text: ", among them ", within: true },
  { text: ", of whom ", within: true },
  { text: ", of them ", within: true },
  { text: ", dont ", within: true },
  { text: " dont ", within: true },
  { text: " بينهم ", within: true },
  { text: " منهم ", within: true },
  { text: ", and ", within: false },
  { text: " and ", within: false },
  { text: "; ", within: false },
  { text: ", ", within: false },
  { text: " et ", within: false },
  { text: " و", within: false },
];
/** "mostly civilians", "almost all civilians": what most of the count were, which sets no part. */
const QUALIFIER = /^(?:mostly|mainly|most of them|almost all|nearly all|the majority|majority|la plupart|en majorité|معظمهم|أغلبهم) [\p{L}\p{M} ]+$/u;
/** Words that count people harmed otherwise than killed or injured: such a count is not read as deaths. */
const NOT_HARM = new Set(["missing", "kidnapped", "abducted", "detained", "arrested", "displaced", "disappeared", "captured", "evacuated", "rescued", "disparus", "enlevés", "arrêtés", "déplacés", "مفقودين", "مفقود", "معتقلين", "مختطفين", "نازحين"]);
const MOSTLY = new Set(["mostly", "mainly", "largely", "primarily", "chiefly"]);

/** Words around a count that say nothing of what it counts. */
const FILLER = new Set(["were", "was", "have", "has", "had", "been", "being", "are", "is", "reported", "reportedly", "people", "persons", "person", "of", "the", "them", "de", "d'", "des", "من", "who"]);
const MULTI_OUTCOMES: ReadonlyArray<readonly [string, Outcome]> = [
  ["killed or injured", "killed_or_injured"],
  ["killed or wounded", "killed_or_injured"],
  ["killed or maimed", "killed_or_injured"],
  ["killed and injured", "killed_or_injured"],
  ["killed and wounded", "killed_or_injured"],
  ["dead or injured", "killed_or_injured"],
  ["dead or wounded", "killed_or_injured"],
  ["morts ou blessés", "killed_or_injured"],
  ["injured or killed", "killed_or_injured"],
  ["wounded or killed", "killed_or_injured"],
];

/** A word without its marks, and without the Arabic article (الجرحى is جرحى, the wounded). */
const unmarked = (word: string) => word.replace(/\p{M}/gu, "").replace(/^ال(?=\p{L}{2})/u, "");

/** The outcome and the victims the words after a count name: the first of each, wherever it stands. */
export function measureWords(noun: string | undefined): { outcome?: Outcome; victims?: string; notHarm?: string } {
  if (noun === undefined) return {};
  const out: { outcome?: Outcome; victims?: string; notHarm?: string } = {};
  let previous = "";
  let text = noun;
  for (const [phrase, outcome] of MULTI_OUTCOMES) {
    if (text.includes(phrase)) {
      out.outcome = outcome;
      text = text.replace(phrase, " ");
    }
  }
  for (const raw of text.split(" ")) {
    const word = unmarked(raw);
    if (word === "" || FILLER.has(word)) continue;
    if (out.outcome === undefined && word !== "killed_or_injured") {
      // The outcome column's words (killed, wounded, casualties, قتلى, blessés …); the word is never empty here.
      const outcome = parseOutcome(word);
      if (outcome !== undefined) {
        out.outcome = outcome;
        continue;
      }
    }
    if (NOT_HARM.has(word)) out.notHarm = word;
    // "25 killed mostly civilians": what most were sets no part, as after a comma.
    if (out.victims === undefined && isKnownVictims(word) && !MOSTLY.has(previous)) out.victims = parseVictims(word);
    previous = word;
  }
  return out;
}

/** One count and its words, read whole by readFigure. */
function readPart(text: string, lexicon: Lexicon): FigurePart | Extract<FigureResult, { ok: false }> | "none" {
  const read = readFigure(text, lexicon);
  if (!read.ok) return read;
  if (read.reading.rule === "none") return "none";
  const words = measureWords(read.reading.noun);
  return { reading: read.reading, text, ...words };
}

/** "dozens, perhaps hundreds", "between 10 and 20, possibly more": one count from the first's low to the last's high. */
function readHedged(text: string, raw: string, lexicon: Lexicon): FigurePart | undefined {
  for (const hedge of HEDGES) {
    const at = text.indexOf(`, ${hedge} `);
    const bare = at < 0 ? text.indexOf(` ${hedge} `) : -1;
    const cut = at >= 0 ? at : bare;
    if (cut < 0) continue;
    const first = readPart(text.slice(0, cut), lexicon);
    if (first === "none" || !("reading" in first)) continue;
    const rest = text.slice(cut + (at >= 0 ? 2 : 1) + hedge.length + 1);
    let high: number | null;
    let words: { outcome?: Outcome; victims?: string } = {};
    if (MORE.has(rest)) high = null;
    else {
      const second = readPart(rest, lexicon);
      if (second === "none" || !("reading" in second)) continue;
      high = second.reading.high;
      words = { ...(second.outcome !== undefined && { outcome: second.outcome }), ...(second.victims !== undefined && { victims: second.victims }) };
      if (high !== null && high < first.reading.low) continue;
    }
    const reading: Reading = { ...first.reading, raw, high, rule: "hedged", form: `X, ${hedge} ${MORE.has(rest) ? "more" : "Y"}` };
    delete reading.entry;
    return { reading, text, ...words, ...(first.outcome !== undefined && { outcome: first.outcome }), ...(first.victims !== undefined && { victims: first.victims }) };
  }
  return undefined;
}

/** The cell as counts: the whole text as one, else split at a separator where every piece reads. */
function readParts(text: string, raw: string, lexicon: Lexicon, depth: number, splitOnly = false): { parts: FigurePart[]; qualifier?: string } | undefined {
  if (!splitOnly) {
    const whole = readPart(text, lexicon);
    if (whole !== "none" && "reading" in whole) return { parts: [{ ...whole, reading: { ...whole.reading, raw } }] };
    const hedged = readHedged(text, raw, lexicon);
    if (hedged !== undefined) return { parts: [hedged] };
  }
  // A cell of more than a few counts is not a figure but a report: at most four pieces.
  if (depth >= 3) return undefined;
  // Every way of cutting the cell at a separator where each piece reads; the one of fewest counts wins
  // ("two hundred and fifty killed and 30 wounded" is 250 and 30, not 200, 50 and 30), the first of those.
  let best: { parts: FigurePart[]; qualifier?: string } | undefined;
  for (const { text: sep, within } of SEPARATORS) {
    for (let at = text.indexOf(sep); at > 0; at = text.indexOf(sep, at + 1)) {
      const head = readPart(text.slice(0, at), lexicon);
      if (head === "none" || !("reading" in head)) continue;
      const restText = text.slice(at + sep.length);
      const headPart = { ...head, reading: { ...head.reading, raw } };
      let found: { parts: FigurePart[]; qualifier?: string } | undefined;
      if (!within && QUALIFIER.test(restText)) found = { parts: [headPart], qualifier: restText };
      else {
        const rest = readParts(restText, raw, lexicon, depth + 1);
        if (rest === undefined) continue;
        // "at least 12 killed, including 3 children and 2 women": every part after "including" is within
        // the count before it, and of its outcome, unless it names another outcome.
        const parts = within
          ? rest.parts.map((p) => (p.outcome === undefined || p.outcome === head.outcome ? { ...p, within: true, ...(p.outcome === undefined && head.outcome !== undefined && { outcome: head.outcome }) } : p))
          : rest.parts;
        found = { parts: [headPart, ...parts], ...(rest.qualifier !== undefined && { qualifier: rest.qualifier }) };
      }
      if (best === undefined || found.parts.length < best.parts.length) best = found;
    }
  }
  return best;
}

/** Read a figure cell: its counts, each with what it counts, or why it cannot be read. */
export function readStatement(raw: string, lexicon: Lexicon): StatementResult {
  const read = readCell(raw, lexicon);
  if (!read.ok || read.statement === undefined) return read;
  // "4 missing", "12 detained": not a count of the killed or injured, which it would otherwise be taken for.
  const other = read.statement.parts.find((p) => p.notHarm !== undefined && p.outcome === undefined);
  if (other !== undefined) {
    return { ok: false, expected: FIGURE_EXPECTED, got: JSON.stringify(raw), hint: `"${other.notHarm}" counts people harmed otherwise than killed or injured` };
  }
  return read;
}

function readCell(raw: string, lexicon: Lexicon): StatementResult {
  const single = readFigure(raw, lexicon);
  if (single.ok) {
    if (single.reading.rule === "none") return { ok: true, statement: undefined, none: true };
    // Words after the count that hold another one ("hundreds killed and thousands wounded", "12 قتيلا
    // وعشرات الجرحى") are two counts: the cell is read as several where it can be.
    const noun = single.reading.noun;
    if (noun !== undefined && SEPARATORS.some((s) => ` ${noun} `.includes(s.text) || noun.includes(s.text.trimStart()))) {
      const split = readParts(normaliseFigure(raw), raw, lexicon, 0, true);
      if (split !== undefined && split.parts.length > 1) return { ok: true, statement: split };
    }
    return { ok: true, statement: { parts: [{ reading: single.reading, text: normaliseFigure(raw), ...measureWords(single.reading.noun) }] } };
  }
  // Only a cell that does not read as one count is split: "between 10 and 20" stays one range.
  const text = normaliseFigure(raw);
  const read = text.length <= 200 ? readParts(text, raw, lexicon, 0) : undefined;
  if (read === undefined) return single;
  const q = read.qualifier;
  const parts = q === undefined ? read.parts : read.parts.map((p) => ({ ...p, reading: { ...p.reading, qualifier: q } }));
  const stated = { parts, ...(q !== undefined && { qualifier: q }) };
  if (parts.length === 1) return { ok: true, statement: { ...stated, parts: [{ ...parts[0]!, reading: { ...parts[0]!.reading, raw } }] } };
  return { ok: true, statement: stated };
}

/** The measure a part names as a key for claim ids: "killed", "injured", "children_killed". */
export function measureKey(outcome: Outcome, victims: string): string {
  return victims === ALL_VICTIMS ? outcome : `${victims.replace(/\W+/gu, "_")}_${outcome}`;
}

/** The words a cell may hold around its counts, with an example each: docs/figures.md is written from it, and a test reads every example. */
export const CELL_CONSTRUCTIONS: ReadonlyArray<{ what: string; written: string; example: string; parts: number; reads: string }> = [
  {
    what: "what was counted",
    written: "killed, dead, died, deaths, fatalities; wounded, injured, hurt, injuries; casualties, killed or injured (both); morts, tués, blessés; قتلى, قتيلا, جرحى, جريحا, مصابين",
    example: "40 wounded",
    parts: 1,
    reads: "40 injured: the words set the claim's outcome where the outcome column is empty, and are an error (CLAIM_MEASURE_MISMATCH) where it says otherwise",
  },
  {
    what: "who was counted",
    written: "civilians, children, women, men, fighters; people, persons (all victims); civils, enfants, femmes; مدنيين, أطفال, نساء",
    example: "at least 40 injured civilians",
    parts: 1,
    reads: "40 or more civilians injured: the words set the victims where the victims column is empty",
  },
  {
    what: "several counts",
    written: "A and B; A, B; A; B; A et B; A وB",
    example: "12 killed and 30 wounded",
    parts: 2,
    reads: "two claims, 12 killed (id suffixed #killed) and 30 injured (#injured): each count says what it counts",
  },
  {
    what: "a part of a count",
    written: "A, including B; A, among them B; A, of whom B; A dont B; A بينهم B, A منهم B",
    example: "at least 12 killed, including 3 children",
    parts: 2,
    reads: "two claims, 12 or more killed (#killed) and 3 children killed (#children_killed): the part takes the outcome of the count it is part of",
  },
  {
    what: "a hedge",
    written: "X, perhaps Y; X, possibly Y; X, maybe Y; X, probably Y; X, if not Y; X, or even Y; X, possibly more",
    example: "dozens, perhaps hundreds",
    parts: 1,
    reads: "20 to 999: from the first count's low to the last's high (no upper end for \"more\")",
  },
  {
    what: "what most of them were",
    written: "A, mostly X; A, mainly X; A, almost all X; A, nearly all X; A, most of them X",
    example: "at least 25 people, mostly civilians",
    parts: 1,
    reads: "25 or more, all victims: \"mostly civilians\" is kept with the reading, and sets no part (most is not all)",
  },
];

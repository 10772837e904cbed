#!/usr/bin/env node
// Deterministic generator of realistic casualty claims for the benchmark.
//
//   node bench/generate.js N out.csv [--seed S]
//
// or, from code: `await generate({ claims, seed, path })`.
//
// The same (claims, seed) always gives the same bytes. The world (places,
// their spellings and governorates) depends on the seed only, so every size
// draws on the same few thousand places; events are then drawn one after
// another until `claims` rows are written. Rows are written in chunks through
// csv-stringify, so a million rows never sit in memory as one string.

import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { stringify } from "csv-stringify/sync";

/** Bump when the output for a given (claims, seed) changes: run.js keys its cache on it. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20160901;

export const COLUMNS = ["source", "figure", "location", "date", "victims", "outcome", "admin1", "country", "event", "id"];

const PLACE_COUNT = 4000;
const FIRST_DAY = Date.UTC(2012, 0, 1);
const DAYS = 6 * 365 + 2; // 2012-01-01 .. 2017-12-31
const CHUNK_ROWS = 5000;
const SHUFFLE_POOL = 2048; // rows of nearby events are interleaved, as when files are concatenated

// ---------------------------------------------------------------- PRNG

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function helpers(rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const chance = (p) => rand() < p;
  /** weighted pick from [[value, weight], ...] */
  const weighted = (table) => {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = rand() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1][0];
  };
  const normal = () => {
    // Box–Muller
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return { rand, int, pick, chance, weighted, normal };
}

// ---------------------------------------------------------------- the world

export const GOVERNORATES = [
  "Aleppo", "Idlib", "Hama", "Homs", "Damascus", "Rif Dimashq", "Daraa",
  "Quneitra", "As-Suwayda", "Tartus", "Latakia", "Deir ez-Zor", "Raqqa", "Al-Hasakah",
];

// [name, id prefix, weight]
export const SOURCES = [
  ["Syrian Observatory for Human Rights", "sohr", 16],
  ["Syrian Network for Human Rights", "snhr", 11],
  ["Syrian state TV", "stv", 7],
  ["Syrian Arab News Agency (SANA)", "sana", 7],
  ["Airwars", "aw", 6],
  ["ACLED", "acled", 9],
  ["Uppsala Conflict Data Program (UCDP)", "ucdp", 6],
  ["Syrian Civil Defence", "scd", 9],
  ["Local Coordination Committees", "lcc", 6],
  ["Violations Documentation Center", "vdc", 6],
  ["Aleppo Media Center", "amc", 4],
  ["Local council", "lc", 7], // written "<place> local council"
  ["Reuters", "reu", 3],
  ["AFP", "afp", 3],
];

const ONSETS = ["b", "t", "j", "h", "kh", "d", "r", "z", "s", "sh", "f", "q", "k", "l", "m", "n", "w", "y", "th", "gh", "b", "m", "n", "r", "s", "q"];
const VOWELS = ["a", "a", "a", "i", "i", "u", "e", "o", "aa", "ou"];
const CODAS = ["", "", "", "", "n", "r", "l", "m", "b", "s"];
const ENDINGS = ["", "", "", "ah", "ah", "iyah", "un", "an", "at", "in"];

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function makeBase(h) {
  const syllables = h.weighted([[2, 45], [3, 48], [4, 7]]);
  let s = "";
  for (let i = 0; i < syllables; i++) {
    s += h.pick(ONSETS) + h.pick(VOWELS);
    if (i < syllables - 1 && h.chance(0.3)) s += h.pick(CODAS);
  }
  const ending = h.pick(ENDINGS);
  // no vowel pile-ups ("Hizaa" + "an"): an ending that opens with a vowel replaces a final vowel
  if (/^[aeiou]/.test(ending)) s = s.replace(/[aeiou]+$/, "");
  return s + ending;
}

// A place is kept as parts so that variants can change each part on its own:
// { prefix: "Kafr" | "Tal" | "" ..., article: bool, base: "nabl", gov }
function makePlace(h) {
  const base = makeBase(h);
  const prefix = h.weighted([["", 48], ["Kafr", 13], ["Tal", 10], ["Deir", 10], ["Ain", 7], ["Khan", 6], ["Jisr", 6]]);
  const article = h.chance(prefix === "" ? 0.22 : 0.3);
  return { prefix, article, base, suffix: "" };
}

const PREFIX_VARIANTS = { Kafr: ["Kafar", "Kfar"], Tal: ["Tell", "Tel"], Deir: ["Dayr", "Dair"], Ain: ["Ein", "Ayn"], Khan: ["Khan"], Jisr: ["Jisr"] };

function render(p, style) {
  // style.article: "al-" (default), "Al ", "Al-" or "el-"
  let name = cap(p.base);
  if (p.article) name = (style.article ?? "al-") + name;
  if (p.prefix) name = p.prefix + " " + name;
  return name + p.suffix;
}

/** One transliteration change to a base: vowels, doubled letters. */
function varyBase(h, base) {
  const ops = [];
  const idx = (re) => [...base.matchAll(re)].map((m) => m.index);
  const e = idx(/e/g), i = idx(/i/g), o = idx(/o(?!u)/g), u = idx(/(?<!o)u/g), ou = idx(/ou/g);
  if (e.length) ops.push(() => { const k = h.pick(e); return base.slice(0, k) + "i" + base.slice(k + 1); });
  if (i.length) ops.push(() => { const k = h.pick(i); return base.slice(0, k) + "e" + base.slice(k + 1); });
  if (o.length) ops.push(() => { const k = h.pick(o); return base.slice(0, k) + "u" + base.slice(k + 1); });
  if (u.length) ops.push(() => { const k = h.pick(u); return base.slice(0, k) + (h.chance(0.5) ? "o" : "ou") + base.slice(k + 1); });
  if (ou.length) ops.push(() => { const k = h.pick(ou); return base.slice(0, k) + "u" + base.slice(k + 2); });
  // double a single consonant between two vowels
  const dbl = idx(/(?<=[aeiou])[bdfjklmnqrstz](?=[aeiou])/g);
  if (dbl.length) ops.push(() => { const k = h.pick(dbl); return base.slice(0, k + 1) + base[k] + base.slice(k + 1); });
  // final -ah / -a / -eh
  if (base.endsWith("ah")) ops.push(() => base.slice(0, -2) + h.pick(["a", "eh"]));
  if (!ops.length) return base;
  return h.pick(ops)();
}

/** 1–3 spellings of one place: the usual one first. */
function makeSpellings(h, place) {
  const spellings = [render(place, {})];
  const wanted = h.weighted([[1, 30], [2, 45], [3, 25]]);
  let tries = 0;
  while (spellings.length < wanted && tries++ < 10) {
    const v = { ...place };
    const style = {};
    const changes = h.int(1, 2);
    for (let c = 0; c < changes; c++) {
      const kind = h.weighted([["vowel", 45], ["article", 20], ["suffix", 15], ["prefix", 20]]);
      if (kind === "vowel") v.base = varyBase(h, v.base);
      else if (kind === "article") {
        if (v.article) {
          const a = h.pick(["Al ", "Al-", "el-", "drop"]);
          if (a === "drop") v.article = false;
          else style.article = a;
        } else v.article = true;
      } else if (kind === "suffix") v.suffix = h.pick([" town", " village"]);
      else if (kind === "prefix" && place.prefix) v.prefix = h.pick(PREFIX_VARIANTS[place.prefix]);
      else v.base = varyBase(h, v.base);
    }
    const s = render(v, style);
    if (!spellings.includes(s)) spellings.push(s);
  }
  return spellings;
}

/** A typing slip: two letters swapped, one dropped or one repeated. */
function typo(h, name) {
  const letters = [...name.matchAll(/[a-z]/g)].map((m) => m.index).filter((k) => k > 0);
  if (letters.length < 3) return name;
  const k = h.pick(letters);
  switch (h.int(0, 2)) {
    case 0: return k + 1 < name.length && /[a-z]/.test(name[k + 1]) ? name.slice(0, k) + name[k + 1] + name[k] + name.slice(k + 2) : name.slice(0, k) + name.slice(k + 1);
    case 1: return name.slice(0, k) + name.slice(k + 1);
    default: return name.slice(0, k + 1) + name[k] + name.slice(k + 1);
  }
}

export function makeWorld(seed) {
  const h = helpers(mulberry32(seed ^ 0x9e3779b9));
  const places = [];
  const seen = new Set();
  while (places.length < PLACE_COUNT) {
    const p = makePlace(h);
    const key = (p.prefix + " " + p.base).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    p.gov = h.pick(GOVERNORATES);
    p.spellings = makeSpellings(h, p);
    // the usual spelling most often, the others less
    p.spellingWeights = p.spellings.map((_, i) => [i, i === 0 ? 6 : 2]);
    places.push(p);
  }
  return places;
}

// ---------------------------------------------------------------- figures

const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

export function numberWords(n) {
  if (n < 20) return ONES[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? "-" + ONES[n % 10] : "");
  if (n < 1000) {
    const rest = n % 100;
    return ONES[Math.floor(n / 100)] + " hundred" + (rest ? " and " + numberWords(rest) : "");
  }
  throw new RangeError(`numberWords: ${n}`);
}

const commas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const num = (h, n) => (n >= 1000 && h.chance(0.75) ? commas(n) : String(n));

/** A round figure near n, as writers give with "about" and "nearly". */
function roundish(n) {
  if (n >= 200) return Math.round(n / 50) * 50;
  if (n >= 40) return Math.round(n / 10) * 10;
  if (n >= 15) return Math.round(n / 5) * 5;
  return n;
}

/** Phrase a count v as a source might. victims tells whether "dozens of civilians" fits. */
function phrase(h, v, victims) {
  const kind = h.weighted([
    ["exact", 34], ["atLeast", 11], ["moreThan", 6], ["upTo", 3], ["about", 5], ["nearly", 3],
    ["between", 4], ["dash", 3], ["endash", 2], ["plus", 2], ["words", 7], ["vague", 10],
    ["arabic", 4], ["french", 3], ["unknown", 1],
  ]);
  switch (kind) {
    case "atLeast": return "at least " + num(h, h.chance(0.7) ? v : Math.max(1, Math.floor(v * 0.8)));
    case "moreThan": return "more than " + num(h, Math.max(1, v - h.int(1, Math.max(1, Math.floor(v * 0.2)))));
    case "upTo": return "up to " + num(h, v + h.int(0, Math.max(1, Math.floor(v * 0.2))));
    case "about": return v >= 10 ? h.pick(["about ", "around ", "about "]) + num(h, roundish(v)) : String(v);
    case "nearly": {
      const n = roundish(v + Math.max(1, Math.floor(v * 0.05)));
      return n >= 10 && n > v ? "nearly " + num(h, n) : String(v);
    }
    case "between": case "dash": case "endash": {
      const a = Math.max(v > 1 ? 1 : 0, Math.floor(v * 0.8) - (v < 5 ? 1 : 0));
      const b = Math.max(a + 1, Math.ceil(v * 1.2));
      if (kind === "between") return `between ${num(h, a)} and ${num(h, b)}`;
      return `${num(h, a)}${kind === "dash" ? "-" : "–"}${num(h, b)}`;
    }
    case "plus": return num(h, v) + "+";
    case "words": return v < 1000 ? numberWords(v) : commas(v);
    case "vague": {
      if (v >= 2 && v <= 5) return h.chance(0.5) ? "a few" : "several";
      if (v >= 3 && v <= 9) return "several";
      if (v >= 10 && v <= 14) return "a dozen";
      if (v >= 20 && v <= 99) {
        const canCivilians = victims === "" || victims === "civilians";
        return h.pick(canCivilians ? ["dozens", "tens", "dozens of civilians"] : ["dozens", "tens"]);
      }
      if (v >= 200 && v <= 999) return "hundreds";
      return String(v);
    }
    case "arabic":
      if (v >= 20 && v <= 99 && h.chance(0.6)) return "عشرات";
      return "أكثر من " + (v > 3 ? v - h.int(1, 3) : v);
    case "french": return "au moins " + num(h, v);
    case "unknown": return "unknown";
    default: return num(h, v);
  }
}

// ---------------------------------------------------------------- events → rows

const pad = (n, w) => String(n).padStart(w, "0");
function isoDay(day) {
  const d = new Date(FIRST_DAY + day * 86400000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** The true toll of an event: mostly small, a long tail of massacres. */
function trueToll(h) {
  if (h.chance(0.005)) return h.int(100, 1500);
  return Math.max(1, Math.ceil(Math.exp(2.0 + 1.1 * h.normal())));
}

const VICTIM_FACTOR = { "": 1, civilians: 0.7, children: 0.2, fighters: 0.35 };

function* eventRows(h, places, claims) {
  const idCounters = new Map();
  let written = 0;
  let eventNo = 0;
  while (written < claims) {
    eventNo++;
    // mild skew: some places see many more strikes than others
    const place = places[Math.floor(PLACE_COUNT * Math.pow(h.rand(), 1.25))];
    const day = h.int(0, DAYS - 1);
    const toll = trueToll(h);
    const injured = Math.max(1, Math.round(toll * (1 + h.rand())));
    const label = h.chance(0.04) ? `EV-${isoDay(day).slice(0, 4)}-${pad(eventNo, 6)}` : "";
    const n = Math.min(claims - written, h.weighted([[1, 12], [2, 16], [3, 25], [4, 22], [5, 14], [6, 7], [7, 4]]));
    const used = new Set();
    for (let c = 0; c < n; c++) {
      let src;
      do src = h.weighted(SOURCES.map((s) => [s, s[2]]));
      while (used.has(src) && used.size < SOURCES.length);
      used.add(src);

      let location = place.spellings[h.weighted(place.spellingWeights)];
      if (h.chance(0.015)) location = typo(h, location);
      const date = isoDay(Math.min(DAYS - 1, day + (h.chance(0.15) ? 1 : 0)));
      const outcome = h.weighted([["killed", 85], ["injured", 12], ["", 3]]);
      const victims = h.weighted([["", 65], ["civilians", 20], ["children", 7], ["fighters", 8]]);
      let v = Math.max(1, Math.round((outcome === "injured" ? injured : toll) * VICTIM_FACTOR[victims]));
      const r = h.rand();
      if (r < 0.05) v = Math.max(1, Math.round(v * (0.3 + 2 * h.rand()))); // a figure at odds with the rest
      else if (r < 0.4) v = Math.max(1, Math.round(v * (0.85 + 0.3 * h.rand()))); // close, not the same
      const figure = phrase(h, v, victims);

      const k = (idCounters.get(src[1]) ?? 0) + 1;
      idCounters.set(src[1], k);
      const source = src[1] === "lc" ? `${place.spellings[0]} local council` : src[0];
      yield [
        source, figure, location, date, victims, outcome,
        h.chance(0.85) ? `${place.gov} Governorate` : "",
        h.chance(0.9) ? "Syria" : "",
        label,
        `${src[1]}-${date}-${pad(k, 6)}`,
      ];
    }
    written += n;
  }
}

/**
 * Write `claims` rows (plus a header) to `path`, atomically (a temporary file
 * renamed at the end). Resolves to { path, rows, bytes }.
 */
export async function generate({ claims, seed = DEFAULT_SEED, path }) {
  if (!Number.isInteger(claims) || claims < 1) throw new RangeError(`claims must be a positive whole number, got ${claims}`);
  if (!path) throw new TypeError("generate: path is required");
  const places = makeWorld(seed);
  const h = helpers(mulberry32(seed));
  const tmp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  let bytes = 0;
  const write = async (text) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  try {
    await write(stringify([COLUMNS]));
    const pool = [];
    let chunk = [];
    const emit = async (row) => {
      chunk.push(row);
      if (chunk.length >= CHUNK_ROWS) {
        await write(stringify(chunk));
        chunk = [];
      }
    };
    const takeRandom = () => {
      const k = Math.floor(h.rand() * pool.length);
      const row = pool[k];
      pool[k] = pool[pool.length - 1];
      pool.pop();
      return row;
    };
    for (const row of eventRows(h, places, claims)) {
      pool.push(row);
      if (pool.length >= SHUFFLE_POOL) await emit(takeRandom());
    }
    while (pool.length) await emit(takeRandom());
    if (chunk.length) await write(stringify(chunk));
    out.end();
    await once(out, "finish");
    await rename(tmp, path);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
  return { path, rows: claims, bytes };
}

// ---------------------------------------------------------------- CLI

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  let seed = DEFAULT_SEED;
  const si = args.indexOf("--seed");
  if (si >= 0) {
    seed = Number(args[si + 1]);
    args.splice(si, 2);
  }
  const [n, out] = args;
  const claims = Number(String(n ?? "").replace(/_/g, ""));
  if (!out || !Number.isInteger(claims) || claims < 1 || !Number.isInteger(seed)) {
    process.stderr.write("usage: node bench/generate.js N out.csv [--seed S]\n");
    process.exit(2);
  }
  const t0 = performance.now();
  const r = await generate({ claims, seed, path: out });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(`wrote ${r.rows} claims (${(r.bytes / 1e6).toFixed(1)} MB, ${(r.bytes / r.rows).toFixed(0)} bytes/row) to ${out} in ${s} s\n`);
}

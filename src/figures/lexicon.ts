import { z } from "zod";
import { UsageError } from "../errors.js";
import { readJsonFile, zodPath } from "../util/option-file.js";
import acled from "./lexicons/acled.json" with { type: "json" };
import defaults from "./lexicons/default.json" with { type: "json" };

/**
 * A lexicon is data: vague words (in any language) and the counts each stands
 * for, with the reason for the choice; and how a claim's single `best` count
 * is set. Built in: "default" (this tool's conventions) and "acled" (ACLED's
 * coding rules as best, the default intervals). A user's file may extend
 * either and override single entries.
 */
export interface LexiconEntry {
  phrase: string;
  aliases: string[];
  low: number;
  high: number | null;
  /** A single most-likely count for the word, where the lexicon sets one. */
  best: number | null;
  why: string;
  /** Why the best count is what it is, where the lexicon says. */
  bestWhy?: string;
}

/**
 * How `best` is set for figures that are not lexicon words:
 * - stated: only where the text states one count ("25", "about 25");
 * - conservative: as ACLED records, the stated count, else the lowest count the text allows.
 */
export const BEST_POLICIES = ["stated", "conservative"] as const;
export type BestPolicy = (typeof BEST_POLICIES)[number];

export interface Lexicon {
  name: string;
  description: string;
  best: BestPolicy;
  entries: LexiconEntry[];
  /** Normalised phrase or alias → entry. */
  byPhrase: Map<string, LexiconEntry>;
}

export const BUILT_IN_LEXICONS = ["default", "acled"] as const;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const entrySchema = z.strictObject({
  phrase: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(1)).optional(),
  low: count.optional(),
  high: count.nullable().optional(),
  best: count.nullable().optional(),
  why: z.string().trim().min(1).optional(),
  bestWhy: z.string().trim().min(1).optional(),
});

export const lexiconFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().trim().min(1),
  description: z.string().optional(),
  extends: z.enum(BUILT_IN_LEXICONS).optional(),
  best: z.enum(BEST_POLICIES).optional(),
  entries: z.array(entrySchema),
}).refine((f) => f.extends !== undefined || f.entries.length > 0, {
  message: "expected at least one entry (or \"extends\": \"default\" to start from a built-in lexicon)",
  path: ["entries"],
});
export type LexiconFile = z.infer<typeof lexiconFileSchema>;

/**
 * Lower case, one space, NFKC, no Arabic tatweel, every dash as "-" and every
 * apostrophe as "'": the form phrases are looked up in, the same for a
 * lexicon's phrases as for the figures read ("plus d’une douzaine" is
 * "plus d'une douzaine").
 */
export function normalisePhrase(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\u0640/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/ ?- ?/g, (m) => (m.length > 1 ? " - " : "-"))
    .replace(/[\u2018\u2019]/g, "'")
    .trim();
}

/** A problem in a lexicon, at its path ("entries[2].high"). */
class LexiconProblem extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function build(file: LexiconFile, base: Lexicon | undefined): Lexicon {
  const merged = new Map<string, LexiconEntry>();
  for (const e of base?.entries ?? []) merged.set(normalisePhrase(e.phrase), e);
  /** Alias key → the built-in entries (by phrase key) that list it. */
  const aliasOwners = new Map<string, string[]>();
  for (const [k, entry] of merged) {
    for (const alias of entry.aliases) {
      const list = aliasOwners.get(normalisePhrase(alias)) ?? [];
      list.push(k);
      aliasOwners.set(normalisePhrase(alias), list);
    }
  }
  /** Phrase key → index in the file, for the entries the file itself sets. */
  const fromFile = new Map<string, number>();
  file.entries.forEach((e, i) => {
    const key = normalisePhrase(e.phrase);
    const twice = fromFile.get(key);
    if (twice !== undefined) throw new LexiconProblem(`entries[${i}]`, `"${e.phrase}" is already entries[${twice}]`);
    fromFile.set(key, i);
    // A file's own phrase or alias takes the words over from a built-in entry that had them as an alias
    // (looked up by alias, not by walking every entry: a file of 20,000 entries loads in linear time).
    const taken = new Set([e.phrase, ...(e.aliases ?? [])].map(normalisePhrase));
    for (const t of taken) {
      for (const k of aliasOwners.get(t) ?? []) {
        if (k === key || fromFile.has(k)) continue;
        const other = merged.get(k)!;
        const kept = other.aliases.filter((a) => !taken.has(normalisePhrase(a)));
        if (kept.length !== other.aliases.length) merged.set(k, { ...other, aliases: kept });
      }
    }
    const prior = merged.get(key);
    const low = e.low ?? prior?.low;
    const high = e.high !== undefined ? e.high : prior?.high;
    const why = e.why ?? prior?.why;
    if (low === undefined) throw new LexiconProblem(`entries[${i}].low`, "expected a whole number of 0 or more (the entry extends no built-in entry of that phrase)");
    if (high === undefined) throw new LexiconProblem(`entries[${i}].high`, "expected a whole number, or null for no upper end");
    if (why === undefined) throw new LexiconProblem(`entries[${i}].why`, "expected a one-line reason for the interval");
    if (high !== null && low > high) throw new LexiconProblem(`entries[${i}].high`, `expected at least the low (${low}), got ${high}`);
    const bestWhy = e.bestWhy ?? prior?.bestWhy;
    merged.set(key, {
      phrase: e.phrase,
      aliases: e.aliases ?? prior?.aliases ?? [],
      low,
      high,
      best: e.best !== undefined ? e.best : (prior?.best ?? null),
      why,
      ...(bestWhy !== undefined && { bestWhy }),
    });
  });
  const entries = [...merged.values()];
  const byPhrase = new Map<string, LexiconEntry>();
  for (const entry of entries) {
    for (const phrase of [entry.phrase, ...entry.aliases]) {
      const key = normalisePhrase(phrase);
      const other = byPhrase.get(key);
      if (other !== undefined && other !== entry) {
        // Name the file's entry in the clash (the later one when both are the file's).
        const i = Math.max(fromFile.get(normalisePhrase(entry.phrase)) ?? -1, fromFile.get(normalisePhrase(other.phrase)) ?? -1);
        throw new LexiconProblem(i >= 0 ? `entries[${i}]` : "entries", `"${phrase}" is already a phrase or alias of "${other.phrase}"`);
      }
      byPhrase.set(key, entry);
    }
  }
  return {
    name: file.name,
    description: file.description ?? base?.description ?? "",
    best: file.best ?? base?.best ?? "stated",
    entries,
    byPhrase,
  };
}

function fromFile(data: unknown, extendsLookup: (name: string) => Lexicon): Lexicon {
  const file = lexiconFileSchema.parse(data);
  return build(file, file.extends !== undefined ? extendsLookup(file.extends) : undefined);
}

export const DEFAULT_LEXICON: Lexicon = fromFile(defaults, () => {
  throw new Error("the default lexicon extends nothing");
});
const ACLED_LEXICON: Lexicon = fromFile(acled, () => DEFAULT_LEXICON);

const BUILT_IN: Record<(typeof BUILT_IN_LEXICONS)[number], Lexicon> = { default: DEFAULT_LEXICON, acled: ACLED_LEXICON };

/**
 * `--lexicon NAME|FILE`: a built-in lexicon by name, or a JSON file of the
 * same shape, checked with a located message on the first problem.
 */
export function resolveLexicon(nameOrPath: string): Lexicon {
  if (Object.hasOwn(BUILT_IN, nameOrPath)) return BUILT_IN[nameOrPath as keyof typeof BUILT_IN];
  const path = nameOrPath;
  const data = readJsonFile(path, "LEXICON_INVALID", `no such lexicon: expected ${BUILT_IN_LEXICONS.join(" or ")}, or a lexicon JSON file`);
  const parsed = lexiconFileSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UsageError(`${path}: ${zodPath(first.path)}: ${first.message} [LEXICON_INVALID]`);
  }
  try {
    return build(parsed.data, parsed.data.extends !== undefined ? BUILT_IN[parsed.data.extends] : undefined);
  } catch (error) {
    if (error instanceof LexiconProblem) throw new UsageError(`${path}: ${error.path}: ${error.message} [LEXICON_INVALID]`);
    throw error;
  }
}

/** The lexicon as a file: what `reconcile lexicon --format json` prints, a start for one's own. */
export function lexiconAsFile(lexicon: Lexicon): LexiconFile {
  return {
    name: lexicon.name,
    description: lexicon.description,
    best: lexicon.best,
    entries: lexicon.entries.map((e) => ({
      phrase: e.phrase,
      ...(e.aliases.length > 0 && { aliases: e.aliases }),
      low: e.low,
      high: e.high,
      ...(e.best !== null && { best: e.best }),
      why: e.why,
      ...(e.bestWhy !== undefined && { bestWhy: e.bestWhy }),
    })),
  };
}

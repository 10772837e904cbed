import { readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors.js";
import defaultLexicon from "./default-lexicon.json" with { type: "json" };

/** One vague word and the counts it stands for, with the reason for the choice. */
export interface LexiconEntry {
  phrase: string;
  low: number;
  high: number | null;
  why: string;
}

export interface Lexicon {
  name: string;
  description: string;
  entries: LexiconEntry[];
  /** Normalised phrase → entry, for lookup. */
  byPhrase: Map<string, LexiconEntry>;
}

const count = z.number().int().min(0);
const entrySchema = z
  .object({
    phrase: z.string().trim().min(1),
    low: count,
    high: count.nullable(),
    why: z.string().trim().min(1),
  })
  .refine((e) => e.high === null || e.low <= e.high, { message: "low must not be above high", path: ["high"] });

export const lexiconSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(""),
  entries: z.array(entrySchema).min(1),
});

/** Lower-case, single-spaced: the form phrases are looked up in. */
export function normalisePhrase(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export function buildLexicon(data: z.infer<typeof lexiconSchema>): Lexicon {
  const byPhrase = new Map<string, LexiconEntry>();
  for (const entry of data.entries) byPhrase.set(normalisePhrase(entry.phrase), entry);
  return { name: data.name, description: data.description, entries: data.entries, byPhrase };
}

export const DEFAULT_LEXICON: Lexicon = buildLexicon(lexiconSchema.parse(defaultLexicon));

/** Load a lexicon file (JSON, same shape as the default), with a located message when it is wrong. */
export function loadLexicon(path: string): Lexicon {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`${path}: cannot read the lexicon file [FILE_NOT_FOUND]`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: the lexicon is not valid JSON: ${(error as Error).message} [JSON_MALFORMED]`);
  }
  const parsed = lexiconSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") : "";
    throw new UsageError(`${path}: ${where}: ${first?.message ?? "invalid lexicon"} [LEXICON_INVALID]`);
  }
  return buildLexicon(parsed.data);
}

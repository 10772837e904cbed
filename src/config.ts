/**
 * A committed config file for curated projects: the inputs (each with its
 * preset, source or column map) and every option a flag also sets. Paths are
 * relative to the file. Checked with zod; the first problems are reported
 * with their place: `reconcile.json: inputs[1].preset: expected one of …`.
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { CLAIM_FIELDS } from "./claims/fields.js";
import { GRADES } from "./claims/grade.js";
import { UsageError } from "./errors.js";
import { ENCODINGS } from "./read/index.js";
import { FAIL_ON } from "./exit-code.js";
import { BUILT_IN_LEXICONS } from "./figures/lexicon.js";
import { MATCH_MODES } from "./group/matcher.js";
import { PRESETS } from "./presets/index.js";
import { INPUT_FORMATS } from "./read/formats.js";
import { OUTPUT_FORMATS } from "./report/index.js";
import { readJsonFile, zodPath } from "./util/option-file.js";

export const CONFIG_FILE = "reconcile.json";

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `expected one of ${values.join(", ")}, got ${JSON.stringify(issue.input)}` });

const presetNames = [...PRESETS.keys()] as [string, ...string[]];

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    inputs: z
      .array(
        z.strictObject({
          path: z.string().min(1).describe("a claims file, relative to this config file"),
          preset: oneOf(presetNames).optional().describe("read it as a dataset export"),
          source: z.string().min(1).optional().describe("source name for a file without a source column"),
          map: z.partialRecord(oneOf(CLAIM_FIELDS), z.string().min(1)).optional().describe("the tool's fields → this file's column names"),
          format: oneOf(INPUT_FORMATS).optional().describe("the file's format, when its extension does not say"),
          delimiter: z.string().length(1).optional().describe("the CSV delimiter, when it is not sniffed right"),
          encoding: oneOf(ENCODINGS).optional().describe("the file's encoding, when it is not UTF-8"),
          sheet: z.string().min(1).optional().describe("the sheet of an .xlsx workbook (default: the first)"),
        }),
      )
      .min(1, "expected at least one input")
      .optional(),
    dateWindow: z.number().int().min(0).optional().describe("let dates this many days apart meet"),
    dateOrder: oneOf(["day-first", "month-first"] as const).optional().describe("how numeric dates such as 01/09/2016 read"),
    withinKm: z.number().min(0).max(1000).optional().describe("where both claims give coordinates: places this close (km) meet whatever their names"),
    match: oneOf(MATCH_MODES).optional(),
    threshold: z.number().min(0).max(1).optional().describe("with match fuzzy: the least similarity of two names that meet"),
    tolerance: z.number().min(0).max(1).optional().describe("pairs apart by at most this share (0.05 for 5%) read as compatible"),
    minGrade: oneOf(GRADES).optional().describe("set aside incidents a dataset graded below this (Airwars' assessment)"),
    places: z.string().optional().describe("a gazetteer file"),
    lexicon: z.string().optional().describe(`${BUILT_IN_LEXICONS.join(" or ")}, or a lexicon file`),
    sameSource: z.record(z.string(), z.string()).optional().describe("source → the source it counts as"),
    sources: z.string().optional().describe("a source table file (source, same_as)"),
    failOn: oneOf(FAIL_ON).optional(),
    maxRejects: z.number().int().min(0).optional().describe("with rejects: fail (exit 1) when more than this many rows are rejected"),
    format: oneOf(OUTPUT_FORMATS).optional(),
    output: z.string().optional(),
    rejects: z.string().optional(),
    baseline: z.string().optional().describe("the baseline file of known findings (reconcile baseline writes it)"),
  })
  .describe("reconcile config: the inputs of a curated dataset and the options to check it with");

export type Config = z.infer<typeof configSchema>;

/** The config file's JSON Schema, as published in docs/config.schema.json. */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { target: "draft-2020-12" });
}

/** Read and check a config file; paths in it become paths from the working directory. */
export function loadConfig(file: string): Config {
  const raw = readJsonFile(file, "CONFIG_INVALID", "cannot read the config file");
  // "__proto__" is data in JSON (an own key) but zod's records pass over it: a map naming it is
  // refused here, and a sameSource entry keyed by it is kept from the raw JSON.
  const plain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (plain(raw) && Array.isArray(raw["inputs"])) {
    raw["inputs"].forEach((input: unknown, k) => {
      if (plain(input) && plain(input["map"]) && Object.keys(input["map"]).includes("__proto__")) {
        throw new UsageError(`${file}: inputs[${k}].map: "__proto__" is not a field of a claim [CONFIG_INVALID]`);
      }
    });
  }
  const rawSameSource = plain(raw) && plain(raw["sameSource"]) ? Object.entries(raw["sameSource"]) : undefined;
  for (const [key, value] of rawSameSource ?? []) {
    if (typeof value !== "string") throw new UsageError(`${file}: sameSource.${key}: expected the name of a source, got ${JSON.stringify(value)} [CONFIG_INVALID]`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `${file}: ${zodPath(i.path)}: ${i.message} [CONFIG_INVALID]`);
    // One problem a line, each with its code: the last line's code is the error's.
    throw new UsageError(lines.join("\nreconcile: ") as `${string} [CONFIG_INVALID]`);
  }
  const base = dirname(file);
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const c = parsed.data;
  return {
    ...c,
    ...(rawSameSource !== undefined && { sameSource: Object.fromEntries(rawSameSource) as Record<string, string> }),
    ...(c.inputs && { inputs: c.inputs.map((i) => ({ ...i, path: at(i.path) })) }),
    ...(c.places !== undefined && { places: at(c.places) }),
    ...(c.sources !== undefined && { sources: at(c.sources) }),
    ...(c.lexicon !== undefined && !(BUILT_IN_LEXICONS as readonly string[]).includes(c.lexicon) && { lexicon: at(c.lexicon) }),
    ...(c.output !== undefined && { output: at(c.output) }),
    ...(c.rejects !== undefined && { rejects: at(c.rejects) }),
    ...(c.baseline !== undefined && { baseline: at(c.baseline) }),
  };
}

import { readOptionText } from "../util/option-file.js";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { fingerprint, foldPlace, sameVariant, skeleton } from "./place-name.js";

/**
 * A gazetteer: places with their other names (any script) and the place each
 * lies in (town → district → governorate → country). It overrides the
 * built-in matching: names it knows resolve to its places, and two of its
 * places are never merged however alike their names look.
 */
export interface GazetteerPlace {
  id: string;
  name: string;
  aliases: string[];
  parent?: string;
  level?: string;
}

export interface Gazetteer {
  places: Map<string, GazetteerPlace>;
  /** Folded name or alias → place ids having it. */
  byName: Map<string, string[]>;
  /** Fingerprint of a name or alias → place ids, looked at only when the folded name says nothing. */
  byFingerprint: Map<string, string[]>;
  /** Skeleton → place ids, for variant spellings of its names. */
  bySkeleton: Map<string, string[]>;
}

const placeSchema = z.strictObject({
  id: z.string().trim().min(1).optional(),
  name: z.string({ error: "expected a place name" }).trim().min(1, "expected a place name"),
  aliases: z.union([z.array(z.string().trim().min(1)), z.string()]).optional(),
  parent: z.string().trim().optional(),
  level: z.string().trim().optional(),
});

function fail(path: string, where: string, message: string): never {
  throw new UsageError(`${path}${where}: ${message} [PLACES_INVALID]`);
}

function splitAliases(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  return value
    .split(/[|;]/)
    .map((a) => a.trim())
    .filter((a) => a !== "");
}

/** Read a gazetteer from CSV (name, aliases split on | or ;, parent, level, id) or JSON. */
export function loadGazetteer(path: string): Gazetteer {
  let text: string;
  try {
    text = readOptionText(path);
  } catch (error) {
    fail(path, "", `cannot read the gazetteer file (${(error as Error).message})`);
  }
  let rows: Array<{ where: string; value: unknown }>;
  if (extname(path).toLowerCase() === ".json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      fail(path, "", `not valid JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(data) ? data : (data as { places?: unknown })?.places;
    if (!Array.isArray(list)) fail(path, "", 'expected an array of places or {"places": [...]}');
    rows = list.map((value, i) => ({ where: `: [${i}]`, value }));
  } else {
    let records: Array<Record<string, string>>;
    let header: string[] = [];
    try {
      records = parse(text, { columns: (h: string[]) => (header = h.map((c) => c.trim().toLowerCase())), bom: true, skip_empty_lines: true, info: false });
    } catch (error) {
      fail(path, "", `not valid CSV: ${(error as Error).message}`);
    }
    // A file without a name column names no place: the wrong file, or a header misspelt.
    if (!header.includes("name")) fail(path, ":1", `expected a "name" column (and optionally aliases, parent, level, id), got ${header.length === 0 ? "no header" : header.map((c) => `"${c}"`).join(", ")}`);
    rows = records.map((r, i) => ({
      where: `:${i + 2}`,
      value: Object.fromEntries(Object.entries(r).filter(([, v]) => v !== "")),
    }));
  }
  const places = new Map<string, GazetteerPlace>();
  const parentRefs: Array<{ id: string; parent: string; where: string }> = [];
  for (const { where, value } of rows) {
    const parsed = placeSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail(path, where, `${issue.path.length > 0 ? `column "${issue.path.join(".")}": ` : ""}${issue.message}`);
    }
    const p = parsed.data;
    const id = p.id ?? p.name;
    if (places.has(id)) fail(path, where, `the place "${id}" is listed twice (give each an id to tell them apart)`);
    places.set(id, {
      id,
      name: p.name,
      aliases: splitAliases(p.aliases),
      ...(p.parent !== undefined && p.parent !== "" && { parent: p.parent }),
      ...(p.level !== undefined && p.level !== "" && { level: p.level.toLowerCase() }),
    });
    if (p.parent) parentRefs.push({ id, parent: p.parent, where });
  }
  // Parents may be given by id or by name; each must be a place of the gazetteer, and no place may lie in itself.
  const byPlainName = new Map<string, string>();
  for (const p of places.values()) if (!byPlainName.has(p.name)) byPlainName.set(p.name, p.id);
  for (const { id, parent, where } of parentRefs) {
    const parentId = places.has(parent) ? parent : byPlainName.get(parent);
    if (parentId === undefined) fail(path, where, `column "parent": expected a place of this gazetteer, got "${parent}"`);
    places.get(id)!.parent = parentId;
  }
  for (const start of places.values()) {
    const seen = new Set<string>();
    let at: GazetteerPlace | undefined = start;
    while (at?.parent !== undefined) {
      if (seen.has(at.id)) fail(path, "", `the places around "${start.name}" lie in each other in a circle`);
      seen.add(at.id);
      at = places.get(at.parent);
    }
  }
  const byName = new Map<string, string[]>();
  const byFingerprint = new Map<string, string[]>();
  const bySkeleton = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(id)) list.push(id);
    map.set(key, list);
  };
  for (const p of places.values()) {
    for (const n of [p.name, ...p.aliases]) {
      add(byName, foldPlace(n), p.id);
      add(byFingerprint, fingerprint(n), p.id);
      add(bySkeleton, skeleton(n), p.id);
    }
  }
  return { places, byName, byFingerprint, bySkeleton };
}

export type Resolution = { id: string; how: "name" | "alias" | "variant" };

/**
 * The gazetteer place a name means: by its name or an alias (folded), else by
 * a variant spelling of one; nothing when none or several places fit.
 */
export function resolvePlace(g: Gazetteer, name: string, allowVariants: boolean): Resolution | undefined {
  // A place's own spelling first: "Tal Rifaat" is the place of that name even if "Tel Rifaat" folds to it too.
  for (const [map, key] of [
    [g.byName, foldPlace(name)],
    [g.byFingerprint, fingerprint(name)],
  ] as const) {
    const ids = map.get(key);
    if (ids?.length === 1) {
      const place = g.places.get(ids[0]!)!;
      const how = foldPlace(place.name) === key || fingerprint(place.name) === key ? "name" : "alias";
      return { id: ids[0]!, how };
    }
    if (ids !== undefined && ids.length > 1) return undefined;
  }
  if (!allowVariants) return undefined;
  const candidates = (g.bySkeleton.get(skeleton(name)) ?? []).filter((id) => {
    const p = g.places.get(id)!;
    return [p.name, ...p.aliases].some((n) => sameVariant(n, name));
  });
  return candidates.length === 1 ? { id: candidates[0]!, how: "variant" } : undefined;
}

/** The place and every place it lies in, nearest first. */
export function ancestry(g: Gazetteer, id: string): GazetteerPlace[] {
  const chain: GazetteerPlace[] = [];
  let at = g.places.get(id);
  while (at !== undefined) {
    chain.push(at);
    at = at.parent !== undefined ? g.places.get(at.parent) : undefined;
  }
  return chain;
}

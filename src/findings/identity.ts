import { createHash } from "node:crypto";
import path from "node:path";
import type { Claim } from "../claims/claim.js";

/**
 * A claim as a baseline or a reviewed decision names it: its id, and a short fingerprint of what it
 * says (source, place, date, measure, figure). A claim edited after it was named keeps its id but not
 * its fingerprint, so what was said of it is known to be stale, not applied to different data.
 */
export interface ClaimRef {
  id: string;
  fingerprint: string;
  /** For a claim named by what it says: where it stood (file:line) when named, for the reader. */
  at?: string;
}

function shortHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 8);
}

/** What a claim says, as 8 hex digits: its source, place, date, outcome, victims and figure as written. */
export function fingerprint(c: Claim): string {
  return shortHash([c.source, c.location, c.date.text, c.outcome, c.victims, c.figure.rule === "none" ? "" : c.figure.raw]);
}

/**
 * A claim as a baseline or a decision names it. A claim whose id is its place in the file (`file:line`,
 * the default for rows without an id) is named by what it says instead (`~` and its fingerprint, with
 * the measure a cell of several counts gave it): its line moves when a row is added above it, and its
 * path is however the file was given (a config's absolute path differs on every checkout).
 */
export function claimRef(c: Claim, folder?: string): ClaimRef {
  const print = fingerprint(c);
  const rest = positionalRest(c);
  if (rest === undefined) return { id: c.id, fingerprint: print };
  // Where it stood, for the reader: its file named from the baseline's folder, as rows' files are.
  return { id: `~${print}${rest}`, fingerprint: print, at: folder === undefined ? c.id : `${fileName(c.file, folder)}:${c.line}${rest}` };
}

/**
 * Where a claim's id is its place in the file (`file:line`, the default for a row without an id, or
 * `file:line#measure` for a cell of several counts): what follows the place ("" or "#measure").
 * Undefined for an id of the claim's own.
 */
export function positionalRest(c: { id: string; file: string; line: number }): string | undefined {
  const at = `${c.file}:${c.line}`;
  return c.id === at || c.id.startsWith(`${at}#`) ? c.id.slice(at.length) : undefined;
}

/** A rejected row's cells, as 8 hex digits: the row is known by what it holds, wherever it moves in its file. */
export function rowFingerprint(cells: readonly unknown[]): string {
  return shortHash(cells);
}

/** A file as a committed baseline names it: from the working directory, with forward slashes, where it lies under it. */
export function fileName(file: string, cwd: string): string {
  if (file === "stdin") return file;
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
}

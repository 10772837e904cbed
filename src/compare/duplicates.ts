import { isCounted, type Claim } from "../claims/claim.js";
import { measureText } from "../claims/measures.js";
import type { Group } from "../group/group.js";
import { hash } from "../util/hash.js";
import { claimsByRecord } from "./record.js";

/**
 * Two records of one source that look like one event: the same row id read twice (a preset names
 * the second `ID (line N)`), or ids that differ only by formatting (SDF0037 / SDF00037: case,
 * punctuation, leading zeros) with the same place, dates and figures. Two records of one source
 * are never one group, so each stays where it is; this names both.
 */
export interface DuplicateFinding {
  id: string;
  kind: "duplicate-record";
  rule: "same-id" | "id-formatting";
  source: string;
  /** The two records, in report order, and the groups they are in. */
  records: [string, string];
  groups: string[];
  text: string;
}

export const DUPLICATE_INFO = {
  "same-id": { title: "one id, two records", description: "A dataset holds two rows under one id." },
  "id-formatting": {
    title: "the same record under two spellings of its id",
    description: "Two ids of one source differ only by case, punctuation or leading zeros, and their rows state the same place, dates and figures.",
  },
} as const satisfies Record<DuplicateFinding["rule"], { title: string; description: string }>;

const REPEAT = / \(line \d+\)$/;

/** An id with its formatting taken out: SDF0037, sdf-37 and SDF00037 are all "sdf37". */
export function idSkeleton(id: string): string {
  return id
    .replace(REPEAT, "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/\d+/g, (digits) => String(Number(digits)))
    .replace(/ /g, "");
}

/** What a record says of where, when and how many: its place, dates and every measure's interval. */
function signature(claims: readonly Claim[]): string {
  const first = claims[0]!;
  const figures = claims
    .filter(isCounted)
    .map((c) => `${measureText(c)}=${c.figure.low}-${c.figure.high ?? ""}`)
    .sort();
  return [first.location.normalize("NFKC").toLowerCase(), first.date.start, first.date.end, ...figures].join("\u0000");
}

interface Seen {
  record: string;
  group: string;
  claims: Claim[];
}

/**
 * Find duplicate records across the report. Only ids of one skeleton are compared. A first pass keeps
 * one 32-bit hash per record; only the records whose hash another record shares (a few) are looked at
 * again, with their keys: a dataset of millions of records is never held as a map of them all.
 */
export function checkDuplicates(groups: readonly Group[]): DuplicateFinding[] {
  const keyOf = (source: string, record: string) => `${source}\u0000${idSkeleton(record)}`;
  let hashes = new Int32Array(1024);
  let n = 0;
  for (const g of groups) {
    for (const { source, record } of claimsByRecord(g.claims)) {
      if (n === hashes.length) {
        const grown = new Int32Array(n * 2);
        grown.set(hashes);
        hashes = grown;
      }
      hashes[n++] = hash(keyOf(source, record));
    }
  }
  const sorted = hashes.slice(0, n).sort();
  const shared = new Set<number>();
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) shared.add(sorted[i]!);
  if (shared.size === 0) return [];
  const bySkeleton = new Map<string, Seen[]>();
  // The records again, in the same order: each one's hash is at its place, so only those that share one are keyed again.
  let k = 0;
  for (const g of groups) {
    for (const { source, record, claims } of claimsByRecord(g.claims)) {
      if (!shared.has(hashes[k++]!)) continue;
      const key = keyOf(source, record);
      const seen = { record, group: g.id, claims };
      const list = bySkeleton.get(key);
      if (list) list.push(seen);
      else bySkeleton.set(key, [seen]);
    }
  }
  const findings: DuplicateFinding[] = [];
  const report = (x: Seen, y: Seen, sameId: boolean): void => {
    const source = x.claims[0]!.source;
    const where = (s: Seen) => `${s.record} (${s.group}, ${s.claims[0]!.location}, ${s.claims[0]!.date.text})`;
    findings.push({
      id: "",
      kind: "duplicate-record",
      rule: sameId ? "same-id" : "id-formatting",
      source,
      records: [x.record, y.record],
      groups: x.group === y.group ? [x.group] : [x.group, y.group],
      text: sameId
        ? `${source} has two records under one id: ${where(x)} and ${where(y)}`
        : `${source} records ${where(x)} and ${where(y)} differ only in how their ids are written, and state the same place, dates and figures`,
    });
  };
  // Each later record is named beside the first of its kind, so n copies give n - 1 findings, not n².
  for (const list of bySkeleton.values()) {
    if (list.length < 2) continue;
    const firstOfId = new Map<string, Seen>();
    const firstOfSignature = new Map<string, Seen>();
    for (const s of list) {
      const base = s.record.replace(REPEAT, "");
      const earlier = firstOfId.get(base);
      if (earlier !== undefined) {
        report(earlier, s, true);
        continue;
      }
      firstOfId.set(base, s);
      const sig = signature(s.claims);
      const same = firstOfSignature.get(sig);
      if (same !== undefined) report(same, s, false);
      else firstOfSignature.set(sig, s);
    }
  }
  return findings;
}

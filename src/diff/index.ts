/**
 * What changed between two runs, from their JSON reports: claims added, removed and changed, groups
 * whose status or consensus moved, and conflicts that are new, resolved or worse. A pull request
 * that edits 40 rows gets a list of what those edits did, not two reports to compare by eye.
 */
import { formatInterval } from "../figures/interval.js";
import { positionalRest } from "../findings/identity.js";

export interface ClaimJson {
  id: string;
  source: string;
  figure: string;
  low: number | null;
  high: number | null;
  outcome: string;
  victims: string;
  location: string;
  date: string;
  file: string;
  line: number;
}

interface ConsensusJson {
  outcome: string;
  victims: string;
  low: number;
  high: number | null;
}

interface FindingJson {
  kind: string;
  a: string;
  b: string;
  gap?: number;
  text: string;
}

interface GroupJson {
  id: string;
  location: string;
  date: string;
  status: string;
  consensus: ConsensusJson[];
  claims: ClaimJson[];
  findings: FindingJson[];
}

/** A JSON report as `reconcile --format json` writes it (the fields the diff reads). */
export interface ReportJson {
  summary: object;
  groups: GroupJson[];
}

export interface ReportDiff {
  claims: {
    added: ClaimJson[];
    removed: ClaimJson[];
    changed: Array<{ id: string; changes: Array<{ field: string; old: string; new: string }> }>;
  };
  /** Groups of the new run whose status or consensus differs from the old group holding most of their claims. */
  groups: Array<{ old: string; new: string; where: string; status?: { old: string; new: string }; consensus?: { old: string; new: string } }>;
  conflicts: {
    new: Array<{ claims: [string, string]; text: string }>;
    resolved: Array<{ claims: [string, string]; text: string }>;
    worse: Array<{ claims: [string, string]; text: string; was: string }>;
  };
}

/** Is a report what `reconcile --format json` writes? */
export function isReportJson(value: unknown): value is ReportJson {
  return typeof value === "object" && value !== null && "summary" in value && Array.isArray((value as { groups?: unknown }).groups);
}

const FIELDS = ["source", "figure", "outcome", "victims", "location", "date"] as const;

/** A claim's identity across the runs: its id, or, where its id is its place in the file (file:line), what it says. */
function claimKey(c: ClaimJson): string {
  const rest = positionalRest(c);
  return rest === undefined ? c.id : `~${JSON.stringify(FIELDS.map((f) => c[f]))}${rest}`;
}

const consensusText = (list: readonly ConsensusJson[]) => list.map((m) => `${m.outcome}${m.victims === "all" ? "" : ` ${m.victims}`} ${formatInterval(m)}`).join("; ") || "none";

/**
 * Every claim's key in a report, in report order: a key met again (a dataset holding one id twice, as
 * Airwars' TS631 is) is told apart by its count, so the second claim is never taken for the first.
 */
function keysOf(report: ReportJson): Map<ClaimJson, string> {
  const keys = new Map<ClaimJson, string>();
  const seen = new Map<string, number>();
  for (const g of report.groups) {
    for (const c of g.claims) {
      const key = claimKey(c);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      keys.set(c, n === 1 ? key : `${key}\u0000${n}`);
    }
  }
  return keys;
}

/** Conflicting pairs by the keys of their two claims. */
function conflicts(report: ReportJson, keys: ReadonlyMap<ClaimJson, string>): Map<string, { claims: [string, string]; gap: number; text: string }> {
  const byPair = new Map<string, { claims: [string, string]; gap: number; text: string }>();
  for (const g of report.groups) {
    const keyOf = new Map(g.claims.map((c) => [c.id, keys.get(c)!]));
    for (const f of g.findings) {
      if (f.kind !== "conflict") continue;
      const claims = [f.a, f.b].sort() as [string, string];
      const key = [keyOf.get(f.a) ?? f.a, keyOf.get(f.b) ?? f.b].sort().join("\u0000");
      byPair.set(key, { claims, gap: f.gap ?? 0, text: `${g.location}, ${g.date}: ${f.text}` });
    }
  }
  return byPair;
}

export function diffReports(old: ReportJson, now: ReportJson): ReportDiff {
  const [oldKeys, newKeys] = [keysOf(old), keysOf(now)];
  const claimsOf = (r: ReportJson, keys: ReadonlyMap<ClaimJson, string>) => new Map(r.groups.flatMap((g) => g.claims.map((c) => [keys.get(c)!, { c, group: g }] as const)));
  const before = claimsOf(old, oldKeys);
  const after = claimsOf(now, newKeys);
  const diff: ReportDiff = { claims: { added: [], removed: [], changed: [] }, groups: [], conflicts: { new: [], resolved: [], worse: [] } };
  for (const [key, { c }] of after) {
    const was = before.get(key);
    if (was === undefined) {
      diff.claims.added.push(c);
      continue;
    }
    const changes = FIELDS.filter((f) => String(was.c[f]) !== String(c[f])).map((f) => ({ field: f, old: String(was.c[f]), new: String(c[f]) }));
    if (changes.length > 0) diff.claims.changed.push({ id: c.id, changes });
  }
  for (const [key, { c }] of before) if (!after.has(key)) diff.claims.removed.push(c);

  for (const g of now.groups) {
    // The old group that held most of this group's claims, the first such in report order.
    const counts = new Map<GroupJson, number>();
    for (const c of g.claims) {
      const was = before.get(newKeys.get(c)!);
      if (was !== undefined) counts.set(was.group, (counts.get(was.group) ?? 0) + 1);
    }
    let match: GroupJson | undefined;
    for (const [og, n] of counts) if (match === undefined || n > counts.get(match)!) match = og;
    if (match === undefined) continue;
    const change: ReportDiff["groups"][number] = { old: match.id, new: g.id, where: `${g.location}, ${g.date}` };
    if (match.status !== g.status) change.status = { old: match.status, new: g.status };
    const [oc, nc] = [consensusText(match.consensus), consensusText(g.consensus)];
    if (oc !== nc) change.consensus = { old: oc, new: nc };
    if (change.status !== undefined || change.consensus !== undefined) diff.groups.push(change);
  }

  const [oldConflicts, newConflicts] = [conflicts(old, oldKeys), conflicts(now, newKeys)];
  for (const [key, f] of newConflicts) {
    const was = oldConflicts.get(key);
    if (was === undefined) diff.conflicts.new.push({ claims: f.claims, text: f.text });
    else if (f.gap > was.gap) diff.conflicts.worse.push({ claims: f.claims, text: f.text, was: was.text });
  }
  for (const [key, f] of oldConflicts) if (!newConflicts.has(key)) diff.conflicts.resolved.push({ claims: f.claims, text: f.text });
  return diff;
}

const claimLine = (c: ClaimJson) => `${c.id}: ${c.source} "${c.figure}" (${c.outcome} ${c.victims}), ${c.location}, ${c.date}`;

/** The diff as text: a heading and a line per change, for a terminal ("table") or a pull-request comment ("markdown"). */
export function diffText(d: ReportDiff, format: "table" | "markdown"): string {
  const md = format === "markdown";
  const out: string[] = [];
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(md ? `### ${title} (${lines.length})\n` : `${title} (${lines.length}):`);
    for (const l of lines) out.push(md ? `- ${l.replace(/([\\`*_[\]|<>])/g, "\\$1")}` : `  ${l}`);
    out.push("");
  };
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  const counts = `claims: ${d.claims.added.length} added, ${d.claims.removed.length} removed, ${d.claims.changed.length} changed; ${n(d.groups.length, "group")} changed; conflicts: ${d.conflicts.new.length} new, ${d.conflicts.worse.length} worse, ${d.conflicts.resolved.length} resolved`;
  out.push(md ? `## reconcile diff\n\n${counts}\n` : `${counts}\n`);
  section("Claims added", d.claims.added.map(claimLine));
  section("Claims removed", d.claims.removed.map(claimLine));
  section("Claims changed", d.claims.changed.map((c) => `${c.id}: ${c.changes.map((x) => `${x.field} ${JSON.stringify(x.old)} → ${JSON.stringify(x.new)}`).join(", ")}`));
  section(
    "Groups changed",
    d.groups.map((g) => `${g.new} (was ${g.old}), ${g.where}: ${[g.status && `status ${g.status.old} → ${g.status.new}`, g.consensus && `consensus ${g.consensus.old} → ${g.consensus.new}`].filter(Boolean).join("; ")}`),
  );
  section("New conflicts", d.conflicts.new.map((c) => c.text));
  section("Worse conflicts", d.conflicts.worse.map((c) => `${c.text} (was: ${c.was})`));
  section("Resolved conflicts", d.conflicts.resolved.map((c) => c.text));
  return `${out.join("\n").trimEnd()}\n`;
}

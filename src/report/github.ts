import path from "node:path";
import type { Claim } from "../claims/claim.js";
import { atLeast, explainFinding, type Status } from "../compare/findings.js";
import { KIND_INFO, type ReportFinding } from "../findings/index.js";
import type { ReconciledGroup, ReconcileResult } from "../index.js";

export interface GithubOptions {
  /** The status from which a finding fails the run (--fail-on; default conflict): only those are annotated. */
  failOn?: Exclude<Status, "single" | "agree">;
  /** Claims' files are named from here, as GitHub places annotations: by their path in the repository. */
  cwd?: string;
}

/** A workflow command's message: GitHub reads %, CR and LF escaped. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value: as a message, and its , and : too. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * The report as GitHub Actions workflow commands: for each finding that fails the run (worth `failOn`,
 * conflict by default), an error at the file and line of every claim it involves
 * (`::error file=claims.csv,line=12,title=…::…`), so that a pull request shows each conflict on the rows
 * that make it. A claim in several such findings of one group has one line naming them all.
 */
export function* githubChunks(result: ReconcileResult, options: GithubOptions = {}): Iterable<string> {
  const threshold = options.failOn ?? "conflict";
  const cwd = options.cwd ?? process.cwd();
  const where = (c: Claim): string => {
    if (c.file === "stdin") return "";
    const relative = path.relative(cwd, path.resolve(cwd, c.file));
    const file = relative.startsWith("..") || path.isAbsolute(relative) ? c.file : relative.split(path.sep).join("/");
    return `file=${escapeProperty(file)},line=${c.line},`;
  };
  const line = (c: Claim, title: string, message: string): string => `::error ${where(c)}title=${escapeProperty(title)}::${escapeData(`${c.id}: ${message}`)}\n`;

  for (const g of result.groups) {
    if (!atLeast(g.status, threshold)) continue;
    // Per claim, the group's failing findings it takes part in: one line each claim.
    const of = new Map<Claim, string[]>();
    for (const f of g.findings) {
      if (!atLeast(f.kind, threshold)) continue;
      for (const c of [f.x, f.y]) of.set(c, [...(of.get(c) ?? []), explainFinding(f)]);
    }
    for (const c of g.claims) {
      const texts = of.get(c);
      if (texts !== undefined) yield line(c, `reconcile: ${g.id} ${g.status}`, `${g.location}, ${g.date}: ${texts.join("; ")}`);
    }
  }

  const groups = new Map(result.groups.map((g) => [g.id, g]));
  for (const f of result.findings) {
    if (!atLeast(KIND_INFO[f.kind].severity, threshold)) continue;
    for (const c of involved(f, groups)) yield line(c, `reconcile: ${f.id} ${KIND_INFO[f.kind].title}`, f.text);
  }
}

/** The claims a finding over groups rests on: the measure's claims of each group it names, or a record's. */
function involved(f: ReportFinding, groups: ReadonlyMap<string, ReconciledGroup>): Claim[] {
  const claimsOf = (id: string) => groups.get(id)?.claims ?? [];
  switch (f.kind) {
    case "containment": {
      const sides = [f.whole, ...f.parts];
      return sides.flatMap(({ group, measure }) => {
        const all = claimsOf(group);
        const measured = all.filter((c) => c.outcome === measure.outcome && c.victims === measure.victims);
        return measured.length > 0 ? measured : all;
      });
    }
    case "record-inconsistent":
      return claimsOf(f.group).filter((c) => c.source === f.source && c.record === f.record);
    case "duplicate-record":
      return f.groups.flatMap(claimsOf).filter((c) => c.source === f.source && c.record !== undefined && f.records.includes(c.record));
  }
}

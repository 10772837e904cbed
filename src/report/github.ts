import type { Claim } from "../claims/claim.js";
import { atLeast, explainFinding, type Status } from "../compare/findings.js";
import { fileName } from "../findings/identity.js";
import { claimsOfFinding, KIND_INFO } from "../findings/index.js";
import { formatIssue } from "../errors.js";
import type { ReconcileResult, RejectedRow } from "../index.js";

export interface GithubOptions {
  /** The status from which a finding fails the run (--fail-on; default conflict): only those are annotated. */
  failOn?: Exclude<Status, "single" | "agree">;
  /** Claims' files are named from here, as GitHub places annotations: by their path in the repository. */
  cwd?: string;
  /** With a baseline: the findings that fail the run (new or worse); the others are known, and not annotated. */
  failing?: ReadonlySet<object>;
  /** Rejected rows that fail the run (new since the baseline, or past --max-rejects): each annotated at its line. */
  rows?: readonly RejectedRow[];
  /** Why else the run fails, with no line of its own (stale baseline entries, the rejects limit). */
  messages?: readonly string[];
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
  const where = (c: Claim): string => (c.file === "stdin" ? "" : `file=${escapeProperty(fileName(c.file, cwd))},line=${c.line},`);
  const line = (c: Claim, title: string, message: string): string => `::error ${where(c)}title=${escapeProperty(title)}::${escapeData(`${c.id}: ${message}`)}\n`;

  for (const g of result.groups) {
    if (!atLeast(g.status, threshold)) continue;
    // Per claim, the group's failing findings it takes part in: one line each claim.
    const of = new Map<Claim, string[]>();
    for (const f of g.findings) {
      if (!atLeast(f.kind, threshold)) continue;
      if (options.failing !== undefined && !options.failing.has(f)) continue;
      for (const c of [f.x, f.y]) of.set(c, [...(of.get(c) ?? []), explainFinding(f)]);
    }
    for (const c of g.claims) {
      const texts = of.get(c);
      if (texts !== undefined) yield line(c, `reconcile: ${g.id} ${g.status}`, `${g.location}, ${g.date}: ${texts.join("; ")}`);
    }
  }

  for (const r of options.rows ?? []) {
    const where = r.file === "stdin" ? "" : `file=${escapeProperty(fileName(r.file, cwd))},line=${r.line},`;
    yield `::error ${where}title=${escapeProperty("reconcile: rejected row")}::${escapeData(r.issues.map(formatIssue).join("; "))}\n`;
  }
  for (const m of options.messages ?? []) yield `::error title=${escapeProperty("reconcile")}::${escapeData(m)}\n`;

  const groups = new Map(result.groups.map((g) => [g.id, g]));
  for (const f of result.findings) {
    if (!atLeast(KIND_INFO[f.kind].severity, threshold)) continue;
    if (options.failing !== undefined && !options.failing.has(f)) continue;
    for (const c of claimsOfFinding(f, groups)) yield line(c, `reconcile: ${f.id} ${KIND_INFO[f.kind].title}`, f.text);
  }
}

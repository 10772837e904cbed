import type { Claim } from "../claims/claim.js";
import { issueMessage } from "../errors.js";
import type { ContainmentFinding } from "../compare/containment.js";
import type { ReconciledGroup, ReconcileResult, RejectedRow } from "../index.js";

export function containmentRecord(f: ContainmentFinding) {
  return { id: f.id, kind: f.kind, rule: f.rule, whole: f.whole, parts: f.parts, explanation: f.explanation };
}

/** The JSON shape of one claim in the report (also the order of the CSV's claim columns). */
export function claimRecord(c: Claim, outlier: boolean, supersededBy?: string) {
  return {
    id: c.id,
    source: c.source,
    figure: c.figure.raw,
    low: c.figure.low,
    high: c.figure.high,
    best: c.figure.best,
    rule: c.figure.rule,
    outcome: c.outcome,
    victims: c.victims,
    location: c.location,
    ...(c.country !== undefined && { country: c.country }),
    ...(c.admin1 !== undefined && { admin1: c.admin1 }),
    ...(c.admin2 !== undefined && { admin2: c.admin2 }),
    date: c.date.text,
    ...(c.event !== undefined && { event: c.event }),
    ...(c.scope !== undefined && { scope: c.scope }),
    ...(c.reported_at !== undefined && { reported_at: c.reported_at }),
    ...(c.url !== undefined && { url: c.url }),
    ...(c.quote !== undefined && { quote: c.quote }),
    ...(c.notes !== undefined && { notes: c.notes }),
    ...(Object.keys(c.extra).length > 0 && { extra: { ...c.extra } }),
    file: c.file,
    line: c.line,
    outlier,
    ...(supersededBy !== undefined && { superseded_by: supersededBy }),
  };
}

/** The containment findings a group takes part in, as the whole or as a part. */
export function containmentOf(g: ReconciledGroup, all: readonly ContainmentFinding[]): ContainmentFinding[] {
  return all.filter((f) => f.whole.group === g.id || f.parts.some((p) => p.group === g.id));
}

export function groupRecord(g: ReconciledGroup, containment: readonly ContainmentFinding[] = []) {
  return {
    id: g.id,
    event: g.event ?? null,
    location: g.location,
    date: g.date,
    status: g.status,
    consensus: g.consensus.map((c) => ({ outcome: c.outcome, victims: c.victims, low: c.low, high: c.high })),
    match_reason: g.reasons,
    ...(g.tie && { tie: true }),
    ...(g.notes.length > 0 && { notes: g.notes }),
    claims: g.claims.map((c, i) => claimRecord(c, g.outlier[i]!, g.supersededBy[i])),
    findings: g.findings.map((f) => ({ kind: f.kind, a: f.a, b: f.b, relation: f.relation, explanation: f.explanation })),
    ...(containment.length > 0 && { containment: containmentOf(g, containment).map((f) => ({ id: f.id, rule: f.rule, explanation: f.explanation })) }),
  };
}

export function rejectedRecord(r: RejectedRow) {
  const row: Record<string, unknown> = Object.create(null);
  r.columns.forEach((name, i) => {
    if (i < r.cells.length) row[name] = r.cells[i];
  });
  return {
    file: r.file,
    line: r.line,
    code: r.issues[0]!.code,
    message: r.issues.map(issueMessage).join("; "),
    row,
  };
}

export function reportRecord(result: ReconcileResult) {
  return {
    summary: result.summary,
    groups: result.groups.map((g) => groupRecord(g, result.containment)),
    containment: result.containment.map(containmentRecord),
    rejected: result.rejected.map(rejectedRecord),
  };
}

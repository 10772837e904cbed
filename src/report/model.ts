import type { Claim } from "../claims/claim.js";
import { issueMessage } from "../errors.js";
import type { ReconciledGroup, ReconcileResult, RejectedRow } from "../index.js";

/** The JSON shape of one claim in the report (also the order of the CSV's claim columns). */
export function claimRecord(c: Claim, outlier: boolean) {
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
    ...(c.reported_at !== undefined && { reported_at: c.reported_at }),
    ...(c.url !== undefined && { url: c.url }),
    ...(c.quote !== undefined && { quote: c.quote }),
    ...(c.notes !== undefined && { notes: c.notes }),
    ...(Object.keys(c.extra).length > 0 && { extra: { ...c.extra } }),
    file: c.file,
    line: c.line,
    outlier,
  };
}

export function groupRecord(g: ReconciledGroup) {
  return {
    id: g.id,
    event: g.event ?? null,
    location: g.location,
    date: g.date,
    status: g.status,
    consensus: g.consensus.map((c) => ({ outcome: c.outcome, victims: c.victims, low: c.low, high: c.high })),
    match_reason: g.reasons,
    ...(g.tie && { tie: true }),
    claims: g.claims.map((c, i) => claimRecord(c, g.outlier[i]!)),
    findings: g.findings.map((f) => ({ kind: f.kind, a: f.a, b: f.b, relation: f.relation, explanation: f.explanation })),
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
    groups: result.groups.map(groupRecord),
    rejected: result.rejected.map(rejectedRecord),
  };
}

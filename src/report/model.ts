import type { Claim } from "../claims/claim.js";
import { issueMessage } from "../errors.js";
import type { ContainmentFinding } from "../compare/containment.js";
import { explainFinding } from "../compare/findings.js";
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
    ...(c.within !== undefined && { within: c.within }),
    ...(c.record !== undefined && { record: c.record }),
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

/** Group id → the containment findings it takes part in, as the whole or as a part. */
export function containmentIndex(all: readonly ContainmentFinding[]): Map<string, ContainmentFinding[]> {
  const index = new Map<string, ContainmentFinding[]>();
  const add = (group: string, f: ContainmentFinding) => {
    const list = index.get(group);
    if (list === undefined) index.set(group, [f]);
    else if (list[list.length - 1] !== f) list.push(f);
  };
  for (const f of all) {
    add(f.whole.group, f);
    for (const p of f.parts) add(p.group, f);
  }
  return index;
}

export function groupRecord(g: ReconciledGroup, containment: ReadonlyMap<string, ContainmentFinding[]> = new Map()) {
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
    findings: g.findings.map((f) => {
      const gap = f.gap;
      return {
        kind: f.kind,
        a: f.a,
        b: f.b,
        relation: f.relation,
        ...(gap !== undefined && { gap: gap.absolute, relative_gap: Math.round(gap.relative * 10000) / 10000 }),
        ...(f.tolerance !== undefined && { tolerance: f.tolerance }),
        explanation: explainFinding(f),
      };
    }),
    ...(containment.size > 0 && { containment: (containment.get(g.id) ?? []).map((f) => ({ id: f.id, rule: f.rule, explanation: f.explanation })) }),
  };
}

export function rejectedRecord(r: RejectedRow) {
  const row: Record<string, unknown> = Object.create(null);
  r.columns.forEach((name, i) => {
    if (i < r.cells.length) row[name] = r.cells[i];
  });
  // A ragged row's cells past the header are kept too, under the place they stood.
  for (let i = r.columns.length; i < r.cells.length; i++) row[`(cell ${i + 1})`] = r.cells[i];
  return {
    file: r.file,
    line: r.line,
    code: r.issues[0]!.code,
    message: r.issues.map(issueMessage).join("; "),
    row,
  };
}

export function reportRecord(result: ReconcileResult) {
  const containment = containmentIndex(result.containment);
  return {
    summary: result.summary,
    groups: result.groups.map((g) => groupRecord(g, containment)),
    containment: result.containment.map(containmentRecord),
    rejected: result.rejected.map(rejectedRecord),
  };
}

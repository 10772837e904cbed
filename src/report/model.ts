import { bareRecord } from "../util/word-table.js";
import type { Claim } from "../claims/claim.js";
import { issueMessage } from "../errors.js";
import { explainFinding } from "../compare/findings.js";
import { findingsByGroup, type ReportFinding } from "../findings/index.js";
import type { ReconciledGroup, ReconcileResult, RejectedRow } from "../index.js";

/** The JSON shape of a report finding: its fields as they are (id, kind, rule, then what the kind holds), the sentence last as `text`. */
export function findingRecord(f: ReportFinding) {
  const { text, ...fields } = f;
  return { ...fields, text };
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
    ...(c.figure.rule !== "none" && c.figure.qualifier !== undefined && { qualifier: c.figure.qualifier }),
    outcome: c.outcome,
    victims: c.victims,
    ...(c.within !== undefined && { within: c.within }),
    ...(c.record !== undefined && { record: c.record }),
    location: c.location,
    ...(c.country !== undefined && { country: c.country }),
    ...(c.admin1 !== undefined && { admin1: c.admin1 }),
    ...(c.admin2 !== undefined && { admin2: c.admin2 }),
    ...(c.latitude !== undefined && { latitude: c.latitude, longitude: c.longitude }),
    ...(c.precisionKm !== undefined && { precision_km: c.precisionKm }),
    ...(c.coordinatesNote !== undefined && { coordinates_note: c.coordinatesNote }),
    date: c.date.text,
    ...(c.event !== undefined && { event: c.event }),
    ...(c.scope !== undefined && { scope: c.scope }),
    ...(c.perpetrator !== undefined && { perpetrator: c.perpetrator }),
    ...(c.actors !== undefined && { actors: c.actors }),
    ...(c.grade !== undefined && { grade: c.grade }),
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

export function groupRecord(g: ReconciledGroup, across: ReadonlyMap<string, ReportFinding[]> = new Map()) {
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
        text: explainFinding(f),
      };
    }),
    ...(across.size > 0 && { report_findings: (across.get(g.id) ?? []).map((f) => ({ id: f.id, kind: f.kind, rule: f.rule, text: f.text })) }),
  };
}

export function rejectedRecord(r: RejectedRow) {
  const row = bareRecord<unknown>();
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
    ...(r.claims !== undefined && { claims: r.claims }),
    row,
  };
}

export function reportRecord(result: ReconcileResult) {
  const across = findingsByGroup(result.findings);
  return {
    summary: result.summary,
    groups: result.groups.map((g) => groupRecord(g, across)),
    findings: result.findings.map(findingRecord),
    ...(result.setAside.length > 0 && { set_aside: result.setAside.map((c) => claimRecord(c, false)) }),
    rejected: result.rejected.map(rejectedRecord),
  };
}

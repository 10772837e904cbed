import { measureText } from "../claims/measures.js";
import { CONTAINMENT_INFO } from "../compare/containment.js";
import { STATUSES } from "../compare/findings.js";
import { formatInterval } from "../figures/interval.js";
import { formatFigure } from "../figures/read.js";
import type { ReconciledGroup, ReconcileResult } from "../index.js";
import { issueMessage } from "../errors.js";
import { plural, summaryLine } from "./table.js";

/**
 * The report as GitHub-flavoured Markdown, for pasting into an issue or a
 * briefing: the summary, then one table per status (a row per claim), then
 * the containment findings and the rejected rows.
 */

/** A cell's text as Markdown shows it literally: no formatting, no line breaks, no cell-ending pipes. */
export function markdownCell(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/[\\`*_[\]<>|#~]/g, (ch) => `\\${ch}`)
    .trim();
}

function table(header: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const CLAIM_COLUMNS = ["group", "place", "date", "consensus", "note", "source", "figure", "read as", "measure", "id"] as const;

function claimRows(g: ReconciledGroup): string[][] {
  const consensus = g.status === "single" ? "" : g.consensus.map((m) => `${measureText(m)} ${formatInterval(m)}`).join("; ");
  return g.claims.map((c, i) => {
    const first = i === 0;
    const flag = g.outlier[i] ? "✗ outlier" : g.supersededBy[i] !== undefined ? `↻ superseded by ${g.supersededBy[i]}` : "";
    return [
      first ? `**${markdownCell(g.id)}**` : markdownCell(g.id),
      first ? markdownCell(g.location) : "",
      first ? markdownCell(g.date) : "",
      first ? markdownCell(consensus) : "",
      markdownCell(flag),
      markdownCell(c.source),
      markdownCell(c.figure.raw),
      markdownCell(formatFigure(c.figure)),
      markdownCell(measureText(c)),
      markdownCell(c.id),
    ];
  });
}

export function renderMarkdown(result: ReconcileResult): string {
  const s = result.summary;
  const out: string[] = ["# Casualty claims reconciled", "", `${markdownCell(summaryLine(result))}.`, ""];
  out.push(
    table(
      ["status", "groups"],
      STATUSES.map((k) => [k, String(s.statuses[k])]),
    ),
    "",
  );
  for (const status of STATUSES) {
    const groups = result.groups.filter((g) => g.status === status);
    if (groups.length === 0) continue;
    out.push(`## ${status[0]!.toUpperCase()}${status.slice(1)} (${plural(groups.length, "group")})`, "");
    out.push(table(CLAIM_COLUMNS, groups.flatMap(claimRows)), "");
  }
  if (result.containment.length > 0) {
    out.push(`## Containment (${plural(result.containment.length, "finding")})`, "");
    for (const f of result.containment) out.push(`- **${markdownCell(f.id)}** ${markdownCell(CONTAINMENT_INFO[f.rule].title)}: ${markdownCell(f.explanation)}`);
    out.push("");
  }
  if (result.rejected.length > 0) {
    out.push(`## Rejected rows (${result.rejected.length})`, "");
    out.push(
      table(
        ["where", "code", "why"],
        result.rejected.map((r) => [markdownCell(`${r.file}:${r.line}`), `\`${r.issues[0]!.code}\``, markdownCell(r.issues.map(issueMessage).join("; "))]),
      ),
      "",
    );
  }
  return out.join("\n");
}

import { measureText } from "../claims/measures.js";
import { KIND_INFO, ruleTitle, sections } from "../findings/index.js";
import { STATUSES } from "../compare/findings.js";
import { formatInterval } from "../figures/interval.js";
import { formatFigure } from "../figures/read.js";
import type { ReconciledGroup, ReconcileResult } from "../index.js";
import { issueMessage } from "../errors.js";
import { oneLine } from "../util/one-line.js";
import { plural, summaryLine } from "./table.js";

/**
 * The report as GitHub-flavoured Markdown, for pasting into an issue or a
 * briefing: the summary, then one table per status (a row per claim), then
 * the containment findings and the rejected rows.
 */

/** A cell's text as Markdown shows it literally: no formatting, no line breaks, no cell-ending pipes. */
export function markdownCell(text: string): string {
  return oneLine(text)
    // & too: "&copy;" or "&lt;b&gt;" in a cell is text, not a character reference.
    .replace(/[\\`*_[\]<>|#~&]/g, (ch) => `\\${ch}`)
    .trim();
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function table(header: readonly string[], rows: readonly string[][]): string {
  return [row(header), row(header.map(() => "---")), ...rows.map(row)].join("\n");
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

/** The Markdown report in chunks (a group's rows at a time), so that a long report is never one string. */
export function* markdownChunks(result: ReconcileResult): Generator<string> {
  const s = result.summary;
  const statusTable = table(
    ["status", "groups"],
    STATUSES.map((k) => [k, String(s.statuses[k])]),
  );
  yield `# Casualty claims reconciled\n\n${markdownCell(summaryLine(result))}.\n\n${statusTable}\n`;
  for (const status of STATUSES) {
    const groups = result.groups.filter((g) => g.status === status);
    if (groups.length === 0) continue;
    yield `\n## ${status[0]!.toUpperCase()}${status.slice(1)} (${plural(groups.length, "group")})\n\n${table(CLAIM_COLUMNS, [])}\n`;
    for (const g of groups) yield `${claimRows(g).map(row).join("\n")}\n`;
  }
  for (const { kind, findings: list } of sections(result.findings)) {
    const items = list.map((f) => `- **${markdownCell(f.id)}** ${markdownCell(ruleTitle(f))}: ${markdownCell(f.text)}`);
    yield `\n## ${KIND_INFO[kind].section} (${plural(list.length, "finding")})\n\n${items.join("\n")}\n`;
  }
  if (result.rejected.length > 0) {
    const rows = result.rejected.map((r) => [markdownCell(`${r.file}:${r.line}`), `\`${r.issues[0]!.code}\``, markdownCell(r.issues.map(issueMessage).join("; "))]);
    yield `\n## Rejected rows (${result.rejected.length})\n\n${table(["where", "code", "why"], rows)}\n`;
  }
}

import { Chalk, type ChalkInstance } from "chalk";
import stringWidth from "string-width";
import { measureText } from "../claims/measures.js";
import { KIND_INFO, REPORT_KINDS, ruleTitle, sections } from "../findings/index.js";
import type { Status } from "../compare/findings.js";
import { formatInterval } from "../figures/interval.js";
import { formatFigure } from "../figures/read.js";
import type { ReconcileResult } from "../index.js";
import { oneLine } from "../util/one-line.js";
import { axisText, barText, plotGroup, tieText, type Tone } from "./plot.js";

export interface TableOptions {
  color: boolean;
  /** Draw each claim's figure as a range bar on its group's axis (for a terminal; plain text has none). */
  bars?: boolean;
}

/** Characters in a range bar. */
export const BAR_WIDTH = 24;

const STATUS_STYLE: Record<Status, (c: ChalkInstance) => ChalkInstance> = {
  conflict: (c) => c.red.bold,
  compatible: (c) => c.yellow,
  agree: (c) => c.green,
  single: (c) => c.dim,
};

const TONE_STYLE: Record<Tone, (c: ChalkInstance) => ChalkInstance> = {
  outlier: (c) => c.red,
  consistent: (c) => c.cyan,
  unresolved: (c) => c.magenta,
  compatible: (c) => c.yellow,
  agree: (c) => c.green,
  single: (c) => c.reset,
  superseded: (c) => c.dim,
  none: (c) => c.dim,
};

/** The text padded to n terminal columns (string-width: colour codes take none, a vowel mark over an Arabic letter none, a CJK letter two). */
function pad(text: string, n: number): string {
  return text + " ".repeat(Math.max(0, n - stringWidth(text)));
}

/** A readable report for a terminal, a group at a time: each group, why it was formed, its claims, and a closing summary. */
export function* tableChunks(result: ReconcileResult, options: TableOptions): Generator<string> {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  for (const g of result.groups) {
    const out: string[] = [];
    const status = STATUS_STYLE[g.status](chalk)(g.status.toUpperCase());
    const title = oneLine([g.location, g.date, g.event].filter(Boolean).join(" · "));
    out.push(`${chalk.bold(g.id)}  ${status}  ${title}`);
    if (g.consensus.length > 0 && g.status !== "single") {
      out.push(`    consensus: ${oneLine(g.consensus.map((m) => `${measureText(m)} ${formatInterval(m)}`).join("; "))}`);
    }
    if (g.tie) out.push(`    ${chalk.red(tieText(g))}`);
    if (g.reasons.length > 0) out.push(chalk.dim(`    why grouped: ${oneLine(g.reasons.map((r) => r.text).join("; "))}`));
    for (const n of g.notes) out.push(chalk.dim(`    note: ${oneLine(n.text)}`));
    const rows = g.claims.map((c, i) => [
      g.outlier[i] ? chalk.red("✗") : g.supersededBy[i] !== undefined ? chalk.dim("↻") : " ",
      oneLine(c.source),
      oneLine(c.figure.raw),
      formatFigure(c.figure),
      oneLine(measureText(c)),
      g.outlier[i] ? chalk.red("outlier") : g.supersededBy[i] !== undefined ? chalk.dim(`superseded by ${oneLine(g.supersededBy[i]!)}`) : "",
    ]);
    const widths = [0, 1, 2, 3, 4].map((k) => rows.reduce((m, r) => Math.max(m, stringWidth(r[k]!)), 0));
    const plot = options.bars === true ? plotGroup(g) : undefined;
    const cells = (r: string[]) => r.slice(0, 5).map((cell, k) => pad(cell, widths[k]!)).join("  ");
    rows.forEach((r, i) => {
      const bar = plot === undefined ? "" : `  ${TONE_STYLE[plot.rows[i]!.tone](chalk)(`│${barText(plot.scale, plot.rows[i]!, BAR_WIDTH)}│`)}`;
      out.push(`  ${cells(r)}${bar}  ${r[5]}`.trimEnd());
    });
    if (plot !== undefined && plot.rows.some((r) => r.mark.kind !== "none")) {
      const indent = 2 + widths.reduce((a, b) => a + b + 2, 0);
      out.push(chalk.dim(`${" ".repeat(indent + 1)}${axisText(plot.scale, BAR_WIDTH)}`));
    }
    out.push("");
    yield `${out.join("\n")}\n`;
  }
  const out: string[] = [];
  // Findings over groups and across them, a section per kind in the order of KIND_INFO.
  for (const { kind, findings: list } of sections(result.findings)) {
    const info = KIND_INFO[kind];
    out.push(chalk.bold(info.section));
    for (const f of list) out.push(`  ${info.severity === "conflict" ? chalk.red(f.id) : chalk.yellow(f.id)}  ${ruleTitle(f)}: ${oneLine(f.text)}`);
    out.push("");
  }
  out.push(summaryLine(result));
  yield `${out.join("\n")}\n`;
}

/** The table as one string. */
export function renderTable(result: ReconcileResult, options: TableOptions): string {
  return [...tableChunks(result, options)].join("");
}

export function summaryLine(result: ReconcileResult): string {
  const s = result.summary;
  const statuses = (["conflict", "compatible", "agree", "single"] as const).map((k) => `${s.statuses[k]} ${k}`).join(", ");
  const findings = REPORT_KINDS.filter((k) => s.findings[k] > 0)
    .map((k) => `; ${plural(s.findings[k], KIND_INFO[k].noun)}`)
    .join("");
  const setAside = `${s.set_aside > 0 ? `; ${plural(s.set_aside, "claim")} set aside below the least grade` : ""}${s.baselined !== undefined ? `; ${plural(s.baselined, "known finding")} in the baseline` : ""}`;
  const blank = s.blank > 0 ? ` (${s.blank} blank)` : "";
  return `${plural(s.claims, "claim")} from ${plural(s.rows, "row")}${blank} in ${plural(s.groups, "group")}: ${statuses}${findings}${setAside}; ${plural(s.rejected, "row")} rejected${s.rejected_claims > 0 ? `; ${plural(s.rejected_claims, "claim")} rejected from rows otherwise kept` : ""}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

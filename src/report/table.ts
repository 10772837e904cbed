import { Chalk, type ChalkInstance } from "chalk";
import { measureText } from "../claims/measures.js";
import { CONTAINMENT_INFO } from "../compare/containment.js";
import type { Status } from "../compare/findings.js";
import { formatInterval } from "../figures/interval.js";
import { formatFigure } from "../figures/read.js";
import type { ReconcileResult } from "../index.js";
import { axisText, barText, plotGroup, type Tone } from "./plot.js";

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
  compatible: (c) => c.yellow,
  agree: (c) => c.green,
  single: (c) => c.reset,
  superseded: (c) => c.dim,
  none: (c) => c.dim,
};

/** Display width, counting each code point once (enough for the scripts place names come in). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, n: number): string {
  return text + " ".repeat(Math.max(0, n - width(text)));
}

/** A readable report for a terminal: each group, why it was formed, its claims, and a closing summary. */
export function renderTable(result: ReconcileResult, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  for (const g of result.groups) {
    const status = STATUS_STYLE[g.status](chalk)(g.status.toUpperCase());
    const title = [g.location, g.date, g.event].filter(Boolean).join(" · ");
    out.push(`${chalk.bold(g.id)}  ${status}  ${title}`);
    if (g.consensus.length > 0 && g.status !== "single") {
      out.push(`    consensus: ${g.consensus.map((m) => `${measureText(m)} ${formatInterval(m)}`).join("; ")}`);
    }
    if (g.tie) out.push(`    ${chalk.red("no single largest consistent set: no outlier can be named")}`);
    if (g.reasons.length > 0) out.push(chalk.dim(`    why grouped: ${g.reasons.join("; ")}`));
    for (const note of g.notes) out.push(chalk.dim(`    note: ${note}`));
    const rows = g.claims.map((c, i) => [
      g.outlier[i] ? chalk.red("✗") : g.supersededBy[i] !== undefined ? chalk.dim("↻") : " ",
      c.source,
      c.figure.raw,
      formatFigure(c.figure),
      measureText(c),
      g.outlier[i] ? chalk.red("outlier") : g.supersededBy[i] !== undefined ? chalk.dim(`superseded by ${g.supersededBy[i]}`) : "",
    ]);
    const widths = [0, 1, 2, 3, 4].map((k) => rows.reduce((m, r) => Math.max(m, width(stripAnsi(r[k]!))), 0));
    const plot = options.bars === true ? plotGroup(g) : undefined;
    const cells = (r: string[]) => r.slice(0, 5).map((cell, k) => pad(cell, widths[k]! + (width(cell) - width(stripAnsi(cell))))).join("  ");
    rows.forEach((r, i) => {
      const bar = plot === undefined ? "" : `  ${TONE_STYLE[plot.rows[i]!.tone](chalk)(`│${barText(plot.scale, plot.rows[i]!, BAR_WIDTH)}│`)}`;
      out.push(`  ${cells(r)}${bar}  ${r[5]}`.trimEnd());
    });
    if (plot !== undefined && plot.rows.some((r) => r.mark.kind !== "none")) {
      const indent = 2 + widths.reduce((a, b) => a + b + 2, 0);
      out.push(chalk.dim(`${" ".repeat(indent + 1)}${axisText(plot.scale, BAR_WIDTH)}`));
    }
    out.push("");
  }
  if (result.containment.length > 0) {
    out.push(chalk.bold("Containment"));
    for (const f of result.containment) out.push(`  ${chalk.red(f.id)}  ${CONTAINMENT_INFO[f.rule].title}: ${f.explanation}`);
    out.push("");
  }
  out.push(summaryLine(result));
  return `${out.join("\n")}\n`;
}

export function summaryLine(result: ReconcileResult): string {
  const s = result.summary;
  const statuses = (["conflict", "compatible", "agree", "single"] as const).map((k) => `${s.statuses[k]} ${k}`).join(", ");
  const containment = s.containment > 0 ? `; ${plural(s.containment, "containment conflict")}` : "";
  return `${plural(s.claims, "claim")} from ${plural(s.rows, "row")} in ${plural(s.groups, "group")}: ${statuses}${containment}; ${plural(s.rejected, "row")} rejected`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

import { measureText } from "../claims/measures.js";
import type { Status } from "../compare/findings.js";
import { formatFigure } from "../figures/read.js";
import type { ReconciledGroup } from "../index.js";

/**
 * The interval plot of one group, as data: a shared axis and one row per
 * claim. The HTML report draws it as SVG and the terminal table as box
 * characters; neither decides anything the other would not.
 */

/** How a claim's figure is drawn: a dot for an exact count, a bar for a range, an arrow for an open end. */
export type Mark =
  | { kind: "dot"; at: number }
  | { kind: "bar"; from: number; to: number }
  | { kind: "open"; from: number }
  | { kind: "none" };

/** What colour a row takes: the group's verdict for claims in its largest consistent set, or why a claim stands apart. */
export type Tone = Exclude<Status, "conflict"> | "consistent" | "unresolved" | "outlier" | "superseded" | "none";

export interface PlotRow {
  /** The claim's index in its group. */
  index: number;
  source: string;
  measure: string;
  raw: string;
  reading: string;
  mark: Mark;
  /** The consensus of the claim's measure, shaded behind its row. */
  band?: { low: number; high: number | null };
  tone: Tone;
}

export interface Scale {
  kind: "linear" | "log";
  /** The axis runs from 0 to this count. */
  max: number;
  ticks: number[];
}

export interface GroupPlot {
  scale: Scale;
  rows: PlotRow[];
}

/** A log axis when the counts span more than two orders of magnitude. */
export const LOG_SPAN = 100;

/** Where a count falls on the axis, from 0 (left) to 1 (right). */
export function position(scale: Scale, count: number): number {
  const x = Math.min(Math.max(count, 0), scale.max);
  if (scale.kind === "log") return Math.log10(1 + x) / Math.log10(1 + scale.max);
  return scale.max === 0 ? 0 : x / scale.max;
}

/** 1, 2, 5, 10, 20, 50, …: the smallest such step that divides `span` into at most `parts` parts. */
function niceStep(span: number, parts: number): number {
  const raw = Math.max(span / parts, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** The axis for a set of counts: from 0 past the largest, linear or log. `open` when some count has no upper end (its arrow needs room). */
export function scaleFor(counts: readonly number[], open: boolean): Scale {
  const top = counts.reduce((m, x) => Math.max(m, x), 0);
  const smallest = counts.reduce((m, x) => (x > 0 && x < m ? x : m), Number.POSITIVE_INFINITY);
  const reach = open ? Math.max(top * 1.25, top + 2) : top;
  if (Number.isFinite(smallest) && top / smallest > LOG_SPAN) {
    const max = 10 ** Math.ceil(Math.log10(Math.max(reach, 10)));
    const ticks = [0];
    for (let t = 1; t <= max; t *= 10) ticks.push(t);
    return { kind: "log", max, ticks };
  }
  const step = niceStep(Math.max(reach, 1), 4);
  const max = Math.max(step, Math.ceil(reach / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return { kind: "linear", max, ticks };
}

function markOf(low: number | null, high: number | null): Mark {
  if (low === null) return { kind: "none" };
  if (high === null) return { kind: "open", from: low };
  if (low === high) return { kind: "dot", at: low };
  return { kind: "bar", from: low, to: high };
}

function toneOf(g: ReconciledGroup, i: number): Tone {
  if (g.claims[i]!.figure.low === null) return "none";
  if (g.outlier[i]) return "outlier";
  if (g.supersededBy[i] !== undefined) return "superseded";
  // A conflict with several largest consistent sets: the claims in one of them but not in all cannot be told apart from one another.
  if (g.status === "conflict") return g.tie ? "unresolved" : "consistent";
  return g.status;
}

/** The plot of one group: every claim on one axis, with its measure's consensus behind it. */
export function plotGroup(g: ReconciledGroup): GroupPlot {
  const counts: number[] = [];
  let open = false;
  for (const c of g.claims) {
    if (c.figure.low === null) continue;
    counts.push(c.figure.low);
    if (c.figure.high === null) open = true;
    else counts.push(c.figure.high);
  }
  for (const m of g.consensus) {
    counts.push(m.low);
    if (m.high !== null) counts.push(m.high);
  }
  const scale = scaleFor(counts, open);
  const rows = g.claims.map((c, index): PlotRow => {
    // A claim with no figure has no place on the axis, and no consensus band behind it.
    const consensus = g.status === "single" || c.figure.low === null ? undefined : g.consensus.find((m) => m.outcome === c.outcome && m.victims === c.victims);
    return {
      index,
      source: c.source,
      measure: measureText(c),
      raw: c.figure.raw,
      reading: formatFigure(c.figure),
      mark: markOf(c.figure.low, c.figure.high),
      ...(consensus !== undefined && { band: { low: consensus.low, high: consensus.high } }),
      tone: toneOf(g, index),
    };
  });
  return { scale, rows };
}

const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact" });

/** What a report says of a tied conflict: several largest consistent sets, so only claims outside all of them are named. */
export function tieText(g: ReconciledGroup): string {
  return g.outlier.some(Boolean)
    ? "several largest consistent sets: the claims marked ✗ are outside all of them, the others cannot be told apart"
    : "several largest consistent sets: no outlier can be named";
}

/** The axis number as printed: 1,200 rather than 1200; from 100,000 on, 100K, 1M, 10B. */
export function tickText(n: number): string {
  return n < 100_000 ? n.toLocaleString("en-US") : COMPACT.format(n);
}

const BAR = {
  empty: " ",
  band: "░",
  bar: "━",
  dot: "●",
  arrow: "▶",
} as const;

/**
 * A row's mark as `width` box characters: ● for an exact count (and only
 * for one), ━ for a range (one ━ when it is narrower than a column), ━…▶ for
 * an open end, ░ where the consensus lies beyond the mark.
 */
export function barText(scale: Scale, row: PlotRow, width: number): string {
  const cells: string[] = Array.from({ length: width }, () => BAR.empty);
  const col = (count: number) => Math.min(width - 1, Math.max(0, Math.round(position(scale, count) * (width - 1))));
  if (row.band !== undefined) {
    const to = row.band.high === null ? width - 1 : col(row.band.high);
    for (let k = col(row.band.low); k <= to; k++) cells[k] = BAR.band;
  }
  const m = row.mark;
  if (m.kind === "dot") cells[col(m.at)] = BAR.dot;
  else if (m.kind === "bar") {
    const from = col(m.from);
    const to = col(m.to);
    // A range narrower than one column is still a bar: ● is kept for counts the source gave exactly.
    for (let k = from; k <= to; k++) cells[k] = BAR.bar;
  } else if (m.kind === "open") {
    for (let k = col(m.from); k < width - 1; k++) cells[k] = BAR.bar;
    cells[width - 1] = BAR.arrow;
  }
  return cells.join("");
}

/** The axis under the bars: its two ends, and "log" when it is a log scale. */
export function axisText(scale: Scale, width: number): string {
  const left = "0";
  const right = `${tickText(scale.max)}${scale.kind === "log" ? " (log)" : ""}`;
  return left + " ".repeat(Math.max(1, width - left.length - right.length)) + right;
}

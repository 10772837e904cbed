import { measureText } from "../claims/measures.js";
import { findingsByGroup, groupsOf, KIND_INFO, REPORT_KINDS, ruleTitle, sections, type ReportFinding } from "../findings/index.js";
import { explainFinding, STATUS_INFO, STATUSES, type Status } from "../compare/findings.js";
import { formatInterval } from "../figures/interval.js";
import type { ReconciledGroup, ReconcileResult } from "../index.js";
import { issueMessage } from "../errors.js";
import { plotGroup, position, tickText, tieText, type GroupPlot, type PlotRow, type Tone } from "./plot.js";
import { plural, summaryLine } from "./table.js";

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG plots and
 * a small inline script for the filters; nothing is fetched. Without the
 * script (or on paper) every group is shown.
 */

// A carriage return is written as a reference: the HTML parser turns a literal CR (or CR LF) into LF,
// so a source named "a\r\nb" would be "a\nb" in an option's value, and match no group's list of sources.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "\r": "&#13;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (ch) => ESCAPES[ch]!);
}

/** Text folded for the place filter: no accents, lower case (the page's script folds what is typed the same way). */
function foldForFilter(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** A link only for web addresses: a claim's url is input, and javascript: is not a link. */
function link(url: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(shorten(url, 48))}</a>` : escapeHtml(url);
}

function shorten(text: string, n: number): string {
  const chars = [...text];
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join("")}…`;
}

// Colours meet WCAG AA (4.5:1) on white, as text and as marks.
const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --band: #dbe9f7;
  --conflict: #b42318; --compatible: #8a5a00; --agree: #1a7f37; --single: #57606a; --consistent: #0b5cad; --unresolved: #7a3fc4; --outlier: #b42318; --superseded: #6e7781; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif; color: var(--fg); background: #fff; margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 0; }
.muted { color: var(--muted); }
.summary { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: 1rem 0; padding: 0; list-style: none; }
.summary li b { font-size: 1.3rem; display: block; }
.badge { display: inline-block; padding: 0 .5em; border-radius: 1em; border: 1px solid currentColor; font-size: .85rem; font-weight: 600; }
.status-conflict { color: var(--conflict); } .status-compatible { color: var(--compatible); } .status-agree { color: var(--agree); } .status-single { color: var(--single); }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: end; border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0 1.5rem; }
form.filters fieldset { border: 0; margin: 0; padding: 0; }
form.filters legend, form.filters label.field { font-weight: 600; font-size: .85rem; display: block; }
form.filters label { margin-right: .75rem; }
section.group, section.findings, section.rejected { border-top: 1px solid var(--line); padding: 1rem 0; }
section.group > header { display: flex; gap: .75rem; align-items: baseline; flex-wrap: wrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
svg.plot { display: block; width: 100%; max-width: 760px; height: auto; margin: .5rem 0; }
svg.plot text { font: 12px system-ui, sans-serif; fill: var(--fg); }
svg.plot .axis line, svg.plot .axis path { stroke: var(--muted); }
svg.plot .axis text { fill: var(--muted); }
svg.plot .band { fill: var(--band); }
svg.plot .mark line, svg.plot .mark path { stroke-width: 3; fill: none; }
svg.plot .tone-consistent { stroke: var(--consistent); fill: var(--consistent); } svg.plot .tone-unresolved { stroke: var(--unresolved); fill: var(--unresolved); } svg.plot .tone-agree { stroke: var(--agree); fill: var(--agree); }
svg.plot .tone-compatible { stroke: var(--compatible); fill: var(--compatible); } svg.plot .tone-single { stroke: var(--fg); fill: var(--fg); }
svg.plot .tone-outlier { stroke: var(--outlier); fill: var(--outlier); } svg.plot .tone-superseded { stroke: var(--superseded); fill: var(--superseded); stroke-dasharray: 4 3; }
svg.plot path.arrow { fill: inherit; stroke-width: 1; }
svg.plot text.flag { fill: var(--outlier); font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); }
tr.outlier td:first-child { color: var(--outlier); font-weight: 700; }
td.num { white-space: nowrap; }
td.where { overflow-wrap: anywhere; min-width: 8em; }
q { font-style: italic; }
details { margin: .5rem 0; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; }
.legend span::before { content: ""; display: inline-block; width: 1.2em; height: .6em; margin-right: .35em; vertical-align: middle; background: var(--c); }
@media print { form.filters { display: none; } section.group { break-inside: avoid; } body { max-width: none; padding: 0; } a { color: inherit; } }
`;

const SCRIPT = `
(function () {
  var form = document.getElementById("filters");
  var groups = document.querySelectorAll("section.group");
  var fold = function (t) { return t.normalize("NFKD").replace(/\\p{M}/gu, "").toLowerCase().trim(); };
  function apply() {
    var statuses = {};
    form.querySelectorAll("input[name=status]").forEach(function (box) { statuses[box.value] = box.checked; });
    var source = form.elements.source.value;
    var place = fold(form.elements.place.value);
    var shown = 0;
    groups.forEach(function (g) {
      var ok = statuses[g.dataset.status] && (source === "" || JSON.parse(g.dataset.sources).indexOf(source) >= 0) && (place === "" || g.dataset.place.indexOf(place) >= 0);
      g.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById("shown").textContent = String(shown);
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
`;

const TONE_TEXT: Record<Tone, string> = {
  consistent: "in the largest consistent set",
  unresolved: "in a conflict with no single largest consistent set",
  agree: "agrees",
  compatible: "compatible",
  single: "nothing to compare with",
  outlier: "outlier",
  superseded: "superseded by a later report",
  none: "no figure",
};

// The plot's geometry, in SVG user units.
const W = 760;
const LABEL = 250;
const LEFT = 262;
/** Characters of a row's label in the plot (the whole text is in the table below it and in the mark's title). */
const LABEL_CHARS = 40;
const RIGHT = 730;
const ROW = 26;
const TOP = 8;
const AXIS = 34;

function x(plot: GroupPlot, count: number): number {
  return LEFT + position(plot.scale, count) * (RIGHT - LEFT);
}

function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function markSvg(plot: GroupPlot, row: PlotRow, y: number, title: string): string {
  const m = row.mark;
  const cls = `mark ${m.kind} tone-${row.tone}`;
  const t = `<title>${escapeHtml(title)}</title>`;
  if (m.kind === "dot") return `<circle class="${cls}" data-claim="${row.index}" cx="${n(x(plot, m.at))}" cy="${y}" r="6">${t}</circle>`;
  if (m.kind === "bar") {
    const [a, b] = [x(plot, m.from), x(plot, m.to)];
    return `<g class="${cls}" data-claim="${row.index}">${t}<line x1="${n(a)}" y1="${y}" x2="${n(b)}" y2="${y}"/><line x1="${n(a)}" y1="${y - 6}" x2="${n(a)}" y2="${y + 6}"/><line x1="${n(b)}" y1="${y - 6}" x2="${n(b)}" y2="${y + 6}"/></g>`;
  }
  if (m.kind === "open") {
    const a = x(plot, m.from);
    return `<g class="${cls}" data-claim="${row.index}">${t}<line x1="${n(a)}" y1="${y - 6}" x2="${n(a)}" y2="${y + 6}"/><line x1="${n(a)}" y1="${y}" x2="${RIGHT - 10}" y2="${y}"/><path class="arrow" d="M${RIGHT - 12} ${y - 6} L${RIGHT} ${y} L${RIGHT - 12} ${y + 6} Z"/></g>`;
  }
  return `<text class="nofigure" x="${LEFT}" y="${y + 4}">no figure</text>`;
}

function plotSvg(g: ReconciledGroup, plot: GroupPlot): string {
  // A log axis says so under its numbers.
  const height = TOP + plot.rows.length * ROW + AXIS + (plot.scale.kind === "log" ? 14 : 0);
  const axisY = TOP + plot.rows.length * ROW + 4;
  const id = `${g.id}-plot`;
  const parts: string[] = [];
  // A group none of whose claims gives a figure has nothing to place: no axis (as in the terminal table).
  const anyMark = plot.rows.some((r) => r.mark.kind !== "none");
  const title = anyMark
    ? `${g.id}: ${plural(g.claims.length, "claim")} on a ${plot.scale.kind === "log" ? "log" : "linear"} axis from 0 to ${tickText(plot.scale.max)}`
    : `${g.id}: ${plural(g.claims.length, "claim")}, none with a figure`;
  const desc = plot.rows.map((r) => `${r.source}: "${r.raw}" (${r.measure} ${r.reading}), ${TONE_TEXT[r.tone]}`).join("; ");
  parts.push(`<svg class="plot" role="img" viewBox="0 0 ${W} ${height}" aria-labelledby="${id}-title ${id}-desc">`);
  parts.push(`<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(desc)}</desc>`);
  // The consensus of each claim's measure, shaded behind its row: rows of one measure make one band.
  for (const r of plot.rows) {
    if (r.band === undefined) continue;
    const top = TOP + r.index * ROW;
    const a = x(plot, r.band.low);
    const b = r.band.high === null ? RIGHT : x(plot, r.band.high);
    parts.push(`<rect class="band" x="${n(a - 3)}" y="${top}" width="${n(Math.max(b - a, 0) + 6)}" height="${ROW}"><title>consensus for ${escapeHtml(r.measure)}: ${escapeHtml(formatInterval(r.band))}</title></rect>`);
  }
  if (anyMark) {
    parts.push(`<g class="axis">`);
    parts.push(`<line x1="${LEFT}" y1="${axisY}" x2="${RIGHT}" y2="${axisY}"/>`);
    for (const t of plot.scale.ticks) {
      const tx = n(x(plot, t));
      parts.push(`<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 5}"/><text x="${tx}" y="${axisY + 18}" text-anchor="middle">${tickText(t)}</text>`);
    }
    if (plot.scale.kind === "log") parts.push(`<text x="${LEFT}" y="${axisY + 31}">log scale</text>`);
    parts.push(`</g>`);
  }
  // Where the group's claims count more than one thing (civilians killed, fighters killed), each row says which.
  const several = new Set(plot.rows.map((r) => r.measure)).size > 1;
  for (const r of plot.rows) {
    const y = TOP + r.index * ROW + ROW / 2;
    if (r.tone === "outlier") parts.push(`<text class="flag" x="4" y="${y + 4}">✗</text>`);
    parts.push(`<text x="${LABEL}" y="${y + 4}" text-anchor="end">${escapeHtml(shorten(several ? `${r.source} · ${r.measure}` : r.source, LABEL_CHARS))}</text>`);
    parts.push(markSvg(plot, r, y, `${r.source}: "${r.raw}" (${r.measure} ${r.reading}), ${TONE_TEXT[r.tone]}`));
  }
  parts.push(`</svg>`);
  return parts.join("");
}

/** A claim's id and where it was read; a claim without an id of its own is named by its file and line, shown once. */
function where(c: ReconciledGroup["claims"][number]): string {
  const at = `${c.file}:${c.line}`;
  return c.id === at ? `<span class="muted">${escapeHtml(at)}</span>` : `${escapeHtml(c.id)}<br><span class="muted">${escapeHtml(at)}</span>`;
}

function claimRows(g: ReconciledGroup, plot: GroupPlot): string {
  const rows = g.claims.map((c, i) => {
    const r = plot.rows[i]!;
    const mark = r.tone === "outlier" ? "✗" : r.tone === "superseded" ? "↻" : "";
    const state = r.tone === "superseded" ? `superseded by ${g.supersededBy[i]}` : TONE_TEXT[r.tone];
    return `<tr class="${r.tone}"><td aria-label="${escapeHtml(state)}" title="${escapeHtml(state)}">${mark}</td><td>${escapeHtml(c.source)}</td><td class="num">${escapeHtml(c.figure.raw)}</td><td class="num">${escapeHtml(r.reading)}</td><td>${escapeHtml(r.measure)}</td><td>${escapeHtml(c.location)}</td><td class="num">${escapeHtml(c.date.text)}</td><td>${c.quote !== undefined ? `<q>${escapeHtml(c.quote)}</q>` : ""}${c.url !== undefined ? ` ${link(c.url)}` : ""}</td><td class="where">${where(c)}</td></tr>`;
  });
  return `<table><thead><tr><th><span class="muted" title="✗ outlier, ↻ superseded">·</span></th><th>source</th><th>figure</th><th>read as</th><th>measure</th><th>place</th><th>date</th><th>quote, link</th><th>id, where</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function groupSection(g: ReconciledGroup, findingsOf: ReadonlyMap<string, ReportFinding[]>): string {
  const plot = plotGroup(g);
  const sources = [...new Set(g.claims.map((c) => c.source))].sort();
  const places = [...new Set([g.location, ...g.claims.map((c) => c.location)])];
  const facts: string[] = [];
  if (g.consensus.length > 0 && g.status !== "single") facts.push(`<dt>consensus</dt><dd>${g.consensus.map((m) => `${escapeHtml(measureText(m))} <b>${escapeHtml(formatInterval(m))}</b>`).join("; ")}</dd>`);
  if (g.tie) facts.push(`<dt>outliers</dt><dd>${escapeHtml(tieText(g))}</dd>`);
  if (g.reasons.length > 0) facts.push(`<dt>why grouped</dt><dd>${g.reasons.map((r) => escapeHtml(r.text)).join("; ")}</dd>`);
  for (const n of g.notes) facts.push(`<dt>note</dt><dd>${escapeHtml(n.text)}</dd>`);
  const across = findingsOf.get(g.id) ?? [];
  if (across.length > 0) facts.push(`<dt>findings</dt><dd>${across.map((f) => `<a href="#${escapeHtml(f.id)}">${escapeHtml(f.id)}</a> ${escapeHtml(ruleTitle(f))}`).join(", ")}</dd>`);
  const title = [g.location, g.date, g.event].filter((t) => t !== undefined && t !== "").join(" · ");
  const findings = g.findings.filter((f) => f.kind !== "agree");
  const details =
    findings.length > 0
      ? `<details><summary>${plural(findings.length, "finding")}</summary><ul>${findings.map((f) => `<li class="status-${f.kind}">${escapeHtml(f.kind)}: <span style="color:var(--fg)">${escapeHtml(explainFinding(f))}</span></li>`).join("")}</ul></details>`
      : "";
  return [
    `<section class="group" id="${escapeHtml(g.id)}" data-status="${g.status}" data-sources="${escapeHtml(JSON.stringify(sources))}" data-place="${escapeHtml(foldForFilter(places.join(" | ")))}">`,
    `<header><h2>${escapeHtml(g.id)} · ${escapeHtml(title)}</h2><span class="badge status-${g.status}">${g.status}</span><span class="muted">${plural(g.claims.length, "claim")} from ${plural(sources.length, "source")}</span></header>`,
    facts.length > 0 ? `<dl class="facts">${facts.join("")}</dl>` : "",
    plotSvg(g, plot),
    claimRows(g, plot),
    details,
    `</section>`,
  ].join("\n");
}

function summarySection(result: ReconcileResult): string {
  const s = result.summary;
  const item = (value: number, label: string, cls = "") => `<li${cls ? ` class="${cls}"` : ""}><b>${value.toLocaleString("en-US")}</b>${escapeHtml(label)}</li>`;
  const items = [
    item(s.claims, s.claims === 1 ? "claim" : "claims"),
    item(s.groups, s.groups === 1 ? "group" : "groups"),
    ...STATUSES.map((k) => item(s.statuses[k], k, `status-${k}`)),
    ...REPORT_KINDS.map((k) => item(s.findings[k], `${KIND_INFO[k].noun}s`, s.findings[k] > 0 ? `status-${KIND_INFO[k].severity}` : "")),
    item(s.rejected, s.rejected === 1 ? "row rejected" : "rows rejected", s.rejected > 0 ? "status-conflict" : ""),
  ];
  const files = [...new Set(result.groups.flatMap((g) => g.claims.map((c) => c.file)).concat(result.rejected.map((r) => r.file)))];
  return `<ul class="summary" aria-label="summary">${items.join("")}</ul>\n<p class="muted">${escapeHtml(summaryLine(result))}.${files.length > 0 ? ` Read from ${files.map((f) => `<code>${escapeHtml(f)}</code>`).join(", ")}.` : ""}</p>`;
}

function filtersForm(result: ReconcileResult): string {
  const sources = [...new Set(result.groups.flatMap((g) => g.claims.map((c) => c.source)))].sort();
  // Each option's value is the source exactly as the groups list it: an option's text alone has its spaces collapsed.
  const statuses = STATUSES.map((k) => `<label class="status-${k}"><input type="checkbox" name="status" value="${k}" checked> ${k} (${result.summary.statuses[k]})</label>`).join("");
  return [
    `<form class="filters" id="filters" aria-label="filter groups">`,
    `<fieldset><legend>status</legend>${statuses}</fieldset>`,
    `<div><label class="field" for="f-source">source</label><select id="f-source" name="source"><option value="">all sources</option>${sources.map((s) => `<option value="${escapeHtml(s)}">${escapeHtml(s)}</option>`).join("")}</select></div>`,
    `<div><label class="field" for="f-place">place</label><input id="f-place" name="place" type="search" placeholder="any place" autocomplete="off"></div>`,
    `<p class="muted" aria-live="polite"><span id="shown">${result.groups.length}</span> of ${plural(result.groups.length, "group")} shown</p>`,
    `</form>`,
  ].join("\n");
}

function legend(): string {
  const item = (tone: Tone, text: string) => `<span style="--c: var(--${tone})">${escapeHtml(text)}</span>`;
  return `<p class="legend" aria-label="legend">${item("consistent", "consistent set of a conflict")}${item("unresolved", "conflict without an outlier")}${item("agree", "agree")}${item("compatible", "compatible")}${item("outlier", "outlier ✗")}${item("superseded", "superseded")}<span style="--c: var(--band)">consensus</span><span class="muted">● exact · ├─┤ range · ─▶ no upper end</span></p>`;
}

function findingsSections(result: ReconcileResult): string {
  const section = ({ kind, findings }: ReturnType<typeof sections>[number]): string => {
    const info = KIND_INFO[kind];
    const items = findings.map((f) => {
      const groups = groupsOf(f)
        .map((id) => `<a href="#${escapeHtml(id)}">${escapeHtml(id)}</a>`)
        .join(", ");
      return `<li id="${escapeHtml(f.id)}"><b class="status-${info.severity}">${escapeHtml(f.id)}</b> ${escapeHtml(ruleTitle(f))} (${groups}).<br><span class="muted">${escapeHtml(f.text)}</span></li>`;
    });
    return `<section class="findings ${escapeHtml(kind)}"><h2>${escapeHtml(info.section)}</h2><p class="muted">${escapeHtml(info.description)}</p><ul>${items.join("")}</ul></section>`;
  };
  return sections(result.findings).map(section).join("\n");
}

function rejectedSection(result: ReconcileResult): string {
  if (result.rejected.length === 0) return "";
  const rows = result.rejected.map((r) => `<tr><td class="num">${escapeHtml(r.file)}:${r.line}</td><td><code>${escapeHtml(r.issues[0]!.code)}</code></td><td>${escapeHtml(r.issues.map(issueMessage).join("; "))}</td></tr>`);
  return `<section class="rejected"><h2>Rejected rows</h2><table><thead><tr><th>where</th><th>code</th><th>why</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

/**
 * The report as one HTML page, in chunks (the page's head, then a group at a
 * time): a report of many thousand groups is never one string.
 */
export function* htmlChunks(result: ReconcileResult): Generator<string> {
  const findingsOf = findingsByGroup(result.findings);
  const s = result.summary;
  const title = `reconcile: ${plural(s.claims, "claim")} in ${plural(s.groups, "group")}, ${s.statuses.conflict} in conflict`;
  const statusHelp = STATUSES.map((k: Status) => `<dt class="status-${k}">${k}</dt><dd>${escapeHtml(STATUS_INFO[k].description)}</dd>`).join("");
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Casualty claims reconciled</h1>
${summarySection(result)}
<details><summary>What the statuses mean</summary><dl class="facts">${statusHelp}</dl></details>
</header>
<main>
${filtersForm(result)}
${legend()}
${findingsSections(result)}
`;
  for (const g of result.groups) yield `${groupSection(g, findingsOf)}\n`;
  yield `${rejectedSection(result)}
</main>
<footer class="muted"><p>Made by reconcile. Every figure is read as an interval; see <code>reconcile explain</code> for how a phrase was read.</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

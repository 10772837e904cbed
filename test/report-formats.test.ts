// The report formats a person looks at, through the real CLI: the HTML page
// (self-contained, one plot per group, every input text escaped), the Markdown
// (real GFM tables, as markdown-it reads them, that hostile cells cannot break),
// and the terminal table's range bars (on a terminal only, the same with and
// without colour). The JSON report of the same input is the independent account
// of what each format should show.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markdownCell } from "../src/report/markdown.js";
import { HAS_SCRIPT, runInProcess, runInTerminal, type CliRun } from "./support/cli.js";

const SEED = "fixtures/seed/hama-2016-09-01.csv";
const CONFLICT = "fixtures/conflict/hama-conflict.csv";
const CONTAINMENT = "fixtures/containment/idlib-2016-09.csv";
const BAD_ROWS = "fixtures/bad/bad-rows.csv";
/** Every claim fixture that reads with the default options (and one with bad rows, for --rejects). */
const ALL_FIXTURES = [
  SEED,
  CONFLICT,
  CONTAINMENT,
  "fixtures/containment/part-exceeds.csv",
  "fixtures/revisions/sohr-updates.csv",
  "fixtures/matching/date-window.csv",
  "fixtures/matching/lookalikes.csv",
  "fixtures/matching/spelling-pairs.csv",
  "fixtures/matching/gazetteer-claims.csv",
  BAD_ROWS,
];

const dir = mkdtempSync(join(tmpdir(), "reconcile-formats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------
// Inputs

/** A CSV with every cell quoted, so that any text (quotes, newlines, pipes) can be a cell. */
function writeCsv(name: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",");
  const file = join(dir, name);
  writeFileSync(file, [line(header), ...rows.map(line)].join("\n") + "\n");
  return file;
}

const HOSTILE = {
  source1: `<script>alert(1)</script> "double" 'single'`,
  source2: "Pipe | source `tick` *star* _u_ [x](y) #h ~s~ \\ back &amp; &copy; <b>bold</b>",
  // Two spaces and a line break: an <option>'s text alone would collapse them.
  source3: "multi\nline  source",
  source4: "JaVaScRiPt: a source",
  location: "<script>alert(2)</script>",
  quote1: "a | b `c` <b>bold</b>\nsecond line",
  quote2: "<img src=x onerror=alert(3)>",
  quote3: "</q></td></tr></table><script>alert(5)</script>",
  quote4: "' onmouseover='alert(8)",
  jsUrl: "javascript:alert(1)",
  webUrl: "https://example.org/a?b=1&c=2",
  breakoutUrl: 'https://e.org/"><script>alert(4)</script>',
  dataUrl: "data:text/html,<script>alert(7)</script>",
} as const;

/** The same rows, with each text either hostile or a plain word in its place: the two pages must have the same tags. */
function claimRows(t: Record<keyof typeof HOSTILE, string>): string[][] {
  return [
    ["h1", t.source1, "12", t.location, "2016-09-01", t.quote1, t.jsUrl],
    ["h2", t.source2, "between 10 and 15", t.location, "2016-09-01", t.quote2, t.webUrl],
    ["h3", t.source3, "unknown", t.location, "2016-09-01", t.quote3, t.breakoutUrl],
    ["h4", t.source4, "13", t.location, "2016-09-01", t.quote4, t.dataUrl],
  ];
}
const CLAIM_HEADER = ["id", "source", "figure", "location", "date", "quote", "url"];
const BENIGN: Record<keyof typeof HOSTILE, string> = {
  source1: "Source one",
  source2: "Source two",
  source3: "Source three",
  source4: "Source four",
  location: "Hama",
  quote1: "quote one",
  quote2: "quote two",
  quote3: "quote three",
  quote4: "quote four",
  jsUrl: "not a link",
  webUrl: "https://example.org/plain",
  breakoutUrl: "https://e.org/plain",
  dataUrl: "not a link either",
};

const LONG_SOURCE = `Coordination committee of ${"the local councils of the northern countryside ".repeat(6)}`.trim();

/** Groups that stretch the drawings: tiny and huge counts, no figures at all, 50 claims, Arabic and CJK names, control characters. */
function stressRows(): string[][] {
  const rows: string[][] = [];
  const add = (source: string, figure: string, location: string, date = "2017-06-01") => rows.push([source, figure, location, date]);
  // Raqqa: a log axis with 0, a narrow range, a huge open end and a claim with no figure.
  add("A", "3", "Raqqa");
  add("B", "about 1500", "Raqqa");
  add("C", "0", "Raqqa");
  add("D", "at least 10000000", "Raqqa");
  add("E", "unknown", "Raqqa");
  // Deir ez-Zor: no claim gives a figure.
  add("F", "unknown", "Deir ez-Zor");
  add("G", "not reported", "Deir ez-Zor");
  // Aleppo: 50 claims.
  for (let i = 0; i < 50; i++) add(`Monitor ${String(i).padStart(2, "0")}`, i % 10 === 9 ? `at least ${i}` : i % 10 === 8 ? `${i}-${i + 20}` : String(20 + (i % 7)), "Aleppo");
  // Hama in Arabic: sources with vowel marks, a very long source, a CJK source, a source with a line break and escape codes.
  add("المرصدُ السوريُّ لحقوقِ الإنسانِ", "أكثر من ٢٥", "حَماة", "2016-09-01");
  add("سانا", "عشرات", "حماة", "2016-09-01");
  add(LONG_SOURCE, "30", "حماة", "2016-09-01");
  add("新华社", "28", "حماة", "2016-09-01");
  add("Evil\u001b[31mRED\u001b[0m\u0007 line\nbreak", "27", "حماة", "2016-09-01");
  return rows;
}

// ---------------------------------------------------------------------------
// Reading HTML without a browser: every "<" the page does not escape starts a tag.

interface Tag {
  name: string;
  close: boolean;
  selfClosing: boolean;
  attrs: Array<[string, string]>;
  raw: string;
}

function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|#39);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"' };
    if (named[e.toLowerCase()] !== undefined) return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** The page with the bodies of its <style> and <script> blanked (they hold no input, and CSS has ">"). */
function markupOnly(html: string): string {
  return html.replace(/(<style>)[\s\S]*?(<\/style>)/g, "$1$2").replace(/(<script>)[\s\S]*?(<\/script>)/g, "$1$2");
}

function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of markupOnly(html).matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*?)(\/?)>/g)) {
    const attrs: Array<[string, string]> = [];
    for (const a of m[3]!.matchAll(/([^\s="'/]+)(?:="([^"]*)")?/g)) attrs.push([a[1]!.toLowerCase(), decodeHtml(a[2] ?? "")]);
    tags.push({ name: m[2]!.toLowerCase(), close: m[1] === "/", selfClosing: m[4] === "/", attrs, raw: m[0] });
  }
  return tags;
}

const VOID = new Set(["meta", "input", "br", "link", "img", "hr", "wbr", "source", "area", "base", "col", "embed", "track"]);

/** Every element that is opened is closed, in order. */
function expectBalanced(tags: readonly Tag[]): void {
  const stack: string[] = [];
  for (const t of tags) {
    if (t.name === "!doctype" || VOID.has(t.name) || t.selfClosing) continue;
    if (!t.close) stack.push(t.name);
    else expect(stack.pop(), `</${t.name}> closes the element that is open`).toBe(t.name);
  }
  expect(stack).toEqual([]);
}

const attr = (t: Tag, name: string) => t.attrs.find(([n]) => n === name)?.[1];

/** The page split at each group's <section>. */
function groupSections(html: string): string[] {
  return [...html.matchAll(/<section class="group"[\s\S]*?<\/section>/g)].map((m) => m[0]);
}

/** The page's text with every tag, style and script taken out, decoded: what a reader sees. */
function visibleText(html: string): string {
  return decodeHtml(markupOnly(html).replace(/<style><\/style>|<script><\/script>/g, "").replace(/<[^<>]*>/g, ""));
}

// ---------------------------------------------------------------------------
// The JSON report: what each format should show.

interface JsonClaim {
  id: string;
  source: string;
  figure: string;
  low: number | null;
  high: number | null;
  outlier: boolean;
  superseded_by?: string;
}
interface JsonGroup {
  id: string;
  status: string;
  location: string;
  tie?: boolean;
  claims: JsonClaim[];
}
interface JsonReport {
  summary: { claims: number; groups: number; rejected: number; findings: Record<string, number>; statuses: Record<string, number> };
  groups: JsonGroup[];
  findings: unknown[];
  rejected: unknown[];
}

async function jsonReport(args: readonly string[]): Promise<JsonReport> {
  const run = await runInProcess([...args, "--format", "json"]);
  expect(run.exit, run.stderr).toBeLessThanOrEqual(1);
  return JSON.parse(run.stdout) as JsonReport;
}

function markKind(c: JsonClaim): string {
  if (c.low === null) return "none";
  if (c.high === null) return "open";
  return c.low === c.high ? "dot" : "bar";
}

function read(file: string): string {
  return readFileSync(file, "utf8");
}

// ---------------------------------------------------------------------------

describe("--format html", () => {
  let seedRun: CliRun;
  let seedHtml: string;
  let seedJson: JsonReport;
  beforeAll(async () => {
    const out = join(dir, "seed.html");
    seedRun = await runInProcess([SEED, "--format", "html", "-o", out]);
    seedHtml = read(out);
    seedJson = await jsonReport([SEED]);
  });

  it("writes a whole page to -o and nothing to stdout", () => {
    expect(seedRun.exit, seedRun.stderr).toBe(0);
    expect(seedRun.stdout).toBe("");
    expect(seedHtml.startsWith("<!doctype html>")).toBe(true);
    expect(seedHtml.trimEnd().endsWith("</html>")).toBe(true);
    expectBalanced(tagsOf(seedHtml));
  });

  it("fetches nothing: no web address, src, <link>, @import or url( anywhere in the seed's page", () => {
    expect(seedHtml).not.toMatch(/https?:\/\//i);
    expect(seedHtml).not.toMatch(/\bsrc\s*=/i);
    expect(seedHtml).not.toMatch(/<link\b/i);
    expect(seedHtml).not.toMatch(/@import/i);
    expect(seedHtml).not.toMatch(/url\(/i);
    // Its only script is inline.
    const scripts = tagsOf(seedHtml).filter((t) => t.name === "script" && !t.close);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.attrs).toEqual([]);
  });

  it("draws one titled plot per group, with one mark per claim that has a figure, of that figure's kind", () => {
    const sections = groupSections(seedHtml);
    expect(sections).toHaveLength(seedJson.summary.groups);
    expect(sections).toHaveLength(4);
    expect(seedHtml.match(/<svg class="plot"/g)).toHaveLength(4);
    sections.forEach((section, k) => {
      const g = seedJson.groups[k]!;
      expect(section).toContain(`id="${g.id}"`);
      expect(section.match(/<svg class="plot"/g)).toHaveLength(1);
      const svg = /<svg class="plot"[^>]*>([\s\S]*?)<\/svg>/.exec(section)![1]!;
      // The plot's accessible name: its first child, naming the group.
      const title = /^<title id="[^"]+">([^<]+)<\/title>/.exec(svg);
      expect(title, `${g.id}'s plot starts with its <title>`).not.toBeNull();
      expect(decodeHtml(title![1]!)).toContain(`${g.id}: ${g.claims.length} claim`);
      const marks = tagsOf(svg).filter((t) => !t.close && (attr(t, "class") ?? "").split(" ").includes("mark"));
      const withFigure = g.claims.filter((c) => c.low !== null);
      expect(marks).toHaveLength(withFigure.length);
      expect(marks.map((t) => attr(t, "class")!.split(" ")[1])).toEqual(withFigure.map(markKind));
      expect(marks.map((t) => Number(attr(t, "data-claim")))).toEqual(g.claims.flatMap((c, i) => (c.low !== null ? [i] : [])));
    });
    expect(sections.map((s) => s.match(/class="mark /g)?.length ?? 0)).toEqual([2, 1, 1, 1]);
  });

  describe("a hostile CSV", () => {
    let html: string;
    let benign: string;
    let tags: Tag[];
    beforeAll(async () => {
      const hostile = writeCsv("hostile.csv", CLAIM_HEADER, claimRows(HOSTILE));
      const plain = writeCsv("plain.csv", CLAIM_HEADER, claimRows(BENIGN));
      const a = await runInProcess([hostile, "--format", "html"]);
      const b = await runInProcess([plain, "--format", "html"]);
      expect(a.exit, a.stderr).toBe(0);
      expect(b.exit, b.stderr).toBe(0);
      html = a.stdout;
      benign = b.stdout;
      tags = tagsOf(html);
    });

    it("has exactly the tags the same rows in plain words give: no text became markup", () => {
      const shape = (t: readonly Tag[]) => t.map((x) => `${x.close ? "/" : ""}${x.name}`);
      expect(shape(tags)).toEqual(shape(tagsOf(benign)));
      expectBalanced(tags);
    });

    it("runs no script but the page's own, and has no event handler attributes", () => {
      expect(html.match(/<script/gi)).toHaveLength(1);
      expect(html.indexOf("<script>")).toBeGreaterThan(html.lastIndexOf("</main>"));
      expect(tags.filter((t) => t.name === "script")).toHaveLength(2); // <script> and </script>
      expect(tags.filter((t) => t.name === "img")).toEqual([]);
      for (const t of tags) for (const [name] of t.attrs) expect(name.startsWith("on"), `${t.raw} has ${name}`).toBe(false);
    });

    it("links only web addresses: javascript: and data: are text, https is an href with &amp;", () => {
      const hrefs = tags.filter((t) => t.name === "a" && !t.close).map((t) => attr(t, "href")!);
      for (const h of hrefs) expect(h).toMatch(/^(#|https?:\/\/)/);
      const external = hrefs.filter((h) => !h.startsWith("#"));
      expect(external.sort()).toEqual([HOSTILE.breakoutUrl, HOSTILE.webUrl].sort());
      expect(html).toContain(`href="https://example.org/a?b=1&amp;c=2"`);
      expect(html).not.toMatch(/href="\s*javascript:/i);
      expect(html).not.toMatch(/href="\s*data:/i);
      // The javascript: and data: addresses are still shown, as text.
      const text = visibleText(html);
      expect(text).toContain(HOSTILE.jsUrl);
      expect(text).toContain(HOSTILE.dataUrl);
    });

    it("shows every hostile text as the text it is", () => {
      const text = visibleText(html);
      for (const s of [HOSTILE.source1, HOSTILE.source2, HOSTILE.location, HOSTILE.quote2, HOSTILE.quote3, HOSTILE.quote4]) expect(text).toContain(s);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;double&quot; &#39;single&#39;");
      // Web addresses outside link hrefs are only in text.
      const outsideHrefs = markupOnly(html).replace(/<a href="https?:\/\/[^"]*"/g, "<a");
      for (const m of outsideHrefs.matchAll(/https?:\/\//g)) {
        const before = outsideHrefs.slice(0, m.index);
        expect(before.lastIndexOf("<")).toBeLessThan(before.lastIndexOf(">")); // not inside a tag
      }
    });

    it("offers each source in the source filter with its exact name as the value the groups list", () => {
      // Regression: <option>text</option> without a value gives the text with its spaces collapsed,
      // so "multi\nline  source" matched no group's list of sources.
      const options = tags.filter((t) => t.name === "option" && !t.close).map((t) => attr(t, "value"));
      const sources = [HOSTILE.source1, HOSTILE.source2, HOSTILE.source3, HOSTILE.source4].sort();
      expect(options).toEqual(["", ...sources]);
      const listed = tags.filter((t) => t.name === "section" && attr(t, "class") === "group").map((t) => JSON.parse(attr(t, "data-sources")!) as string[]);
      expect(listed).toEqual([sources]);
    });
  });

  describe("groups that stretch the plot", () => {
    let html: string;
    let json: JsonReport;
    let sections: string[];
    beforeAll(async () => {
      const file = writeCsv("stress.csv", ["source", "figure", "location", "date"], stressRows());
      const out = join(dir, "stress.html");
      const run = await runInProcess([file, "-o", out]);
      expect(run.exit, run.stderr).toBeLessThanOrEqual(1);
      html = read(out);
      json = await jsonReport([file]);
      sections = groupSections(html);
    });

    it("has a plot and the right marks for each of them", () => {
      expect(json.groups.map((g) => g.claims.length)).toEqual([5, 2, 50, 5]);
      expect(sections).toHaveLength(json.groups.length);
      sections.forEach((s, k) => {
        const marks = [...s.matchAll(/class="mark (\w+) /g)].map((m) => m[1]);
        expect(marks).toEqual(json.groups[k]!.claims.filter((c) => c.low !== null).map(markKind));
      });
      expectBalanced(tagsOf(html));
    });

    it("puts huge and tiny counts on a log axis, 0 at its left end", () => {
      const raqqa = sections[0]!;
      expect(raqqa).toContain("log scale");
      expect(raqqa).toMatch(/<title id="G1-plot-title">G1: 5 claims on a log axis from 0 to /);
      // The 0 and the 3 are both dots, the 0 at the axis's start and the 3 right of it.
      const cx = (i: number) => Number(new RegExp(`<circle class="mark dot [^"]*" data-claim="${i}" cx="([\\d.]+)"`).exec(raqqa)![1]);
      const axisStart = Number(/<g class="axis"><line x1="([\d.]+)"/.exec(raqqa)![1]);
      expect(cx(2)).toBe(axisStart);
      expect(cx(0)).toBeGreaterThan(axisStart + 20);
    });

    it("draws a group with no figures as 'no figure' rows, with no marks and no empty axis", () => {
      const deir = sections[1]!;
      expect(deir.match(/class="mark /g)).toBeNull();
      expect(deir.match(/>no figure<\/text>/g)).toHaveLength(2);
      // Regression: an axis from 0 to 1 was drawn under nothing, and the title claimed one.
      expect(deir).not.toContain(`class="axis"`);
      expect(deir).toContain("G2: 2 claims, none with a figure");
    });

    it("gives each of 50 claims its row in the plot", () => {
      const aleppo = sections[2]!;
      expect(aleppo.match(/class="mark /g)).toHaveLength(50);
      const height = Number(/<svg class="plot"[^>]*viewBox="0 0 \d+ (\d+)"/.exec(aleppo)![1]);
      expect(height).toBeGreaterThan(50 * 20);
      expect(aleppo.match(/<tr class=/g)).toHaveLength(50);
    });

    it("labels each row with its measure where a group counts more than one thing, and with the source alone where it counts one", async () => {
      const csv = "source,figure,victims,outcome,location,date\nAirwars,4,civilians,killed,Qarah,2021-08-19\nAirwars,3-4,civilians,injured,Qarah,2021-08-19\nUCDP,4-8,,killed,Qarah,2021-08-19\nA,5,,killed,Hama,2016-09-01\nB,6,,killed,Hama,2016-09-01\n";
      const html = (await runInProcess(["-", "--format", "html"], { stdin: csv })).stdout;
      const labelsOf = (id: string) =>
        [...groupSections(html).find((g) => g.includes(`id="${id}"`))!.matchAll(/<text x="\d+" y="[\d.]+" text-anchor="end">([^<]*)<\/text>/g)].map((m) => decodeHtml(m[1]!));
      expect(labelsOf("G1")).toEqual(["Airwars · civilians killed", "Airwars · civilians injured", "UCDP · killed"]);
      expect(labelsOf("G2")).toEqual(["A", "B"]);
    });

    it("shortens a very long source's label in the plot but keeps the whole name in its title and the table", () => {
      const hama = sections[3]!;
      const labels = [...hama.matchAll(/<text x="\d+" y="[\d.]+" text-anchor="end">([^<]*)<\/text>/g)].map((m) => decodeHtml(m[1]!));
      expect(labels).toHaveLength(5);
      for (const l of labels) expect([...l].length).toBeLessThanOrEqual(40);
      expect(labels).toContain(`${[...LONG_SOURCE].slice(0, 39).join("")}…`);
      expect(hama).toContain(`<td>${LONG_SOURCE}</td>`);
      expect(visibleText(hama)).toContain(`${LONG_SOURCE}: "30"`);
    });

    it("writes Arabic as it is, and folds it for the place filter", () => {
      const hama = sections[3]!;
      expect(hama).toContain("المرصدُ السوريُّ لحقوقِ الإنسانِ");
      expect(hama).toContain("أكثر من ٢٥");
      const place = attr(tagsOf(hama)[0]!, "data-place")!;
      expect(place).toContain("حماة");
      expect(place).not.toMatch(/\p{M}/u);
    });
  });

  it("draws every fixture's groups: a plot each, a mark per claim with a figure, outliers and superseded claims toned apart", async () => {
    const args = [...ALL_FIXTURES, "--rejects", join(dir, "all-rejects.csv")];
    const run = await runInProcess([...args, "--format", "html"]);
    expect(run.exit, run.stderr).toBeLessThanOrEqual(1);
    const json = await jsonReport([...args.slice(0, -1), join(dir, "all-rejects-2.csv")]);
    expect(json.summary.groups).toBeGreaterThan(20);
    const html = run.stdout;
    expectBalanced(tagsOf(html));
    const sections = groupSections(html);
    expect(sections).toHaveLength(json.summary.groups);
    let outliers = 0;
    let superseded = 0;
    sections.forEach((section, k) => {
      const g = json.groups[k]!;
      expect(section.match(/<svg class="plot"/g)).toHaveLength(1);
      const marks = [...section.matchAll(/class="mark (\w+) tone-(\w+)" data-claim="(\d+)"/g)].map((m) => ({ kind: m[1], tone: m[2], claim: g.claims[Number(m[3])]! }));
      expect(marks.map((m) => m.claim)).toEqual(g.claims.filter((c) => c.low !== null));
      for (const m of marks) {
        expect(m.kind).toBe(markKind(m.claim));
        if (m.claim.outlier) outliers++;
        if (m.claim.superseded_by !== undefined) superseded++;
        expect(m.tone).toBe(m.claim.outlier ? "outlier" : m.claim.superseded_by !== undefined ? "superseded" : g.status === "conflict" ? (g.tie === true ? "unresolved" : "consistent") : g.status);
      }
    });
    expect(outliers).toBeGreaterThan(0);
    expect(superseded).toBeGreaterThan(0);
  });

  it("adds the rejected rows with --rejects, and takes the format from -o report.HTML", async () => {
    const rejects = join(dir, "rejects-html.csv");
    const out = join(dir, "report.HTML");
    const run = await runInProcess([BAD_ROWS, "--rejects", rejects, "-o", out]);
    expect(run.exit, run.stderr).toBe(0);
    const html = read(out);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(existsSync(rejects)).toBe(true);
    const section = /<section class="rejected">[\s\S]*?<\/section>/.exec(html)?.[0];
    expect(section).toBeDefined();
    const rows = [...section!.matchAll(/<tr><td class="num">([^<]*)<\/td><td><code>([A-Z_]+)<\/code><\/td>/g)].map((m) => [decodeHtml(m[1]!), m[2]]);
    expect(rows).toEqual([
      [`${BAD_ROWS}:3`, "CLAIM_INVALID_DATE"],
      [`${BAD_ROWS}:4`, "CLAIM_INVALID_FIGURE"],
      [`${BAD_ROWS}:5`, "CLAIM_INVALID_FIGURE"],
      [`${BAD_ROWS}:6`, "CSV_RAGGED_ROW"],
    ]);
    expect(visibleText(section!)).toContain('got "2016-02-30"');
    expect(groupSections(html)).toHaveLength(1);
    expectBalanced(tagsOf(html));
  });

  it("takes HTML from .htm and Markdown from .md and .markdown, in any case", async () => {
    const cases: Array<[string, RegExp]> = [
      ["r.htm", /^<!doctype html>/],
      ["r.md", /^# Casualty claims reconciled\n/],
      ["r.MarkDown", /^# Casualty claims reconciled\n/],
    ];
    for (const [name, head] of cases) {
      const out = join(dir, name);
      const run = await runInProcess([SEED, "-o", out]);
      expect(run.exit, run.stderr).toBe(0);
      expect(read(out)).toMatch(head);
    }
  });
});

// ---------------------------------------------------------------------------

interface MdTable {
  header: string[];
  /** Each body row's cells as markdown-it renders them (HTML). */
  rows: string[][];
}

const md = new MarkdownIt();

function tablesOf(markdown: string): MdTable[] {
  const tables: MdTable[] = [];
  let table: MdTable | undefined;
  let row: string[] | undefined;
  let inHead = false;
  for (const t of md.parse(markdown, {})) {
    if (t.type === "table_open") tables.push((table = { header: [], rows: [] }));
    else if (t.type === "thead_open") inHead = true;
    else if (t.type === "thead_close") inHead = false;
    else if (t.type === "tr_open") row = [];
    else if (t.type === "tr_close") {
      if (inHead) table!.header = row!;
      else table!.rows.push(row!);
      row = undefined;
    } else if (t.type === "inline" && row !== undefined) row.push(md.renderer.renderInline(t.children ?? [], md.options, {}));
  }
  return tables;
}

/** The cells of a GFM table line as written: split at pipes that are not backslash-escaped. */
function sourceCells(line: string): string[] {
  const cells: string[] = [];
  let cur = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "\\" && i + 1 < line.length) {
      cur += ch + line[i + 1];
      i++;
    } else if (ch === "|") {
      cells.push(cur);
      cur = "";
    } else cur += ch;
  }
  cells.push(cur);
  return cells.slice(1, -1);
}

/** Each table of the Markdown as its lines. */
function tableLines(markdown: string): string[][] {
  const blocks: string[][] = [];
  let cur: string[] | undefined;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      cur = undefined;
      continue;
    }
    if (cur === undefined) blocks.push((cur = []));
    cur.push(line);
  }
  return blocks;
}

/** A rendered cell's text; fails when it holds any tag but the ones allowed. */
function cellText(html: string, allowed: readonly string[] = []): string {
  const stripped = html.replace(/<\/?([a-z]+)>/g, (tag, name: string) => {
    expect(allowed, `a ${tag} in a cell: ${html}`).toContain(name);
    return "";
  });
  expect(stripped, `markup left in a cell: ${html}`).not.toMatch(/</);
  return decodeHtml(stripped);
}

// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/\r\n|[\r\n\t\v\f\u0085\u2028\u2029]/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd").trim();

describe("--format markdown", () => {
  it("renders the seed as a summary table and one table per status that has groups, a row per claim", async () => {
    const run = await runInProcess([SEED, "--format", "markdown"]);
    expect(run.exit, run.stderr).toBe(0);
    const json = await jsonReport([SEED]);
    const tables = tablesOf(run.stdout);
    const present = Object.entries(json.summary.statuses).filter(([, n]) => n > 0);
    expect(tables).toHaveLength(1 + present.length);
    expect(tables).toHaveLength(3);
    expect(tables[0]!.header).toEqual(["status", "groups"]);
    expect(tables[0]!.rows.map((r) => [r[0], Number(r[1])])).toEqual(Object.entries(json.summary.statuses));
    present.forEach(([status], k) => {
      const t = tables[k + 1]!;
      const claims = json.groups.filter((g) => g.status === status).flatMap((g) => g.claims);
      expect(t.rows).toHaveLength(claims.length);
      const col = (name: string) => t.header.indexOf(name);
      expect(t.rows.map((r) => cellText(r[col("id")]!))).toEqual(claims.map((c) => c.id));
      expect(t.rows.map((r) => cellText(r[col("source")]!))).toEqual(claims.map((c) => c.source));
      expect(t.rows.map((r) => cellText(r[col("figure")]!))).toEqual(claims.map((c) => c.figure));
    });
  });

  it("adds a rejected-rows table with --rejects, a containment list, and keeps every row as wide as its header", async () => {
    const rejects = join(dir, "rejects-md.csv");
    const run = await runInProcess([CONFLICT, CONTAINMENT, BAD_ROWS, "--rejects", rejects, "--format", "markdown"]);
    expect(run.exit, run.stderr).toBe(0);
    const json = await jsonReport([CONFLICT, CONTAINMENT, BAD_ROWS, "--rejects", join(dir, "rejects-md-2.csv")]);
    expect(json.summary.rejected).toBe(4);
    expect(json.summary.findings.containment).toBeGreaterThan(0);
    const tables = tablesOf(run.stdout);
    const present = Object.values(json.summary.statuses).filter((n) => n > 0).length;
    expect(tables).toHaveLength(1 + present + 1);
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.header.length);
    expect(tableLines(run.stdout)).toHaveLength(tables.length);
    for (const lines of tableLines(run.stdout)) {
      const width = sourceCells(lines[0]!).length;
      for (const l of lines) expect(sourceCells(l), l).toHaveLength(width);
    }
    const rejected = tables.at(-1)!;
    expect(rejected.header).toEqual(["where", "code", "why"]);
    expect(rejected.rows.map((r) => cellText(r[1]!, ["code"]))).toEqual(["CLAIM_INVALID_DATE", "CLAIM_INVALID_FIGURE", "CLAIM_INVALID_FIGURE", "CSV_RAGGED_ROW"]);
    // The containment findings are a list, one item each.
    const items = md.parse(run.stdout, {}).filter((t) => t.type === "list_item_open");
    expect(items).toHaveLength(json.summary.findings["containment"]!);
    // The outlier of the conflict is flagged on its row.
    const conflict = tables[1]!;
    const note = conflict.header.indexOf("note");
    const outliers = json.groups.filter((g) => g.status === "conflict").flatMap((g) => g.claims.map((c) => c.outlier));
    expect(conflict.rows.map((r) => cellText(r[note]!) === "✗ outlier")).toEqual(outliers);
  });

  it("lists every claim of every fixture once, under its group's status, flagged when it is an outlier or superseded", async () => {
    const args = [...ALL_FIXTURES, "--rejects", join(dir, "all-rejects-md.csv")];
    const run = await runInProcess([...args, "--format", "markdown"]);
    expect(run.exit, run.stderr).toBeLessThanOrEqual(1);
    const json = await jsonReport([...args.slice(0, -1), join(dir, "all-rejects-md-2.csv")]);
    const tables = tablesOf(run.stdout);
    const present = Object.entries(json.summary.statuses).filter(([, n]) => n > 0);
    expect(tables).toHaveLength(1 + present.length + 1);
    present.forEach(([status], k) => {
      const t = tables[k + 1]!;
      const col = (name: string) => t.header.indexOf(name);
      const groups = json.groups.filter((g) => g.status === status);
      const expected = groups.flatMap((g) =>
        g.claims.map((c) => [g.id, c.id, c.outlier ? "✗ outlier" : c.superseded_by !== undefined ? `↻ superseded by ${c.superseded_by}` : ""]),
      );
      expect(t.rows.map((r) => [cellText(r[col("group")]!, ["strong"]), cellText(r[col("id")]!), cellText(r[col("note")]!)])).toEqual(expected);
      // The group's id is bold on its first row only, where its place and date are.
      const firsts = t.rows.flatMap((r, i) => (r[0]!.startsWith("<strong>") ? [i] : []));
      expect(firsts).toEqual(groups.map((_, j) => groups.slice(0, j).reduce((n, g) => n + g.claims.length, 0)));
      for (const r of t.rows) expect(r).toHaveLength(t.header.length);
    });
    expect(tables.at(-1)!.rows).toHaveLength(json.summary.rejected);
  });

  it("keeps hostile cells in their cells: pipes, line breaks, backticks, <b>, entities are text", async () => {
    const file = writeCsv("hostile-md.csv", CLAIM_HEADER, [
      ...claimRows(HOSTILE),
      // A bad row, for the rejected table: its message quotes the figure.
      ["h5", "Bad | row", "<b>|x`y`</b>\n&amp;", "Hama", "2016-09-01", "", ""],
    ]);
    const run = await runInProcess([file, "--format", "markdown", "--rejects", join(dir, "rejects-hostile.csv")]);
    expect(run.exit, run.stderr).toBe(0);
    const tables = tablesOf(run.stdout);
    expect(tables).toHaveLength(3); // summary, compatible, rejected
    const claims = tables[1]!;
    expect(claims.header).toHaveLength(10);
    expect(claims.rows).toHaveLength(4);
    const col = (name: string) => claims.header.indexOf(name);
    claims.rows.forEach((r) => {
      expect(r).toHaveLength(10);
      cellText(r[0]!, ["strong"]);
      r.slice(1).forEach((c) => cellText(c));
    });
    // Regression: "&amp;" and "&copy;" were read as character references ("&", "©").
    expect(claims.rows.map((r) => cellText(r[col("source")]!))).toEqual([HOSTILE.source1, HOSTILE.source2, HOSTILE.source3, HOSTILE.source4].map(oneLine));
    expect(claims.rows.map((r) => cellText(r[col("place")]!))).toEqual([HOSTILE.location, "", "", ""]);
    expect(tableLines(run.stdout)).toHaveLength(tables.length);
    for (const lines of tableLines(run.stdout)) {
      const width = sourceCells(lines[0]!).length;
      for (const l of lines) expect(sourceCells(l), l).toHaveLength(width);
    }
    // The rendered page has no tag from the input.
    const page = md.render(run.stdout);
    expect(page).not.toMatch(/<(script|img|b|i)\b/i);
    const rejected = tables[2]!;
    expect(rejected.rows).toHaveLength(1);
    expect(rejected.rows[0]).toHaveLength(3);
    // The message quotes the bad figure as JSON (its line break as \n), all of it text.
    expect(cellText(rejected.rows[0]![2]!)).toContain(`got ${JSON.stringify("<b>|x`y`</b>\n&amp;")}`);
  });

  it("markdownCell: any text stays one cell of a table row and reads back as itself", () => {
    const piece = fc.constantFrom(
      "a", "Z", " ", "  ", "\n", "\r\n", "\r", "\t", "|", "\\", "`", "``", "*", "**", "_", "[", "]", "(", ")", "<", ">", "#", "~", "~~",
      "&", ";", "amp", "lt", "&amp;", "&copy;", "&#60;", "&#x3C;", "!", "-", "---", "=", "+", ":", "1.", "حماة", "حَماة", "<b>", "</b>",
      "<script>", "<!--", "-->", "$", "^", "'", '"', "é", "http://x.y", "<http://x.y>", "www.x.org", "![i](j)",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }).map((p) => p.join("")), (text) => {
        const table = `| a | b | c |\n| --- | --- | --- |\n| x | ${markdownCell(text)} | y |\n`;
        const [t] = tablesOf(table);
        expect(t!.rows).toHaveLength(1);
        expect(t!.rows[0]).toHaveLength(3);
        expect(cellText(t!.rows[0]![0]!)).toBe("x");
        expect(cellText(t!.rows[0]![2]!)).toBe("y");
        expect(cellText(t!.rows[0]![1]!)).toBe(oneLine(text).replace(/^[ \t]+|[ \t]+$/g, ""));
        expect(sourceCells(table.split("\n")[2]!)).toHaveLength(3);
      }),
      { numRuns: 1_000 },
    );
  });
});

// ---------------------------------------------------------------------------

/** Columns a terminal gives a text: none for combining marks and format characters, two for CJK. */
function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\p{Mn}\p{Me}\p{Cf}]/u.test(ch) ? 0 : /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return n;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const BAR = /│([ ░━●▶]{24})│/u;

interface TableBlock {
  header: string;
  claimLines: string[];
  axis?: string;
}

/** The terminal table's groups: the header line, the claim lines (those with a bar, or all of them without bars), and the axis. */
function tableBlocks(text: string): TableBlock[] {
  return text
    .split("\n\n")
    .filter((b) => /^G\d+ {2}/.test(b))
    .map((b) => {
      const lines = b.split("\n").filter((l) => l !== "");
      const claimLines = lines.filter((l) => l.includes("│"));
      const axis = lines.find((l) => /^ +0 +[\d,.]+[KMBT]?( \(log\))?$/.test(l));
      return { header: lines[0]!, claimLines, ...(axis !== undefined && { axis }) };
    });
}

describe.skipIf(!HAS_SCRIPT)("range bars in the terminal table", () => {
  let plain: CliRun;
  let json: JsonReport;
  beforeAll(async () => {
    plain = runInTerminal([SEED], { env: { NO_COLOR: "1" } });
    json = await jsonReport([SEED]);
  });

  it("draws a bar per claim on a terminal: ● for an exact count, ━ for a range, ━…▶ for an open end, and an axis per group", () => {
    expect(plain.exit).toBe(0);
    expect(plain.stdout).not.toMatch(ANSI);
    const blocks = tableBlocks(plain.stdout);
    expect(blocks).toHaveLength(json.groups.length);
    blocks.forEach((b, k) => {
      const g = json.groups[k]!;
      expect(b.header.startsWith(`${g.id}  ${g.status.toUpperCase()}`)).toBe(true);
      expect(b.claimLines).toHaveLength(g.claims.length);
      b.claimLines.forEach((line, i) => {
        const c = g.claims[i]!;
        expect(line).toContain(c.source);
        const bar = BAR.exec(line)?.[1];
        expect(bar, line).toBeDefined();
        const kind = markKind(c);
        if (kind === "dot") expect(bar!.match(/●/gu)).toHaveLength(1);
        else expect(bar).not.toContain("●");
        if (kind === "open") expect(bar!.endsWith("━▶")).toBe(true);
        else expect(bar).not.toContain("▶");
        if (kind === "bar") expect(bar).toMatch(/^[ ░]*━+[ ░]*$/u);
      });
      // The axis runs under the bars: its 0 in the column of the bars' first cell.
      expect(b.axis, `${g.id} has an axis line`).toBeDefined();
      const barStart = displayWidth(b.claimLines[0]!.slice(0, b.claimLines[0]!.indexOf("│"))) + 1;
      expect(displayWidth(b.axis!.slice(0, b.axis!.indexOf("0")))).toBe(barStart);
      expect(displayWidth(b.axis!.trimStart())).toBe(24);
    });
  });

  it("draws no bars when the table is piped, or saved with -o, even with colour forced", async () => {
    const piped = await runInProcess([SEED, "--format", "table"]);
    expect(piped.exit).toBe(0);
    expect(piped.stdout).toContain("G1  COMPATIBLE  Hama · 2016-09-01");
    expect(piped.stdout).not.toMatch(/[│●▶━░]/u);
    // The same table, less the bars and the axes.
    const unbarred = plain.stdout
      .split("\n")
      .filter((l) => !/^ +0 +[\d,]+( \(log\))?$/.test(l))
      .map((l) => l.replace(/ {2}│[^│]*│/u, "").trimEnd())
      .join("\n");
    expect(piped.stdout).toBe(unbarred);
    const forced = await runInProcess([SEED, "--format", "table"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toMatch(ANSI);
    expect(forced.stdout.replace(ANSI, "")).toBe(piped.stdout);
    const out = join(dir, "table.txt");
    const saved = runInTerminal([SEED, "-o", out], { env: { NO_COLOR: "1" } });
    expect(saved.exit).toBe(0);
    expect(read(out)).toBe(piped.stdout);
  });

  it("colours the bars on a terminal, and without the colour codes it is the NO_COLOR text", () => {
    const coloured = runInTerminal([SEED]);
    expect(coloured.exit).toBe(0);
    expect(coloured.stdout).toMatch(ANSI);
    // The bars themselves are coloured.
    expect(coloured.stdout).toMatch(/\u001b\[[0-9;]*m│[ ░━●▶]{24}│\u001b\[[0-9;]*m/u);
    expect(coloured.stdout.replace(ANSI, "")).toBe(plain.stdout);
  });

  describe("on groups that stretch the table", () => {
    let run: CliRun;
    let blocks: TableBlock[];
    let stress: JsonReport;
    beforeAll(async () => {
      const file = writeCsv("stress-tty.csv", ["source", "figure", "location", "date"], stressRows());
      run = runInTerminal([file], { env: { NO_COLOR: "1" } });
      stress = await jsonReport([file]);
      blocks = tableBlocks(run.stdout);
    });

    it("keeps every claim on one line with its bar, its bars in one column, and no control character from the input", () => {
      expect(run.exit).toBeLessThanOrEqual(1);
      expect(blocks.map((b) => b.claimLines.length)).toEqual(stress.groups.map((g) => g.claims.length));
      expect(blocks.map((b) => b.claimLines.length)).toEqual([5, 2, 50, 5]);
      // Regression: the escape codes and the bell in a source's name reached the terminal, and its line break split its row.
      // eslint-disable-next-line no-control-regex
      expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      const hama = blocks[3]!;
      expect(hama.claimLines.at(-1)).toMatch(/Evil.*RED.* line break +27 /u);
      for (const b of blocks) {
        // Regression: a vowel mark over an Arabic letter was counted as a column, so that row's bar stood left of the others.
        const columns = b.claimLines.map((l) => displayWidth(l.slice(0, l.indexOf("│"))));
        expect(new Set(columns).size, b.claimLines.join("\n")).toBe(1);
        for (const l of b.claimLines) expect(BAR.test(l), l).toBe(true);
      }
    });

    it("uses a log axis for tiny and huge counts, blank bars and no axis for no figures, and one axis under 50 bars", () => {
      expect(blocks[0]!.axis).toMatch(/ \(log\)$/);
      const raqqa = blocks[0]!.claimLines.map((l) => BAR.exec(l)![1]!);
      expect(raqqa[2]!.indexOf("●")).toBe(0); // 0
      expect(raqqa[0]!.indexOf("●")).toBeGreaterThan(0); // 3
      expect(raqqa[1]).not.toContain("●"); // 1350–1650, however narrow
      expect(raqqa[3]!.endsWith("▶")).toBe(true);
      expect(raqqa[4]!.trim()).toBe("");
      expect(blocks[1]!.axis).toBeUndefined();
      for (const l of blocks[1]!.claimLines) expect(BAR.exec(l)![1]!.trim()).toBe("");
      expect(blocks[2]!.axis).toMatch(/^ +0 +\d+$/);
      expect(blocks[3]!.claimLines[2]).toContain(LONG_SOURCE);
    });
  });
});

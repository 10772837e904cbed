// The HTML report in a real browser: Debian's Chromium driven by playwright-core.
// .ci/run installs Chromium when it is missing; where it cannot be installed,
// these tests skip and say why. UPDATE_GOLDEN=1 also saves the screenshot the
// README shows (docs/report-conflict.png).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./support/cli.js";

function findChromium(): string | undefined {
  const named = process.env["CHROMIUM"];
  if (named !== undefined && named !== "") return named;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (found.status === 0 && found.stdout.trim() !== "") return found.stdout.trim();
  }
  return undefined;
}

const executablePath = findChromium();
if (executablePath === undefined) {
  console.warn("browser tests skipped: no Chromium found (install Debian's chromium package, or set CHROMIUM=/path/to/chrome); .ci/run installs it");
}

const dir = mkdtempSync(join(tmpdir(), "reconcile-html-"));

function report(fixture: string, name: string): string {
  const file = join(dir, name);
  const run = runCli([fixture, "-o", file]);
  expect(run.exit, run.stderr).toBeLessThanOrEqual(1);
  return file;
}

describe.skipIf(executablePath === undefined)("the HTML report in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: executablePath!,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Open a report; every request the page makes is recorded. */
  async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(pathToFileURL(file).href);
    return { page, requests, errors };
  }

  it("draws one plot per group of the seed, with a mark per claim that has a figure, and fetches nothing", async () => {
    const file = report("fixtures/seed/hama-2016-09-01.csv", "seed.html");
    const { page, requests, errors } = await open(file);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    const groups = await page.$$eval("section.group", (sections) =>
      sections.map((s) => ({
        id: s.id,
        plots: s.querySelectorAll("svg.plot").length,
        marks: [...s.querySelectorAll("svg.plot .mark")].map((m) => m.classList[1]),
        title: s.querySelector("svg.plot > title")?.textContent ?? "",
        width: (s.querySelector("svg.plot") as SVGSVGElement).getBoundingClientRect().width,
      })),
    );
    // G1: "at least 25" (an open arrow) and "tens" (a bar); G2: 17 (a dot); G3: "more than 400" (an arrow); G4: 248 (a dot).
    expect(groups).toEqual([
      { id: "G1", plots: 1, marks: ["open", "bar"], title: expect.stringContaining("G1: 2 claims"), width: expect.any(Number) },
      { id: "G2", plots: 1, marks: ["dot"], title: expect.stringContaining("G2: 1 claim"), width: expect.any(Number) },
      { id: "G3", plots: 1, marks: ["open"], title: expect.stringContaining("G3: 1 claim"), width: expect.any(Number) },
      { id: "G4", plots: 1, marks: ["dot"], title: expect.stringContaining("G4: 1 claim"), width: expect.any(Number) },
    ]);
    for (const g of groups) expect(g.width).toBeGreaterThan(300);
    // Marks are drawn where their counts are: G1's bar (20–99) ends to the right of where it starts, inside the plot.
    const bar = await page.locator("#G1 svg.plot .mark.bar line").first().boundingBox();
    const svg = await page.locator("#G1 svg.plot").boundingBox();
    expect(bar!.width).toBeGreaterThan(50);
    expect(bar!.x).toBeGreaterThan(svg!.x);
    expect(bar!.x + bar!.width).toBeLessThanOrEqual(svg!.x + svg!.width);
    await page.close();
  });

  it("filters groups by status, source and place", async () => {
    const { page } = await open(report("fixtures/seed/hama-2016-09-01.csv", "seed-filters.html"));
    const visible = () => page.$$eval("section.group", (s) => s.filter((x) => !(x as HTMLElement).hidden && (x as HTMLElement).offsetParent !== null).map((x) => x.id));
    const shown = () => page.locator("#shown").textContent();
    expect(await visible()).toEqual(["G1", "G2", "G3", "G4"]);
    await page.getByLabel("single (3)").uncheck();
    expect(await visible()).toEqual(["G1"]);
    expect(await shown()).toBe("1");
    await page.getByLabel("single (3)").check();
    await page.getByLabel("source").selectOption("Syrian Observatory for Human Rights");
    expect(await visible()).toEqual(["G1", "G2"]);
    await page.getByLabel("source").selectOption("");
    await page.getByLabel("place").fill("LATAMENAH");
    expect(await visible()).toEqual(["G2"]);
    await page.getByLabel("place").fill("al-Latamenah");
    expect(await visible()).toEqual(["G2"]);
    await page.getByLabel("place").fill("nowhere");
    expect(await visible()).toEqual([]);
    expect(await shown()).toBe("0");
    await page.close();
  });

  // Regression: a source name with a carriage return in it (a quoted CSV cell written with CR LF or
  // a lone CR) reached the option's value as LF, since the HTML parser normalises line ends in
  // markup, while the groups' list of sources (JSON) kept the CR: that source's filter hid every group.
  it("filters by a source whose name holds a carriage return", async () => {
    const file = join(dir, "cr-sources.csv");
    writeFileSync(file, 'source,figure,location,date\r\n"Monitor\r\nAleppo",12,Aleppo,2016-09-01\r\n"Old\rdesk",14,Aleppo,2016-09-01\r\nPlain,9,Hama,2016-09-01\r\n');
    const { page, errors } = await open(report(file, "cr-sources.html"));
    const visible = () => page.$$eval("section.group", (s) => s.filter((x) => !(x as HTMLElement).hidden).map((x) => x.id));
    const values = await page.$$eval("#f-source option", (o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(values).toEqual(["", "Monitor\r\nAleppo", "Old\rdesk", "Plain"]);
    for (const source of ["Monitor\r\nAleppo", "Old\rdesk"]) {
      await page.locator("#f-source").selectOption(source);
      expect(await visible(), JSON.stringify(source)).toEqual(["G1"]);
    }
    await page.locator("#f-source").selectOption("Plain");
    expect(await visible()).toEqual(["G2"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("marks the outlier, shades the consensus, and names both sides of a containment finding", async () => {
    const conflict = await open(report("fixtures/conflict/hama-conflict.csv", "conflict.html"));
    const marks = await conflict.page.$$eval("#G1 svg.plot .mark", (m) => m.map((x) => [...x.classList].find((c) => c.startsWith("tone-"))));
    expect(marks).toEqual(["tone-consistent", "tone-consistent", "tone-consistent", "tone-outlier"]);
    expect(await conflict.page.locator("#G1 svg.plot .band").count()).toBe(4);
    // The outlier's colour is not the others'.
    const colours = await conflict.page.$$eval("#G1 svg.plot .mark", (m) => m.map((x) => getComputedStyle(x).fill));
    expect(new Set(colours.slice(0, 3)).size).toBe(1);
    expect(colours[3]).not.toBe(colours[0]);
    if (process.env["UPDATE_GOLDEN"] === "1") {
      await conflict.page.setViewportSize({ width: 1000, height: 760 });
      await conflict.page.screenshot({ path: join(ROOT, "docs", "report-conflict.png") });
    }
    const shot = join(dir, "conflict.png");
    await conflict.page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await conflict.page.close();

    const { page } = await open(report("fixtures/containment/idlib-2016-09.csv", "containment.html"));
    const finding = page.locator("section.containment li").first();
    expect(await finding.textContent()).toContain("the parts together exceed the whole");
    const links = await finding.locator("a").evaluateAll((a) => a.map((x) => x.getAttribute("href")));
    expect(links).toEqual(["#G1", "#G2", "#G3", "#G4"]);
    await page.close();
  });

  it("meets WCAG AA contrast for its text and marks, and prints without the filters", async () => {
    const { page } = await open(report("fixtures/conflict/hama-conflict.csv", "contrast.html"));
    // Every visible text and every mark against the white page: at least 4.5:1 for text, 3:1 for marks (WCAG 1.4.3, 1.4.11).
    const ratios = await page.evaluate(() => {
      const luminance = (css: string) => {
        const [r, g, b] = css.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number).map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const contrast = (css: string) => 1.05 / (luminance(css) + 0.05);
      // Elements that show text of their own: HTML elements laid out on the page, and SVG <text> (an SVG <title> is a tooltip).
      const shown = (e: Element) => (e instanceof SVGElement ? e.localName === "text" : (e as HTMLElement).offsetParent !== null);
      const texts = [...document.querySelectorAll("body *")].filter((e) => shown(e) && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== ""));
      const text = texts.map((e) => ({ what: e.textContent!.trim().slice(0, 30), ratio: contrast(e instanceof SVGElement ? getComputedStyle(e).fill : getComputedStyle(e).color) }));
      const marks = [...document.querySelectorAll("svg.plot .mark")].map((e) => ({ what: e.getAttribute("class")!, ratio: contrast(getComputedStyle(e).fill) }));
      return { text, marks };
    });
    expect(ratios.text.length).toBeGreaterThan(30);
    expect(ratios.text.filter((t) => t.ratio < 4.5)).toEqual([]);
    expect(ratios.marks.filter((t) => t.ratio < 3)).toEqual([]);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("form.filters").isVisible()).toBe(false);
    expect(await page.locator("svg.plot").first().isVisible()).toBe(true);
    await page.close();
  });

  it("switches to a log axis when a group spans more than two orders of magnitude", async () => {
    const csv = "source,figure,location,date\nA,3,Raqqa,2017-06-01\nB,about 1500,Raqqa,2017-06-01\n";
    const html = join(dir, "log.html");
    const run = runCli(["-", "--format", "html", "-o", html], { stdin: csv });
    expect(run.exit, run.stderr).toBe(0);
    const { page } = await open(html);
    expect(await page.locator("#G1 svg.plot .axis").textContent()).toContain("log scale");
    // The words are inside the plot, not cut off below it.
    const words = await page.locator("#G1 svg.plot .axis text", { hasText: "log scale" }).boundingBox();
    const plot = await page.locator("#G1 svg.plot").boundingBox();
    expect(words!.y + words!.height).toBeLessThanOrEqual(plot!.y + plot!.height);
    // A claim without an id of its own is named once, by its file and line.
    expect(await page.locator("#G1 tbody tr").first().locator("td").last().textContent()).toBe("stdin:2");
    const [small, large] = await page.locator("#G1 svg.plot .mark").evaluateAll((m) => m.map((x) => x.getBoundingClientRect().x));
    // On a log axis 3 sits well away from 0: more than a tenth of the way along.
    const axis = await page.locator("#G1 svg.plot .axis > line").first().boundingBox();
    expect((small! - axis!.x) / axis!.width).toBeGreaterThan(0.1);
    expect(large!).toBeGreaterThan(small!);
    await page.close();
  });
});

it("has the README's screenshot of the report on disk", () => {
  const png = join(ROOT, "docs", "report-conflict.png");
  expect(existsSync(png)).toBe(true);
  expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
  expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("docs/report-conflict.png");
});

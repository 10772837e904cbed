/**
 * The docs are checked against the code they describe: the README's --help
 * section is the real help text, its code table lists every code, and the
 * figure docs list every rule and lexicon entry. UPDATE_GOLDEN=1 regenerates
 * the generated parts of docs/figures.md.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ISSUE_CODES } from "../src/errors.js";
import { CELL_CONSTRUCTIONS, readStatement } from "../src/figures/compound.js";
import { formatInterval } from "../src/figures/interval.js";
import { DEFAULT_LEXICON, resolveLexicon } from "../src/figures/lexicon.js";
import { PATTERNS, RULES, type RuleId } from "../src/figures/rules.js";
import { ROOT, runCli, runInTerminal, shellWords } from "./support/cli.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const FIGURES_DOC = join(ROOT, "docs", "figures.md");

function generated(): Record<string, string> {
  const rules = [
    "| rule | written as | read as |",
    "|---|---|---|",
    ...Object.entries(RULES).map(([id, r]) => {
      // Every wording the reader accepts, straight from its pattern table.
      const shapes = PATTERNS.filter((p) => p.rule === (id as RuleId) && p.shape !== "N").map((p) => p.shape);
      return `| \`${id}\` | ${shapes.length > 0 ? shapes.join(", ") : r.form} | ${r.reading} |`;
    }),
  ].join("\n");
  const acled = resolveLexicon("acled");
  const lexicon = [
    "| phrase | also written | interval | acled best | why |",
    "|---|---|---|---|---|",
    ...DEFAULT_LEXICON.entries.map(
      (e) => `| ${e.phrase} | ${e.aliases.join(", ")} | ${formatInterval(e)} | ${acled.byPhrase.get(e.phrase)?.best ?? ""} | ${e.why} |`,
    ),
  ].join("\n");
  const cells = [
    "| construction | written as | example | read as |",
    "|---|---|---|---|",
    ...CELL_CONSTRUCTIONS.map((c) => `| ${c.what} | ${c.written} | \`${c.example}\` | ${c.reads} |`),
  ].join("\n");
  return { rules, lexicon, cells };
}

function fill(doc: string, parts: Record<string, string>): string {
  return doc.replace(/<!-- generated: (\w+) -->\n[\s\S]*?<!-- \/generated -->/g, (_, name: string) => `<!-- generated: ${name} -->\n${parts[name] ?? ""}\n<!-- /generated -->`);
}

/** The README's console examples: each "$ npx reconcile …" line and the output printed under it. */
function consoleExamples(text: string): Array<{ command: string; output: string }> {
  const examples: Array<{ command: string; output: string }> = [];
  for (const block of text.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith("$ npx reconcile ")) continue;
      const out: string[] = [];
      for (let j = i + 1; j < lines.length && !lines[j]!.startsWith("$ "); j++) out.push(lines[j]!);
      examples.push({ command: lines[i]!.slice("$ npx reconcile ".length), output: out.join("\n").trimEnd() });
    }
  }
  return examples;
}

describe("docs: the library example", () => {
  it("README's Library example runs against the built package and prints what the README shows", () => {
    const section = readme.slice(readme.indexOf("## Library"), readme.indexOf("## Development"));
    const code = section.match(/```js\n([\s\S]*?)```/)?.[1];
    const printed = section.match(/prints\n\n```text\n([\s\S]*?)```/)?.[1];
    expect(code).toBeDefined();
    expect(printed).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "reconcile-lib-"));
    const file = join(dir, "example.mjs");
    // The package's own name resolves to the built tree, as it does once installed (test/package.test.ts).
    writeFileSync(file, code!.replace('from "casualty-reconcile"', `from ${JSON.stringify(pathToFileURL(join(ROOT, "dist", "index.js")).href)}`));
    const run = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env["PATH"] ?? "", TZ: "UTC" } });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(printed);
  });
});

describe("docs", () => {
  const examples = consoleExamples(readme);
  it("README has console examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });
  for (const { command, output } of examples) {
    it(`README example is real output: reconcile ${command}`, () => {
      // A terminal shows the table (the format stdout defaults to on a terminal, with range bars) and stderr too:
      // those examples run in a real pseudo-terminal, without colour.
      const head = command.match(/\s*\|\s*head -(\d+)$/);
      const args = shellWords(head ? command.slice(0, head.index) : command);
      const terminal = !head && !args.includes("--format") && !args.includes("-o") && !["explain", "presets", "lexicon"].includes(args[0]!);
      const run = terminal ? runInTerminal(args, { env: { NO_COLOR: "1" } }) : runCli(args);
      const printed = head ? run.stdout.split("\n").slice(0, Number(head[1])).join("\n") : (run.stdout + run.stderr).trimEnd();
      expect(printed).toBe(output);
    });
  }

  it("README shows the real --help text", () => {
    const help = runCli(["--help"]).stdout.trimEnd();
    expect(readme).toContain("```text\n" + help + "\n```");
  });

  it("README lists every input problem code", () => {
    for (const code of Object.keys(ISSUE_CODES)) expect(readme).toContain(`| \`${code}\` |`);
  });

  it("every cell construction's example reads, in as many claims as it says", () => {
    for (const c of CELL_CONSTRUCTIONS) {
      const r = readStatement(c.example, DEFAULT_LEXICON);
      expect(r.ok && r.statement?.parts.length, c.example).toBe(c.parts);
    }
  });

  it("docs/figures.md lists every rule and every lexicon entry as the code has them", () => {
    const doc = readFileSync(FIGURES_DOC, "utf8");
    const expected = fill(doc, generated());
    if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(FIGURES_DOC, expected);
    else expect(doc).toBe(expected);
  });
});

/**
 * The docs are checked against the code they describe: the README's --help
 * section is the real help text, its code table lists every code, and the
 * figure docs list every rule and lexicon entry. UPDATE_GOLDEN=1 regenerates
 * the generated parts of docs/figures.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ISSUE_CODES } from "../src/errors.js";
import { formatInterval } from "../src/figures/interval.js";
import { DEFAULT_LEXICON, resolveLexicon } from "../src/figures/lexicon.js";
import { PATTERNS, RULES, type RuleId } from "../src/figures/rules.js";
import { ROOT, runCli } from "./support/cli.js";

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
  return { rules, lexicon };
}

function fill(doc: string, parts: Record<string, string>): string {
  return doc.replace(/<!-- generated: (\w+) -->\n[\s\S]*?<!-- \/generated -->/g, (_, name: string) => `<!-- generated: ${name} -->\n${parts[name] ?? ""}\n<!-- /generated -->`);
}

describe("docs", () => {
  it("README shows the real --help text", () => {
    const help = runCli(["--help"]).stdout.trimEnd();
    expect(readme).toContain("```text\n" + help + "\n```");
  });

  it("README lists every input problem code", () => {
    for (const code of Object.keys(ISSUE_CODES)) expect(readme).toContain(`| \`${code}\` |`);
  });

  it("docs/figures.md lists every rule and every lexicon entry as the code has them", () => {
    const doc = readFileSync(FIGURES_DOC, "utf8");
    const expected = fill(doc, generated());
    if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(FIGURES_DOC, expected);
    else expect(doc).toBe(expected);
  });
});

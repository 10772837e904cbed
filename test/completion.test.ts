/** Shell completion: the scripts are written from the command tree, and bash runs the one it gets. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./support/cli.js";

const has = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;
const script = async (shell: string) => {
  const run = await runInProcess(["completion", shell]);
  expect(run.exit, run.stderr).toBe(0);
  return run.stdout;
};

describe("reconcile completion", () => {
  it("offers every option and command of --help, in each shell's script", async () => {
    const help = (await runInProcess(["--help"])).stdout;
    const longs = [...help.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!);
    expect(longs).toContain("--format");
    expect(longs.length).toBeGreaterThan(20);
    for (const shell of ["bash", "zsh", "fish"]) {
      const text = await script(shell);
      for (const long of longs) expect(text, `${shell}: ${long}`).toContain(shell === "fish" ? `-l ${long.slice(2)} ` : long);
      for (const command of ["explain", "presets", "lexicon", "completion"]) expect(text, `${shell}: ${command}`).toContain(command);
    }
  });

  it("an unknown shell is USAGE_INVALID_ARGUMENT, naming the three", async () => {
    const run = await runInProcess(["completion", "powershell"]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain("Allowed choices are bash, zsh, fish. [USAGE_INVALID_ARGUMENT]");
  });

  describe.runIf(has("bash"))("bash, running the script", () => {
    const dir = mkdtempSync(join(tmpdir(), "reconcile-completion-"));
    mkdirSync(join(dir, "fixtures"));
    writeFileSync(join(dir, "fixtures", "claims.csv"), "source,figure,location,date\n");
    let text = "";
    /** What bash offers for the words typed so far (the last being completed). */
    const complete = async (...words: string[]) => {
      text ||= await script("bash");
      const program = `${text}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _reconcile; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const run = spawnSync("bash", ["--norc", "-c", program], { cwd: dir, encoding: "utf8" });
      expect(run.stderr).toBe("");
      return run.stdout.split("\n").filter(Boolean).sort();
    };
    it("options by prefix", async () => expect(await complete("reconcile", "--fo")).toEqual(["--format"]));
    it("a format's choices", async () => expect(await complete("reconcile", "-f", "")).toEqual(["csv", "github", "html", "json", "markdown", "ndjson", "table"]));
    it("the presets", async () => expect(await complete("reconcile", "--preset", "a")).toEqual(["acled", "airwars", "airwars-gaza"]));
    it("a command, or a file, first", async () => expect(await complete("reconcile", "ex")).toEqual(["explain"]));
    it("files as claims", async () => expect(await complete("reconcile", "fixtures/c")).toEqual(["fixtures/claims.csv"]));
    it("a lexicon by name or file", async () => expect(await complete("reconcile", "--lexicon", "f")).toEqual(["fixtures"]));
    it("a command's own options", async () => expect(await complete("reconcile", "lexicon", "--format", "")).toEqual(["json", "table"]));
    it("the shells of completion", async () => expect(await complete("reconcile", "completion", "")).toEqual(["bash", "fish", "zsh"]));
  });

  it.runIf(has("zsh"))("zsh reads its script without a syntax error", async () => {
    const run = spawnSync("zsh", ["-n"], { input: await script("zsh"), encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it.runIf(has("fish"))("fish reads its script without a syntax error", async () => {
    const run = spawnSync("fish", ["-n"], { input: await script("fish"), encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

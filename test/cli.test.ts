/** The CLI as a user runs it: real files, real exit codes; in-process through run(argv, io), and the real binary where a process or a terminal is the point. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { BIN, HAS_SCRIPT, ROOT, runCli, runInProcess, runInTerminal } from "./support/cli.js";
import { USAGE_CODES, type UsageCode } from "../src/errors.js";

const SEED = "fixtures/seed/hama-2016-09-01.csv";
const tmp = () => mkdtempSync(join(tmpdir(), "reconcile-test-"));

describe("the real binary and run(argv, io) print the same", () => {
  // Golden cases and most CLI tests run in-process; these spawn bin/reconcile.js (the built dist/) to
  // show it is the same program: a report, an input error, a usage error, stdin, JSON.
  const cases: Array<{ args: string[]; stdin?: string }> = [
    { args: [SEED] },
    { args: [SEED, "--format", "json", "--date-window", "1"] },
    { args: ["fixtures/bad/four-problems.csv"] },
    { args: [SEED, "--format", "xml"] },
    { args: ["-", "--format", "table"], stdin: readFileSync(SEED, "utf8") },
  ];
  for (const c of cases) {
    it(`reconcile ${c.args.join(" ")}${c.stdin !== undefined ? " < seed" : ""}`, async () => {
      const options = c.stdin !== undefined ? { stdin: c.stdin } : {};
      const spawned = runCli(c.args, options);
      const inProcess = await runInProcess(c.args, options);
      expect(inProcess).toEqual(spawned);
    });
  }
});

describe("CSV for spreadsheets", () => {
  it("--bom starts the CSV report and the rejects with a UTF-8 byte-order mark; the tool reads such a file back", async () => {
    const dir = tmp();
    const out = join(dir, "report.csv");
    const rejects = join(dir, "rejects.csv");
    expect((await runInProcess(["fixtures/bad/bad-rows.csv", "--bom", "-o", out, "--rejects", rejects])).exit).toBe(0);
    for (const file of [out, rejects]) expect([...readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await runInProcess([out, "--format", "json"]);
    expect(back.exit, back.stderr).toBe(0);
    // Without --bom, and in other formats, no mark.
    expect((await runInProcess([SEED])).stdout.startsWith("group,")).toBe(true);
    expect((await runInProcess([SEED, "--bom", "--format", "json"])).stdout.startsWith("{")).toBe(true);
  });

  it("a tied conflict is marked in a tie column, present when any group is tied", async () => {
    const dir = tmp();
    const path = join(dir, "tie.csv");
    writeFileSync(path, "source,figure,location,date\nA,10,Hama,2016-09-01\nB,20,Hama,2016-09-01\nC,5,Homs,2016-09-01\nD,5,Homs,2016-09-01\n");
    const rows = parse((await runInProcess([path])).stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r["group"], r["status"], r["tie"]])).toEqual([
      ["G1", "conflict", "true"],
      ["G1", "conflict", "true"],
      ["G2", "agree", "false"],
      ["G2", "agree", "false"],
    ]);
    expect(Object.keys(parse((await runInProcess([SEED])).stdout, { columns: true })[0] as object)).not.toContain("tie");
  });
});

describe("usage errors: one code each, every code in the README", () => {
  const dir = mkdtempSync(join(tmpdir(), "reconcile-usage-"));
  writeFileSync(join(dir, "bad.json"), "{");
  writeFileSync(join(dir, "lexicon.json"), '{"entries": [{"phrase": ""}]}');
  writeFileSync(join(dir, "places.csv"), "nothing\n");
  writeFileSync(join(dir, "sources.csv"), "source,same_as\nA,\n");
  // Each code, and a command line that makes it.
  // A 20 MB claims file, for a run allowed 64 MB of heap: refused before reading, not read to a crash.
  const big = join(dir, "big.csv");
  writeFileSync(big, `source,figure,location,date,notes\n${Array.from({ length: 200_000 }, (_, i) => `S${i % 9},${i % 50},Place ${i % 700},2016-09-01,note ${i} ${"x".repeat(60)}`).join("\n")}\n`);
  const cases: Record<UsageCode, { args: string[]; stdinIsTTY?: boolean; node?: string[] }> = {
    USAGE_TOO_LARGE: { args: [big, "-o", join(dir, "never.csv")], node: ["--max-old-space-size=64"] },
    USAGE_UNKNOWN_OPTION: { args: [SEED, "--bogus"] },
    USAGE_UNKNOWN_COMMAND: { args: ["lexcon"] },
    USAGE_INVALID_ARGUMENT: { args: [SEED, "--format", "xml"] },
    USAGE_MISSING_ARGUMENT: { args: [SEED, "--date-window"] },
    USAGE_EXCESS_ARGUMENTS: { args: ["lexicon", "extra"] },
    USAGE_NO_INPUT: { args: [], stdinIsTTY: true },
    USAGE_STDIN_TWICE: { args: ["-", "-"] },
    USAGE_UNKNOWN_PRESET: { args: ["--preset", "nope", SEED] },
    CONFIG_INVALID: { args: ["--config", join(dir, "bad.json")] },
    BASELINE_INVALID: { args: [SEED, "--baseline", join(dir, "bad.json"), "-o", join(dir, "never.csv")] },
    LEXICON_INVALID: { args: [SEED, "--lexicon", join(dir, "lexicon.json")] },
    PLACES_INVALID: { args: [SEED, "--places", join(dir, "places.csv")] },
    SOURCES_INVALID: { args: [SEED, "--sources", join(dir, "sources.csv")] },
    PRESET_INVALID: { args: ["--preset", join(dir, "bad.json"), SEED] },
    OUTPUT_FORMAT_UNKNOWN: { args: [SEED, "-o", join(dir, "report.xlsx")] },
    OUTPUT_IS_INPUT: { args: [SEED, "--rejects", SEED] },
    OUTPUT_COLLISION: { args: [SEED, "-o", join(dir, "x.csv"), "--rejects", join(dir, "x.csv")] },
    OUTPUT_UNWRITABLE: { args: [SEED, "-o", join(dir, "missing", "report.csv")] },
    TEMP_UNWRITABLE: { args: [SEED, "--spill", "always", "--temp-dir", join(dir, "missing"), "-o", join(dir, "never.csv")] },
  };
  for (const [code, c] of Object.entries(cases)) {
    it(`${code}: reconcile ${c.args.map((a) => a.replace(dir, "DIR")).join(" ")}`, async () => {
      // A heap limit is the process's own: that case runs the real binary.
      const run =
        c.node !== undefined
          ? (() => {
              const r = spawnSync(process.execPath, [...c.node!, BIN, ...c.args], { encoding: "utf8" });
              return { exit: r.status, stdout: r.stdout, stderr: r.stderr };
            })()
          : await runInProcess(c.args, c.stdinIsTTY === undefined ? {} : { stdinIsTTY: c.stdinIsTTY });
      expect(run.exit).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(new RegExp(`^reconcile: .*\\[${code}\\]$`, "m"));
      expect(existsSync(join(dir, "never.csv"))).toBe(false);
    });
  }

  it("USAGE_TOO_LARGE counts the claims a preset makes of each row, not only the bytes", () => {
    // 20,000 UCDP GED rows, 5 MB: small as bytes, but about 100,000 claims through the preset (five a row).
    const [header, ...rows] = readFileSync(join(ROOT, "fixtures/ucdp-ged/ged-syria-excerpt.csv"), "utf8").trim().split("\n");
    const ged = join(dir, "ged.csv");
    writeFileSync(ged, `${header}\n${Array.from({ length: 20_000 }, (_, i) => rows[i % rows.length]).join("\n")}\n`);
    const r = spawnSync(process.execPath, ["--max-old-space-size=64", BIN, ged, "--preset", "ucdp-ged", "-o", join(dir, "never.csv")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^reconcile: the inputs are \d+ MB \(about [\d,]+ claims\), and reconciling them needs about [\d,]+ MB of memory, more than this run may use/);
    const claims = Number(/about ([\d,]+) claims/.exec(r.stderr)![1]!.replace(/,/g, ""));
    expect(claims).toBeGreaterThan(80_000);
    expect(claims).toBeLessThan(160_000);
    expect(existsSync(join(dir, "never.csv"))).toBe(false);
  });

  it("blank lines and rows of bare delimiters are not counted as claims by that estimate", () => {
    const blanks = join(dir, "blanks.csv");
    // 450 KB, nearly all blank: counted by lines, about 450,000 claims and 540 MB, which a 128 MB heap refused.
    writeFileSync(blanks, `id,source,figure,location,date\nc1,S,5,Hama,2016-09-01\n${"\n".repeat(200_000)}${",,,,\r\n".repeat(50_000)}`);
    const r = spawnSync(process.execPath, ["--max-old-space-size=128", BIN, blanks, "-q"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("the README's table has every code, with the text the code has", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const [code, text] of Object.entries(USAGE_CODES)) expect(readme).toContain(`| \`${code}\` | ${text} |`);
  });
});

describe("commands by name", () => {
  it('"reconcile help" prints the help; a mistyped command gets a suggestion, not "no such file"', async () => {
    const help = await runInProcess(["help"]);
    expect(help.exit).toBe(0);
    expect(help.stdout).toMatch(/^Usage: reconcile \[options\] \[command\] \[files\.\.\.\]/);
    for (const [typed, meant] of [["lexcon", "lexicon"], ["presetz", "presets"], ["explian", "explain"]] as const) {
      const run = await runInProcess([typed]);
      expect(run.exit).toBe(2);
      expect(run.stderr).toBe(`reconcile: unknown command "${typed}" (did you mean "${meant}"?); or, if it is a file, it does not exist [USAGE_UNKNOWN_COMMAND]\n`);
    }
    // A word far from any command is a file that is not there.
    expect((await runInProcess(["nonsense"])).stderr).toContain("[FILE_NOT_FOUND]");
  });
});

describe("reconcile CLI", () => {
  it("sets bad rows aside with --rejects: every row is reported or rejected", async () => {
    const dir = tmp();
    const rejects = join(dir, "r.csv");
    const run = await runInProcess(["fixtures/bad/bad-rows.csv", "--rejects", rejects, "--format", "json"]);
    expect(run.exit).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ rows: 6, claims: 2, rejected: 4 });
    expect(report.summary.rows).toBe(report.summary.rows_with_claims + report.summary.rejected + report.summary.blank);
    const rows = parse(readFileSync(rejects), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r["id"], r["line"], r["code"]])).toEqual([
      ["bad-date", "3", "CLAIM_INVALID_DATE"],
      ["bad-figure", "4", "CLAIM_INVALID_FIGURE"],
      ["negative", "5", "CLAIM_INVALID_FIGURE"],
      ["ragged", "6", "CSV_RAGGED_ROW"],
    ]);
    expect(rows[0]!["message"]).toContain('column "date"');
    expect(run.stderr).toBe(`reconcile: 4 rows rejected, written to ${rejects}\n`);
  });

  it("writes the report to -o, with its format from the extension", async () => {
    const dir = tmp();
    const out = join(dir, "report.json");
    const run = await runInProcess([SEED, "-o", out]);
    expect(run.exit).toBe(0);
    expect(run.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).summary.groups).toBe(4);
    expect(run.stderr).toContain("report written to");
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  // -o into a missing folder: test/hardening.test.ts ("-o into a missing directory is OUTPUT_UNWRITABLE and leaves no file").

  it("does not overwrite an existing report when the input is bad", async () => {
    const dir = tmp();
    const out = join(dir, "report.csv");
    writeFileSync(out, "previous report\n");
    const run = await runInProcess(["fixtures/bad/bad-rows.csv", "-o", out]);
    expect(run.exit).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("previous report\n");
  });

  it("reads several files at once, of different formats, and stdin as -", async () => {
    const stdin = readFileSync("fixtures/formats/hama.ndjson", "utf8");
    const run = await runInProcess(["fixtures/formats/hama.tsv", "-", "--format", "json"], { stdin });
    expect(run.exit).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ rows: 5, claims: 5, groups: 2 });
    const files = report.groups[0].claims.map((c: { file: string }) => c.file);
    expect(files).toEqual(["fixtures/formats/hama.tsv", "fixtures/formats/hama.tsv", "stdin", "stdin"]);
  });

  it("maps other column names with --map", async () => {
    const run = await runInProcess([
      "fixtures/formats/own-columns.csv",
      ...["--map", "location=Town", "--map", "figure=deaths", "--map", "date=day", "--map", "victims=who", "--map", "source=reporter"],
      "--format",
      "json",
    ]);
    expect(run.exit).toBe(0);
    const g = JSON.parse(run.stdout).groups[0];
    expect(g.status).toBe("compatible");
    expect(g.claims.map((c: { source: string }) => c.source)).toEqual(["SOHR", "Syrian state TV"]);
  });

  it("rejects a --map to an unknown field", async () => {
    const run = await runInProcess([SEED, "--map", "deaths=figure"]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('"deaths" is not a field');
  });

  it("colours the table only when asked by the environment, never with NO_COLOR", async () => {
    const coloured = await runInProcess([SEED, "--format", "table"], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[");
    const plain = await runInProcess([SEED, "--format", "table"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\u001b[");
  });

  // Regression: FORCE_COLOR=0 was read as "not forced", so a terminal still got colour; Node.js
  // and chalk read FORCE_COLOR=0 (or false) as no colour.
  it.skipIf(!HAS_SCRIPT)("turns colour off with FORCE_COLOR=0 or false, even on a terminal", () => {
    expect(runInTerminal([SEED]).stdout).toContain("\u001b[");
    for (const value of ["0", "false"]) {
      const run = runInTerminal([SEED], { env: { FORCE_COLOR: value } });
      expect(run.stdout).toContain("G1  COMPATIBLE  Hama");
      expect(run.stdout, `FORCE_COLOR=${value}`).not.toContain("\u001b[");
    }
  });

  it("takes --input-format for a file whose extension says nothing", async () => {
    const dir = tmp();
    const path = join(dir, "claims.txt");
    writeFileSync(path, readFileSync("fixtures/formats/hama.tsv"));
    const run = await runInProcess([path, "--input-format", "tsv", "--format", "json"]);
    expect(run.exit).toBe(0);
    expect(JSON.parse(run.stdout).summary.claims).toBe(2);
  });

  it("reads a low/best/high row as an interval with its best", async () => {
    const run = await runInProcess(["fixtures/formats/ged-style.csv", "--format", "json"]);
    const [ged, obs] = JSON.parse(run.stdout).groups[0].claims;
    expect(ged).toMatchObject({ figure: "low 20, best 25, high 31", low: 20, high: 31, best: 25, rule: "columns" });
    expect(obs).toMatchObject({ low: 25, high: null, best: null });
  });

  it("reports an empty standard input as an error, not an empty report", async () => {
    const run = await runInProcess(["--format", "json"], { stdin: "" });
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("stdin: the file is empty [FILE_EMPTY]");
  });
});

describe("--lexicon", () => {
  it("acled changes best and leaves every verdict, consensus and outlier of the seed as the default has them", async () => {
    const verdicts = (stdout: string) =>
      JSON.parse(stdout).groups.map((g: { status: string; consensus: unknown; claims: Array<{ id: string; low: number; high: number | null; outlier: boolean }> }) => ({
        status: g.status,
        consensus: g.consensus,
        claims: g.claims.map((c) => [c.id, c.low, c.high, c.outlier]),
      }));
    const bests = (stdout: string) =>
      Object.fromEntries(JSON.parse(stdout).groups.flatMap((g: { claims: Array<{ id: string; best: number | null }> }) => g.claims.map((c) => [c.id, c.best])));
    for (const fixture of [SEED, "fixtures/conflict/hama-conflict.csv"]) {
      const plain = await runInProcess([fixture, "--format", "json"]);
      const acled = await runInProcess([fixture, "--format", "json", "--lexicon", "acled"]);
      expect(verdicts(acled.stdout)).toEqual(verdicts(plain.stdout));
    }
    const plain = await runInProcess([SEED, "--format", "json"]);
    const acled = await runInProcess([SEED, "--format", "json", "--lexicon", "acled"]);
    expect(bests(plain.stdout)).toEqual({ "sohr-hama": null, "statetv-hama": null, "sohr-latamenah-road": 17, "cmc-world-2015": null, "cmm-syria-2015": 248 });
    expect(bests(acled.stdout)).toEqual({ "sohr-hama": 25, "statetv-hama": 10, "sohr-latamenah-road": 17, "cmc-world-2015": 401, "cmm-syria-2015": 248 });
  });

  it("a claim without a figure is kept and shown, and compared with nothing", async () => {
    const stdin = "source,figure,location,date\nSOHR,25,Hama,2016-09-01\nState TV,unknown,Hama,2016-09-01\nLocal,17,Hama,2016-09-01\n";
    const run = await runInProcess(["--format", "json"], { stdin });
    const [g] = JSON.parse(run.stdout).groups;
    expect(g.status).toBe("conflict");
    expect(g.claims.map((c: { figure: string; low: number | null; rule: string }) => [c.figure, c.low, c.rule])).toEqual([
      ["25", 25, "exact"],
      ["unknown", null, "none"],
      ["17", 17, "exact"],
    ]);
    expect(g.findings).toHaveLength(1);
  });

  it("a noun after the figure fills an empty victims field", async () => {
    const stdin = "source,figure,victims,location,date\nSOHR,at least 25 civilians,,Hama,2016-09-01\nTV,dozens of fighters,,Hama,2016-09-01\nX,17 people,children,Hama,2016-09-01\n";
    const run = await runInProcess(["--format", "json"], { stdin });
    const claims = JSON.parse(run.stdout).groups[0].claims.map((c: { victims: string }) => c.victims);
    expect(claims).toEqual(["civilians", "fighters", "children"]);
  });
});

describe("--max-rejects: a dataset's known bad rows allowed, not new ones", () => {
  const bad = "fixtures/bad/bad-rows.csv"; // 4 of its 6 rows are rejected

  it("exits 1 when more rows are rejected than it allows, saying so even with --quiet; the report and rejects are written", async () => {
    const dir = tmp();
    const args = [bad, "--rejects", join(dir, "r.csv"), "-o", join(dir, "o.csv")];
    const over = await runInProcess([...args, "--max-rejects", "3", "-q"]);
    expect(over).toEqual({ exit: 1, stdout: "", stderr: "reconcile: 4 rows set aside in the rejects (whole or in part), more than --max-rejects 3 allows\n" });
    expect(readFileSync(join(dir, "r.csv"), "utf8").trim().split("\n")).toHaveLength(5);
    expect(existsSync(join(dir, "o.csv"))).toBe(true);
    // As many as it allows: 0, as without it.
    expect((await runInProcess([...args, "--max-rejects", "4", "-q"])).exit).toBe(0);
    expect((await runInProcess([...args, "-q"])).exit).toBe(0);
  });

  it("is read from a config as maxRejects, and the flag overrides it", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "reconcile.json"), JSON.stringify({ inputs: [{ path: join(ROOT, bad) }], rejects: "r.csv", maxRejects: 0, output: "o.csv" }));
    const r = await runInProcess(["--config", join(dir, "reconcile.json"), "-q"]);
    expect(r.exit).toBe(1);
    expect(r.stderr).toBe("reconcile: 4 rows set aside in the rejects (whole or in part), more than --max-rejects 0 allows\n");
    // The flag overrides the config's.
    expect((await runInProcess(["--config", join(dir, "reconcile.json"), "-q", "--max-rejects", "9"])).exit).toBe(0);
  });

  it("needs --rejects, and a whole number", async () => {
    const without = await runInProcess([bad, "--max-rejects", "2"]);
    expect(without.exit).toBe(2);
    expect(without.stderr).toBe("reconcile: --max-rejects counts the rows --rejects sets aside: give --rejects FILE too (without it any bad row stops the run) [USAGE_INVALID_ARGUMENT]\n");
    const word = await runInProcess([bad, "--rejects", join(tmp(), "r.csv"), "--max-rejects", "two"]);
    expect(word.exit).toBe(2);
    expect(word.stderr).toContain("expected a whole number of rows, 0 or more.");
  });
});

describe("--format github", () => {
  const conflict = readFileSync(join(ROOT, "fixtures/conflict/hama-conflict.csv"), "utf8");

  it("names each file from the working directory, escaping what a workflow command reads as syntax; claims from stdin have no file", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a,b:c.csv"), conflict);
    const r = await runInProcess([join(dir, "a,b:c.csv"), "--format", "github"], { cwd: dir });
    expect(r.exit).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.slice(0, l.indexOf("::", 2)))).toEqual([2, 4, 5].map((n) => `::error file=a%2Cb%3Ac.csv,line=${n},title=reconcile%3A G1 conflict`));
    // "32%" of the gap is data: escaped as %25, never read as an escape.
    expect(lines[0]).toContain("(8 apart, 32%25)");
    const piped = await runInProcess(["-", "--format", "github"], { stdin: conflict });
    expect(piped.stdout.split("\n")[0]).toMatch(/^::error title=reconcile%3A G1 conflict::sohr-hama: /);
  });

  it("annotates what --fail-on fails: compatible findings too with --fail-on compatible, and findings across groups", async () => {
    const compatible = await runInProcess(["fixtures/conflict/hama-conflict.csv", "--format", "github", "--fail-on", "compatible"]);
    expect(compatible.exit).toBe(1);
    // State TV's "tens" holds every count: compatible with each, so annotated only now.
    expect(compatible.stdout).toMatch(/^::error file=fixtures\/conflict\/hama-conflict.csv,line=3,title=reconcile%3A G1 conflict::statetv-hama: .* fits within Syrian state TV "tens"/m);
    expect(compatible.stdout.trimEnd().split("\n")).toHaveLength(4);
    const containment = await runInProcess(["fixtures/containment/idlib-2016-09.csv", "--format", "github", "--fail-on", "conflict"]);
    expect(containment.exit).toBe(1);
    const titles = containment.stdout.trimEnd().split("\n").map((l) => /title=([^:]*)::([^:]*):/.exec(l)!.slice(1).join(" "));
    expect(titles).toEqual(["reconcile%3A C1 containment monthly", "reconcile%3A C1 containment kafr-nabl", "reconcile%3A C1 containment maarat", "reconcile%3A C1 containment khan-shaykhun"]);
  });
});

describe("--baseline and reconcile baseline: known findings stand, new ones fail", () => {
  const CONFLICT = readFileSync(join(ROOT, "fixtures/conflict/hama-conflict.csv"), "utf8");

  it("the issue's round: a baseline passes the data it was made of; one more conflicting row fails naming only it; a deleted row fails with the prune hint; --prune clears it", async () => {
    const dir = tmp();
    const claims = join(dir, "claims.csv");
    const b = join(dir, "b.json");
    writeFileSync(claims, CONFLICT);
    expect((await runInProcess([claims, "--fail-on", "conflict", "-q"])).exit).toBe(1);
    const made = await runInProcess(["baseline", claims, "-o", b], { cwd: dir });
    expect(made).toEqual({ exit: 0, stdout: "", stderr: `reconcile: 2 findings and 0 rejected rows recorded; baseline written to ${b}\n` });
    const pass = await runInProcess([claims, "--baseline", b, "--fail-on", "conflict", "-o", join(dir, "r.csv")], { cwd: dir });
    expect(pass.exit).toBe(0);
    expect(pass.stderr).toContain(`reconcile: the baseline ${b} holds 2 known findings of this run, not counted for --fail-on\n`);
    // And the report's own summary says so, in every format that has one.
    const json = await runInProcess([claims, "--baseline", b, "--format", "json", "-q"], { cwd: dir });
    expect((JSON.parse(json.stdout) as { summary: { baselined: number } }).summary.baselined).toBe(2);
    expect((await runInProcess([claims, "--baseline", b, "--format", "markdown", "-q"], { cwd: dir })).stdout).toContain("; 2 known findings in the baseline;");

    writeFileSync(claims, `${CONFLICT}snhr-hama,SNHR,60,civilians,Hama,2016-09-01,new\n`);
    const fresh = await runInProcess([claims, "--baseline", b, "--fail-on", "conflict", "-q", "-o", join(dir, "r.csv")], { cwd: dir });
    expect(fresh.exit).toBe(1);
    const lines = fresh.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^reconcile: new since the baseline: (civdef|local)-hama, snhr-hama: Hama, 2016-09-01: .* and SNHR "60" .* do not overlap/);
    // As annotations: only the new pairs, at their claims' rows; SOHR's known conflict with the Media Center is not shown.
    const github = await runInProcess([claims, "--baseline", b, "--fail-on", "conflict", "--format", "github"], { cwd: dir });
    expect(github.exit).toBe(1);
    expect(github.stdout.trimEnd().split("\n").map((l) => /line=(\d+),.*::([a-z-]+): .*/.exec(l)!.slice(1).join(" "))).toEqual(["4 civdef-hama", "5 local-hama", "6 snhr-hama"]);
    expect(github.stdout).not.toContain("Syrian Observatory");

    writeFileSync(claims, CONFLICT.replace(/^local-hama.*\n/m, ""));
    const stale = await runInProcess([claims, "--baseline", b, "--fail-on", "conflict", "-q", "-o", join(dir, "r.csv")], { cwd: dir });
    expect(stale).toMatchObject({ exit: 1, stderr: "reconcile: 2 baseline entries match nothing in the data any more (resolved, fixed or deleted): remove them with reconcile baseline --prune\n" });
    const pruned = await runInProcess(["baseline", claims, "--prune", "-o", b, "-q"], { cwd: dir });
    expect(pruned.exit).toBe(0);
    expect(readFileSync(b, "utf8")).toBe('{"reconcile_baseline": 1, "entries": []}\n');
    expect((await runInProcess([claims, "--baseline", b, "--fail-on", "conflict", "-q", "-o", join(dir, "r.csv")], { cwd: dir })).exit).toBe(0);
  });

  it("a bad baseline stops the run before anything is written; --prune belongs to reconcile baseline; reconcile baseline --help", async () => {
    const dir = tmp();
    const b = join(dir, "b.json");
    writeFileSync(b, JSON.stringify({ reconcile_baseline: 1, entries: [{ kind: "pair", severity: "bad", claims: [], text: "" }] }));
    const bad = await runInProcess([SEED, "--baseline", b, "-o", join(dir, "r.csv")]);
    expect(bad.exit).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^reconcile: ${b.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: entries\\[0\\].*\\[BASELINE_INVALID\\]\n`));
    expect(existsSync(join(dir, "r.csv"))).toBe(false);
    const prune = await runInProcess([SEED, "--prune"]);
    expect(prune).toMatchObject({ exit: 2, stderr: "reconcile: --prune is for reconcile baseline: reconcile baseline --prune [USAGE_INVALID_ARGUMENT]\n" });
    const help = await runInProcess(["baseline", "--help"]);
    expect(help.exit).toBe(0);
    expect(help.stdout).toMatch(/^Usage: reconcile baseline \[files\.\.\.\] \[options\]\n/);
  });
  it("a dataset whose rows have no ids, baselined through its config: the same anywhere it is checked out, after rows move; a changed claim is new", async () => {
    const dir = tmp();
    const ds = join(dir, "ds");
    mkdirSync(ds);
    // The fixture without its id column: each claim's id is its file:line.
    writeFileSync(join(ds, "claims.csv"), CONFLICT.split("\n").map((l) => l.slice(l.indexOf(",") + 1)).join("\n"));
    writeFileSync(join(ds, "reconcile.json"), JSON.stringify({ inputs: [{ path: "claims.csv" }], output: "report.html", baseline: "reconcile.baseline.json" }));
    // Made from another folder, with the config's output beside: the baseline goes where the config keeps it.
    const made = await runInProcess(["baseline", "--config", join(ds, "reconcile.json"), "-q"], { cwd: dir });
    expect(made.exit).toBe(0);
    expect(existsSync(join(ds, "report.html"))).toBe(false);
    const copy = join(dir, "elsewhere");
    cpSync(ds, copy, { recursive: true });
    const config = join(copy, "reconcile.json");
    expect((await runInProcess(["--config", config, "--fail-on", "conflict", "-q"], { cwd: copy })).exit).toBe(0);
    // A row added at the top moves every line.
    const text = readFileSync(join(copy, "claims.csv"), "utf8");
    const [header, ...rows] = text.split("\n");
    writeFileSync(join(copy, "claims.csv"), [header, "Other,3,,Homs,2016-09-01,x", ...rows].join("\n"));
    expect((await runInProcess(["--config", config, "--fail-on", "conflict", "-q"], { cwd: copy })).exit).toBe(0);
    // The Media Center's claim replaced by another's: its conflicts are new, named by where the claims are now.
    writeFileSync(join(copy, "claims.csv"), readFileSync(join(copy, "claims.csv"), "utf8").replace("Hama Media Center,17", "Brand New Monitor,20"));
    const changed = await runInProcess(["--config", config, "--fail-on", "conflict", "-q"], { cwd: copy });
    expect(changed.exit).toBe(1);
    expect(changed.stderr).toMatch(new RegExp(`^reconcile: new since the baseline: .*claims\\.csv:6, .*claims\\.csv:\\d: Hama, 2016-09-01: .*Brand New Monitor "20"`, "m"));
  });

  it("known bad rows: a baseline run sets them aside without --rejects; a new one fails; the baseline is never an output; options go after the command", async () => {
    const dir = tmp();
    const bad = join(dir, "bad.csv");
    const b = join(dir, "b.json");
    writeFileSync(bad, readFileSync(join(ROOT, "fixtures/bad/bad-rows.csv"), "utf8"));
    expect((await runInProcess(["baseline", bad, "-o", b], { cwd: dir })).stderr).toBe(`reconcile: 0 findings and 4 rejected rows recorded; baseline written to ${b}\n`);
    expect((await runInProcess([bad, "--baseline", b, "--fail-on", "conflict", "-q"], { cwd: dir })).exit).toBe(0);
    writeFileSync(bad, `${readFileSync(bad, "utf8")}worse,SOHR,eleventy,Hama,2016-09-01\n`);
    const fresh = await runInProcess([bad, "--baseline", b, "--fail-on", "conflict", "-q"], { cwd: dir });
    expect(fresh.exit).toBe(1);
    expect(fresh.stderr).toBe("reconcile: new since the baseline: row bad.csv:8: CLAIM_INVALID_FIGURE\n");
    // As annotations: the new bad row at its line, the known ones not.
    const github = await runInProcess([bad, "--baseline", b, "--fail-on", "conflict", "--format", "github", "-q"], { cwd: dir });
    expect(github.stdout).toMatch(/^::error file=bad\.csv,line=8,title=reconcile%3A rejected row::.*bad\.csv:8: column "figure": .*\[CLAIM_INVALID_FIGURE\]\n$/);
    // Without a baseline, past --max-rejects: every row set aside, and why the run fails.
    const limit = await runInProcess([bad, "--rejects", join(dir, "r.csv"), "--max-rejects", "0", "--format", "github", "-q"], { cwd: dir });
    expect(limit.exit).toBe(1);
    const lines = limit.stdout.trimEnd().split("\n");
    expect(lines.map((l) => /line=(\d+)/.exec(l)?.[1] ?? l)).toEqual(["3", "4", "5", "6", "8", "::error title=reconcile::5 rows set aside in the rejects (whole or in part), more than --max-rejects 0 allows"]);
    expect((await runInProcess([bad, "--baseline", b, "--rejects", b])).stderr).toMatch(/\[OUTPUT_IS_INPUT\]\n$/);
    expect((await runInProcess(["baseline", bad, "-o", "-"])).stderr).toBe("reconcile: reconcile baseline writes a file, not standard output: give -o FILE [USAGE_INVALID_ARGUMENT]\n");
    expect((await runInProcess(["--fail-on", "conflict", "baseline", bad, "-o", b])).stderr).toBe('reconcile: --fail-on given before "baseline": options go after the command (reconcile baseline [files...] [options]) [USAGE_INVALID_ARGUMENT]\n');
  });
});

describe("reconcile diff", () => {
  const CONFLICT = readFileSync(join(ROOT, "fixtures/conflict/hama-conflict.csv"), "utf8");
  // One claim edited (17 -> 12), one removed (state TV), one added (SNHR 60).
  const NEW = `${CONFLICT.replace("Hama Media Center,17,", "Hama Media Center,12,").replace(/^statetv-hama.*\n/m, "")}snhr-hama,SNHR,60,civilians,Hama,2016-09-01,new\n`;

  it("lists the claims added, removed and changed, the group's moved consensus, and new and worse conflicts; --fail-on new-conflict exits 1", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "old.csv"), CONFLICT);
    writeFileSync(join(dir, "new.csv"), NEW);
    const r = await runInProcess(["diff", join(dir, "old.csv"), join(dir, "new.csv"), "--format", "markdown", "--fail-on", "new-conflict"]);
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain("claims: 1 added, 1 removed, 1 changed; 1 group changed; conflicts: 2 new, 2 worse, 0 resolved\n");
    expect(r.stdout).toContain('### Claims added (1)\n\n- snhr-hama: SNHR "60" (killed civilians), Hama, 2016-09-01\n');
    expect(r.stdout).toContain('### Claims removed (1)\n\n- statetv-hama: Syrian state TV "tens" (killed all), Hama, 2016-09-01\n');
    expect(r.stdout).toContain('### Claims changed (1)\n\n- local-hama: figure "17" → "12"\n');
    expect(r.stdout).toContain("- G1 (was G1), Hama, 2016-09-01: consensus killed 27–99; killed civilians 27 → killed civilians ≥25\n");
    expect(r.stdout.split("\n").filter((l) => l.startsWith("- ") && l.includes("SNHR \"60\"") && l.includes("do not overlap"))).toHaveLength(2);
    // Without --fail-on, a diff is a report: exit 0. Nothing changed: every list empty.
    expect((await runInProcess(["diff", join(dir, "old.csv"), join(dir, "new.csv")])).exit).toBe(0);
    const same = await runInProcess(["diff", join(dir, "old.csv"), join(dir, "old.csv"), "--format", "json"]);
    expect(JSON.parse(same.stdout)).toEqual({ claims: { added: [], removed: [], changed: [] }, groups: [], conflicts: { new: [], resolved: [], worse: [] } });
  });

  it("reads JSON reports as they are, and says what it takes when the runs are missing", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "old.csv"), CONFLICT);
    writeFileSync(join(dir, "new.csv"), NEW);
    for (const name of ["old", "new"]) writeFileSync(join(dir, `${name}.json`), (await runInProcess([join(dir, `${name}.csv`), "--format", "json"])).stdout);
    const fromReports = await runInProcess(["diff", join(dir, "old.json"), join(dir, "new.json"), "--format", "json"]);
    const fromClaims = await runInProcess(["diff", join(dir, "old.csv"), join(dir, "new.csv"), "--format", "json"]);
    expect(fromReports).toEqual(fromClaims);
    expect(JSON.parse(fromReports.stdout).conflicts.worse).toHaveLength(2);
    const missing = await runInProcess(["diff", join(dir, "old.csv")]);
    expect(missing).toMatchObject({ exit: 2, stderr: "reconcile: reconcile diff takes the two runs first: reconcile diff OLD NEW [options] [USAGE_MISSING_ARGUMENT]\n" });
    expect((await runInProcess(["diff", "--help"])).stdout).toMatch(/^Usage: reconcile diff OLD NEW \[options\]\n/);
  });

  it("knows claims without ids by what they say: a row added at the top is one claim added, not every line changed", async () => {
    const dir = tmp();
    const noIds = CONFLICT.split("\n").map((l) => l.slice(l.indexOf(",") + 1)).join("\n");
    const [header, ...rows] = noIds.split("\n");
    writeFileSync(join(dir, "old.csv"), noIds);
    writeFileSync(join(dir, "new.csv"), [header, "Other,3,,Homs,2016-09-01,x", ...rows].join("\n"));
    const d = JSON.parse((await runInProcess(["diff", join(dir, "old.csv"), join(dir, "new.csv"), "--format", "json"])).stdout);
    expect([d.claims.added.map((c: { source: string }) => c.source), d.claims.removed, d.claims.changed, d.conflicts]).toEqual([["Other"], [], [], { new: [], resolved: [], worse: [] }]);
  });
});

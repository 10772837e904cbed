/**
 * The config file: loadConfig (paths relative to the file, located errors),
 * the published JSON Schema, and the CLI's --config / reconcile.json (in-process, run(argv, io)) with
 * flags on the command line overriding it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative as relative_ } from "node:path";
import { describe, expect, it } from "vitest";
import { configJsonSchema, loadConfig } from "../../src/config.js";
import { UsageError } from "../../src/errors.js";
import { ROOT, runInProcess } from "../support/cli.js";

const SEED = join(ROOT, "fixtures/seed/hama-2016-09-01.csv");
const tmp = () => mkdtempSync(join(tmpdir(), "reconcile-config-"));

function writeJson(path: string, data: unknown): string {
  writeFileSync(path, typeof data === "string" ? data : `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** The message of the UsageError loadConfig throws. */
function loadError(file: string): string {
  try {
    loadConfig(file);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig(${file}) did not throw`);
}

/** A temp dir holding the seed claims as hama.csv, and variants of it. */
function claimsDir(): string {
  const dir = tmp();
  copyFileSync(SEED, join(dir, "hama.csv"));
  const seed = readFileSync(SEED, "utf8");
  // State TV's report a day later: it meets SOHR's only with a date window of 1.
  const shifted = seed.replace(/^(statetv-hama,.*?,Hama,Syria,)2016-09-01,/m, "$12016-09-02,");
  expect(shifted).not.toBe(seed);
  writeFileSync(join(dir, "shifted.csv"), shifted);
  // SANA as a third source for Hama: state TV carries SANA.
  writeFileSync(join(dir, "sana.csv"), `${seed.trimEnd()}\nsana-hama,SANA,30,killed,,Hama,Syria,2016-09-01,,state news agency\n`);
  return dir;
}

interface Report {
  summary: { rows: number; claims: number; rejected: number; groups: number; statuses: Record<string, number> };
  groups: Array<{ id: string; status: string; notes?: Array<{ kind: string; text: string }>; claims: Array<{ id: string; file: string }>; findings: Array<{ kind: string; a: string; b: string }> }>;
}

const groupOf = (report: Report, claimId: string) => report.groups.find((g) => g.claims.some((c) => c.id === claimId))!;
const ids = (report: Report) => report.groups.map((g) => g.claims.map((c) => c.id));

describe("loadConfig", () => {
  it("resolves paths relative to the config file, but not built-in lexicon names", () => {
    const dir = tmp();
    mkdirSync(join(dir, "conf"));
    const file = writeJson(join(dir, "conf", "reconcile.json"), {
      $schema: "../docs/config.schema.json",
      inputs: [{ path: "claims/a.csv", preset: "acled" }, { path: "/abs/b.csv", source: "SOHR", map: { figure: "deaths" }, format: "tsv" }, { path: "../c.csv" }],
      dateWindow: 1,
      places: "places.csv",
      sources: "../sources.csv",
      lexicon: "lexicons/mine.json",
      output: "out/report.json",
      rejects: "rejects.csv",
      failOn: "conflict",
    });
    const conf = join(dir, "conf");
    expect(loadConfig(file)).toEqual({
      $schema: "../docs/config.schema.json",
      inputs: [
        { path: join(conf, "claims/a.csv"), preset: "acled" },
        { path: "/abs/b.csv", source: "SOHR", map: { figure: "deaths" }, format: "tsv" },
        { path: join(dir, "c.csv") },
      ],
      dateWindow: 1,
      places: join(conf, "places.csv"),
      sources: join(dir, "sources.csv"),
      lexicon: join(conf, "lexicons/mine.json"),
      output: join(conf, "out/report.json"),
      rejects: join(conf, "rejects.csv"),
      failOn: "conflict",
    });
    for (const name of ["default", "acled"]) {
      writeJson(file, { lexicon: name });
      expect(loadConfig(file)).toEqual({ lexicon: name });
    }
  });

  it("resolves a config given by a relative path against the working directory", () => {
    const dir = tmp();
    const file = writeJson(join(dir, "reconcile.json"), { inputs: [{ path: "a.csv" }] });
    const relative = relative_(process.cwd(), file);
    expect(isAbsolute(relative)).toBe(false);
    expect(loadConfig(relative).inputs).toEqual([{ path: join(dir, "a.csv") }]);
  });

  it("names the input and the key of an unknown preset", () => {
    const dir = tmp();
    const file = writeJson(join(dir, "reconcile.json"), { inputs: [{ path: "a.csv", preset: "acled" }, { path: "b.csv", preset: "ucdp" }] });
    expect(loadError(file)).toBe(`${file}: inputs[1].preset: expected one of ucdp-ged, acled, airwars, airwars-gaza, tbij, got "ucdp" [CONFIG_INVALID]`);
  });

  it("reports an unknown key, at the top level and inside an input", () => {
    const dir = tmp();
    const file = writeJson(join(dir, "reconcile.json"), { inputs: [{ path: "a.csv" }], dateWindows: 1 });
    expect(loadError(file)).toBe(`${file}: (top level): Unrecognized key: "dateWindows" [CONFIG_INVALID]`);
    writeJson(file, { inputs: [{ path: "a.csv" }, { file: "b.csv", path: "b.csv" }] });
    expect(loadError(file)).toBe(`${file}: inputs[1]: Unrecognized key: "file" [CONFIG_INVALID]`);
  });

  it("reports a wrong type and a value out of range", () => {
    const dir = tmp();
    const file = writeJson(join(dir, "reconcile.json"), { dateWindow: "1" });
    expect(loadError(file)).toBe(`${file}: dateWindow: Invalid input: expected number, received string [CONFIG_INVALID]`);
    writeJson(file, { dateWindow: -1 });
    expect(loadError(file)).toBe(`${file}: dateWindow: Too small: expected number to be >=0 [CONFIG_INVALID]`);
    writeJson(file, { failOn: "single" });
    expect(loadError(file)).toBe(`${file}: failOn: expected one of conflict, compatible, got "single" [CONFIG_INVALID]`);
    writeJson(file, { inputs: [] });
    expect(loadError(file)).toBe(`${file}: inputs: expected at least one input [CONFIG_INVALID]`);
    writeJson(file, [{ path: "a.csv" }]);
    expect(loadError(file)).toBe(`${file}: (top level): Invalid input: expected object, received array [CONFIG_INVALID]`);
  });

  it("reports several problems, one line each", () => {
    const dir = tmp();
    const file = writeJson(join(dir, "reconcile.json"), { format: "xml", match: "loose" });
    expect(loadError(file).split("\n")).toEqual([
      `${file}: match: expected one of exact, normal, fuzzy, got "loose" [CONFIG_INVALID]`,
      `reconcile: ${file}: format: expected one of table, csv, json, ndjson, html, markdown, github, got "xml" [CONFIG_INVALID]`,
    ]);
  });

  it("reports a file that is not JSON, and a missing file", () => {
    const dir = tmp();
    const file = writeJson(join(dir, "reconcile.json"), '{ "inputs": [ }');
    expect(loadError(file)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON: .+ \\[CONFIG_INVALID\\]$`));
    const missing = join(dir, "missing.json");
    expect(loadError(missing)).toBe(`${missing}: cannot read the config file (no such file) [CONFIG_INVALID]`);
  });
});

describe("docs/config.schema.json", () => {
  it("is the schema configJsonSchema() gives", () => {
    const published = readFileSync(join(ROOT, "docs/config.schema.json"), "utf8");
    expect(published).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  });
});

describe("reconcile --config and reconcile.json", () => {
  it("runs the config's inputs with its options; paths are relative to the config file", async () => {
    const dir = claimsDir();
    mkdirSync(join(dir, "conf"));
    const config = writeJson(join(dir, "conf", "hama.json"), { inputs: [{ path: "../hama.csv" }], format: "json" });
    const run = await runInProcess(["--config", config]);
    expect(run.stderr).toBe("");
    expect(run.exit).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 5, claims: 5, rejected: 0, groups: 4 });
    expect(report.groups.flatMap((g) => g.claims.map((c) => c.file))).toEqual(Array(5).fill(join(dir, "hama.csv")));
  });

  it("writes output and rejects where the config says, relative to it", async () => {
    const dir = claimsDir();
    mkdirSync(join(dir, "conf"));
    writeFileSync(join(dir, "bad.csv"), `${readFileSync(SEED, "utf8").trimEnd()}\nbad-date,SOHR,3,killed,,Hama,Syria,2016-13-01,,\n`);
    const config = writeJson(join(dir, "conf", "reconcile.json"), { inputs: [{ path: "../bad.csv" }], output: "report.json", rejects: "rejects.csv" });
    const run = await runInProcess(["--config", config]);
    expect(run.exit).toBe(0);
    expect(run.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "conf", "report.json"), "utf8")).summary).toMatchObject({ rows: 6, claims: 5, rejected: 1 });
    expect(readFileSync(join(dir, "conf", "rejects.csv"), "utf8")).toContain("bad-date");
    expect(run.stderr).toContain(`written to ${join(dir, "conf", "rejects.csv")}`);
  });

  it("finds reconcile.json in the working directory when no file is given", async () => {
    const dir = claimsDir();
    writeJson(join(dir, "reconcile.json"), { inputs: [{ path: "hama.csv" }], format: "json", failOn: "compatible" });
    const run = await runInProcess([], { cwd: dir });
    expect(run.stderr).toBe("reconcile: using reconcile.json in this folder (no input given; --config names another)\n");
    // The seed's Hama group is compatible: failOn from the file applies.
    expect(run.exit).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 5, groups: 4 });
    expect(groupOf(report, "sohr-hama").claims.map((c) => c.id)).toEqual(["sohr-hama", "statetv-hama"]);
  });

  it("reads claims piped to standard input, not a reconcile.json in the working directory, and says so", async () => {
    const dir = claimsDir();
    // A config that would fail the run were it read.
    writeJson(join(dir, "reconcile.json"), { inputs: [{ path: "missing.csv" }], format: "xml" });
    const run = await runInProcess(["--format", "json"], { cwd: dir, stdin: readFileSync(SEED) });
    expect(run.stderr).toBe("reconcile: reading the claims on standard input; reconcile.json in this folder is not used (give --config reconcile.json to use it)\n");
    expect(run.exit).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 5, groups: 4 });
    expect(report.groups[0]!.claims[0]!.file).toBe("stdin");
    // --quiet: the same run, nothing on stderr.
    expect(await runInProcess(["--format", "json", "-q"], { cwd: dir, stdin: readFileSync(SEED) })).toEqual({ ...run, stderr: "" });
    // Standard input that is a terminal is never read: the config is the run's (here, its error).
    const tty = await runInProcess([], { cwd: dir, stdinIsTTY: true, stdin: readFileSync(SEED) });
    expect(tty.exit).toBe(2);
    expect(tty.stderr).toContain("reconcile: using reconcile.json in this folder");
    expect(tty.stderr).toMatch(/format/);
  });

  it("does not read reconcile.json in the working directory when files are given", async () => {
    const dir = claimsDir();
    writeJson(join(dir, "reconcile.json"), { inputs: [{ path: "missing.csv" }], format: "xml" });
    const run = await runInProcess([join(dir, "hama.csv"), "--format", "json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.exit).toBe(0);
    expect((JSON.parse(run.stdout) as Report).summary).toMatchObject({ rows: 5, groups: 4 });
  });

  it("lets flags on the command line override the config", async () => {
    const dir = claimsDir();
    const config = writeJson(join(dir, "cfg.json"), { inputs: [{ path: "shifted.csv" }], failOn: "compatible", dateWindow: 0, format: "json" });

    // dateWindow 0: SOHR and state TV, a day apart, are two single groups; nothing to fail on.
    const plain = await runInProcess(["--config", config]);
    expect(plain.stderr).toBe("");
    expect(plain.exit).toBe(0);
    const apart = JSON.parse(plain.stdout) as Report;
    expect(groupOf(apart, "sohr-hama").claims.map((c) => c.id)).toEqual(["sohr-hama"]);
    expect(groupOf(apart, "statetv-hama").status).toBe("single");
    expect(apart.summary.groups).toBe(5);

    // --date-window 1 beats the config's 0: they meet, compatible, and the config's failOn gives exit 1.
    const widened = await runInProcess(["--config", config, "--date-window", "1"]);
    expect(widened.exit).toBe(1);
    const together = JSON.parse(widened.stdout) as Report;
    expect(groupOf(together, "sohr-hama").claims.map((c) => c.id)).toEqual(["sohr-hama", "statetv-hama"]);
    expect(groupOf(together, "sohr-hama").status).toBe("compatible");
    expect(together.summary.groups).toBe(4);

    // --fail-on conflict beats the config's compatible.
    const lenient = await runInProcess(["--config", config, "--date-window", "1", "--fail-on", "conflict"]);
    expect(lenient.exit).toBe(0);
    expect(ids(JSON.parse(lenient.stdout) as Report)).toEqual(ids(together));

    // --format csv beats the config's json.
    const csv = await runInProcess(["--config", config, "--format", "csv"]);
    expect(csv.exit).toBe(0);
    expect(csv.stdout.split("\n")[0]).toMatch(/^group,status,/);
  });

  it("replaces the config's inputs with files given on the command line, keeping its options", async () => {
    const dir = claimsDir();
    const config = writeJson(join(dir, "cfg.json"), { inputs: [{ path: "hama.csv" }], dateWindow: 1, format: "json" });
    const run = await runInProcess(["--config", config, join(dir, "shifted.csv")]);
    expect(run.stderr).toBe("");
    expect(run.exit).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(new Set(report.groups.flatMap((g) => g.claims.map((c) => c.file)))).toEqual(new Set([join(dir, "shifted.csv")]));
    expect(report.summary).toMatchObject({ rows: 5, claims: 5 });
    // The config's dateWindow 1 still applies to the file given instead.
    expect(groupOf(report, "sohr-hama").claims.map((c) => c.id)).toEqual(["sohr-hama", "statetv-hama"]);
  });

  it("reads each input with its own preset", async () => {
    const dir = claimsDir();
    writeFileSync(
      join(dir, "strikes.csv"),
      "strike_id,date,location,country,area,min_ppl_killed,max_ppl_killed,min_civil_killed,max_civil_killed,min_child_killed,max_child_killed,min_injured,max_injured\n" +
        "B901,2008-01-29T00:00:00Z,Mir Ali,Pakistan,North Waziristan,12,15,,,,,,\n",
    );
    const config = writeJson(join(dir, "reconcile.json"), { inputs: [{ path: "hama.csv" }, { path: "strikes.csv", preset: "tbij" }], format: "json" });
    const run = await runInProcess(["--config", config]);
    expect(run.stderr).toBe("");
    expect(run.exit).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 6, claims: 6, rejected: 0, groups: 5 });
    expect(groupOf(report, "B901#killed").claims.map((c) => c.id)).toEqual(["B901#killed"]);
  });

  it("counts the config's sameSource pairs as one source", async () => {
    const dir = claimsDir();
    const without = JSON.parse((await runInProcess([join(dir, "sana.csv"), "--format", "json"])).stdout) as Report;
    const pair = (f: { a: string; b: string }) => [f.a, f.b].sort().join(" ");
    expect(groupOf(without, "sana-hama").findings.map(pair)).toContain("sana-hama statetv-hama");

    const config = writeJson(join(dir, "cfg.json"), { inputs: [{ path: "sana.csv" }], sameSource: { "Syrian state TV": "SANA" }, format: "json" });
    const run = await runInProcess(["--config", config]);
    expect(run.stderr).toBe("");
    expect(run.exit).toBe(0);
    const group = groupOf(JSON.parse(run.stdout) as Report, "sana-hama");
    expect(group.claims.map((c) => c.id)).toEqual(["sohr-hama", "statetv-hama", "sana-hama"]);
    expect(group.notes?.map((n) => n.text)).toContain("counted as one source: Syrian state TV as SANA");
    expect(group.findings.map(pair)).not.toContain("sana-hama statetv-hama");
    expect(group.findings.length).toBe(groupOf(without, "sana-hama").findings.length - 1);
  });

  it("stops with the located error, and writes nothing, when the config is bad", async () => {
    const dir = claimsDir();
    const config = writeJson(join(dir, "reconcile.json"), { inputs: [{ path: "hama.csv" }, { path: "hama.csv", preset: "ucdp" }], output: "report.json" });
    const run = await runInProcess(["--config", config]);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`reconcile: ${config}: inputs[1].preset: expected one of ucdp-ged, acled, airwars, airwars-gaza, tbij, got "ucdp" [CONFIG_INVALID]\n`);
    expect(existsSync(join(dir, "report.json"))).toBe(false);

    const missing = join(dir, "nope.json");
    const gone = await runInProcess(["--config", missing]);
    expect(gone.exit).toBe(2);
    expect(gone.stderr).toBe(`reconcile: ${missing}: cannot read the config file (no such file) [CONFIG_INVALID]\n`);
  });
});

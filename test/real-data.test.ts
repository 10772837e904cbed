/**
 * The presets on the real datasets in ../shared/data (see its DATA.md). None
 * of these files may be copied into the repository, so each block skips when
 * its file is absent, and the checks are counts and a few derived values,
 * never copied rows.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, runInProcess } from "./support/cli.js";

const DATA = "../shared/data";
const UCDP = `${DATA}/ucdp-aec/ged_format.csv`;
const AIRWARS = `${DATA}/airwars-syria/airwars_syria_incidents_flat.csv`;
const TBIJ = ["pakistan", "yemen", "somalia"].map((country) => `${DATA}/tbij-drone-strikes/${country}.csv`);
const ACLED = `${DATA}/acled-africa-2016/acled.csv`;
const GAZA = `${DATA}/airwars-gaza-2023/airwars_incidence.csv`;

/** Paths are given from the repository root, where runCli runs the CLI. */
const present = (path: string) => existsSync(join(ROOT, path));
const tmp = () => mkdtempSync(join(tmpdir(), "reconcile-real-"));

interface Claim {
  id: string;
  source: string;
  file: string;
  line: number;
}
interface Report {
  summary: { rows: number; claims: number; rejected: number; rejected_claims: number; groups: number; statuses: Record<string, number>; findings: Record<string, number> };
  groups: Array<{ id: string; status: string; location: string; claims: Claim[]; findings: Array<{ kind: string; a: string; b: string }> }>;
  rejected: Array<{ file: string; line: number; code: string; message: string }>;
}

/** The dataset rows that gave at least one claim: distinct (file, line). */
const rowsInReport = (report: Report) => new Set(report.groups.flatMap((g) => g.claims.map((c) => `${c.file}:${c.line}`))).size;

/** Run a preset on one file with --rejects; the report, and the rejects file's records. */
function runPreset(preset: string, file: string): { report: Report; rejects: Array<Record<string, string>>; rejectsPath: string; stderr: string } {
  const rejectsPath = join(tmp(), "rejects.csv");
  const run = runCli(["--preset", preset, file, "--format", "json", "--rejects", rejectsPath]);
  expect(run.exit, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as Report;
  const rejects = parse(readFileSync(rejectsPath), { columns: true }) as Array<Record<string, string>>;
  return { report, rejects, rejectsPath, stderr: run.stderr };
}

describe.skipIf(!present(UCDP))(`ucdp-ged preset on UCDP GED (skips when ${UCDP} is absent)`, () => {
  it("reads all 1299 events without a rejected row", () => {
    const csv = runCli(["--preset", "ucdp-ged", UCDP, "--format", "csv"]);
    expect(csv.stderr).toBe("");
    expect(csv.exit).toBe(0);

    const json = runCli(["--preset", "ucdp-ged", UCDP, "--format", "json"]);
    expect(json.stderr).toBe("");
    expect(json.exit).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.summary).toMatchObject({ rows: 1299, rejected: 0 });
    expect(rowsInReport(report)).toBe(1299);

    // The CSV report has one record per claim, the same claims as the JSON one.
    const records = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(report.summary.claims);
    expect(records.every((r) => /^\d+#(total|civilians|side_a|side_b|unknown)$/.test(r["id"]!) && r["source"] === "UCDP GED")).toBe(true);
    // Every event gives its total claim.
    expect(records.filter((r) => r["id"]!.endsWith("#total"))).toHaveLength(1299);
  });
});

describe.skipIf(!present(AIRWARS))(`airwars preset on Airwars Syria (skips when ${AIRWARS} is absent)`, () => {
  it("puts every one of the 996 incidents in the report or the rejects file", () => {
    const { report, rejects, rejectsPath, stderr } = runPreset("airwars", AIRWARS);
    expect(report.summary.rows).toBe(996);
    expect(report.summary.rows).toBe(rowsInReport(report) + report.summary.rejected);
    expect(report.groups.every((g) => g.claims.every((c) => c.source === "Airwars" && /^[^#]+#(civilians_killed|civilians_injured|children_killed|women_killed|men_killed|militants_killed)$/.test(c.id)))).toBe(true);

    // One record per rejected row, each with its code and message.
    expect(rejects).toHaveLength(report.summary.rejected);
    for (const r of rejects) {
      expect(r["code"]).toMatch(/^[A-Z_]+$/);
      expect(r["message"]).not.toBe("");
      expect(r["file"]).toBe(AIRWARS);
    }
    expect(stderr).toBe(`reconcile: ${report.summary.rejected} row${report.summary.rejected === 1 ? "" : "s"} rejected, written to ${rejectsPath}\n`);

    // Currently one: incident YS133, which has no incident_date.
    expect(rejects.map((r) => [r["incident_code"], r["incident_date"], r["code"]])).toEqual([["YS133", "", "CLAIM_MISSING_FIELD"]]);
    expect(rejects[0]!["message"]).toContain("expected a date such as 2016-09-01");
  });
});

describe.skipIf(!present(GAZA))(`airwars-gaza preset on the Airwars Gaza 2023 export (skips when ${GAZA} is absent)`, () => {
  it("reads all 646 incidents, each its own group, places from coordinates, the breakdowns as parts", () => {
    const { report, rejects } = runPreset("airwars-gaza", GAZA);
    expect(report.summary).toMatchObject({ rows: 646, rows_with_claims: 646, rejected: 0, groups: 646 });
    expect(rejects).toHaveLength(0);
    const claims = report.groups.flatMap((g) => g.claims);
    const kinds = new Map<string, number>();
    for (const c of claims) kinds.set(c.id.split("#")[1]!, (kinds.get(c.id.split("#")[1]!) ?? 0) + 1);
    expect(kinds.get("civilians_killed")).toBe(646);
    expect(kinds.get("civilians_injured")).toBe(513);
    // 406 rows give coordinates, the other 240 none: those are placed in the Gaza Strip.
    expect(report.groups.filter((g) => /^\d+\.\d\d, \d+\.\d\d$/.test(g.location))).toHaveLength(406);
    expect(report.groups.filter((g) => g.location === "Gaza Strip")).toHaveLength(240);
    // Journalists and healthcare personnel overlap the men and women counted: no record is called inconsistent for them.
    expect(report.summary.findings["record-inconsistent"]).toBe(4);
  });
});

describe.skipIf(!present(TBIJ[0]!))("tbij: a bad cell rejects only the claims it feeds", () => {
  it("strike Ob193 (injured min 3 above max 2) keeps its killed, civilian and child claims; the rejects hold its injuries alone", () => {
    const { report, rejects } = runPreset("tbij", TBIJ[0]!);
    const ids = report.groups.flatMap((g) => g.claims.map((c) => c.id)).filter((id) => id.startsWith("Ob193#"));
    expect(ids.sort()).toEqual(["Ob193#children_killed", "Ob193#civilians_killed", "Ob193#killed"]);
    const ob193 = rejects.filter((r) => r["strike_id"] === "Ob193");
    expect(ob193.map((r) => [r["code"], r["rejected_claims"], r["message"]])).toEqual([["CLAIM_INVALID_RANGE", "Ob193#injured", 'column "max_injured": expected a high of at least the low (3), got "2"']]);
    expect(report.summary).toMatchObject({ rejected: 0, rejected_claims: 1 });
  });
});

for (const file of TBIJ) {
  describe.skipIf(!present(file))(`tbij preset on ${file} (skips when it is absent)`, () => {
    it("puts every strike in the report or the rejects file", () => {
      const { report, rejects } = runPreset("tbij", file);
      expect(report.summary.rows).toBeGreaterThan(0);
      expect(report.summary.rows).toBe(rowsInReport(report) + report.summary.rejected);
      // The rejects file holds the rows wholly rejected, and those whose other claims were kept.
      expect(rejects.filter((r) => r["rejected_claims"] === undefined || r["rejected_claims"] === "")).toHaveLength(report.summary.rejected);
      expect(report.groups.every((g) => g.claims.every((c) => c.source === "TBIJ" && /^[^#]+#(killed|civilians_killed|children_killed|injured)$/.test(c.id)))).toBe(true);
    });
  });
}

describe.skipIf(!present(ACLED))(`acled preset on the ACLED Africa 2016 export (skips when ${ACLED} is absent)`, () => {
  it("puts every event in the report or the rejects file, one claim per event", () => {
    const { report, rejects } = runPreset("acled", ACLED);
    expect(report.summary.rows).toBe(500);
    expect(report.summary.rows).toBe(rowsInReport(report) + report.summary.rejected);
    expect(rejects).toHaveLength(report.summary.rejected);
    expect(report.summary.claims).toBe(report.summary.rows - report.summary.rejected);
  });
});

describe.skipIf(!present(AIRWARS) || !present(UCDP))(`fixtures/real/airwars-ucdp.json: Airwars and UCDP GED together (skips when ${AIRWARS} or ${UCDP} is absent)`, () => {
  it("reads the datasets as they code events: Qarah fits, identical figures agree, no group holds two records of one dataset", () => {
    // --rejects overrides the config's rejects file, which would be written into the repository.
    const rejectsPath = join(tmp(), "rejects.csv");
    const run = runCli(["--config", "fixtures/real/airwars-ucdp.json", "--format", "json", "--rejects", rejectsPath]);
    expect(run.exit, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary.rows).toBe(996 + 1299);
    expect(report.summary.rows).toBe(rowsInReport(report) + report.summary.rejected);
    const groupOf = (id: string) => report.groups.find((g) => g.claims.some((c) => c.id === id))!;

    // Qarah, 19 August 2021: UCDP's civilians are a best estimate of 0 beside 4 deaths of unknown
    // status and a high of 8, so 0 to 8; Airwars' 4 civilians fit. Once the only conflict, now none.
    const qarah = groupOf("ISSY019#civilians_killed");
    expect(qarah.claims.map((c) => c.id)).toContain("416557#civilians");
    expect(qarah.status).toBe("compatible");
    expect(qarah.claims.find((c) => c.id === "416557#civilians")).toMatchObject({ low: 0, high: 8, best: 0 });

    // The same civilian count, and parts that fit their wholes: agree.
    for (const [airwars, ucdp] of [
      ["TS474", "416561"],
      ["RS4645", "416565"],
    ]) {
      const g = groupOf(`${airwars}#civilians_killed`);
      expect(g.claims.map((c) => c.id)).toContain(`${ucdp}#civilians`);
      expect(g.status).toBe("agree");
    }

    // Never two records of one dataset in a group.
    for (const g of report.groups) {
      const records = new Map<string, Set<string>>();
      for (const c of g.claims) records.set(c.source, (records.get(c.source) ?? new Set()).add((c as { record?: string }).record ?? c.id));
      for (const [, set] of records) expect(set.size, g.id).toBe(1);
    }

    // Groups holding claims of both datasets: 17 (13 by name before; names wrapped in a description and a
    // settlement word translated add RS4710 ~ 445544 "Near the town of Neirab…" ~ "Nayrab village",
    // CS1965 ~ 420964 "Mazra'a Tishreen" ~ "Tishreen Farm", RS4651 ~ 420963 "Refugee camp near Batinta"
    // ~ "Batintah village"; a qualifier word adds TS522 ~ 441500 "Arab Hassan" ~ "Arab Hassan Kabir
    // village", 2 civilians each). A change here means matching changed. Where Airwars
    // states civilian injuries and leaves deaths blank, its deaths read "none reported" (0): at Masyaf
    // (ISSY028, 2 injured) UCDP also has 0 civilians, so they agree; at Al Qamishli (TS564, graded Fair,
    // 3 injured) UCDP has 3 civilians killed: the one conflict, which blank cells used to hide.
    const mixed = report.groups.filter((g) => {
      const sources = new Set(g.claims.map((c) => c.source));
      return sources.has("Airwars") && sources.has("UCDP GED");
    });
    expect(mixed.map((g) => g.status).sort()).toEqual([...Array(12).fill("agree"), ...Array(4).fill("compatible"), "conflict"]);
    for (const [airwars, ucdp] of [["RS4710", "445544"], ["CS1965", "420964"], ["RS4651", "420963"], ["TS522", "441500"]]) {
      expect(groupOf(`${airwars}#civilians_killed`).claims.map((c) => c.id)).toContain(`${ucdp}#civilians`);
    }
    expect(groupOf("ISSY028#civilians_killed").status).toBe("agree");
    const qamishli = groupOf("TS564#civilians_killed");
    expect(qamishli.status).toBe("conflict");
    expect(qamishli.claims.find((c) => c.id === "TS564#civilians_killed")).toMatchObject({ figure: "none reported", rule: "none-reported", low: 0, high: 0 });
    expect(qamishli.claims.map((c) => c.id)).toContain("455358#civilians");
    expect(report.summary.statuses.conflict).toBe(1);
    // Airwars' YPG beside UCDP's Government of Syria – Syrian insurgents at Azaz (YS143 ~ 443868): noted, not split.
    const azaz = groupOf("YS143#civilians_killed");
    expect(azaz.claims.map((c) => c.id)).toContain("443868#civilians");
    expect((azaz as { notes?: Array<{ kind: string; text: string }> }).notes?.some((n) => n.kind === "actors-mismatch" && n.text.startsWith("actors do not match: Airwars names YPG"))).toBe(true);
  });
});

describe.runIf(existsSync(join(ROOT, AIRWARS)))("reconcile diff on the Airwars Syria file", () => {
  it("a copy with ten rows edited, removed or added gives a diff that names exactly those", async () => {
    const rows = parse(readFileSync(join(ROOT, AIRWARS), "utf8"), { relax_column_count: true }) as string[][];
    const [header, ...data] = rows as [string[], ...string[][]];
    const col = (name: string) => header.indexOf(name);
    const copy = data.map((r) => [...r]);
    // Four rows' highest civilian deaths raised by 7; three rows removed; three rows added (copies under new ids, elsewhere in time).
    const edited = copy.filter((r) => /^\d+$/.test(r[col("civilian_deaths_max")]!) && /^\d+$/.test(r[col("civilian_deaths_min")]!)).slice(0, 4);
    for (const r of edited) r[col("civilian_deaths_max")] = String(Number(r[col("civilian_deaths_max")]) + 7);
    const removed = [copy[100]!, copy[200]!, copy[300]!].map((r) => r[col("incident_code")]!);
    const added = [0, 1, 2].map((j) => {
      const r = [...data[400 + j]!];
      r[col("internal_id")] = `airwars-new${j}`;
      r[col("airwars_id")] = `new${j}`;
      r[col("incident_code")] = `NEW${j}`;
      return r;
    });
    const kept = copy.filter((r) => !removed.includes(r[col("incident_code")]!));
    const dir = mkdtempSync(join(tmpdir(), "reconcile-diff-"));
    writeFileSync(join(dir, "new.csv"), stringify([header, ...kept, ...added]));
    const run = await runInProcess(["diff", join(ROOT, AIRWARS), join(dir, "new.csv"), "--preset", "airwars", "--format", "json"]);
    expect(run.exit).toBe(0);
    const d = JSON.parse(run.stdout) as { claims: { added: Array<{ id: string }>; removed: Array<{ id: string }>; changed: Array<{ id: string; changes: Array<{ field: string }> }> }; groups: Array<{ new: string; consensus?: object; status?: object }>; conflicts: Record<string, unknown[]> };
    const record = (id: string) => id.slice(0, id.indexOf("#"));
    expect([...new Set(d.claims.added.map((c) => record(c.id)))]).toEqual(["NEW0", "NEW1", "NEW2"]);
    expect([...new Set(d.claims.removed.map((c) => record(c.id)))].sort()).toEqual([...removed].sort());
    expect(d.claims.changed.map((c) => [record(c.id), c.changes.map((x) => x.field)])).toEqual(edited.map((r) => [r[col("incident_code")], ["figure"]]));
    // The edited rows' groups, and no other, moved their consensus; no conflict came or went.
    expect(d.groups).toHaveLength(edited.length);
    expect(d.conflicts).toEqual({ new: [], resolved: [], worse: [] });
  });
});

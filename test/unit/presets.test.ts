/**
 * Dataset presets (ucdp-ged, acled, airwars, airwars-gaza, tbij): one dataset row → one claim
 * per measure it states, with the id `<row id>#<measure>`, the dataset's own
 * column names in every message, and `scope: "event"`.
 *
 * The header lines are copied from the real exports in ../shared/data; every
 * row value below is invented.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/claims/claim.js";
import { formatIssue, InputError, UsageError } from "../../src/errors.js";
import { reconcile, type InputSpec, type ReconcileResult } from "../../src/index.js";
import { PRESETS, listedParts, presetJsonSchema, presetSchema } from "../../src/presets/index.js";
import { runCli, runInProcess } from "../support/cli.js";

/* Header lines, verbatim from the real files. */
const UCDP_HEADER =
  "id,year,type_of_violence,conflict_name,dyad_name,side_a,side_b,number_of_sources,source_article,source_date,where_prec,where_coordinates,where_description,adm_1,adm_2,country,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low";
const AIRWARS_HEADER =
  "internal_id,airwars_id,incident_code,incident_date,country,location,location_en,governorate,region,latitude,longitude,lat_legacy,lon_legacy,geo_precision,alleged_belligerent,strike_type,assessment,attribution_status,cause,civilian_deaths_min,civilian_deaths_max,civilian_injuries_min,civilian_injuries_max,children_killed_min,children_killed_max,women_killed_min,women_killed_max,men_killed_min,men_killed_max,militants_killed_min,militants_killed_max,incident_status,date_type,published,last_modified,n_sources,n_sources_legacy,source_names,source_platforms,source_urls,canonical_url,completeness_status";
const TBIJ_YEMEN_HEADER =
  "strike_id,date,location,country,area,confirm_possible,air_strike,drone_strike,strike_type,min_strikes,max_strikes,min_ppl_killed,max_ppl_killed,min_civil_killed,max_civil_killed,min_child_killed,max_child_killed,min_injured,max_injured";
const TBIJ_PAKISTAN_HEADER =
  "strike_id,date,location,country,area,min_ppl_killed,max_ppl_killed,min_civil_killed,max_civil_killed,min_child_killed,max_child_killed,min_injured,max_injured";
const ACLED_HEADER =
  ",actor1,actor2,admin1,admin2,admin3,ally_actor_1,ally_actor_2,country,data_id,event_date,event_id_cnty,event_id_no_cnty,event_type,fatalities,geo_precision,gwno,inter1,inter2,interaction,latitude,location,longitude,notes,source,time_precision,year";

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV text: the header, then one line per row, each row given by column name (the rest blank). */
function table(header: string, rows: Array<Record<string, string>>): string {
  const columns = header.split(",");
  const lines = rows.map((row) => {
    for (const k of Object.keys(row)) if (!columns.includes(k)) throw new Error(`test bug: no column "${k}" in the header`);
    return columns.map((c) => quote(row[c] ?? "")).join(",");
  });
  return [header, ...lines].join("\n") + "\n";
}

async function run(preset: string, csv: string): Promise<ReconcileResult> {
  return reconcile({ inputs: [{ source: { name: "x.csv", bytes: Buffer.from(csv) }, preset }], keepRejects: true });
}

/** Claims in reading order (line, then the preset's measure order). */
function claimsOf(result: ReconcileResult): Claim[] {
  return result.groups.flatMap((g) => g.claims).sort((a, b) => a.line - b.line);
}

/** What a test asserts of a claim; absent fields stay absent. */
function view(c: Claim) {
  return {
    id: c.id,
    source: c.source,
    low: c.figure.low,
    high: c.figure.high,
    best: c.figure.best,
    rule: c.figure.rule,
    outcome: c.outcome,
    victims: c.victims,
    location: c.location,
    country: c.country,
    admin1: c.admin1,
    admin2: c.admin2,
    date: c.date.text,
    scope: c.scope,
    actors: c.actors,
    grade: c.grade,
    notes: c.notes,
    extra: { ...c.extra },
    line: c.line,
  };
}

const byId = (result: ReconcileResult) => new Map(claimsOf(result).map((c) => [c.id, view(c)]));

describe("the preset registry", () => {
  it("has exactly ucdp-ged, acled, airwars, airwars-gaza and tbij", () => {
    expect([...PRESETS.keys()]).toEqual(["ucdp-ged", "acled", "airwars", "airwars-gaza", "tbij"]);
  });

  it("parses every preset file in src/presets/data with presetSchema, each named as its file", () => {
    const dir = new URL("../../src/presets/data/", import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
    expect(files).toEqual(["acled.json", "airwars-gaza.json", "airwars.json", "tbij.json", "ucdp-ged.json"]);
    for (const f of files) {
      const parsed = presetSchema.safeParse(JSON.parse(readFileSync(new URL(f, dir), "utf8")));
      expect(parsed.success, `${f}: ${parsed.error?.message ?? ""}`).toBe(true);
      expect(parsed.data?.name).toBe(f.replace(/\.json$/, ""));
      expect(PRESETS.get(parsed.data!.name)).toEqual(parsed.data);
    }
  });

  it("`reconcile presets` lists the five, each with its source and row id", () => {
    const cli = runCli(["presets"]);
    expect(cli.exit).toBe(0);
    expect(cli.stderr).toBe("");
    const names = cli.stdout.split("\n").filter((l) => /^\S/.test(l)).map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(["ucdp-ged", "acled", "airwars", "airwars-gaza", "tbij"]);
    expect(cli.stdout).toContain("source: UCDP GED; row id: id;");
    expect(cli.stdout).toContain("source: ACLED; row id: event_id_cnty;");
    expect(cli.stdout).toContain("source: Airwars; row id: incident_code;");
    expect(cli.stdout).toContain("source: TBIJ; row id: strike_id;");
  });

  it("rejects an unknown preset name with a UsageError listing the five", async () => {
    const csv = table(TBIJ_PAKISTAN_HEADER, [{ strike_id: "B1", date: "2008-01-29", location: "Mir Ali", min_ppl_killed: "1", max_ppl_killed: "1" }]);
    const error = await run("ucdp", csv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('no preset "ucdp": expected one of ucdp-ged, acled, airwars, airwars-gaza, tbij, or a preset file (.json) (see "reconcile presets") [USAGE_UNKNOWN_PRESET]');
    expect((error as UsageError).code).toBe("USAGE_UNKNOWN_PRESET");
  });

  it.each([
    ["ucdp-ged", UCDP_HEADER, "id"],
    ["airwars", AIRWARS_HEADER, "incident_code"],
    ["tbij", TBIJ_YEMEN_HEADER, "strike_id"],
    ["tbij", TBIJ_PAKISTAN_HEADER, "strike_id"],
    ["acled", ACLED_HEADER, "event_id_cnty"],
  ])("%s: a header without the id column is a fatal InputError naming it (%s)", async (preset, header, idColumn) => {
    const renamed = header.split(",").map((c) => (c === idColumn ? `${idColumn}_x` : c)).join(",");
    const csv = `${renamed}\n${renamed.split(",").map(() => "1").join(",")}\n`;
    const error = await run(preset, csv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const issues = (error as InputError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "x.csv", line: 1, column: idColumn, code: "CLAIM_MISSING_FIELD", expected: `the id column of the ${preset} preset` });
    expect(formatIssue(issues[0]!)).toMatch(new RegExp(`^x\\.csv:1: column "${idColumn}": expected the id column of the ${preset} preset, got columns `));
  });
});

describe("ucdp-ged preset", () => {
  const base = {
    year: "2021",
    type_of_violence: "1",
    conflict_name: "Syria: Government",
    dyad_name: "Government of Syria - IS",
    side_a: "Government of Syria",
    side_b: "IS",
    number_of_sources: "2",
    where_prec: "1",
    adm_1: "Idlib governorate",
    adm_2: "Maarat al-Numan district",
    country: "Syria",
    date_prec: "1",
  };
  const extraOf = { where_prec: "1", date_prec: "1", type_of_violence: "1", conflict_name: "Syria: Government", dyad_name: "Government of Syria - IS", number_of_sources: "2" };

  it("makes one claim per stated measure: total from low/best/high, civilians, each side, unknown", async () => {
    const csv = table(UCDP_HEADER, [
      { ...base, id: "501", where_coordinates: "Kafr Nabl town", where_description: "market", date_start: "2021-02-20", date_end: "2021-02-22", deaths_a: "1", deaths_b: "2", deaths_civilians: "3", deaths_unknown: "0", low: "5", best: "6", high: "9" },
    ]);
    const result = await run("ucdp-ged", csv);
    expect(result.summary).toMatchObject({ rows: 1, claims: 5, rejected: 0 });
    const common = { source: "UCDP GED", outcome: "killed", location: "Kafr Nabl town", country: "Syria", admin1: "Idlib governorate", admin2: "Maarat al-Numan district", date: "2021-02-20/2021-02-22", scope: "event", actors: "Government of Syria – IS", extra: extraOf, line: 2, rule: "columns" };
    expect(claimsOf(result).map(view)).toEqual([
      { ...common, id: "501#total", low: 5, best: 6, high: 9, victims: "all" },
      // deaths_civilians (3) is the best estimate; the deaths of unknown status (0) and the spread from best to high (3) may be civilians.
      { ...common, id: "501#civilians", low: 3, best: 3, high: 6, victims: "civilians", extra: { ...extraOf, coding_note: expect.stringContaining("unknown status") } },
      { ...common, id: "501#side_a", low: 1, best: 1, high: 1, victims: "government of syria" },
      { ...common, id: "501#side_b", low: 2, best: 2, high: 2, victims: "is" },
      { ...common, id: "501#unknown", low: 0, best: 0, high: 0, victims: "unknown status" },
    ]);
  });

  it("gives no claim for a blank side measure, and a claim with no figure for a blank total", async () => {
    const csv = table(UCDP_HEADER, [
      { ...base, id: "502", where_coordinates: "Hama city", date_start: "2021-03-01", date_end: "2021-03-01", deaths_civilians: "4" },
      { ...base, id: "503", where_coordinates: "Hama city", date_start: "2021-03-02", date_end: "2021-03-02", low: "NA", best: "NA", high: "NA" },
    ]);
    const result = await run("ucdp-ged", csv);
    expect(result.summary).toMatchObject({ rows: 2, claims: 3, rejected: 0 });
    const claims = byId(result);
    expect([...claims.keys()]).toEqual(["502#total", "502#civilians", "503#total"]);
    for (const id of ["502#total", "503#total"]) {
      expect(claims.get(id)).toMatchObject({ low: null, high: null, best: null, rule: "none", victims: "all", scope: "event" });
    }
    expect(claims.get("502#civilians")).toMatchObject({ low: 4, high: 4, best: 4, rule: "columns", victims: "civilians" });
    expect(claims.get("502#total")!.date).toBe("2021-03-01");
  });

  it("falls back from where_coordinates to where_description, adm_2, adm_1, country; a side with no name is 'side a'", async () => {
    const csv = table(UCDP_HEADER, [
      { ...base, id: "511", where_description: "near the dam", date_start: "2021-04-01", best: "1" },
      { ...base, id: "512", date_start: "2021-04-02", best: "1" },
      { ...base, id: "513", adm_2: "", date_start: "2021-04-03", best: "1" },
      { ...base, id: "514", adm_2: "", adm_1: "", date_start: "2021-04-04", best: "1", side_a: "", deaths_a: "1" },
    ]);
    const claims = byId(await run("ucdp-ged", csv));
    expect(claims.get("511#total")).toMatchObject({ location: "near the dam", admin1: "Idlib governorate", admin2: "Maarat al-Numan district", date: "2021-04-01" });
    expect(claims.get("512#total")).toMatchObject({ location: "Maarat al-Numan district" });
    expect(claims.get("513#total")).toMatchObject({ location: "Idlib governorate", admin1: "Idlib governorate", admin2: undefined });
    expect(claims.get("514#total")).toMatchObject({ location: "Syria", admin1: undefined, country: "Syria", low: 1, high: 1, best: 1 });
    expect(claims.get("514#side_a")).toMatchObject({ victims: "side a", low: 1, high: 1 });
  });

  it("a bad number rejects only the claims it feeds, at the real column; the row's other claims are kept", async () => {
    const csv = table(UCDP_HEADER, [
      { ...base, id: "521", where_coordinates: "Idlib city", date_start: "2021-05-01", best: "2", deaths_civilians: "x" },
      { ...base, id: "522", where_coordinates: "Idlib city", date_start: "2021-05-02", best: "2" },
    ]);
    const result = await run("ucdp-ged", csv);
    expect(result.summary).toMatchObject({ rows: 2, rows_with_claims: 2, rejected: 0, rejected_claims: 1 });
    expect([...byId(result).keys()].sort()).toEqual(["521#total", "522#total"]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ file: "x.csv", line: 2, claims: ["521#civilians"] });
    expect(result.rejected[0]!.issues.map(formatIssue)).toEqual([
      'x.csv:2: column "deaths_civilians": expected a whole number of 0 or more, got "x" [CLAIM_INVALID_NUMBER]',
    ]);
  });
});

describe("airwars preset", () => {
  it("makes each measure from its _min/_max pair, with location_en, governorate, the sources and the grading", async () => {
    const csv = table(AIRWARS_HEADER, [
      {
        internal_id: "airwars-1",
        airwars_id: "1",
        incident_code: "CS9001",
        incident_date: "2017-06-19",
        country: "Syria",
        location: "الرقة",
        location_en: "Raqqa city",
        governorate: "Raqqa",
        region: "North",
        geo_precision: "1",
        alleged_belligerent: "U.S.-led Coalition",
        strike_type: "Airstrike",
        assessment: "Fair",
        civilian_deaths_min: "2",
        civilian_deaths_max: "5",
        civilian_injuries_min: "1",
        civilian_injuries_max: "3",
        children_killed_min: "1",
        children_killed_max: "1",
        women_killed_min: "0",
        women_killed_max: "1",
        men_killed_min: "1",
        men_killed_max: "2",
        militants_killed_min: "4",
        militants_killed_max: "6",
        n_sources: "4",
        source_names: "Source A | Source B |  | Source A, with a comma",
        canonical_url: "https://example.org/cs9001",
      },
    ]);
    const result = await run("airwars", csv);
    expect(result.summary).toMatchObject({ rows: 1, claims: 6, rejected: 0 });
    const extra = {
      original_sources: "Source A; Source B; Source A, with a comma",
      strike_type: "Airstrike",
      geo_precision: "1",
      n_sources: "4",
      canonical_url: "https://example.org/cs9001",
    };
    const common = { source: "Airwars", rule: "columns", location: "Raqqa city", country: "Syria", admin1: "Raqqa", date: "2017-06-19", scope: "event", actors: "U.S.-led Coalition", grade: "fair", extra, line: 2 };
    expect(claimsOf(result).map(view)).toEqual([
      { ...common, id: "CS9001#civilians_killed", low: 2, high: 5, best: null, outcome: "killed", victims: "civilians" },
      { ...common, id: "CS9001#civilians_injured", low: 1, high: 3, best: null, outcome: "injured", victims: "civilians" },
      { ...common, id: "CS9001#children_killed", low: 1, high: 1, best: 1, outcome: "killed", victims: "children" },
      { ...common, id: "CS9001#women_killed", low: 0, high: 1, best: null, outcome: "killed", victims: "women" },
      { ...common, id: "CS9001#men_killed", low: 1, high: 2, best: null, outcome: "killed", victims: "men" },
      { ...common, id: "CS9001#militants_killed", low: 4, high: 6, best: null, outcome: "killed", victims: "fighters" },
    ]);
  });

  it("keeps an incident with no civilian figure as a claim with no figure; other blank pairs give no claim", async () => {
    const csv = table(AIRWARS_HEADER, [
      { incident_code: "RS9002", incident_date: "2017-11-17", country: "Syria", location: "Al-Sousse", region: "Deir ez-Zor", assessment: "Weak", children_killed_min: "3", children_killed_max: "3", militants_killed_max: "4", source_names: "Only Source" },
      { incident_code: "RS9003", incident_date: "2017-11-18", country: "Syria", location: "Hajin", civilian_deaths_min: "NA", civilian_deaths_max: "NA" },
    ]);
    const result = await run("airwars", csv);
    expect(result.summary).toMatchObject({ rows: 2, claims: 4, rejected: 0 });
    const claims = byId(result);
    expect([...claims.keys()]).toEqual(["RS9002#civilians_killed", "RS9002#children_killed", "RS9002#militants_killed", "RS9003#civilians_killed"]);
    expect(claims.get("RS9002#civilians_killed")).toEqual({
      id: "RS9002#civilians_killed",
      source: "Airwars",
      low: null,
      high: null,
      best: null,
      rule: "none",
      outcome: "killed",
      victims: "civilians",
      // location_en empty → location; no governorate → region as admin1
      location: "Al-Sousse",
      country: "Syria",
      admin1: "Deir ez-Zor",
      date: "2017-11-17",
      scope: "event",
      grade: "weak",
      extra: { original_sources: "Only Source" },
      line: 2,
    });
    // Only a max: read as 0 up to the max.
    expect(claims.get("RS9002#militants_killed")).toMatchObject({ low: 0, high: 4, best: null, victims: "fighters" });
    expect(claims.get("RS9003#civilians_killed")).toMatchObject({ rule: "none", low: null, high: null, location: "Hajin", admin1: undefined, extra: {} });
  });

  it("places an incident with no location at its governorate, then its region", async () => {
    const csv = table(AIRWARS_HEADER, [
      { incident_code: "CS9011", incident_date: "2017-07-01", country: "Syria", governorate: "Aleppo", civilian_deaths_min: "1", civilian_deaths_max: "1" },
      { incident_code: "CS9012", incident_date: "2017-07-02", country: "Syria", region: "Northern Syria", civilian_deaths_min: "1", civilian_deaths_max: "1" },
      { incident_code: "CS9013", incident_date: "2017-07-03", country: "Syria", civilian_deaths_min: "1", civilian_deaths_max: "1" },
    ]);
    const claims = byId(await run("airwars", csv));
    expect(claims.get("CS9011#civilians_killed")).toMatchObject({ location: "Aleppo", admin1: "Aleppo" });
    expect(claims.get("CS9012#civilians_killed")).toMatchObject({ location: "Northern Syria", admin1: "Northern Syria" });
    expect(claims.get("CS9013#civilians_killed")).toMatchObject({ location: "Syria", admin1: undefined, country: "Syria" });
  });

  it("a bad number rejects the claims it feeds, at the real column: a row of no other claim wholly, another row in part", async () => {
    const csv = table(AIRWARS_HEADER, [
      { incident_code: "CS9021", incident_date: "2017-08-01", location: "Raqqa", civilian_deaths_min: "1", civilian_deaths_max: "x" },
      { incident_code: "CS9022", incident_date: "2017-08-01", location: "Raqqa", civilian_deaths_min: "3", civilian_deaths_max: "3", women_killed_min: "1", women_killed_max: "x" },
      { incident_code: "CS9023", incident_date: "2017-08-02", location: "Tabqa", civilian_deaths_min: "1", civilian_deaths_max: "1" },
    ]);
    const result = await run("airwars", csv);
    expect(result.summary).toMatchObject({ rows: 3, claims: 2, rejected: 1, rejected_claims: 1 });
    // CS9022's civilians_killed is good and kept; only its women_killed, fed by the bad cell, is rejected.
    expect([...byId(result).keys()].sort()).toEqual(["CS9022#civilians_killed", "CS9023#civilians_killed"]);
    expect(result.rejected.map((r) => r.claims)).toEqual([undefined, ["CS9022#women_killed"]]);
    expect(result.rejected.map((r) => [r.line, r.issues.map(formatIssue)])).toEqual([
      [2, ['x.csv:2: column "civilian_deaths_max": expected a whole number of 0 or more, got "x" [CLAIM_INVALID_NUMBER]']],
      [3, ['x.csv:3: column "women_killed_max": expected a whole number of 0 or more, got "x" [CLAIM_INVALID_NUMBER]']],
    ]);
    // The rejected row is kept as it was read, with the dataset's own columns.
    expect(result.rejected[0]!.columns).toEqual(AIRWARS_HEADER.split(","));
  });

  it("without keepRejects, a bad row stops the run with an InputError at the real column", async () => {
    const csv = table(AIRWARS_HEADER, [{ incident_code: "CS9031", incident_date: "2017-08-01", location: "Raqqa", civilian_deaths_min: "1", civilian_deaths_max: "x" }]);
    const error = await reconcile({ inputs: [{ source: { name: "x.csv", bytes: Buffer.from(csv) }, preset: "airwars" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map(formatIssue)).toEqual(['x.csv:2: column "civilian_deaths_max": expected a whole number of 0 or more, got "x" [CLAIM_INVALID_NUMBER]']);
  });
});

describe("presets adapted: --map and --source on top, one preset per file, a preset of one's own", () => {
  const csv = table(TBIJ_PAKISTAN_HEADER, [{ strike_id: "B1", date: "2008-01-29", location: "Mir Ali", area: "North Waziristan", min_ppl_killed: "1", max_ppl_killed: "2" }]);
  const input = (extra: Partial<InputSpec> = {}): InputSpec => ({ source: { name: "x.csv", bytes: Buffer.from(csv) }, preset: "tbij", ...extra });

  it("--map moves a field to another column of the export, and --source names the source otherwise", async () => {
    const result = await reconcile({ inputs: [input({ map: { location: "area" }, sourceName: "TBIJ (our copy)" })] });
    expect(claimsOf(result).map((c) => [c.id, c.source, c.location])).toEqual([["B1#killed", "TBIJ (our copy)", "North Waziristan"]]);
  });

  it("a --map naming a column the export lacks is CLAIM_MISSING_FIELD at the header, once; a --map of a figure is a usage error", async () => {
    const error = await reconcile({ inputs: [input({ map: { location: "town" } })] }).catch((e: unknown) => e);
    expect((error as InputError).issues.map(formatIssue)).toEqual([
      'x.csv:1: column "location": expected the column "town" that --map location=town names, got columns "strike_id", "date", "location", "country", "area", "min_ppl_killed", "max_ppl_killed", "min_civil_killed", ... [CLAIM_MISSING_FIELD]',
    ]);
    const usage = await reconcile({ inputs: [input({ map: { figure: "x" } })] }).catch((e: unknown) => e);
    expect(usage).toBeInstanceOf(UsageError);
    expect((usage as Error).message).toMatch(/^--map figure=x with --preset tbij: the preset reads its figures from its own columns; --map may move id, location, .* \[USAGE_INVALID_ARGUMENT\]$/);
  });

  it("--preset once per file: each file read with the preset before it; a file before the first of several is an error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reconcile-presets-"));
    const [tbijFile, acledFile] = [join(dir, "tbij.csv"), join(dir, "acled.csv")];
    writeFileSync(tbijFile, csv);
    writeFileSync(acledFile, table(ACLED_HEADER, [{ event_id_cnty: "SOM1", event_date: "2016-07-02", year: "2016", country: "Somalia", admin1: "Bay", location: "Baidoa", fatalities: "2", source: "AFP", geo_precision: "1", time_precision: "1" }]));
    const both = await runInProcess(["--preset", "tbij", tbijFile, "--preset", "acled", acledFile, "--format", "json"]);
    expect(both.exit, both.stderr).toBe(0);
    const sources = (JSON.parse(both.stdout) as { groups: Array<{ claims: Array<{ source: string }> }> }).groups.flatMap((g) => g.claims.map((c) => c.source));
    expect(sources.sort()).toEqual(["ACLED", "TBIJ"]);
    // --source and --map per file too: the last --source before each file, the --maps since the file before.
    writeFileSync(tbijFile.replace("tbij.csv", "tbij2.csv"), csv);
    const perFile = await runInProcess(["--preset", "tbij", "--source", "A", tbijFile, "--preset", "tbij", "--source", "B", "--map", "location=area", tbijFile.replace("tbij.csv", "tbij2.csv"), "--format", "json"]);
    expect(perFile.exit, perFile.stderr).toBe(0);
    const claims = (JSON.parse(perFile.stdout) as { groups: Array<{ claims: Array<{ source: string; location: string }> }> }).groups.flatMap((g) => g.claims.map((c) => [c.source, c.location]));
    expect(claims.sort()).toEqual([["A", "Mir Ali"], ["B", "North Waziristan"]]);
    const ambiguous = await runInProcess([acledFile, "--preset", "tbij", tbijFile, "--preset", "acled"]);
    expect(ambiguous.exit).toBe(2);
    expect(ambiguous.stderr).toContain(`--preset is given 2 times, but ${acledFile} comes before any`);
  });

  it("presets --show prints a built-in preset as the file --preset FILE.json reads, and that file reads alike", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reconcile-presets-"));
    const shown = await runInProcess(["presets", "--show", "tbij"]);
    expect(shown.exit).toBe(0);
    const file = join(dir, "mine.json");
    writeFileSync(file, shown.stdout);
    expect(presetSchema.parse(JSON.parse(shown.stdout))).toEqual(PRESETS.get("tbij"));
    const own = await reconcile({ inputs: [input({ preset: file })] });
    const builtIn = await reconcile({ inputs: [input()] });
    expect(claimsOf(own)).toEqual(claimsOf(builtIn));
  });

  it("a preset file out of shape is PRESET_INVALID, with the place of each problem", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "reconcile-presets-")), "bad.json");
    writeFileSync(file, JSON.stringify({ ...PRESETS.get("tbij"), measures: [{ name: "killed", figure: "x", outcome: "dead", victims: "all" }] }));
    const error = await reconcile({ inputs: [input({ preset: file })] }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${file}: measures[0].outcome: Invalid option: expected one of "killed"|"injured"|"killed_or_injured" [PRESET_INVALID]`);
  });

  it("docs/preset.schema.json is the schema presetJsonSchema() gives", () => {
    const published = readFileSync(new URL("../../docs/preset.schema.json", import.meta.url), "utf8");
    expect(published).toBe(`${JSON.stringify(presetJsonSchema(), null, 2)}\n`);
  });
});

describe("airwars-gaza preset", () => {
  const HEADER = "Incidence_date,Incidence_id,Incidence_url,Strike status,Civilians reported killed,Civilian_type,Airwars civilian harm grading,Suspected belligerent,lat,long,Civilians reported injured,Airwars_assessment";

  it("reads the scraped export: dates as written, the place from the coordinates, the breakdown as parts, the assessment as the quote", async () => {
    const csv = table(HEADER, [
      { Incidence_date: "october-7-2023", Incidence_id: "ispt0019a", Incidence_url: "https://airwars.org/x", "Strike status": "Likely strike", "Civilians reported killed": "1", Civilian_type: "(1 man1 journalist)", "Airwars civilian harm grading": "Fair", "Suspected belligerent": "Israeli Military", lat: "31.450065", long: "34.392934", "Civilians reported injured": "NA", Airwars_assessment: "On the morning of Saturday…" },
      { Incidence_date: "october-10-2023", Incidence_id: "ispt0100", "Civilians reported killed": "1 – 2", Civilian_type: "(1–3 children)", "Airwars civilian harm grading": "Weak", lat: "NA", long: "NA", "Civilians reported injured": "12–24" },
      { Incidence_date: "october-10-2023", Incidence_id: "ispt0101", "Civilians reported killed": "Unknown", lat: "NA", long: "NA" },
    ]);
    const result = await run("airwars-gaza", csv);
    expect(result.summary).toMatchObject({ rows: 3, rows_with_claims: 3, rejected: 0 });
    const claims = claimsOf(result);
    expect(claims.map((c) => [c.id, c.figure.low, c.figure.high, c.outcome, c.victims, c.within, c.location, c.date.text, c.event, c.grade])).toEqual([
      ["ispt0019a#civilians_killed", 1, 1, "killed", "civilians", undefined, "31.45, 34.39", "2023-10-07", "ispt0019a", "fair"],
      ["ispt0019a#men_killed", 1, 1, "killed", "men", "civilians", "31.45, 34.39", "2023-10-07", "ispt0019a", "fair"],
      // A journalist may be the man counted: a category of its own, not a part summed with the men.
      ["ispt0019a#journalists_killed", 1, 1, "killed", "journalists", undefined, "31.45, 34.39", "2023-10-07", "ispt0019a", "fair"],
      ["ispt0100#civilians_killed", 1, 2, "killed", "civilians", undefined, "Gaza Strip", "2023-10-10", "ispt0100", "weak"],
      ["ispt0100#civilians_injured", 12, 24, "injured", "civilians", undefined, "Gaza Strip", "2023-10-10", "ispt0100", "weak"],
      ["ispt0100#children_killed", 1, 3, "killed", "children", "civilians", "Gaza Strip", "2023-10-10", "ispt0100", "weak"],
      ["ispt0101#civilians_killed", null, null, "killed", "civilians", undefined, "Gaza Strip", "2023-10-10", "ispt0101", undefined],
    ]);
    expect([claims[0]!.quote, claims[0]!.url, claims[0]!.actors, claims[0]!.latitude]).toEqual(["On the morning of Saturday…", "https://airwars.org/x", "Israeli Military", 31.450065]);
    // Two incidents of one day without coordinates share a place, but not a group: each is its own event.
    expect(result.groups.map((g) => g.claims.length)).toEqual([3, 3, 1]);
  });

  it.each([
    ["(2 children1 woman)", [["2", "children"], ["1", "women"]]],
    ["(1 man1 healthcare_personnel)", [["1", "men"], ["1", "healthcare personnel"]]],
    ["(1–3 children)", [["1–3", "children"]]],
    ["(4 children1 woman1 man)", [["4", "children"], ["1", "women"], ["1", "men"]]],
  ])("the breakdown %j lists %j", (cell, parts) => {
    expect(listedParts(cell).map((p) => [p.count, p.victims])).toEqual(parts);
  });
});

describe("tbij preset", () => {
  it("yemen layout: ISO date-times are days, Unknown/NA locations fall back to the area, NA is no figure", async () => {
    const csv = table(TBIJ_YEMEN_HEADER, [
      {
        strike_id: "YEM901",
        date: "2012-05-10T00:00:00Z",
        location: "Al Khamis",
        country: "Yemen",
        area: "Abyan",
        confirm_possible: "Confirmed",
        air_strike: "TRUE",
        drone_strike: "TRUE",
        strike_type: "Drone strike",
        min_strikes: "1",
        max_strikes: "2",
        min_ppl_killed: "4",
        max_ppl_killed: "7",
        min_civil_killed: "0",
        max_civil_killed: "2",
        min_injured: "NA",
        max_injured: "NA",
      },
      { strike_id: "YEM902", date: "2013-01-23T00:00:00Z", location: "Unknown", country: "Yemen", area: "Marib", confirm_possible: "Possible", min_ppl_killed: "NA", max_ppl_killed: "NA", min_injured: "1", max_injured: "3" },
      { strike_id: "YEM903", date: "2013-01-24T00:00:00Z", location: "NA", country: "Yemen", area: "Shabwa", min_ppl_killed: "3", max_ppl_killed: "3", min_child_killed: "Unknown", max_child_killed: "Unknown" },
    ]);
    const result = await run("tbij", csv);
    expect(result.summary).toMatchObject({ rows: 3, claims: 5, rejected: 0 });
    const carried = { confirm_possible: "Confirmed", strike_type: "Drone strike", air_strike: "TRUE", drone_strike: "TRUE", min_strikes: "1", max_strikes: "2" };
    const first = { source: "TBIJ", rule: "columns", outcome: "killed", location: "Al Khamis", country: "Yemen", admin1: "Abyan", date: "2012-05-10", scope: "event", extra: carried, line: 2 };
    expect(claimsOf(result).map(view)).toEqual([
      { ...first, id: "YEM901#killed", low: 4, high: 7, best: null, victims: "all" },
      { ...first, id: "YEM901#civilians_killed", low: 0, high: 2, best: null, victims: "civilians" },
      {
        id: "YEM902#killed",
        source: "TBIJ",
        low: null,
        high: null,
        best: null,
        rule: "none",
        outcome: "killed",
        victims: "all",
        location: "Marib",
        country: "Yemen",
        admin1: "Marib",
        date: "2013-01-23",
        scope: "event",
        extra: { confirm_possible: "Possible" },
        line: 3,
      },
      {
        id: "YEM902#injured",
        source: "TBIJ",
        low: 1,
        high: 3,
        best: null,
        rule: "columns",
        outcome: "injured",
        victims: "all",
        location: "Marib",
        country: "Yemen",
        admin1: "Marib",
        date: "2013-01-23",
        scope: "event",
        extra: { confirm_possible: "Possible" },
        line: 3,
      },
      {
        id: "YEM903#killed",
        source: "TBIJ",
        low: 3,
        high: 3,
        best: 3,
        rule: "columns",
        outcome: "killed",
        victims: "all",
        location: "Shabwa",
        country: "Yemen",
        admin1: "Shabwa",
        date: "2013-01-24",
        scope: "event",
        extra: {},
        line: 4,
      },
    ]);
  });

  it("pakistan layout: every measure, nothing to carry", async () => {
    const csv = table(TBIJ_PAKISTAN_HEADER, [
      { strike_id: "B901", date: "2008-01-29T00:00:00Z", location: "Mir Ali", country: "Pakistan", area: "North Waziristan", min_ppl_killed: "12", max_ppl_killed: "15", min_civil_killed: "0", max_civil_killed: "3", min_child_killed: "0", max_child_killed: "1", min_injured: "2", max_injured: "4" },
      { strike_id: "B902", date: "2008-02-28T00:00:00Z", location: "", country: "Pakistan", area: "South Waziristan", min_ppl_killed: "", max_ppl_killed: "" },
    ]);
    const result = await run("tbij", csv);
    expect(result.summary).toMatchObject({ rows: 2, claims: 5, rejected: 0 });
    const common = { source: "TBIJ", rule: "columns", location: "Mir Ali", country: "Pakistan", admin1: "North Waziristan", date: "2008-01-29", scope: "event", extra: {}, line: 2, best: null };
    expect(claimsOf(result).map(view)).toEqual([
      { ...common, id: "B901#killed", low: 12, high: 15, outcome: "killed", victims: "all" },
      { ...common, id: "B901#civilians_killed", low: 0, high: 3, outcome: "killed", victims: "civilians" },
      { ...common, id: "B901#children_killed", low: 0, high: 1, outcome: "killed", victims: "children" },
      { ...common, id: "B901#injured", low: 2, high: 4, outcome: "injured", victims: "all" },
      { ...common, id: "B902#killed", low: null, high: null, rule: "none", outcome: "killed", victims: "all", location: "South Waziristan", admin1: "South Waziristan", date: "2008-02-28", line: 3 },
    ]);
  });

  it("a min above its max rejects only that measure's claim (TBIJ Ob193), at the real column", async () => {
    const csv = table(TBIJ_PAKISTAN_HEADER, [
      { strike_id: "B911", date: "2010-01-01T00:00:00Z", location: "Datta Khel", country: "Pakistan", area: "North Waziristan", min_ppl_killed: "3", max_ppl_killed: "5", min_injured: "3", max_injured: "2" },
    ]);
    const result = await run("tbij", csv);
    expect(result.summary).toMatchObject({ rows: 1, claims: 1, rejected: 0, rejected_claims: 1 });
    expect([...byId(result).keys()]).toEqual(["B911#killed"]);
    expect(result.rejected[0]!.claims).toEqual(["B911#injured"]);
    expect(result.rejected[0]!.issues.map(formatIssue)).toEqual([
      'x.csv:2: column "max_injured": expected a high of at least the low (3), got "2" [CLAIM_INVALID_RANGE]',
    ]);
  });
});

describe("acled preset", () => {
  const base = { country: "Somalia", admin1: "Bay", admin2: "Baydhabo", event_type: "Remote violence", actor1: "Al Shabaab", geo_precision: "1", interaction: "27", year: "2016" };
  const note = "ACLED records the most conservative figure when reports differ";

  it("widens a week or a month of dates written otherwise than ISO (02 July 2016; 02/07/2016 with day first)", async () => {
    const csv = table(ACLED_HEADER, [
      { ...base, event_date: "02 July 2016", event_id_cnty: "W1", fatalities: "1", location: "Baidoa", source: "AFP", time_precision: "3" },
      { ...base, event_date: "02 July 2016", event_id_cnty: "W2", fatalities: "1", location: "Mogadishu", source: "AFP", time_precision: "2" },
    ]);
    const result = await run("acled", csv);
    expect(claimsOf(result).map((c) => [c.id, c.date.text])).toEqual([
      ["W1#fatalities", "2016-07"],
      ["W2#fatalities", "2016-06-29/2016-07-05"],
    ]);
    const dayFirst = await reconcile({ inputs: [{ source: { name: "x.csv", bytes: Buffer.from(csv.replaceAll("02 July 2016", "02/07/2016")) }, preset: "acled" }], dateOrder: "day-first" });
    expect(claimsOf(dayFirst).map((c) => c.date.text)).toEqual(["2016-07", "2016-06-29/2016-07-05"]);
  });

  it("reads fatalities as one exact figure, splits the sources, carries notes and the coding note", async () => {
    const csv = table(ACLED_HEADER, [
      { ...base, "": "0", actor2: "Civilians (Somalia)", event_date: "2016-07-02", event_id_cnty: "9001XYZ", fatalities: "2", location: "Baidoa", notes: "Mortar attack on a market.", source: "Agence France Presse; Radio X ; Agence France Presse", time_precision: "1" },
    ]);
    const result = await run("acled", csv);
    expect(result.summary).toMatchObject({ rows: 1, claims: 1, rejected: 0 });
    expect(claimsOf(result).map(view)).toEqual([
      {
        id: "9001XYZ#fatalities",
        source: "ACLED",
        low: 2,
        high: 2,
        best: 2,
        rule: "columns",
        outcome: "killed",
        victims: "all",
        location: "Baidoa",
        country: "Somalia",
        admin1: "Bay",
        admin2: "Baydhabo",
        date: "2016-07-02",
        scope: "event",
        actors: "Al Shabaab – Civilians (Somalia)",
        notes: "Mortar attack on a market.",
        extra: {
          original_sources: "Agence France Presse; Radio X",
          coding_note: note,
          event_type: "Remote violence",
          geo_precision: "1",
          time_precision: "1",
          interaction: "27",
        },
        line: 2,
      },
    ]);
  });

  it("reads time_precision 2 as the seven days around event_date and 3 as its month", async () => {
    const csv = table(ACLED_HEADER, [
      { ...base, event_date: "2016-07-10", event_id_cnty: "9002XYZ", fatalities: "5", location: "Baidoa", time_precision: "2" },
      { ...base, event_date: "2016-07-01", event_id_cnty: "9003XYZ", fatalities: "1", location: "Baidoa", time_precision: "2" },
      { ...base, event_date: "2016-07-15", event_id_cnty: "9004XYZ", fatalities: "0", location: "Baidoa", time_precision: "3" },
      { ...base, event_date: "2016-07-15", event_id_cnty: "9005XYZ", fatalities: "0", location: "Baidoa", time_precision: "1" },
    ]);
    const claims = byId(await run("acled", csv));
    expect([...claims].map(([id, c]) => [id, c.date])).toEqual([
      ["9002XYZ#fatalities", "2016-07-07/2016-07-13"],
      ["9003XYZ#fatalities", "2016-06-28/2016-07-04"],
      ["9004XYZ#fatalities", "2016-07"],
      ["9005XYZ#fatalities", "2016-07-15"],
    ]);
  });

  it("keeps an event with no fatalities as a claim with no figure; places it at admin3, admin2, admin1 when location is empty", async () => {
    const csv = table(ACLED_HEADER, [
      { ...base, event_date: "2016-07-03", event_id_cnty: "9011XYZ", fatalities: "", admin3: "Hanano", location: "", time_precision: "1" },
      { ...base, event_date: "2016-07-03", event_id_cnty: "9012XYZ", fatalities: "1", location: "", time_precision: "1" },
      { ...base, admin2: "", event_date: "2016-07-03", event_id_cnty: "9013XYZ", fatalities: "1", location: "", time_precision: "1" },
    ]);
    const result = await run("acled", csv);
    expect(result.summary).toMatchObject({ rows: 3, claims: 3, rejected: 0 });
    const claims = byId(result);
    expect(claims.get("9011XYZ#fatalities")).toMatchObject({ low: null, high: null, best: null, rule: "none", location: "Hanano", notes: undefined });
    expect(claims.get("9011XYZ#fatalities")!.extra).toMatchObject({ coding_note: note, admin3: "Hanano" });
    expect(claims.get("9011XYZ#fatalities")!.extra).not.toHaveProperty("original_sources");
    expect(claims.get("9012XYZ#fatalities")).toMatchObject({ location: "Baydhabo", admin2: "Baydhabo" });
    expect(claims.get("9013XYZ#fatalities")).toMatchObject({ location: "Bay", admin1: "Bay", admin2: undefined });
  });

  it("rejects a row with a bad fatalities figure, at the real column", async () => {
    const csv = table(ACLED_HEADER, [{ ...base, event_date: "2016-07-03", event_id_cnty: "9021XYZ", fatalities: "x", location: "Baidoa", time_precision: "1" }]);
    const result = await run("acled", csv);
    expect(result.summary).toMatchObject({ rows: 1, claims: 0, rejected: 1 });
    expect(result.rejected[0]!.issues.map(formatIssue)).toEqual(['x.csv:2: column "fatalities": expected a whole number of 0 or more, got "x" [CLAIM_INVALID_NUMBER]']);
  });
});

describe("regressions", () => {
  const head = "incident_code,incident_date,location,civilian_deaths_min,civilian_deaths_max,children_killed_min,children_killed_max\n";

  it("a missing date is reported at the dataset's own date column", async () => {
    const r = await run("airwars", `${head}YS1,,Jarablus,1,1,,\n`);
    expect(r.rejected[0]!.issues.map((i) => [i.column, i.code])).toEqual([["incident_date", "CLAIM_MISSING_FIELD"]]);
  });

  it("a problem all of a row's claims share is reported once", async () => {
    const r = await run("airwars", `${head}YS2,2021-02-30,Jarablus,1,1,2,2\n`);
    expect(r.rejected[0]!.issues.map((i) => [i.column, i.code])).toEqual([["incident_date", "CLAIM_INVALID_DATE"]]);
  });

  it('"NA" in a secondary measure makes no claim', async () => {
    const r = await run("airwars", `${head}YS3,2021-02-03,Jarablus,1,1,NA,NA\n`);
    expect(claimsOf(r).map((c) => c.id)).toEqual(["YS3#civilians_killed"]);
  });
});

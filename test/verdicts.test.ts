/**
 * Verdicts as the datasets code events (issue 11): records, voices, the window, and the measures
 * the presets know. Each case is built from the shape of real rows; the TBIJ case also runs on the
 * real file when ../shared/data is there.
 */
import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run as runCli } from "../src/cli.js";
import { getExitCode } from "../src/exit-code.js";
import { ofKind } from "../src/findings/index.js";
import { reconcile, type ReconcileResult } from "../src/index.js";
import { memoryIo } from "./support/io.js";

const bytes = (text: string) => Buffer.from(text);
async function run(files: Array<{ name: string; text: string; preset?: string }>, options: { dateWindow?: number; sameSource?: Map<string, string>; tolerance?: number } = {}): Promise<ReconcileResult> {
  return reconcile({
    inputs: files.map((f) => ({ source: { name: f.name, bytes: bytes(f.text) }, ...(f.preset !== undefined && { preset: f.preset }) })),
    ...options,
  });
}
const ids = (r: ReconcileResult) => r.groups.map((g) => g.claims.map((c) => c.id).join(" "));

const TBIJ_HEADER = "strike_id,date,location,country,area,min_ppl_killed,max_ppl_killed,min_civil_killed,max_civil_killed,min_child_killed,max_child_killed,min_injured,max_injured";
// The shape of TBIJ strikes B30 and B31: two strikes at Datta Khel on one day.
const DATTA_KHEL = `${TBIJ_HEADER}
B30,2008-10-03T00:00:00Z,Datta Khel,Pakistan,North Waziristan,3,3,3,3,1,1,5,5
B31,2008-10-03T00:00:00Z,Datta Khel,Pakistan,North Waziristan,17,21,7,14,3,3,0,0
`;
const OUTSIDE = "id,source,figure,location,date\nnews-1,Dawn,20,Datta Khel,2008-10-03\n";

describe("records", () => {
  it("two strikes of one dataset on one day stay two groups, and an outside claim joins the one its figure fits", async () => {
    const r = await run([
      { name: "pakistan.csv", text: DATTA_KHEL, preset: "tbij" },
      { name: "news.csv", text: OUTSIDE },
    ]);
    expect(ids(r)).toEqual(["B30#killed B30#civilians_killed B30#children_killed B30#injured", "B31#killed B31#civilians_killed B31#children_killed B31#injured news-1"]);
    expect(r.summary.statuses.conflict).toBe(0);
    const b31 = r.groups[1]!;
    expect(b31.status).toBe("compatible");
    expect(b31.notes.some((n) => n.text.startsWith("passed over TBIJ B30"))).toBe(true);
  });

  it.skipIf(!existsSync("../shared/data/tbij-drone-strikes/pakistan.csv"))("on the real TBIJ Pakistan file, the outside claim of 20 joins B31 only", async () => {
    const r = await reconcile({
      inputs: [
        { source: { path: "../shared/data/tbij-drone-strikes/pakistan.csv" }, preset: "tbij" },
        { source: { name: "news.csv", bytes: bytes(OUTSIDE) } },
      ],
      keepRejects: true,
    });
    const g = r.groups.find((x) => x.claims.some((c) => c.id === "news-1"))!;
    expect(new Set(g.claims.map((c) => c.record ?? c.id))).toEqual(new Set(["B31", "news-1"]));
    expect(g.status).not.toBe("conflict");
  });

  it("a second row under an id already read is a record of its own, never grouped with the first", async () => {
    const csv = `${TBIJ_HEADER}\nX1,2008-10-03,Wana,Pakistan,South Waziristan,3,3,,,,,,\nX1,2008-10-03,Wana,Pakistan,South Waziristan,3,3,,,,,,\n`;
    const r = await run([{ name: "t.csv", text: csv, preset: "tbij" }]);
    expect(r.groups.map((g) => g.claims.map((c) => c.record))).toEqual([["X1"], ["X1 (line 3)"]]);
  });

  it("property: adding a record of a dataset never joins two records of that dataset, whatever the row order", async () => {
    const row = fc.record({ day: fc.constantFrom("01", "02", "03"), place: fc.constantFrom("Wana", "Datta Khel", "Mir Ali"), low: fc.nat({ max: 20 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), fc.array(row, { maxLength: 4 }), async (strikes, news) => {
        const csv = `${TBIJ_HEADER}\n${strikes.map((s, i) => `S${i},2008-10-${s.day},${s.place},Pakistan,Waziristan,${s.low},${s.low + 2},,,,,,`).join("\n")}\n`;
        const claims = `id,source,figure,location,date\n${news.map((s, i) => `n${i},Source ${i % 2},${s.low},${s.place},2008-10-${s.day}`).join("\n")}\n`;
        for (const dateWindow of [0, 1]) {
          const r = await run(
            [
              { name: "t.csv", text: csv, preset: "tbij" },
              { name: "n.csv", text: claims },
            ],
            { dateWindow },
          );
          for (const g of r.groups) expect(new Set(g.claims.filter((c) => c.source === "TBIJ").map((c) => c.record)).size).toBeLessThanOrEqual(1);
          // Every two claims of a group lie within the window.
          for (const g of r.groups) expect(Math.max(...g.claims.map((c) => c.date.start)) - Math.min(...g.claims.map((c) => c.date.end))).toBeLessThanOrEqual(dateWindow);
          // The rows in reverse give the same groups.
          const lines = csv.trimEnd().split("\n");
          const reversed = `${lines[0]}\n${lines.slice(1).reverse().join("\n")}\n`;
          const back = await run(
            [
              { name: "n.csv", text: `${claims.split("\n")[0]}\n${claims.trimEnd().split("\n").slice(1).reverse().join("\n")}\n` },
              { name: "t.csv", text: reversed, preset: "tbij" },
            ],
            { dateWindow },
          );
          const partition = (x: ReconcileResult) => x.groups.map((g) => g.claims.map((c) => c.record ?? c.id).sort().join(",")).sort();
          expect(partition(back)).toEqual(partition(r));
        }
      }),
      { seed: 11, numRuns: 150 },
    );
  });
});

describe("voices are sources", () => {
  const TIE = "id,source,location,date,figure\na,Monitor A,Hama,2016-09-01,10\nb,Monitor B,Hama,2016-09-01,20\nc,Monitor B website,Hama,2016-09-01,about 20\n";

  it("a reprint declared the same source adds no vote: two voices, a tie, no outlier", async () => {
    const r = await run([{ name: "t.csv", text: TIE }], { sameSource: new Map([["Monitor B website", "Monitor B"]]) });
    const g = r.groups[0]!;
    expect(g.status).toBe("conflict");
    expect(g.tie).toBe(true);
    expect(g.outlier).toEqual([false, false, false]);
  });

  it("without the declaration, the two names are two voices against one: Monitor A is the outlier", async () => {
    const g = (await run([{ name: "t.csv", text: TIE }])).groups[0]!;
    expect(g.tie).toBe(false);
    expect(g.outlier).toEqual([true, false, false]);
  });

  it("a record stating four measures is one voice, not four", async () => {
    const ged = "id,side_a,side_b,where_coordinates,adm_1,country,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n9,Government of Syria,IS,Hama city,Hama governorate,Syria,2016-09-01,2016-09-01,1,1,8,0,10,10,10\n";
    const news = "id,source,figure,location,date,admin1,country\nx,Monitor A,30,Hama city,2016-09-01,Hama governorate,Syria\n";
    const g = (await run([
      { name: "ged.csv", text: ged, preset: "ucdp-ged" },
      { name: "news.csv", text: news },
    ])).groups[0]!;
    expect(g.status).toBe("conflict");
    expect(g.tie).toBe(true);
    expect(g.outlier.every((o) => !o)).toBe(true);
  });
});

describe("agree", () => {
  it("the same figure for one measure, with parts that fit their wholes, is agreement", async () => {
    const text = "id,source,figure,victims,location,date\na,A,4,civilians,Hama,2016-09-01\nb,B,4,civilians,Hama,2016-09-01\nc,B,4,,Hama,2016-09-01\nd,A,1,children,Hama,2016-09-01\n";
    expect((await run([{ name: "t.csv", text }])).groups[0]!.status).toBe("agree");
  });

  it("parts against wholes alone, with no figure stated twice, are compatible", async () => {
    const text = "id,source,figure,victims,location,date\na,A,4,civilians,Hama,2016-09-01\nb,B,9,,Hama,2016-09-01\n";
    expect((await run([{ name: "t.csv", text }])).groups[0]!.status).toBe("compatible");
  });
});

describe("the size of a disagreement", () => {
  const text = "id,source,figure,location,date\na,A,5056,Hama,2016-09-01\nb,B,4935,Hama,2016-09-01\n";

  it("every conflict says how far apart, absolute and relative", async () => {
    const f = (await run([{ name: "t.csv", text }])).groups[0]!.findings[0]!;
    expect(f.kind).toBe("conflict");
    expect(f.gap).toEqual({ absolute: 121, relative: 121 / 5056 });
  });

  it("--tolerance reads pairs within it as compatible, and says so", async () => {
    const g = (await run([{ name: "t.csv", text }], { tolerance: 0.05 })).groups[0]!;
    expect(g.status).toBe("compatible");
    expect(g.findings[0]!.tolerance).toBe(0.05);
    const strict = (await run([{ name: "t.csv", text }], { tolerance: 0.02 })).groups[0]!;
    expect(strict.status).toBe("conflict");
  });
});

describe("measures the presets know", () => {
  it("UCDP civilians reach up to the deaths of unknown status and the spread to high: Qarah's 0 is 0 to 8", async () => {
    // The shape of UCDP 416557 (Qarah, 19 August 2021) and Airwars ISSY019.
    const ged = "id,side_a,side_b,where_coordinates,adm_1,country,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n416557,Government of Iran,Government of Israel,Qarah town,Rif Dimashq governorate,Syria,2021-08-19,2021-08-20,0,0,0,4,4,8,4\n";
    const news = "id,source,figure,victims,location,date,admin1,country\naw,Airwars,4,civilians,Qarah,2021-08-19,Rif Dimashq governorate,Syria\n";
    const r = await run([
      { name: "ged.csv", text: ged, preset: "ucdp-ged" },
      { name: "aw.csv", text: news },
    ]);
    const g = r.groups[0]!;
    expect(g.claims.find((c) => c.id === "416557#civilians")!.figure).toMatchObject({ low: 0, high: 8, best: 0 });
    expect(g.status).toBe("compatible");
  });

  it("a UCDP side's deaths are fighters: compared with another source's fighters", async () => {
    const ged = "id,side_a,side_b,where_coordinates,adm_1,country,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n7,Government of Syria,IS,Hama city,Hama governorate,Syria,2016-09-01,2016-09-01,12,0,0,0,12,12,12\n";
    const news = "id,source,figure,victims,location,date,admin1,country\nm,Monitor,5,fighters,Hama city,2016-09-01,Hama governorate,Syria\n";
    const g = (await run([
      { name: "ged.csv", text: ged, preset: "ucdp-ged" },
      { name: "n.csv", text: news },
    ])).groups[0]!;
    const f = g.findings.find((x) => x.a === "7#side_a" || x.b === "7#side_a")!;
    expect([f.kind, f.relation]).toEqual(["conflict", "part of"]);
  });
});

// The columns of Airwars' flattened export that these cases use (the real file may not be copied here).
const AW_HEADER = "incident_code,incident_date,country,location,governorate,alleged_belligerent,assessment,civilian_deaths_min,civilian_deaths_max,civilian_injuries_min,civilian_injuries_max,children_killed_min,children_killed_max,women_killed_min,women_killed_max,men_killed_min,men_killed_max,militants_killed_min,militants_killed_max,source_names";
// The shape of UCDP 455358 (Al Qamishli, 6 November 2022): 3 civilians killed, 2 SDF fighters.
const GED_HEADER = "id,side_a,side_b,where_coordinates,adm_1,country,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low";
const QAMISHLI_GED = `${GED_HEADER}\n455358,SNA,SDF,Al Qamishli town,Hasakah governorate,Syria,2022-11-06,2022-11-06,0,2,3,0,5,5,5\n`;

describe("Airwars: blank cells as Airwars codes them", () => {
  it("blank civilian deaths beside stated injuries read \"none reported\" (0), and clash with another dataset's civilians killed", async () => {
    // The shape of Airwars TS564: 3 civilians injured, deaths blank, 2-3 militants.
    const aw = `${AW_HEADER}\nTS564,2022-11-06,Syria,Al Qamishli town,Hasakah governorate,Turkish Military,Fair,,,3,3,,,,,,,2,3,Source A\n`;
    const r = await run([
      { name: "aw.csv", text: aw, preset: "airwars" },
      { name: "ged.csv", text: QAMISHLI_GED, preset: "ucdp-ged" },
    ]);
    expect(r.groups).toHaveLength(1);
    const g = r.groups[0]!;
    expect(g.claims.find((c) => c.id === "TS564#civilians_killed")!.figure).toMatchObject({ raw: "none reported", rule: "none-reported", low: 0, high: 0 });
    expect(g.status).toBe("conflict");
    const clash = g.findings.find((f) => f.kind === "conflict")!;
    expect([clash.a, clash.b].sort()).toEqual(["455358#civilians", "TS564#civilians_killed"]);
  });

  it("a row with no civilian harm stated, or with a breakdown of the deaths, is not \"none reported\"", async () => {
    const aw = `${AW_HEADER}\nA1,2022-11-06,Syria,Amuda,,,Fair,,,,,,,,,,,,,S\nA2,2022-11-07,Syria,Amuda,,,Fair,,,2,2,1,1,,,,,,,S\n`;
    const r = await run([{ name: "aw.csv", text: aw, preset: "airwars" }]);
    const claim = (id: string) => r.groups.flatMap((g) => g.claims).find((c) => c.id === id)!;
    expect(claim("A1#civilians_killed").figure.rule).toBe("none");
    // Children killed are deaths reported: civilian deaths are not "none", only not given.
    expect(claim("A2#civilians_killed").figure.rule).toBe("none");
    expect(claim("A2#children_killed").figure).toMatchObject({ low: 1, high: 1 });
  });

  it("a blank max beside a min is bounded by civilians killed's max, not open-ended", async () => {
    const aw = `${AW_HEADER}\nB1,2022-11-06,Syria,Amuda,,,Fair,2,6,,,,,,,1,,,,S\n`;
    const r = await run([{ name: "aw.csv", text: aw, preset: "airwars" }]);
    const men = r.groups[0]!.claims.find((c) => c.id === "B1#men_killed")!;
    expect(men.figure).toMatchObject({ low: 1, high: 6 });
  });
});

describe("grades", () => {
  const aw = (code: string, grade: string, deaths: number) => `${code},2022-11-06,Syria,Al Qamishli town,Hasakah governorate,Turkish Military,${grade},${deaths},${deaths},,,,,,,,,,,S`;
  it("a conflict that rests only on an incident graded Weak or Contested says so; one with a Fair incident does not", async () => {
    const contested = await run([
      { name: "aw.csv", text: `${AW_HEADER}\n${aw("TS1", "Contested", 9)}\n`, preset: "airwars" },
      { name: "ged.csv", text: QAMISHLI_GED, preset: "ucdp-ged" },
    ]);
    expect(contested.groups[0]!.status).toBe("conflict");
    expect(contested.groups[0]!.notes.map((n) => n.text)).toContain("this conflict rests only on incidents graded Weak, Contested or Discounted: TS1 (Contested)");
    const fair = await run([
      { name: "aw.csv", text: `${AW_HEADER}\n${aw("TS1", "Fair", 9)}\n`, preset: "airwars" },
      { name: "ged.csv", text: QAMISHLI_GED, preset: "ucdp-ged" },
    ]);
    expect(fair.groups[0]!.status).toBe("conflict");
    expect(fair.groups[0]!.notes.some((n) => n.text.includes("rests only"))).toBe(false);
  });

  it("--min-grade fair sets weaker incidents aside: counted, listed in the JSON, in no group; ungraded claims stay", async () => {
    const csv = `${AW_HEADER}\n${aw("TS1", "Contested", 9)}\n${aw("TS2", "Fair", 3)}\n${aw("TS3", "", 3).replace("TS3,2022-11-06", "TS3,2022-11-07")}\n`;
    const out = memoryIo();
    const exit = await runCli([`--preset`, "airwars", "-", "--min-grade", "fair", "--format", "json"], { ...memoryIo({ stdin: csv }).io, stdout: out.io.stdout });
    expect(exit).toBe(0);
    const report = JSON.parse(out.stdout()) as { summary: { claims: number; set_aside: number }; groups: Array<{ claims: Array<{ id: string }> }>; set_aside: Array<{ id: string; grade: string }> };
    expect(report.summary).toMatchObject({ claims: 3, set_aside: 1 });
    expect(report.set_aside.map((c) => [c.id, c.grade])).toEqual([["TS1#civilians_killed", "contested"]]);
    expect(report.groups.flatMap((g) => g.claims.map((c) => c.id)).sort()).toEqual(["TS2#civilians_killed", "TS3#civilians_killed"]);
  });

  it("a grade outside the scale is a located error", async () => {
    const e = memoryIo({ stdin: "source,figure,location,date,grade\nA,3,Hama,2016-09-01,probable\n" });
    expect(await runCli(["-"], e.io)).toBe(2);
    expect(e.stderr()).toContain('stdin:2: column "grade": expected a grade: confirmed, fair, weak, contested, discounted, got "probable" [CLAIM_INVALID_GRADE]');
  });
});

describe("perpetrators and actors", () => {
  it("claims naming different perpetrators are different events: never grouped, never compared", async () => {
    const csv = "id,source,figure,location,date,perpetrator\nsnhr,SNHR,30,Raqqa,2017-06-19,IS\nsohr,SOHR,12,Raqqa,2017-06-19,SDF\nrep,Reporter,30,Raqqa,2017-06-19,\n";
    const r = await run([{ name: "p.csv", text: csv }]);
    // The claim that names no perpetrator may join either; it joins one, and the two named ones stay apart.
    expect(r.groups.some((g) => g.claims.some((c) => c.id === "snhr") && g.claims.some((c) => c.id === "sohr"))).toBe(false);
    expect(r.summary.statuses.conflict).toBe(0);
    const same = await run([{ name: "p.csv", text: csv.replace(",SDF", ",is") }]);
    expect(same.groups).toHaveLength(1);
    expect(same.groups[0]!.status).toBe("conflict");
  });

  it("the datasets' actors stand side by side; parties of no common alliance are noted, not split", async () => {
    // The shape of Airwars YS143 and UCDP 443868 (Azaz, 25 July 2022).
    const aw = `${AW_HEADER}\nYS143,2022-07-25,Syria,Azaz town,Aleppo governorate,YPG,Contested,1,1,,,,,,,,,,,S\n`;
    const ged = `${GED_HEADER}\n443868,Government of Syria,Syrian insurgents,Azaz town,Aleppo governorate,Syria,2022-07-25,2022-07-25,0,0,1,0,1,1,1\n`;
    const r = await run([
      { name: "aw.csv", text: aw, preset: "airwars" },
      { name: "ged.csv", text: ged, preset: "ucdp-ged" },
    ]);
    expect(r.groups).toHaveLength(1);
    const notes = r.groups[0]!.notes.map((n) => n.text);
    expect(r.groups[0]!.notes.find((n) => n.kind === "actors-mismatch")).toMatchObject({
      sides: [
        { source: "Airwars", actors: ["YPG"], alliances: ["the US-led coalition and the SDF"] },
        { source: "UCDP GED", actors: ["Government of Syria – Syrian insurgents"] },
      ],
    });
    expect(notes).toContain("actors side by side: Airwars YS143: YPG | UCDP GED 443868: Government of Syria – Syrian insurgents");
    expect(notes.some((n) => n.startsWith("actors do not match: Airwars names YPG (the US-led coalition and the SDF), UCDP GED names Government of Syria – Syrian insurgents"))).toBe(true);
    // Turkish Military beside SNA – SDF share an alliance: side by side, no mismatch.
    const fit = await run([
      { name: "aw.csv", text: aw.replace("YPG", "Turkish Military"), preset: "airwars" },
      { name: "ged.csv", text: ged.replace("Government of Syria,Syrian insurgents", "SNA,SDF"), preset: "ucdp-ged" },
    ]);
    expect(fit.groups[0]!.notes.some((n) => n.text.startsWith("actors do not match"))).toBe(false);
  });
});

describe("places: coordinates and names", () => {
  const HEADER = "id,source,figure,location,date,latitude,longitude";
  it("within --within-km the places meet whatever their names, and the reason gives the distance", async () => {
    // Masyaf town and a point 1.2 km north of it, named for the hill it sits on.
    const csv = `${HEADER}\na,Monitor A,3,Masyaf,2022-08-25,35.0650,36.3420\nb,Monitor B,3,Jabal al-Shaarani,2022-08-25,35.0758,36.3420\n`;
    const r = await run([{ name: "c.csv", text: csv }]);
    expect(ids(r)).toEqual(["a b"]);
    expect(r.groups[0]!.reasons.map((r) => r.text)).toEqual(['"Masyaf" ~ "Jabal al-Shaarani": 1.2 km apart']);
    expect(r.groups[0]!.reasons[0]).toMatchObject({ kind: "distance", names: ["Masyaf", "Jabal al-Shaarani"] });
    expect((r.groups[0]!.reasons[0] as { km: number }).km).toBeCloseTo(1.2, 1);
    expect(r.groups[0]!.status).toBe("agree");
    const namesOnly = await reconcile({ inputs: [{ source: { name: "c.csv", bytes: bytes(csv) } }], withinKm: 0 });
    expect(ids(namesOnly)).toEqual(["a", "b"]);
  });

  it("far apart (over 25 km), two places of one name never meet: the two villages called Jadida", async () => {
    const csv = `${HEADER}\na,Monitor A,3,Jadida,2022-08-25,36.20,37.10\nb,Monitor B,30,Jadida,2022-08-25,35.10,40.60\nc,Monitor C,3,Jadida,2022-08-25,,\n`;
    const r = await run([{ name: "c.csv", text: csv }]);
    expect(r.groups.some((g) => g.claims.some((c) => c.id === "a") && g.claims.some((c) => c.id === "b"))).toBe(false);
    // The claim with no coordinates meets one of them by name, never both.
    expect(ids(r)).toEqual(["a c", "b"]);
    expect(r.summary.statuses.conflict).toBe(0);
  });

  it("coordinates out of range are set aside with a note, and the claim is kept, meeting by name", async () => {
    // Airwars CS1033's longitude, 4239.00416.
    const csv = `${HEADER}\na,Monitor A,2,Al Sakiya street,2017-06-19,35.9626,4239.00416\nb,Monitor B,2,Al Sakiya street,2017-06-19,35.9626,39.0041\n`;
    const r = await run([{ name: "c.csv", text: csv }]);
    expect(ids(r)).toEqual(["a b"]);
    const a = r.groups[0]!.claims[0]!;
    expect(a.longitude).toBeUndefined();
    expect(a.coordinatesNote).toBe("coordinates set aside: longitude 4239.00416 is outside -180 to 180");
  });

  it("a coarse precision widens the distance; a region's centre is not used to place", async () => {
    const row = (code: string, prec: string, lat: string) => `${code},2022-08-25,Syria,Place ${code},,,Fair,1,1,,,,,,,,,,,S,${lat},36.0,${prec}`;
    const header = `${AW_HEADER},latitude,longitude,geo_precision`;
    const news = "id,source,figure,victims,location,date,latitude,longitude\nn,Monitor,1,civilians,Somewhere,2022-08-25,35.0,36.0\n";
    // 8.9 km apart: beyond 5 km, within 5 + 5 (a city's precision).
    const city = await run([{ name: "aw.csv", text: `${header}\n${row("C1", "city", "35.08")}\n`, preset: "airwars" }, { name: "n.csv", text: news }]);
    expect(city.groups).toHaveLength(1);
    const exact = await run([{ name: "aw.csv", text: `${header}\n${row("C1", "exact_location", "35.08")}\n`, preset: "airwars" }, { name: "n.csv", text: news }]);
    expect(exact.groups).toHaveLength(2);
    const province = await run([{ name: "aw.csv", text: `${header}\n${row("C1", "province_governorate", "35.0")}\n`, preset: "airwars" }, { name: "n.csv", text: news }]);
    expect(province.groups).toHaveLength(2);
    expect(province.groups.flatMap((g) => g.claims).find((c) => c.id === "C1#civilians_killed")!.latitude).toBeUndefined();
  });

  it("names wrapped in a description, or differing by a settlement word, meet (real pairs: RS4710 ~ 445544, CS1965 ~ 420964, RS4651 ~ 420963)", async () => {
    const csv = `id,source,figure,location,date
aw1,Airwars,1,Near the town of Neirab in the southeastern countryside of Idlib,2022-08-13
u1,UCDP GED,1,Nayrab village,2022-08-13
aw2,Airwars,1,Mazra'a Tishreen,2021-10-01
u2,UCDP GED,1,Tishreen Farm,2021-10-01
aw3,Airwars,1,Refugee camp near Batinta,2021-10-01
u3,UCDP GED,1,Batintah village,2021-10-01
aw4,Airwars,1,Mukhayyam al-Yarmouk,2021-10-05
u4,UCDP GED,1,Yarmouk camp,2021-10-05
aw5,Airwars,1,the eastern entrance of Saraqib,2021-10-06
u5,UCDP GED,1,Saraqib town,2021-10-06
`;
    const r = await run([{ name: "c.csv", text: csv }]);
    expect(ids(r)).toEqual(["aw1 u1", "aw2 u2", "aw3 u3", "aw4 u4", "aw5 u5"]);
    // What a description names is not its region: Idlib countryside, and Idlib district, stay apart from Idlib.
    const apart = await run([{ name: "c.csv", text: "id,source,figure,location,date\na,A,1,Idlib,2021-10-06\nb,B,1,Idlib countryside,2021-10-06\nc,C,1,Idlib district,2021-10-06\n" }]);
    expect(ids(apart)).toEqual(["a", "b", "c"]);
  });
});

describe("within a record", () => {
  const GED = "fixtures/ucdp-ged/ged-inconsistent.csv";
  it("a UCDP row whose sides add up to 7 beside a best and high of 4, or civilians 9 above a high of 8, is an inconsistent record", async () => {
    const r = await reconcile({ inputs: [{ source: { path: GED }, preset: "ucdp-ged" }] });
    const found = ofKind(r.findings, "record-inconsistent").map((f) => [f.id, f.record, f.rule, f.low, f.high, f.whole, f.parts]);
    expect(found).toEqual([
      ["R1", "900001", "parts-exceed-whole", 7, 4, "900001#total", ["900001#civilians", "900001#side_a", "900001#side_b", "900001#unknown"]],
      ["R2", "900002", "part-exceeds-whole", 9, 8, "900002#total", ["900002#civilians"]],
    ]);
    // Row 900003 (1 + 2 + 3 civilians = best 6, high 9) is consistent; every group is still single.
    expect(r.groups.map((g) => g.status)).toEqual(["single", "single", "single"]);
    expect(r.summary.findings["record-inconsistent"]).toBe(2);
    expect(getExitCode(r, "conflict")).toBe(1);
    expect(getExitCode(r, undefined)).toBe(0);
  });

  it("parts whose lows fit the high but whose best estimates add up to more than the best are inconsistent too", async () => {
    const ged = "id,side_a,side_b,where_coordinates,adm_1,country,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n5,Government of Syria,IS,Hama city,Hama governorate,Syria,2016-09-01,2016-09-01,4,3,0,0,4,8,4\n";
    const r = await run([{ name: "ged.csv", text: ged, preset: "ucdp-ged" }]);
    expect(ofKind(r.findings, "record-inconsistent").map((f) => [f.rule, f.low, f.high])).toEqual([["parts-exceed-best", 7, 4]]);
  });

  it("--fail-on conflict exits 1 on an inconsistent record, through the CLI", async () => {
    const io = memoryIo();
    const code = await runCli(["--preset", "ucdp-ged", GED, "--fail-on", "conflict", "--format", "json"], io.io);
    expect(code).toBe(1);
    const json = JSON.parse(io.stdout()) as { summary: { findings: Record<string, number> }; findings: Array<{ id: string; kind: string; rule: string; text: string }> };
    expect(json.summary.findings).toEqual({ containment: 0, "record-inconsistent": 2, "duplicate-record": 0 });
    expect(json.findings.map((f) => [f.id, f.kind, f.rule])).toEqual([
      ["R1", "record-inconsistent", "parts-exceed-whole"],
      ["R2", "record-inconsistent", "part-exceeds-whole"],
    ]);
    expect(json.findings[0]!.text).toContain("add up to at least 7, above 900001#total (killed 4)");
  });
});

describe("duplicate records", () => {
  const AIRWARS = "incident_code,incident_date,location,civilian_deaths_min,civilian_deaths_max\n";
  it("one id read twice is two records, never one group, and a duplicate-record finding names both", async () => {
    const text = `${AIRWARS}TS631,2016-09-01,Raqqa,4,6\nTS631,2016-09-01,Raqqa,4,6\nTS632,2016-09-01,Raqqa,10,12\n`;
    const r = await run([{ name: "aw.csv", text, preset: "airwars" }]);
    expect(r.groups.every((g) => new Set(g.claims.map((c) => c.record)).size === 1)).toBe(true);
    const d = ofKind(r.findings, "duplicate-record");
    expect(d.map((f) => [f.id, f.rule, f.records])).toEqual([["D1", "same-id", ["TS631", "TS631 (line 3)"]]]);
    expect(d[0]!.groups).toHaveLength(2);
    expect(getExitCode(r, "conflict")).toBe(0);
    expect(getExitCode(r, "compatible")).toBe(1);
  });

  it("ids that differ only by formatting are duplicates when place, dates and figures are the same, and not otherwise", async () => {
    const text = `${AIRWARS}SDF0037,2019-03-01,Baghuz,5,5\nSDF00037,2019-03-01,Baghuz,5,5\nSDF037,2019-03-02,Baghuz,5,5\n`;
    const r = await run([{ name: "aw.csv", text, preset: "airwars" }]);
    expect(ofKind(r.findings, "duplicate-record").map((f) => [f.rule, f.records])).toEqual([["id-formatting", ["SDF0037", "SDF00037"]]]);
  });
});

describe("time", () => {
  const TOTAL = "id,source,figure,location,date,scope,admin1,country\ntotal,Monitor A,723,Hama,2016-09-01/2016-09-02,total,Hama governorate,Syria\n";
  const days = (second: number) => `${TOTAL}d1,Monitor B,407,Hama,2016-09-01,,Hama governorate,Syria\nd2,Monitor B,${second},Hama,2016-09-02,,Hama governorate,Syria\n`;
  it("a 2-day total of 723 is not compared as the same measure with its days 407 and 316: no conflict, no finding", async () => {
    const r = await run([{ name: "t.csv", text: days(316) }]);
    expect(ids(r)).toEqual(["total", "d1", "d2"]);
    expect(r.groups.map((g) => g.status)).toEqual(["single", "single", "single"]);
    expect(r.findings).toEqual([]);
    expect(getExitCode(r, "conflict")).toBe(0);
  });

  it("its days are its parts: 407 + 400 above 723 is a parts-exceed-whole finding that names the days", async () => {
    const r = await run([{ name: "t.csv", text: days(400) }]);
    const [f] = ofKind(r.findings, "containment");
    expect([f!.rule, f!.whole.group, f!.parts.map((p) => [p.group, p.low])]).toEqual(["parts-exceed-whole", "G1", [["G2", 407], ["G3", 400]]]);
  });

  it("a total over the same period from another source is compared with it", async () => {
    const r = await run([{ name: "t.csv", text: `${TOTAL}t2,Monitor C,700,Hama,2016-09-01/2016-09-02,total,Hama governorate,Syria\n` }]);
    expect(ids(r)).toEqual(["total t2"]);
    expect(r.groups[0]!.status).toBe("conflict");
  });
});

// Slow end-to-end checks, run by `npm run bench` before the timings (too slow for `npm test`).
// Each runs the built CLI as a real process and fails the bench (exit 1) when its output is wrong.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/reconcile.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "reconcile-checks-"));
let failed = 0;

function check(name, body) {
  const start = process.hrtime.bigint();
  try {
    body();
    console.log(`check: ${name} … ok (${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`check: ${name} … FAILED: ${error.message}`);
  }
}

async function checkAsync(name, body) {
  const start = process.hrtime.bigint();
  try {
    await body();
    console.log(`check: ${name} … ok (${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`check: ${name} … FAILED: ${error.message}`);
  }
}

function expectEqual(got, want, what) {
  if (got !== want) throw new Error(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got).slice(0, 300)}`);
}

// A group of more than ~122,000 claims once crashed: its span was Math.min(...list) over every claim,
// and spreading a million arguments overflows the stack.
check("a million identical rows: one group, single, every row in the report", () => {
  const path = join(dir, "million.csv");
  writeFileSync(path, `source,figure,location,date\n${"SOHR,25,Hama,2016-09-01\n".repeat(1_000_000)}`);
  const out = join(dir, "report.csv");
  const run = spawnSync(process.execPath, [BIN, path, "-o", out], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", TZ: "UTC" }, maxBuffer: 64 * 1024 * 1024 });
  expectEqual(run.status, 0, "exit");
  expectEqual(run.stdout, "", "stdout");
  expectEqual(run.stderr, `reconcile: 1000000 claims from 1000000 rows in 1 group: 0 conflict, 0 compatible, 0 agree, 1 single; 0 rows rejected; report written to ${out}\n`, "stderr");
  const text = readFileSync(out, "utf8");
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  expectEqual(lines, 1_000_001, "report lines");
  const first = text.slice(text.indexOf("\n") + 1, text.indexOf("\n") + 30);
  if (!/^G1,single,25,25,false,/.test(first)) throw new Error(`first row: got ${JSON.stringify(first)}`);
});

/** Run the CLI under /usr/bin/time: exit, stdout, seconds and peak RSS in MB. */
function timed(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", TZ: "UTC" }, maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const kb = Number(run.stderr.trim().split("\n").at(-1));
  return { status: run.status, stdout: run.stdout, seconds, mb: kb / 1024 };
}

// Issue 12's targets: one place and day, 20,000 claims of "at least N" from different sources,
// each row with a URL of its own: under 5 s and 300 MB. 2,000 mutually conflicting exact counts:
// under 5 s, the same outliers and consensus whatever the row order.
check("20,000 claims of one place and day, all \"at least N\": under 5 s and 300 MB", () => {
  const path = join(dir, "at-least.csv");
  const rows = Array.from({ length: 20_000 }, (_, i) => `c${i},Source ${i},at least ${1 + ((i * 7919) % 5000)},Hama,2016-09-01,https://example.org/${i}/${(i * 2654435761) % 4294967296}`);
  writeFileSync(path, `id,source,figure,location,date,url\n${rows.join("\n")}\n`);
  const run = timed([path, "--format", "json"]);
  expectEqual(run.status, 0, "exit");
  expectEqual(JSON.parse(run.stdout).groups[0].status, "compatible", "status");
  console.log(`  ${run.seconds.toFixed(2)} s, ${run.mb.toFixed(0)} MB`);
  if (run.seconds > 5 || run.mb > 300) throw new Error(`${run.seconds.toFixed(2)} s, ${run.mb.toFixed(0)} MB: over 5 s or 300 MB`);
});

check("2,000 mutually conflicting exact counts: under 5 s, the same result in either row order", () => {
  const rows = Array.from({ length: 2_000 }, (_, i) => `c${i},Source ${i},${i * 10 + 1},Hama,2016-09-01`);
  const results = [rows, [...rows].reverse()].map((order, k) => {
    const path = join(dir, `conflicting-${k}.csv`);
    writeFileSync(path, `id,source,figure,location,date\n${order.join("\n")}\n`);
    const run = timed([path, "--format", "json"]);
    expectEqual(run.status, 0, "exit");
    if (run.seconds > 5) throw new Error(`${run.seconds.toFixed(2)} s: over 5 s`);
    console.log(`  ${run.seconds.toFixed(2)} s, ${run.mb.toFixed(0)} MB`);
    const g = JSON.parse(run.stdout).groups[0];
    return JSON.stringify({ status: g.status, tie: g.tie, consensus: g.consensus, outliers: g.claims.filter((c) => c.outlier).map((c) => c.id).sort() });
  });
  expectEqual(results[1], results[0], "reversed rows");
});

// Groups the sweep alone does not cover: several measures per source, a source's own run of counts.
// They were compared pair by pair (10,000 sources stating killed and injured ran out of memory after a
// minute; 5,000 claims of 14 sources took 7 s and 1 GB): now counted from the sorted intervals.
check("10,000 sources each stating killed and injured: under 5 s and 300 MB, the same in either row order", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: 10_000 }, (_, i) => [`k${i},Src${i},${1 + Math.floor(random() * 3000)},killed,Hama,2016-09-01,https://example.org/k/${i}`, `j${i},Src${i},${1 + Math.floor(random() * 3000)},injured,Hama,2016-09-01,https://example.org/j/${i}`]).flat();
  const results = [rows, [...rows].reverse()].map((order, k) => {
    const path = join(dir, `measures-${k}.csv`);
    writeFileSync(path, `id,source,figure,outcome,location,date,url\n${order.join("\n")}\n`);
    const run = timed([path, "--format", "json"]);
    expectEqual(run.status, 0, "exit");
    console.log(`  ${run.seconds.toFixed(2)} s, ${run.mb.toFixed(0)} MB`);
    if (run.seconds > 5 || run.mb > 300) throw new Error(`${run.seconds.toFixed(2)} s, ${run.mb.toFixed(0)} MB: over 5 s or 300 MB`);
    const g = JSON.parse(run.stdout).groups[0];
    return JSON.stringify({ status: g.status, tie: g.tie, consensus: g.consensus, notes: g.notes.map((n) => n.text) });
  });
  expectEqual(results[1], results[0], "reversed rows");
});

check("5,000 claims of 14 sources, each with its own run of counts 1–100: under 5 s and 300 MB", () => {
  let seed = 5;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: 5_000 }, (_, i) => `a${i},S${Math.floor(random() * 14)},${1 + Math.floor(random() * 100)},Hama,2016-09-01,https://example.org/${i}`);
  const path = join(dir, "long-event.csv");
  writeFileSync(path, `id,source,figure,location,date,url\n${rows.join("\n")}\n`);
  const run = timed([path, "--format", "json"]);
  expectEqual(run.status, 0, "exit");
  expectEqual(JSON.parse(run.stdout).groups[0].status, "conflict", "status");
  console.log(`  ${run.seconds.toFixed(2)} s, ${run.mb.toFixed(0)} MB`);
  if (run.seconds > 5 || run.mb > 300) throw new Error(`${run.seconds.toFixed(2)} s, ${run.mb.toFixed(0)} MB: over 5 s or 300 MB`);
});

// SIGINT, SIGTERM or SIGHUP while -o is being written leaves no temporary file: the run is stopped as
// soon as its temporary report appears, and the folder must then hold only the input.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  await checkAsync(`${signal} while -o is written: no temporary file left, exit 128 + signal`, async () => {
    const folder = mkdtempSync(join(tmpdir(), "reconcile-signal-"));
    const input = join(folder, "claims.csv");
    const rows = Array.from({ length: 300_000 }, (_, i) => `S${i % 50},${i % 97},Place ${i % 5000},2016-09-${String(1 + (i % 28)).padStart(2, "0")},https://example.org/${i}`);
    writeFileSync(input, `source,figure,location,date,url\n${rows.join("\n")}\n`);
    const child = spawn(process.execPath, [BIN, input, "-o", join(folder, "report.json")], { stdio: "ignore" });
    const exited = new Promise((done) => child.on("exit", (code, sig) => done({ code, sig })));
    let seen = false;
    for (let waited = 0; waited < 60_000 && child.exitCode === null; waited += 5) {
      if (readdirSync(folder).some((f) => f.endsWith(".tmp"))) {
        seen = true;
        child.kill(signal);
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const { code } = await exited;
    const left = readdirSync(folder);
    rmSync(folder, { recursive: true, force: true });
    if (!seen) throw new Error("the run ended before its temporary report was seen");
    expectEqual(JSON.stringify(left), JSON.stringify(["claims.csv"]), "files left");
    expectEqual(code, 128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal], "exit code");
  });
}

rmSync(dir, { recursive: true, force: true });
if (failed > 0) {
  console.log(`${failed} check${failed === 1 ? "" : "s"} failed`);
  process.exit(1);
}

// Slow end-to-end checks, run by `npm run bench` before the timings (too slow for `npm test`).
// Each runs the built CLI as a real process and fails the bench (exit 1) when its output is wrong.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

rmSync(dir, { recursive: true, force: true });
if (failed > 0) {
  console.log(`${failed} check${failed === 1 ? "" : "s"} failed`);
  process.exit(1);
}

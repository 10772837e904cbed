#!/usr/bin/env node
// The benchmark: `npm run build && npm run bench`.
//
// For each size (default 100,000 and 1,000,000 claims; BENCH_SIZES=10000,100000
// to choose), generate the claims (bench/generate.js, cached in a temp dir),
// then time, each in its own child process, one after another:
//   the csv-parse floor, reconcile, reconcile --match fuzzy, and mlr / sqlite3
//   as peers where installed.
// Prints one table per size, the scaling and fuzzy/normal ratios, the targets
// with PASS/MISS, and writes the same as Markdown to bench/last-run.md.
//
// Environment:
//   BENCH_SIZES    comma-separated claim counts (underscores allowed)
//   BENCH_SEED     generator seed (default: generate.js's DEFAULT_SEED)
//   BENCH_DIR      where generated files are kept (default: $TMPDIR/reconcile-bench)
//   BENCH_TIMEOUT  per-run timeout in seconds (default 1200)
//   BENCH_REPEAT   runs per tool; the fastest wall time is kept (default 1)
//   BENCH_BASELINE a built checkout of an earlier commit (git worktree add DIR COMMIT;
//                  npm run build there): its reconcile runs beside this one, and the
//                  target "≤ 1.2× the baseline" is checked
//                  (e.g. git worktree add /tmp/base 488a14f && (cd /tmp/base && ln -s "$PWD/node_modules" . && npx tsc))

import { spawn, spawnSync } from "node:child_process";
import { existsSync, createReadStream } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate, DEFAULT_SEED, GENERATOR_VERSION } from "./generate.js";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH_DIR);
const NODE = process.execPath;

// ---------------------------------------------------------------- settings

function parseSizes(text) {
  const sizes = text.split(",").map((s) => s.trim().replace(/_/g, "")).filter(Boolean).map(Number);
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    fail(`BENCH_SIZES: expected whole numbers separated by commas, got "${text}"`);
  }
  return sizes;
}
function positive(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) fail(`${name}: expected a positive number, got "${v}"`);
  return n;
}
function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const SIZES = parseSizes(process.env.BENCH_SIZES ?? "100000,1000000");
const SEED = Number.isInteger(Number(process.env.BENCH_SEED)) && process.env.BENCH_SEED ? Number(process.env.BENCH_SEED) : DEFAULT_SEED;
const DATA_DIR = process.env.BENCH_DIR || path.join(os.tmpdir(), "reconcile-bench");
const TIMEOUT_S = positive("BENCH_TIMEOUT", 20 * 60);
const REPEAT = Math.floor(positive("BENCH_REPEAT", 1));

const TARGETS = { floorRatio: 1.5, rssMB: 1024, scaleSlack: 1.2, fuzzyRatio: 1.3 };

// ---------------------------------------------------------------- tools

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const GNU_TIME = existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-f", "%e %M", "true"], { stdio: "ignore" }).status === 0
  ? "/usr/bin/time"
  : null;

const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;
if (BASELINE && !existsSync(path.join(BASELINE, "dist", "main.js"))) fail(`BENCH_BASELINE: ${BASELINE} has no dist/main.js (build it first: npx tsc there)`);
const BASELINE_NAME = BASELINE
  ? (spawnSync("git", ["-C", BASELINE, "log", "-1", "--format=%h"], { encoding: "utf8" }).stdout.trim() || path.basename(BASELINE))
  : "";
const BASELINE_SLACK = 1.2;

/** The rows of each table: [key, label, argv(file) | null, note when skipped]. */
function tools() {
  const reconcile = [NODE, path.join(ROOT, "bin", "reconcile.js")];
  const list = [
    { key: "floor", label: "csv-parse floor (stream, count records)", argv: (f) => [NODE, path.join(BENCH_DIR, "parse-floor.js"), f] },
    { key: "io", label: "csv-parse + csv-stringify, report-wide rows", argv: (f) => [NODE, path.join(BENCH_DIR, "io-floor.js"), f] },
    { key: "normal", label: "reconcile --date-window 1 --format csv", argv: (f) => [...reconcile, f, "--date-window", "1", "--format", "csv"] },
    { key: "fuzzy", label: "reconcile --date-window 1 --match fuzzy", argv: (f) => [...reconcile, f, "--date-window", "1", "--format", "csv", "--match", "fuzzy"] },
  ];
  if (BASELINE) {
    const at = [NODE, path.join(BASELINE, "bin", "reconcile.js")];
    list.push({ key: "baseline", label: `baseline ${BASELINE_NAME}: reconcile --date-window 1 --format csv`, argv: (f) => [...at, f, "--date-window", "1", "--format", "csv"] });
  }
  list.push(has("mlr")
    ? { key: "mlr", label: "mlr count -g location,date", argv: (f) => ["mlr", "--icsv", "--ocsv", "count", "-g", "location,date", f] }
    : { key: "mlr", label: "mlr count -g location,date", skip: "mlr not installed" });
  list.push(has("sqlite3")
    ? {
        key: "sqlite3",
        label: "sqlite3 :memory: import + GROUP BY",
        argv: (f) => ["sqlite3", ":memory:", "-cmd", ".mode csv", "-cmd", `.import "${f.replace(/"/g, '\\"')}" t`,
          "SELECT location, date, count(*) FROM t GROUP BY 1,2;"],
      }
    : { key: "sqlite3", label: "sqlite3 :memory: import + GROUP BY", skip: "sqlite3 not installed" });
  return list;
}

// Children run in their own process groups; if the runner is interrupted, take them down too.
const running = new Set();
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    for (const pid of running) {
      try { process.kill(-pid, "SIGKILL"); } catch { /* already gone */ }
    }
    process.exit(130);
  });
}

/**
 * Run argv in a child, stdout to /dev/null (or captured when `capture`),
 * under /usr/bin/time when present. Never throws: a failure comes back as
 * { ok: false, exit, error }.
 */
function runChild(argv, { capture = false } = {}) {
  const marker = "__BENCH_TIME__";
  const full = GNU_TIME ? [GNU_TIME, "-f", `${marker} %e %M`, ...argv] : argv;
  return new Promise((resolve) => {
    const t0 = performance.now();
    let child;
    try {
      child = spawn(full[0], full.slice(1), {
        cwd: ROOT,
        stdio: ["ignore", capture ? "pipe" : "ignore", "pipe"],
        detached: true, // its own process group, so a timeout kills the whole tree
        env: { ...process.env, NO_COLOR: "1" },
      });
    } catch (err) {
      resolve({ ok: false, exit: "spawn failed", error: String(err.message ?? err), wall: NaN, rssMB: NaN });
      return;
    }
    running.add(child.pid);
    let stdout = "";
    let stderr = "";
    if (capture) child.stdout.on("data", (d) => { if (stdout.length < 1e6) stdout += d; });
    child.stderr.on("data", (d) => {
      stderr += d;
      if (stderr.length > 64 * 1024) stderr = stderr.slice(-32 * 1024);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
    }, TIMEOUT_S * 1000);
    let spawnError = null;
    child.on("error", (err) => { spawnError = err; });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid);
      const wall = (performance.now() - t0) / 1000;
      let rssMB = NaN;
      let exit = code;
      const lines = stderr.split("\n");
      const timeLine = lines.findLast((l) => l.startsWith(marker));
      if (timeLine) {
        const [, , kb] = timeLine.trim().split(/\s+/);
        rssMB = Number(kb) / 1024;
      }
      // GNU time reports its child's fate: "Command terminated by signal 9", "Command exited with non-zero status 2"
      const sig = lines.find((l) => /^Command terminated by signal \d+/.test(l));
      if (sig) exit = `signal ${sig.match(/\d+/)[0]}`;
      else if (signal) exit = `signal ${signal}`;
      if (timedOut) exit = `timeout after ${TIMEOUT_S} s`;
      if (spawnError) exit = `spawn failed: ${spawnError.code ?? spawnError.message}`;
      // the last words of a failing child (usually its summary), kept short for the table
      const last = lines.filter((l) => l.trim() && !l.startsWith(marker) && !/^Command (exited|terminated)/.test(l)).at(-1) ?? "";
      const message = last.length > 120 ? last.slice(0, 117) + "…" : last;
      resolve({ ok: exit === 0, exit, wall, rssMB, stdout, error: exit === 0 ? "" : message });
    });
  });
}

async function measure(tool, file) {
  let best = null;
  for (let i = 0; i < REPEAT; i++) {
    const r = await runChild(tool.argv(file), { capture: tool.key === "floor" });
    if (!r.ok) return r;
    if (!best || r.wall < best.wall) best = { ...r, rssMB: Math.max(r.rssMB, best?.rssMB ?? 0) };
    else best.rssMB = Math.max(best.rssMB, r.rssMB);
  }
  return best;
}

// ---------------------------------------------------------------- data

async function dataFile(claims) {
  await mkdir(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `claims-${claims}-seed${SEED}-v${GENERATOR_VERSION}.csv`);
  if (existsSync(file)) {
    const { size } = await stat(file);
    return { file, bytes: size, how: "reused" };
  }
  const t0 = performance.now();
  const { bytes } = await generate({ claims, seed: SEED, path: file });
  return { file, bytes, how: `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s` };
}

/** Read the file once so that no tool pays for a cold page cache. */
function warm(file) {
  return new Promise((resolve, reject) => {
    createReadStream(file, { highWaterMark: 1 << 20 }).on("data", () => {}).on("end", resolve).on("error", reject);
  });
}

// ---------------------------------------------------------------- formatting

const int = (n) => n.toLocaleString("en-US");
const secs = (r) => (r && Number.isFinite(r.wall) && r.ok ? r.wall.toFixed(2) : "-");
const mb = (r) => (r && Number.isFinite(r.rssMB) ? r.rssMB.toFixed(0) : "n/a");
const ratio = (a, b) => (a?.ok && b?.ok && b.wall > 0 ? a.wall / b.wall : NaN);
const times = (x, d = 2) => (Number.isFinite(x) ? `${x.toFixed(d)}×` : "n/a");
/** How a run ended, in words: "exit 2", "signal 9", "timeout after 1200 s". */
const fate = (r) => (typeof r.exit === "number" ? `exit ${r.exit}` : String(r.exit));

function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const right = header.map((_, i) => i > 0 && i < header.length - 1);
  const line = (cells) => cells.map((c, i) => (right[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
function mdTable(header, rows) {
  const esc = (c) => String(c).replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `|${header.map((_, i) => (i > 0 && i < header.length - 1 ? "---:" : "---")).join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync(path.join(ROOT, "dist", "main.js"))) {
    fail("dist/main.js is missing: build first (npm run build && npm run bench)");
  }
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model?.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.platform()} ${os.release()}`;
  const when = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const header = [
    `machine: ${machine}`,
    `node ${process.version}; ${when}; seed ${SEED}; peak RSS ${GNU_TIME ? "from /usr/bin/time" : "n/a (no /usr/bin/time)"}; timeout ${TIMEOUT_S} s per run${REPEAT > 1 ? `; best of ${REPEAT}` : ""}`,
  ];
  const md = ["# reconcile benchmark: last run", "", ...header.map((h) => `- ${h}`), ""];
  console.log(header.join("\n"));

  const results = new Map(); // size → key → result
  for (const claims of SIZES) {
    const data = await dataFile(claims);
    await warm(data.file);
    const title = `${int(claims)} claims: ${(data.bytes / 1e6).toFixed(1)} MB (${(data.bytes / claims).toFixed(0)} bytes/row), ${data.how}: ${data.file}`;
    console.log(`\n${title}`);
    const byKey = {};
    results.set(claims, byKey);
    for (const tool of tools()) {
      if (tool.skip) {
        byKey[tool.key] = { skip: tool.skip };
        console.log(`  ${tool.label}: skipped (${tool.skip})`);
        continue;
      }
      process.stdout.write(`  ${tool.label} … `);
      const r = await measure(tool, data.file);
      if (tool.key === "floor" && r.ok) {
        const counted = Number(r.stdout.trim());
        if (counted !== claims + 1) r.note = `counted ${counted} records, expected ${claims + 1}`;
      }
      byKey[tool.key] = r;
      console.log(r.ok ? `${r.wall.toFixed(2)} s, ${mb(r)} MB` : `FAILED (${fate(r)})${r.error ? `: ${r.error}` : ""}`);
    }

    const floor = byKey.floor;
    const rows = tools().map((tool) => {
      const r = byKey[tool.key];
      if (r.skip) return [tool.label, "-", "-", "-", `skipped: ${r.skip}`];
      const notes = [r.ok ? "" : fate(r), r.error, r.note].filter(Boolean).join("; ");
      return [tool.label, secs(r), times(ratio(r, floor)), mb(r), notes || "ok"];
    });
    const head = ["tool", "wall s", "× floor", "peak RSS MB", "exit / notes"];
    console.log("\n" + textTable(head, rows));
    md.push(`## ${int(claims)} claims`, "", `${(data.bytes / 1e6).toFixed(1)} MB, ${(data.bytes / claims).toFixed(0)} bytes/row`, "", mdTable(head, rows), "");
  }

  // ------------------------------------------------------------ ratios and targets
  const lines = [];
  const targetRows = [];
  const verdict = (ok) => (ok === null ? "n/a" : ok ? "PASS" : "MISS");

  for (const claims of SIZES) {
    const r = results.get(claims);
    const fr = ratio(r.normal, r.floor);
    targetRows.push([`reconcile ≤ ${TARGETS.floorRatio}× csv-parse`, int(claims),
      r.normal.ok ? times(fr) : `reconcile failed (${fate(r.normal)})`,
      verdict(r.normal.ok ? fr <= TARGETS.floorRatio : false)]);
  }
  for (const claims of SIZES) {
    const r = results.get(claims);
    const runs = [["normal", r.normal], ["fuzzy", r.fuzzy]];
    const known = runs.filter(([, x]) => Number.isFinite(x.rssMB));
    const failed = runs.filter(([, x]) => !x.ok);
    const measured = known.length ? known.map(([k, x]) => `${k} ${x.rssMB.toFixed(0)} MB`).join(", ") : "n/a";
    const ok = failed.length ? false : known.length < runs.length ? null : known.every(([, x]) => x.rssMB <= TARGETS.rssMB);
    targetRows.push(["peak RSS ≤ 1 GB", int(claims), measured + (failed.length ? ` (${failed.map(([k, x]) => `${k}: ${fate(x)}`).join(", ")})` : ""), verdict(ok)]);
  }
  for (let i = 1; i < SIZES.length; i++) {
    const [a, b] = [SIZES[i - 1], SIZES[i]];
    const ra = results.get(a).normal, rb = results.get(b).normal;
    const claimsRatio = b / a;
    const t = ratio(rb, ra);
    const limit = TARGETS.scaleSlack * claimsRatio;
    lines.push(`scaling: reconcile at ${int(b)} / at ${int(a)} claims = ${secs(rb)} s / ${secs(ra)} s = ${times(t)} for ${times(claimsRatio, 0)} the claims`);
    targetRows.push([`${times(claimsRatio, 0)} claims ≤ ${times(limit, 0)} time`, `${int(a)} → ${int(b)}`,
      Number.isFinite(t) ? times(t) : "n/a (a run failed)", verdict(Number.isFinite(t) ? t <= limit : false)]);
  }
  for (const claims of SIZES) {
    const r = results.get(claims);
    const fz = ratio(r.fuzzy, r.normal);
    lines.push(`fuzzy/normal at ${int(claims)}: ${secs(r.fuzzy)} s / ${secs(r.normal)} s = ${times(fz)}`);
    targetRows.push([`fuzzy ≤ ${TARGETS.fuzzyRatio}× normal`, int(claims), Number.isFinite(fz) ? times(fz) : "n/a (a run failed)",
      verdict(Number.isFinite(fz) ? fz <= TARGETS.fuzzyRatio : false)]);
  }
  if (BASELINE) {
    for (const claims of SIZES) {
      const r = results.get(claims);
      const b = ratio(r.normal, r.baseline);
      lines.push(`this commit / baseline ${BASELINE_NAME} at ${int(claims)}: ${secs(r.normal)} s / ${secs(r.baseline)} s = ${times(b)}; peak RSS ${mb(r.normal)} / ${mb(r.baseline)} MB`);
      targetRows.push([`≤ ${BASELINE_SLACK}× baseline ${BASELINE_NAME}`, int(claims), Number.isFinite(b) ? times(b) : "n/a (a run failed)", verdict(Number.isFinite(b) ? b <= BASELINE_SLACK : false)]);
    }
  }
  const thead = ["target", "size", "measured", "verdict"];
  console.log("\n" + lines.join("\n"));
  console.log("\ntargets\n" + textTable(thead, targetRows));
  md.push("## Ratios", "", ...lines.map((l) => `- ${l}`), "", "## Targets", "", mdTable(thead, targetRows), "");

  const out = path.join(BENCH_DIR, "last-run.md");
  await writeFile(out, md.join("\n"));
  console.log(`\nwrote ${path.relative(process.cwd(), out) || out}`);

  // A missed target is a result; a run that failed (exit code, signal, timeout) is not.
  const failed = [...results.values()].some((byKey) => Object.values(byKey).some((r) => !r.skip && !r.ok));
  if (failed) {
    console.log("some runs failed: see the exit / notes column");
    process.exitCode = 1;
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  process.exit(1);
});

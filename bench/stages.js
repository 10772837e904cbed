#!/usr/bin/env node
// Where the time of one run goes, in one process: reconcile() (read, group,
// compare), then making the CSV report's records, then writing them with
// csv-stringify. For profiling: node --cpu-prof bench/stages.js FILE
//
//   npm run build && node bench/stages.js FILE [--date-window N]

import { performance } from "node:perf_hooks";
import { stringify } from "csv-stringify/sync";
import { reconcile } from "../dist/index.js";
import { csvRecords } from "../dist/report/csv.js";

const [file, flag, value] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bench/stages.js FILE [--date-window N]\n");
  process.exit(2);
}
const dateWindow = flag === "--date-window" ? Number(value) : 1;

const t0 = performance.now();
const result = await reconcile({ inputs: [{ source: { path: file } }], dateWindow });
const t1 = performance.now();
let records = 0;
for (const r of csvRecords(result)) records += r.length > 0 ? 1 : 0;
const t2 = performance.now();
let bytes = 0;
const batch = [];
for (const r of csvRecords(result)) {
  batch.push(r);
  if (batch.length === 1000) {
    bytes += stringify(batch).length;
    batch.length = 0;
  }
}
bytes += stringify(batch).length;
const t3 = performance.now();
const ms = (a, b) => `${(b - a).toFixed(0)} ms`;
console.log(`${result.summary.claims} claims in ${result.summary.groups} groups`);
console.log(`reconcile()              ${ms(t0, t1)}`);
console.log(`CSV records              ${ms(t1, t2)} (${records} records)`);
console.log(`CSV records + stringify  ${ms(t2, t3)} (${(bytes / 1e6).toFixed(1)} MB)`);

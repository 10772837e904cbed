#!/usr/bin/env node
// The read-and-write floor: csv-parse reads the file (stream, arrays) and
// csv-stringify writes one record per row as wide as reconcile's CSV report
// (its 19 columns plus the input's own 10), to stdout. No reconciling at all:
// this is what reading the claims and writing the report costs with the
// design card's two CSV libraries, before any grouping or comparing.
//
//   node bench/io-floor.js FILE > /dev/null

import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node bench/io-floor.js FILE\n");
  process.exit(2);
}

// The report's own columns that are not copies of input cells (group, status, consensus, reading, match reason, file, line …).
const REPORT_ONLY = ["G1", "conflict", "3", "7", "false", "3", "7", "3", "same place", file, "0"];
let line = 0;
const widen = new Transform({
  objectMode: true,
  transform(record, _enc, done) {
    line++;
    REPORT_ONLY[REPORT_ONLY.length - 1] = String(line);
    done(null, [...REPORT_ONLY, ...record]);
  },
});
await pipeline(createReadStream(file), parse(), widen, stringify(), process.stdout);

#!/usr/bin/env node
// The floor: stream a CSV file through csv-parse (stream API, array records,
// no column mapping) and count the records. Nothing that reads the same file
// with csv-parse can be faster than this.
//
//   node bench/parse-floor.js FILE    → prints the number of records (header included)

import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node bench/parse-floor.js FILE\n");
  process.exit(2);
}

let records = 0;
const parser = parse();
parser.on("readable", () => {
  while (parser.read() !== null) records++;
});
await pipeline(createReadStream(file), parser);
process.stdout.write(`${records}\n`);

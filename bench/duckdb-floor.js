#!/usr/bin/env node
// The anchor: DuckDB reads the same CSV and groups it by place, date and source, in C++ on every core.
// It does far less than reconcile (no figures read, no names matched, no intervals compared); it shows
// what reading and grouping alone cost at best.
//
//   node bench/duckdb-floor.js FILE COLUMN...   → prints the number of groups

import { DuckDBInstance } from "@duckdb/node-api";

const [file, ...columns] = process.argv.slice(2);
if (!file || columns.length === 0) {
  process.stderr.write("usage: node bench/duckdb-floor.js FILE COLUMN...\n");
  process.exit(2);
}
const quote = (name) => `"${name.replace(/"/g, '""')}"`;
const db = await DuckDBInstance.create(":memory:");
const connection = await db.connect();
const sql = `SELECT count(*) FROM (SELECT ${columns.map(quote).join(", ")}, count(*) FROM read_csv('${file.replace(/'/g, "''")}', header = true, all_varchar = true) GROUP BY ALL)`;
const result = await connection.runAndReadAll(sql);
process.stdout.write(`${result.getRows()[0][0]}\n`);
